package vm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// fmtSpec is a parsed format specification of Python's format-spec
// mini-language: [[fill]align][sign][z][#][0][width][grouping][.precision][type].
type fmtSpec struct {
	fill     rune
	align    byte // 0 when not given
	sign     byte // 0, '+', '-', ' '
	noNeg0   bool // 'z'
	alt      bool // '#'
	width    int  // -1 when not given
	grouping byte // 0, ',' or '_'
	prec     int  // -1 when not given
	typ      byte // 0 when not given
}

// errFmtValue marks format errors that Python reports as ValueError; the
// wiring layer maps it (and errFmtOverflow, errFmtType) onto exceptions.
type fmtError struct {
	kind string // "ValueError", "OverflowError", "TypeError"
	msg  string
}

func (e *fmtError) Error() string { return e.msg }

func fmtValueErr(format string, args ...any) error {
	return &fmtError{"ValueError", fmt.Sprintf(format, args...)}
}

// maxFormatWidth bounds the width and precision of a format spec.
const maxFormatWidth = 1 << 20

func isAlign(c byte) bool { return c == '<' || c == '>' || c == '^' || c == '=' }

// parseFmtSpec parses spec for an object of the named type. defType is the
// presentation type assumed when none is given ('s' for str, 'd' for int,
// 0 for float), used only to validate grouping.
func parseFmtSpec(spec, typeName string, defAlign byte) (fmtSpec, error) {
	sp := fmtSpec{fill: ' ', width: -1, prec: -1}
	pos := 0
	fillGiven := false
	// fill may be any character, so decode one rune and look past it.
	if len(spec) > 0 {
		r, n := utf8.DecodeRuneInString(spec)
		if n < len(spec) && isAlign(spec[n]) {
			sp.fill, sp.align, fillGiven = r, spec[n], true
			pos = n + 1
		} else if isAlign(spec[0]) {
			sp.align = spec[0]
			pos = 1
		}
	}
	if pos < len(spec) && (spec[pos] == '+' || spec[pos] == '-' || spec[pos] == ' ') {
		sp.sign = spec[pos]
		pos++
	}
	if pos < len(spec) && spec[pos] == 'z' {
		sp.noNeg0 = true
		pos++
	}
	if pos < len(spec) && spec[pos] == '#' {
		sp.alt = true
		pos++
	}
	if !fillGiven && pos < len(spec) && spec[pos] == '0' {
		sp.fill = '0'
		if sp.align == 0 && defAlign == '>' {
			sp.align = '='
		}
		pos++
	}
	n, w, err := fmtInteger(spec[pos:])
	if err != nil {
		return sp, err
	}
	if n > 0 {
		sp.width = w
		pos += n
	}
	if pos < len(spec) && (spec[pos] == ',' || spec[pos] == '_') {
		sp.grouping = spec[pos]
		pos++
		if pos < len(spec) && (spec[pos] == ',' || spec[pos] == '_') {
			if spec[pos] == sp.grouping && sp.grouping == '_' {
				return sp, fmtValueErr("Cannot specify '_' with '_'.")
			}
			if spec[pos] == sp.grouping {
				return sp, fmtValueErr("Cannot specify ',' with ','.")
			}
			return sp, fmtValueErr("Cannot specify both ',' and '_'.")
		}
	}
	if pos < len(spec) && spec[pos] == '.' {
		pos++
		n, p, err := fmtInteger(spec[pos:])
		if err != nil {
			return sp, err
		}
		if n == 0 {
			return sp, fmtValueErr("Format specifier missing precision")
		}
		sp.prec = p
		pos += n
	}
	if sp.width > maxFormatWidth || sp.prec > maxFormatWidth {
		// CPython would try; a VM for 64 KB devices refuses before the
		// host builds a giant string
		return sp, &fmtError{"MemoryError", fmt.Sprintf("format width or precision %d is too large (limit %d)", max(sp.width, sp.prec), maxFormatWidth)}
	}
	rest := spec[pos:]
	if len(rest) > 1 {
		return sp, fmtValueErr("Invalid format specifier '%s' for object of type '%s'", spec, typeName)
	}
	if len(rest) == 1 {
		sp.typ = rest[0]
	}
	if sp.grouping != 0 {
		t := sp.typ
		if t == 0 {
			if typeName == "str" {
				t = 's'
			}
		}
		switch t {
		case 0, 'd', 'e', 'f', 'g', 'E', 'G', '%', 'F':
		case 'b', 'o', 'x', 'X':
			if sp.grouping == '_' {
				break
			}
			fallthrough
		default:
			if t >= 0x20 && t < 0x7f {
				return sp, fmtValueErr("Cannot specify '%c' with '%c'.", sp.grouping, t)
			}
			return sp, fmtValueErr("Cannot specify '%c' with '\\x%x'.", sp.grouping, t)
		}
	}
	return sp, nil
}

