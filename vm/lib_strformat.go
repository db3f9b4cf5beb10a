package vm

import (
	"strconv"
	"strings"
)

// fmtChunk is a piece of a str.format template: literal text, or a
// replacement field {name!conv:spec}.
type fmtChunk struct {
	literal string
	field   bool
	name    string // the arg name: "" (automatic), digits, or an identifier
	access  []fmtAccess
	conv    byte   // 0, 'r', 's', 'a'
	spec    string // raw spec; may hold nested fields
	nested  bool   // spec contains '{' and must be expanded first
}

// fmtAccess is one .attr or [key] after the argument name.
type fmtAccess struct {
	attr  bool
	name  string // attribute name or string key
	index int    // integer key when isInt
	isInt bool
}

// parseFormatTemplate splits a str.format template into chunks, with
// CPython's ValueError messages for malformed ones.
func parseFormatTemplate(s string) ([]fmtChunk, error) {
	var out []fmtChunk
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			out = append(out, fmtChunk{literal: lit.String()})
			lit.Reset()
		}
	}
	i := 0
	for i < len(s) {
		c := s[i]
		switch {
		case c == '}':
			if i+1 < len(s) && s[i+1] == '}' {
				lit.WriteByte('}')
				i += 2
				continue
			}
			return nil, fmtValueErr("Single '}' encountered in format string")
		case c == '{':
			if i+1 < len(s) && s[i+1] == '{' {
				lit.WriteByte('{')
				i += 2
				continue
			}
			if i+1 >= len(s) {
				return nil, fmtValueErr("Single '{' encountered in format string")
			}
			// find the matching '}', counting nested braces
			depth := 1
			j := i + 1
			for ; j < len(s); j++ {
				if s[j] == '{' {
					depth++
				} else if s[j] == '}' {
					depth--
					if depth == 0 {
						break
					}
				}
			}
			if j >= len(s) {
				return nil, fmtValueErr("expected '}' before end of string")
			}
			ch, err := parseFormatField(s[i+1 : j])
			if err != nil {
				return nil, err
			}
			flush()
			out = append(out, ch)
			i = j + 1
		default:
			lit.WriteByte(c)
			i++
		}
	}
	flush()
	return out, nil
}

// parseFormatField parses the inside of {...}.
func parseFormatField(f string) (fmtChunk, error) {
	ch := fmtChunk{field: true}
	// the field name ends at ':' or '!' outside square brackets
	i := 0
loop:
	for i < len(f) {
		switch f[i] {
		case '{':
			return ch, fmtValueErr("unexpected '{' in field name")
		case '[':
			for i < len(f) && f[i] != ']' {
				i++
			}
			if i < len(f) {
				i++
			}
		case ':', '!':
			break loop
		default:
			i++
		}
	}
	name := f[:i]
	rest := f[i:]
	if strings.HasPrefix(rest, "!") {
		if len(rest) < 2 {
			return ch, fmtValueErr("end of string while looking for conversion specifier")
		}
		ch.conv = rest[1]
		rest = rest[2:]
		if rest != "" && rest[0] != ':' {
			return ch, fmtValueErr("expected ':' after conversion specifier")
		}
		switch ch.conv {
		case 'r', 's', 'a':
		default:
			return ch, fmtValueErr("Unknown conversion specifier %s", string(rune(ch.conv)))
		}
	}
	if strings.HasPrefix(rest, ":") {
		ch.spec = rest[1:]
		ch.nested = strings.ContainsAny(ch.spec, "{}")
	}
	// split name into the argument name and accessors
	j := strings.IndexAny(name, ".[")
	if j < 0 {
		ch.name = name
		return ch, nil
	}
	ch.name = name[:j]
	rest = name[j:]
	for rest != "" {
		switch rest[0] {
		case '.':
			k := strings.IndexAny(rest[1:], ".[")
			if k < 0 {
				k = len(rest) - 1
			}
			attr := rest[1 : 1+k]
			if attr == "" {
				return ch, fmtValueErr("Empty attribute in format string")
			}
			ch.access = append(ch.access, fmtAccess{attr: true, name: attr})
			rest = rest[1+k:]
		case '[':
			k := strings.IndexByte(rest, ']')
			if k < 0 {
				return ch, fmtValueErr("Missing ']' in format string")
			}
			key := rest[1:k]
			if key == "" {
				return ch, fmtValueErr("Empty attribute in format string")
			}
			a := fmtAccess{name: key}
			if n, err := strconv.Atoi(key); err == nil && n >= 0 && key[0] != '+' {
				a.index, a.isInt = n, true
			}
			ch.access = append(ch.access, a)
			rest = rest[k+1:]
			if rest != "" && rest[0] != '.' && rest[0] != '[' {
				return ch, fmtValueErr("Only '.' or '[' may follow ']' in format field specifier")
			}
		default:
			return ch, fmtValueErr("Only '.' or '[' may follow ']' in format field specifier")
		}
	}
	return ch, nil
}

// argIndex reports whether the field names a positional argument by
// number.
func (ch *fmtChunk) argIndex() (int, bool) {
	if ch.name == "" {
		return 0, false
	}
	for i := 0; i < len(ch.name); i++ {
		if ch.name[i] < '0' || ch.name[i] > '9' {
			return 0, false
		}
	}
	n, err := strconv.Atoi(ch.name)
	if err != nil {
		return 0, false
	}
	return n, true
}
