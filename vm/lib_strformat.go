package vm

import (
	"strings"
)

// str.format templates, parsed as CPython parses them: left to right,
// each replacement field rendered before the next is parsed, so that the
// first error CPython would meet is the one reported.

// nextChunk reads the literal text at s[i:] up to the next replacement
// field. It returns the literal, whether a field follows (starting at the
// returned index, just past its '{'), and the index to continue from.
func nextChunk(s string, i int) (lit string, field bool, next int, err error) {
	start := i
	var c byte
	for i < len(s) {
		c = s[i]
		i++
		if c == '{' || c == '}' {
			field = true
			break
		}
	}
	if !field {
		return s[start:i], false, i, nil
	}
	atEnd := i >= len(s)
	n := i - start
	if c == '}' && (atEnd || s[i] != '}') {
		return "", false, i, fmtValueErr("Single '}' encountered in format string")
	}
	if atEnd && c == '{' {
		return "", false, i, fmtValueErr("Single '{' encountered in format string")
	}
	if s[i] == c {
		// a doubled brace is literal text
		return s[start : start+n], false, i + 1, nil
	}
	return s[start : start+n-1], true, i, nil
}

// fmtField is a parsed replacement field {name!conv:spec}.
type fmtField struct {
	name   string // the argument name with its .attr and [key] accessors
	conv   byte   // 0 or the conversion character (checked when rendered)
	spec   string
	nested bool // spec contains '{' and must be expanded first
}

// parseField parses the field whose text starts at s[i] (after '{') and
// returns it with the index just past its closing '}'.
func parseField(s string, i int) (fmtField, int, error) {
	var f fmtField
	start := i
	var c byte
	for i < len(s) {
		c = s[i]
		i++
		switch c {
		case '{':
			return f, i, fmtValueErr("unexpected '{' in field name")
		case '[':
			for i < len(s) && s[i] != ']' {
				i++
			}
			c = '['
			continue
		case '}', ':', '!':
		default:
			continue
		}
		break
	}
	if c != '}' && c != ':' && c != '!' {
		return f, i, fmtValueErr("expected '}' before end of string")
	}
	f.name = s[start : i-1]
	if c == '}' {
		return f, i, nil
	}
	if c == '!' {
		if i >= len(s) {
			return f, i, fmtValueErr("end of string while looking for conversion specifier")
		}
		f.conv = s[i]
		i++
		if i < len(s) {
			c = s[i]
			i++
			if c == '}' {
				return f, i, nil
			}
			if c != ':' {
				return f, i, fmtValueErr("expected ':' after conversion specifier")
			}
		}
	}
	specStart := i
	count := 1
	for i < len(s) {
		c = s[i]
		i++
		switch c {
		case '{':
			f.nested = true
			count++
		case '}':
			count--
			if count == 0 {
				f.spec = s[specStart : i-1]
				return f, i, nil
			}
		}
	}
	return f, i, fmtValueErr("unmatched '{' in format spec")
}

// splitFieldName splits "name.attr[key]..." into the first part and the
// accessor text that follows it.
func splitFieldName(name string) (first, rest string) {
	j := strings.IndexAny(name, ".[")
	if j < 0 {
		return name, ""
	}
	return name[:j], name[j:]
}

// nextAccessor reads one .attr or [key] from rest.
func nextAccessor(rest string) (attr bool, key string, tail string, err error) {
	switch rest[0] {
	case '.':
		j := strings.IndexAny(rest[1:], ".[")
		if j < 0 {
			j = len(rest) - 1
		}
		key, tail = rest[1:1+j], rest[1+j:]
		attr = true
	case '[':
		j := strings.IndexByte(rest, ']')
		if j < 0 {
			return false, "", "", fmtValueErr("Missing ']' in format string")
		}
		key, tail = rest[1:j], rest[j+1:]
	default:
		return false, "", "", fmtValueErr("Only '.' or '[' may follow ']' in format field specifier")
	}
	if key == "" {
		return false, "", "", fmtValueErr("Empty attribute in format string")
	}
	return attr, key, tail, nil
}

// allDigits reports whether s is a non-empty run of ASCII digits.
func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