// fmtInteger reads leading decimal digits; it reports how many it read.
func fmtInteger(s string) (int, int, error) {
	n, v := 0, 0
	for n < len(s) && s[n] >= '0' && s[n] <= '9' {
		if v > (math.MaxInt32-9)/10 {
			return n, 0, fmtValueErr("Too many decimal digits in format string")
		}
		v = v*10 + int(s[n]-'0')
		n++
	}
	return n, v, nil
}

func unknownFormatCode(t byte, typeName string) error {
	if t >= 0x20 && t < 0x7f {
		return fmtValueErr("Unknown format code '%c' for object of type '%s'", t, typeName)
	}
	return fmtValueErr("Unknown format code '\\x%x' for object of type '%s'", t, typeName)
}

// pad aligns s (already containing any sign) in the spec's width.
func (sp *fmtSpec) pad(s string, defAlign byte) string {
	n := utf8.RuneCountInString(s)
	if sp.width <= n {
		return s
	}
	total := sp.width - n
	align := sp.align
	if align == 0 {
		align = defAlign
	}
	var left, right int
	switch align {
	case '<':
		right = total
	case '^':
		left = total / 2
		right = total - left
	default:
		left = total
	}
	var sb strings.Builder
	sb.Grow(len(s) + total*utf8.RuneLen(sp.fill))
	for i := 0; i < left; i++ {
		sb.WriteRune(sp.fill)
	}
	sb.WriteString(s)
	for i := 0; i < right; i++ {
		sb.WriteRune(sp.fill)
	}
	return sb.String()
}

// formatStrSpec is str.__format__.
func formatStrSpec(s, spec string) (string, error) {
	if spec == "" {
		return s, nil
	}
	sp, err := parseFmtSpec(spec, "str", '<')
	if err != nil {
		return "", err
	}
	if sp.typ != 0 && sp.typ != 's' {
		return "", unknownFormatCode(sp.typ, "str")
	}
	switch {
	case sp.sign == ' ':
		return "", fmtValueErr("Space not allowed in string format specifier")
	case sp.sign != 0:
		return "", fmtValueErr("Sign not allowed in string format specifier")
	case sp.noNeg0:
		return "", fmtValueErr("Negative zero coercion (z) not allowed in string format specifier")
	case sp.alt:
		return "", fmtValueErr("Alternate form (#) not allowed in string format specifier")
	case sp.align == '=':
		return "", fmtValueErr("'=' alignment not allowed in string format specifier")
	}
	if sp.prec >= 0 {
		s = truncRunes(s, sp.prec)
	}
	return sp.pad(s, '<'), nil
}

func truncRunes(s string, n int) string {
	i := 0
	for j := range s {
		if i == n {
			return s[:j]
		}
		i++
	}
	return s
}

