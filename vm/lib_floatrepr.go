package vm

import (
	"math"
	"strconv"
	"strings"
)

// pyFloatRepr returns Python's repr (and str) of a float: the shortest
// decimal string that round-trips, in fixed notation when the decimal
// exponent is in [-4, 16) and in scientific notation otherwise, always
// showing a ".0" on integral values written in fixed notation.
func pyFloatRepr(f float64) string {
	var buf [32]byte
	return string(appendFloatRepr(buf[:0], f))
}

// appendFloatRepr appends pyFloatRepr(f) to dst without other allocation.
func appendFloatRepr(dst []byte, f float64) []byte {
	switch {
	case math.IsInf(f, 1):
		return append(dst, "inf"...)
	case math.IsInf(f, -1):
		return append(dst, "-inf"...)
	case math.IsNaN(f):
		return append(dst, "nan"...)
	}
	if math.Signbit(f) {
		dst = append(dst, '-')
		f = -f
	}
	if f == 0 {
		return append(dst, "0.0"...)
	}
	// Go's shortest 'e' form: d[.ddd]e±XX
	var ebuf [32]byte
	e := strconv.AppendFloat(ebuf[:0], f, 'e', -1, 64)
	k := len(e) - 1
	for e[k] != 'e' {
		k--
	}
	exp := 0
	for _, c := range e[k+2:] {
		exp = exp*10 + int(c-'0')
	}
	if e[k+1] == '-' {
		exp = -exp
	}
	var dbuf [20]byte
	digits := append(dbuf[:0], e[0])
	if k > 1 {
		digits = append(digits, e[2:k]...)
	}
	decpt := exp + 1
	if decpt <= -4 || decpt > 16 {
		dst = append(dst, digits[0])
		if len(digits) > 1 {
			dst = append(dst, '.')
			dst = append(dst, digits[1:]...)
		}
		dst = append(dst, 'e')
		if exp < 0 {
			dst = append(dst, '-')
			exp = -exp
		} else {
			dst = append(dst, '+')
		}
		if exp < 10 {
			dst = append(dst, '0')
		}
		return strconv.AppendInt(dst, int64(exp), 10)
	}
	switch {
	case decpt <= 0:
		dst = append(dst, "0."...)
		for i := 0; i < -decpt; i++ {
			dst = append(dst, '0')
		}
		dst = append(dst, digits...)
	case decpt >= len(digits):
		dst = append(dst, digits...)
		for i := len(digits); i < decpt; i++ {
			dst = append(dst, '0')
		}
		dst = append(dst, ".0"...)
	default:
		dst = append(dst, digits[:decpt]...)
		dst = append(dst, '.')
		dst = append(dst, digits[decpt:]...)
	}
	return dst
}

// shortestDigits returns the shortest round-tripping significant digits of
// a finite non-negative f and the position of the decimal point relative to
// them (value = 0.DIGITS × 10^decpt). Zero is ("0", 1).
func shortestDigits(f float64) (string, int) {
	if f == 0 {
		return "0", 1
	}
	var buf [32]byte
	b := strconv.AppendFloat(buf[:0], f, 'e', -1, 64)
	return splitE(b)
}

// roundedDigits is shortestDigits with exactly n significant digits
// (n ≥ 1), correctly rounded half-to-even on the exact binary value.
func roundedDigits(f float64, n int) (string, int) {
	if f == 0 {
		return strings.Repeat("0", n), 1
	}
	b := strconv.AppendFloat(make([]byte, 0, n+8), f, 'e', n-1, 64)
	return splitE(b)
}

// splitE splits Go's 'e' format "d.ddde±XX" into digits and decimal point.
func splitE(b []byte) (string, int) {
	e := strings.LastIndexByte(string(b), 'e')
	mant, exp := b[:e], b[e+1:]
	x, _ := strconv.Atoi(string(exp))
	digits := make([]byte, 0, len(mant))
	for _, c := range mant {
		if c != '.' {
			digits = append(digits, c)
		}
	}
	return string(digits), x + 1
}

// writeSci writes d.ddd e±XX with at least two exponent digits. minFrac
// pads the fraction with zeros; alt forces a decimal point.
func writeSci(sb *strings.Builder, digits string, exp int, alt bool) {
	sb.WriteByte(digits[0])
	if len(digits) > 1 || alt {
		sb.WriteByte('.')
	}
	sb.WriteString(digits[1:])
	sb.WriteByte('e')
	if exp < 0 {
		sb.WriteByte('-')
		exp = -exp
	} else {
		sb.WriteByte('+')
	}
	if exp < 10 {
		sb.WriteByte('0')
	}
	sb.WriteString(strconv.Itoa(exp))
}

// writeFixed writes digits with the decimal point at decpt, in plain
// notation. dot0 appends ".0" when there would be no fractional digits.
func writeFixed(sb *strings.Builder, digits string, decpt int, dot0 bool) {
	switch {
	case decpt <= 0:
		sb.WriteString("0.")
		for i := 0; i < -decpt; i++ {
			sb.WriteByte('0')
		}
		sb.WriteString(digits)
	case decpt >= len(digits):
		sb.WriteString(digits)
		for i := len(digits); i < decpt; i++ {
			sb.WriteByte('0')
		}
		if dot0 {
			sb.WriteString(".0")
		}
	default:
		sb.WriteString(digits[:decpt])
		sb.WriteByte('.')
		sb.WriteString(digits[decpt:])
	}
}
