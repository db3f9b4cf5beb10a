package vm

import (
	"strings"
	"unicode/utf8"
)

// Layout helpers shared by the byte-oriented text methods (bytes now;
// str keeps its own tuned code paths in lib_str.go).

// splitFields splits s at runs of bytes for which space holds, from the
// left, making at most maxsplit splits (all when maxsplit < 0).
func splitFields(s string, maxsplit int, space func(byte) bool) []string {
	var parts []string
	i := 0
	for {
		for i < len(s) && space(s[i]) {
			i++
		}
		if i == len(s) {
			return parts
		}
		if len(parts) == maxsplit {
			return append(parts, s[i:])
		}
		j := i
		for j < len(s) && !space(s[j]) {
			j++
		}
		parts = append(parts, s[i:j])
		i = j
	}
}

// rsplitFields splits s at runs of bytes for which space holds, from the
// right, making at most maxsplit splits (all when maxsplit < 0).
func rsplitFields(s string, maxsplit int, space func(byte) bool) []string {
	var parts []string
	end := len(s)
	for {
		for end > 0 && space(s[end-1]) {
			end--
		}
		if end == 0 {
			break
		}
		if len(parts) == maxsplit {
			parts = append(parts, s[:end])
			break
		}
		j := end
		for j > 0 && !space(s[j-1]) {
			j--
		}
		parts = append(parts, s[j:end])
		end = j
	}
	reverseStrings(parts)
	return parts
}

// rsplitSep splits s at sep from the right, making at most maxsplit
// splits (all when maxsplit < 0).
func rsplitSep(s, sep string, maxsplit int) []string {
	if maxsplit < 0 {
		return strings.Split(s, sep)
	}
	var parts []string
	end := len(s)
	for len(parts) < maxsplit {
		k := strings.LastIndex(s[:end], sep)
		if k < 0 {
			break
		}
		parts = append(parts, s[k+len(sep):end])
		end = k
	}
	parts = append(parts, s[:end])
	reverseStrings(parts)
	return parts
}

func reverseStrings(p []string) {
	for i, j := 0, len(p)-1; i < j; i, j = i+1, j-1 {
		p[i], p[j] = p[j], p[i]
	}
}

// partition3 is the (head, sep, tail) of partition (last: rpartition).
func partition3(s, sep string, last bool) [3]string {
	k := strings.Index(s, sep)
	if last {
		k = strings.LastIndex(s, sep)
	}
	switch {
	case k >= 0:
		return [3]string{s[:k], sep, s[k+len(sep):]}
	case last:
		return [3]string{"", "", s}
	}
	return [3]string{s, "", ""}
}

// splitLines splits s after each line break (brk on a decoded rune; \r\n
// is one break), keeping the breaks when keep is set: str.splitlines with
// Unicode's breaks, bytes.splitlines with \n and \r (invalid UTF-8 in
// bytes decodes to one-byte RuneError, never a break, so offsets hold).
func splitLines(s string, keep bool, brk func(rune) bool) []string {
	var parts []string
	start := 0
	for i := 0; i < len(s); {
		r, n := utf8.DecodeRuneInString(s[i:])
		if !brk(r) {
			i += n
			continue
		}
		end := i
		i += n
		if r == '\r' && i < len(s) && s[i] == '\n' {
			i++
		}
		if keep {
			end = i
		}
		parts = append(parts, s[start:end])
		start = i
	}
	if start < len(s) {
		parts = append(parts, s[start:])
	}
	return parts
}

func isByteLineBreak(r rune) bool { return r == '\n' || r == '\r' }

// padLeft is how much of the margin marg goes left of the text when m
// (ljust, rjust, center) pads it to width w; center's odd split follows
// CPython.
func padLeft(m string, marg, w int) int {
	switch m {
	case "ljust":
		return 0
	case "rjust":
		return marg
	}
	return marg/2 + (marg & w & 1)
}

// zeroPad puts n zeros in front of s, after a leading sign.
func zeroPad(s string, n int) string {
	zeros := strings.Repeat("0", n)
	if s != "" && (s[0] == '+' || s[0] == '-') {
		return s[:1] + zeros + s[1:]
	}
	return zeros + s
}

// expandTabsBytes replaces each tab by spaces up to the next multiple of
// ts columns, one column per byte; ok is false when the result would
// exceed maxStrBuild (checked before anything is built).
func expandTabsBytes(s string, ts int64) (string, bool) {
	size, col := 0, 0
	walk := func(emit func(c byte, spaces int)) bool {
		size, col = 0, 0
		for i := 0; i < len(s); i++ {
			c := s[i]
			n := 0
			switch {
			case c == '\t' && ts > 0:
				n = int(ts) - col%int(ts)
				col += n
			case c == '\t':
			case c == '\n' || c == '\r':
				col = 0
			default:
				col++
			}
			if c == '\t' {
				size += n
			} else {
				size++
			}
			if size > maxStrBuild {
				return false
			}
			emit(c, n)
		}
		return true
	}
	if !walk(func(byte, int) {}) {
		return "", false
	}
	var sb strings.Builder
	sb.Grow(size)
	walk(func(c byte, spaces int) {
		if c == '\t' {
			sb.WriteString(strings.Repeat(" ", spaces))
		} else {
			sb.WriteByte(c)
		}
	})
	return sb.String(), true
}