// formatIntSpec is int.__format__ for a 64-bit int (typeName is "int" or
// "bool" for messages).
func formatIntSpec(x int64, spec, typeName string) (string, error) {
	sp, err := parseFmtSpec(spec, typeName, '>')
	if err != nil {
		return "", err
	}
	switch sp.typ {
	case 'e', 'E', 'f', 'F', 'g', 'G', '%':
		return formatFloatParsed(float64(x), &sp)
	case 0, 'd', 'n', 'b', 'o', 'x', 'X', 'c':
	default:
		return "", unknownFormatCode(sp.typ, typeName)
	}
	if sp.prec >= 0 {
		return "", fmtValueErr("Precision not allowed in integer format specifier")
	}
	if sp.noNeg0 {
		return "", fmtValueErr("Negative zero coercion (z) not allowed in integer format specifier")
	}
	if sp.typ == 'c' {
		if sp.sign != 0 {
			return "", fmtValueErr("Sign not allowed with integer format specifier 'c'")
		}
		if sp.alt {
			return "", fmtValueErr("Alternate form (#) not allowed with integer format specifier 'c'")
		}
		if x < 0 || x > 0x10ffff {
			return "", &fmtError{"OverflowError", "%c arg not in range(0x110000)"}
		}
		return sp.pad(string(rune(x)), '>'), nil
	}
	neg := x < 0
	mag := uint64(x)
	if neg {
		mag = uint64(-x)
	}
	base, prefix := 10, ""
	switch sp.typ {
	case 'b':
		base, prefix = 2, "0b"
	case 'o':
		base, prefix = 8, "0o"
	case 'x':
		base, prefix = 16, "0x"
	case 'X':
		base, prefix = 16, "0X"
	}
	if !sp.alt {
		prefix = ""
	}
	digits := strconv.FormatUint(mag, base)
	if sp.typ == 'X' {
		digits = strings.ToUpper(digits)
	}
	return sp.assemble(neg, prefix, digits, "", groupSize(base)), nil
}

func groupSize(base int) int {
	if base == 10 {
		return 3
	}
	return 4
}

// assemble builds a formatted number from its sign, prefix, integer digits
// and the rest (fraction, exponent, '%'), applying grouping, zero padding
// inside the grouping and alignment.
func (sp *fmtSpec) assemble(neg bool, prefix, intDigits, rest string, group int) string {
	sign := ""
	switch {
	case neg:
		sign = "-"
	case sp.sign == '+':
		sign = "+"
	case sp.sign == ' ':
		sign = " "
	}
	align := sp.align
	if align == 0 {
		align = '>'
	}
	if sp.grouping != 0 {
		minWidth := 0
		if sp.fill == '0' && align == '=' && sp.width > 0 {
			minWidth = sp.width - len(sign) - len(prefix) - utf8.RuneCountInString(rest)
		}
		intDigits = groupDigits(intDigits, sp.grouping, group, minWidth)
	}
	body := intDigits + rest
	if align == '=' {
		n := len(sign) + len(prefix) + utf8.RuneCountInString(body)
		if sp.width > n {
			return sign + prefix + strings.Repeat(string(sp.fill), sp.width-n) + body
		}
		return sign + prefix + body
	}
	return sp.pad(sign+prefix+body, '>')
}

// groupDigits inserts sep every size digits from the right, first padding
// with zeros until the grouped result is at least minWidth long.
func groupDigits(d string, sep byte, size, minWidth int) string {
	grouped := func(n int) int { return n + (n-1)/size }
	if grouped(len(d)) < minWidth {
		n := len(d)
		for grouped(n) < minWidth {
			n++
		}
		d = strings.Repeat("0", n-len(d)) + d
	}
	var sb strings.Builder
	sb.Grow(grouped(len(d)))
	first := len(d) % size
	if first == 0 {
		first = size
	}
	sb.WriteString(d[:first])
	for i := first; i < len(d); i += size {
		sb.WriteByte(sep)
		sb.WriteString(d[i : i+size])
	}
	return sb.String()
}

// formatFloatSpec is float.__format__.
func formatFloatSpec(f float64, spec string) (string, error) {
	if spec == "" {
		return pyFloatRepr(f), nil
	}
	sp, err := parseFmtSpec(spec, "float", '>')
	if err != nil {
		return "", err
	}
	switch sp.typ {
	case 0, 'e', 'E', 'f', 'F', 'g', 'G', '%', 'n':
	default:
		return "", unknownFormatCode(sp.typ, "float")
	}
	return formatFloatParsed(f, &sp)
}

