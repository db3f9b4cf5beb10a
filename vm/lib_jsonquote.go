package vm

import (
	"strings"
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// jsonQuote appends s as a JSON string literal the way CPython's json
// module writes it: with ensureASCII every character outside ' '..'~' is
// a \uXXXX escape (a surrogate pair beyond the BMP); without it only
// control characters, the quote and the backslash are escaped.
func jsonQuote(sb *strings.Builder, s string, ensureASCII bool) {
	sb.WriteByte('"')
	start := 0
	for i := 0; i < len(s); {
		c := s[i]
		if c >= 0x20 && c < 0x7f && c != '"' && c != '\\' {
			i++
			continue
		}
		if c >= 0x80 && !ensureASCII {
			i++
			continue
		}
		if c == 0x7f && !ensureASCII {
			i++
			continue
		}
		sb.WriteString(s[start:i])
		switch c {
		case '"':
			sb.WriteString(`\"`)
			i++
		case '\\':
			sb.WriteString(`\\`)
			i++
		case '\n':
			sb.WriteString(`\n`)
			i++
		case '\r':
			sb.WriteString(`\r`)
			i++
		case '\t':
			sb.WriteString(`\t`)
			i++
		case '\b':
			sb.WriteString(`\b`)
			i++
		case '\f':
			sb.WriteString(`\f`)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			if r >= 0x10000 {
				r -= 0x10000
				writeU4(sb, 0xd800|(r>>10))
				writeU4(sb, 0xdc00|(r&0x3ff))
			} else {
				writeU4(sb, r)
			}
		}
		start = i
	}
	sb.WriteString(s[start:])
	sb.WriteByte('"')
}

func writeU4(sb *strings.Builder, r rune) {
	sb.WriteString(`\u`)
	sb.WriteByte(hexDigits[r>>12&0xf])
	sb.WriteByte(hexDigits[r>>8&0xf])
	sb.WriteByte(hexDigits[r>>4&0xf])
	sb.WriteByte(hexDigits[r&0xf])
}
