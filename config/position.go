package config

import (
	"strconv"
	"strings"
)

// BurntSushi/toml reports positions for syntax errors but not for keys it
// could not decode, so nl finds key positions itself with this line scanner.
// It understands the parts of TOML that carry keys (table headers, arrays of
// tables, dotted keys, quoted keys) and skips multi-line strings and arrays;
// it only has to be good enough to point a user at the right line.

type keyPos struct{ line, col int }

// positions maps a key path such as "function[1].size_budget" or
// "device.esp8266.radio.rtt_ms" to where it is written.
type positions map[string]keyPos

func scanPositions(src string) positions {
	pos := positions{}
	arrayCount := map[string]int{} // array-of-tables path → elements so far
	prefix := ""
	inMulti := "" // closing delimiter of a multi-line string being skipped
	depth := 0    // bracket depth of a multi-line array value
	for n, raw := range strings.Split(src, "\n") {
		lineNo := n + 1
		line := raw
		if inMulti != "" {
			i := strings.Index(line, inMulti)
			if i < 0 {
				continue
			}
			inMulti = ""
			continue
		}
		if depth > 0 {
			depth += bracketDelta(line)
			if depth < 0 {
				depth = 0
			}
			continue
		}
		trimmed := strings.TrimSpace(line)
		col := len(line) - len(strings.TrimLeft(line, " \t")) + 1
		switch {
		case trimmed == "" || trimmed[0] == '#':
			continue
		case strings.HasPrefix(trimmed, "[["):
			end := strings.Index(trimmed, "]]")
			if end < 0 {
				continue
			}
			name := normKey(trimmed[2:end])
			name = indexParent(name, arrayCount)
			idx := arrayCount[name]
			arrayCount[name] = idx + 1
			prefix = name + "[" + strconv.Itoa(idx) + "]"
			pos[prefix] = keyPos{lineNo, col}
			continue
		case trimmed[0] == '[':
			end := strings.IndexByte(trimmed, ']')
			if end < 0 {
				continue
			}
			prefix = indexParent(normKey(trimmed[1:end]), arrayCount)
			if _, seen := pos[prefix]; !seen {
				pos[prefix] = keyPos{lineNo, col}
			}
			continue
		}
		eq := keyEnd(trimmed)
		if eq < 0 {
			continue
		}
		key := normKey(trimmed[:eq])
		full := key
		if prefix != "" {
			full = prefix + "." + key
		}
		if _, seen := pos[full]; !seen {
			pos[full] = keyPos{lineNo, col}
		}
		// Also record the parents of a dotted key so that an unknown
		// table-valued key still has a line.
		for i := strings.LastIndexByte(full, '.'); i > 0; i = strings.LastIndexByte(full[:i], '.') {
			if _, seen := pos[full[:i]]; !seen {
				pos[full[:i]] = keyPos{lineNo, col}
			}
		}
		value := strings.TrimSpace(trimmed[eq+1:])
		for _, q := range []string{`"""`, `'''`} {
			if strings.HasPrefix(value, q) && !strings.Contains(value[3:], q) {
				inMulti = q
			}
		}
		if inMulti == "" && strings.HasPrefix(value, "[") {
			if d := bracketDelta(value); d > 0 {
				depth = d
			}
		}
	}
	return pos
}

// indexParent rewrites "function.env" to "function[2].env" when function is
// an array of tables, because such a sub-table belongs to its last element.
func indexParent(name string, arrays map[string]int) string {
	parts := strings.Split(name, ".")
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += "."
		}
		out += p
		if i < len(parts)-1 {
			if n, ok := arrays[out]; ok && n > 0 {
				out += "[" + strconv.Itoa(n-1) + "]"
			}
		}
	}
	return out
}

// keyEnd finds the '=' that ends a key, outside quotes.
func keyEnd(s string) int {
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '=':
			return i
		case c == '#':
			return -1
		}
	}
	return -1
}

// normKey turns ` a . "b c" ` into `a.b c`.
func normKey(s string) string {
	var parts []string
	for _, p := range splitDotted(s) {
		p = strings.TrimSpace(p)
		if len(p) >= 2 && (p[0] == '"' || p[0] == '\'') && p[len(p)-1] == p[0] {
			p = p[1 : len(p)-1]
		}
		parts = append(parts, p)
	}
	return strings.Join(parts, ".")
}

func splitDotted(s string) []string {
	var parts []string
	var quote byte
	start := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '.':
			parts = append(parts, s[start:i])
			start = i + 1
		}
	}
	return append(parts, s[start:])
}

// bracketDelta counts [ minus ] outside strings and comments.
func bracketDelta(s string) int {
	d := 0
	var quote byte
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#':
			return d
		case c == '[':
			d++
		case c == ']':
			d--
		}
	}
	return d
}

// lookup finds a key written without array indices, as toml's Undecoded
// reports it ("function.naem"): the first element that has it wins.
func (p positions) lookup(key string) (keyPos, bool) {
	if kp, ok := p[key]; ok {
		return kp, true
	}
	best := keyPos{}
	found := false
	for k, kp := range p {
		if stripIndices(k) == key && (!found || kp.line < best.line) {
			best, found = kp, true
		}
	}
	return best, found
}

func stripIndices(k string) string {
	if !strings.Contains(k, "[") {
		return k
	}
	var b strings.Builder
	skip := false
	for i := 0; i < len(k); i++ {
		switch {
		case k[i] == '[':
			skip = true
		case k[i] == ']':
			skip = false
		case !skip:
			b.WriteByte(k[i])
		}
	}
	return b.String()
}