// formatFloatParsed formats f under an already validated spec; ints with a
// float presentation type come here too.
func formatFloatParsed(f float64, sp *fmtSpec) (string, error) {
	typ := sp.typ
	prec := sp.prec
	addDot0 := false
	if typ == 0 {
		addDot0 = true
		typ = 'r'
		if prec >= 0 {
			typ = 'g'
		}
	}
	if typ == 'n' {
		typ = 'g'
	}
	pct := ""
	if typ == '%' {
		typ = 'f'
		f *= 100
		pct = "%"
	}
	if prec < 0 {
		prec = 6
	}
	neg := math.Signbit(f)
	a := math.Abs(f)
	upper := typ == 'E' || typ == 'F' || typ == 'G'
	if math.IsInf(f, 0) || math.IsNaN(f) {
		s := "inf"
		if math.IsNaN(f) {
			s = "nan"
			neg = false
		}
		if upper {
			s = strings.ToUpper(s)
		}
		return sp.assembleSpecial(neg, s+pct), nil
	}
	var intPart, rest string
	switch typ {
	case 'r':
		digits, decpt := shortestDigits(a)
		intPart, rest = splitNumber(digits, decpt, decpt <= -4 || decpt > 16, true, sp.alt)
	case 'f', 'F':
		s := strconv.FormatFloat(a, 'f', prec, 64)
		if i := strings.IndexByte(s, '.'); i >= 0 {
			intPart, rest = s[:i], s[i:]
		} else {
			intPart = s
			if sp.alt {
				rest = "."
			}
		}
	case 'e', 'E':
		digits, decpt := roundedDigits(a, prec+1)
		intPart, rest = splitNumber(digits, decpt, true, false, sp.alt)
	case 'g', 'G':
		p := prec
		if p == 0 {
			p = 1
		}
		digits, decpt := roundedDigits(a, p)
		exp := decpt - 1
		// with the implied ".0" of a bare precision, fixed notation
		// must also leave room for one fractional digit.
		limit := p
		if addDot0 {
			limit = p - 1
		}
		sci := exp < -4 || exp >= limit
		if !sp.alt {
			digits = strings.TrimRight(digits, "0")
			if digits == "" {
				digits = "0"
			}
		}
		intPart, rest = splitNumber(digits, decpt, sci, addDot0, sp.alt)
	}
	if upper {
		rest = strings.ToUpper(rest)
	}
	if neg && sp.noNeg0 && isZeroDigits(intPart) && isZeroDigits(rest) {
		neg = false
	}
	return sp.assemble(neg, "", intPart, rest+pct, 3), nil
}

// isZeroDigits reports whether the number text has no non-zero digit
// before any exponent.
func isZeroDigits(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == 'e' || c == 'E' {
			return true
		}
		if c >= '1' && c <= '9' {
			return false
		}
	}
	return true
}

// splitNumber renders digits/decpt in fixed or scientific notation, split
// into the integer digits (for grouping) and the rest.
func splitNumber(digits string, decpt int, sci, dot0, alt bool) (string, string) {
	var sb strings.Builder
	if sci {
		writeSci(&sb, digits, decpt-1, alt)
		s := sb.String()
		return s[:1], s[1:]
	}
	writeFixed(&sb, digits, decpt, dot0)
	s := sb.String()
	i := strings.IndexByte(s, '.')
	if i < 0 {
		if alt {
			return s, "."
		}
		return s, ""
	}
	return s[:i], s[i:]
}

// assembleSpecial places inf/nan: zero padding still applies after the sign.
func (sp *fmtSpec) assembleSpecial(neg bool, s string) string {
	save := sp.grouping
	sp.grouping = 0
	out := sp.assemble(neg, "", s, "", 3)
	sp.grouping = save
	return out
}
