package vm

import (
	"unicode/utf8"
)

const hexDigits = "0123456789abcdef"

// appendJSONQuote appends s as a JSON string literal the way CPython's json
// module writes it: with ensureASCII every character outside ' '..'~' is
// a \uXXXX escape (a surrogate pair beyond the BMP); without it only
// control characters, the quote and the backslash are escaped.
func appendJSONQuote(dst []byte, s string, ensureASCII bool) []byte {
	dst = append(dst, '"')
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
		dst = append(dst, s[start:i]...)
		switch c {
		case '"':
			dst = append(dst, `\"`...)
			i++
		case '\\':
			dst = append(dst, `\\`...)
			i++
		case '\n':
			dst = append(dst, `\n`...)
			i++
		case '\r':
			dst = append(dst, `\r`...)
			i++
		case '\t':
			dst = append(dst, `\t`...)
			i++
		case '\b':
			dst = append(dst, `\b`...)
			i++
		case '\f':
			dst = append(dst, `\f`...)
			i++
		default:
			r, n := utf8.DecodeRuneInString(s[i:])
			i += n
			if r >= 0x10000 {
				r -= 0x10000
				dst = appendU4(dst, 0xd800|(r>>10))
				dst = appendU4(dst, 0xdc00|(r&0x3ff))
			} else {
				dst = appendU4(dst, r)
			}
		}
		start = i
	}
	dst = append(dst, s[start:]...)
	return append(dst, '"')
}

// appendU4 appends a \uXXXX escape with lower-case hex digits.
func appendU4(dst []byte, r rune) []byte {
	return append(dst, '\\', 'u', hexDigits[r>>12&0xf], hexDigits[r>>8&0xf], hexDigits[r>>4&0xf], hexDigits[r&0xf])
}
