package vm

import (
	"math"
	"math/big"
	"math/bits"
	"strconv"
	"strings"
	"unicode"
)

// numParseErr says why a numeric literal was refused.
type numParseErr int

const (
	numOK numParseErr = iota
	numInvalid
	numOverflow // valid, but outside nl's 64-bit int range
)

// pyStrip strips the whitespace Python's int() and float() ignore and,
// as CPython does, reads any Unicode decimal digit as its ASCII digit.
func pyStrip(s string) string {
	s = strings.TrimFunc(s, pyIsSpace)
	if isASCII(s) {
		return s
	}
	return strings.Map(func(r rune) rune {
		if r >= 0x80 && unicode.Is(unicode.Nd, r) {
			// decimal digits come in runs of ten starting at a zero
			start := r
			for unicode.Is(unicode.Nd, start-1) {
				start--
			}
			return '0' + (r-start)%10
		}
		return r
	}, s)
}

// parsePyInt parses s as int(s, base) does: surrounding whitespace, a sign,
// a base prefix (required to match for base 2/8/16, chosen by it for base
// 0), and single underscores between digits.
func parsePyInt(s string, base int) (int64, numParseErr) {
	s = pyStrip(s)
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	prefixed := false
	if len(s) >= 2 && s[0] == '0' {
		var pb int
		switch s[1] {
		case 'x', 'X':
			pb = 16
		case 'o', 'O':
			pb = 8
		case 'b', 'B':
			pb = 2
		}
		if pb != 0 && (base == 0 || base == pb) {
			base = pb
			s = s[2:]
			prefixed = true
		}
	}
	if base == 0 {
		// a decimal literal: leading zeros only in zero itself
		base = 10
		if len(s) > 1 && s[0] == '0' {
			for i := 0; i < len(s); i++ {
				if s[i] != '0' && s[i] != '_' {
					return 0, numInvalid
				}
			}
		}
	}
	if s == "" {
		return 0, numInvalid
	}
	// underscores: one at a time, between digits (or after a prefix)
	if s[len(s)-1] == '_' || (s[0] == '_' && !prefixed) || strings.Contains(s, "__") {
		return 0, numInvalid
	}
	var mag uint64
	overflow := false
	ndigits := 0
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' {
			continue
		}
		var d int
		switch {
		case c >= '0' && c <= '9':
			d = int(c - '0')
		case c >= 'a' && c <= 'z':
			d = int(c-'a') + 10
		case c >= 'A' && c <= 'Z':
			d = int(c-'A') + 10
		default:
			return 0, numInvalid
		}
		if d >= base {
			return 0, numInvalid
		}
		ndigits++
		if overflow {
			continue
		}
		hi, lo := mulAdd(mag, uint64(base), uint64(d))
		if hi != 0 || lo > 1<<63 {
			overflow = true
			continue
		}
		mag = lo
	}
	if ndigits == 0 {
		return 0, numInvalid
	}
	if overflow || (!neg && mag == 1<<63) {
		return 0, numOverflow
	}
	if neg {
		return -int64(mag), numOK
	}
	return int64(mag), numOK
}

func mulAdd(a, b, c uint64) (hi, lo uint64) {
	hi, lo = bits.Mul64(a, b)
	lo, carry := bits.Add64(lo, c, 0)
	return hi + carry, lo
}

// parsePyFloat parses s as float(s) does: whitespace, sign, decimal
// literals with single underscores between digits, inf/infinity/nan in any
// case. Values beyond the float range become ±inf, as in CPython.
func parsePyFloat(s string) (float64, bool) {
	s = pyStrip(s)
	body := s
	if body != "" && (body[0] == '+' || body[0] == '-') {
		body = body[1:]
	}
	switch strings.ToLower(body) {
	case "inf", "infinity":
		if s[0] == '-' {
			return math.Inf(-1), true
		}
		return math.Inf(1), true
	case "nan":
		if s[0] == '-' {
			return math.Copysign(math.NaN(), -1), true
		}
		return math.NaN(), true
	}
	if !validFloatLiteral(body) {
		return 0, false
	}
	f, err := strconv.ParseFloat(strings.ReplaceAll(s, "_", ""), 64)
	if err != nil {
		if ne, ok := err.(*strconv.NumError); ok && ne.Err == strconv.ErrRange {
			return f, true
		}
		return 0, false
	}
	return f, true
}

// validFloatLiteral checks digits[.digits][e[sign]digits] (or .digits…)
// with underscores only between two digits.
func validFloatLiteral(s string) bool {
	i := 0
	digits := func() int {
		start := i
		for i < len(s) {
			c := s[i]
			if c >= '0' && c <= '9' {
				i++
				continue
			}
			if c == '_' && i > start && i+1 < len(s) && s[i+1] >= '0' && s[i+1] <= '9' {
				i++
				continue
			}
			break
		}
		return i - start
	}
	n := digits()
	if i < len(s) && s[i] == '.' {
		i++
		n += digits()
	}
	if n == 0 {
		return false
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		i++
		if i < len(s) && (s[i] == '+' || s[i] == '-') {
			i++
		}
		if digits() == 0 {
			return false
		}
	}
	return i == len(s)
}

// roundFloat is round(x, ndigits) for a float: correctly rounded, ties to
// even on the exact binary value, as CPython's.
func roundFloat(x float64, ndigits int64) (float64, bool) {
	if math.IsInf(x, 0) || math.IsNaN(x) || x == 0 {
		return x, true
	}
	if ndigits > 323 {
		return x, true
	}
	if ndigits < -308 {
		return math.Copysign(0, x), true
	}
	if ndigits >= 0 {
		f, _ := strconv.ParseFloat(strconv.FormatFloat(x, 'f', int(ndigits), 64), 64)
		return f, !math.IsInf(f, 0)
	}
	r := new(big.Rat).SetFloat64(x)
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(-ndigits), nil)
	r.Quo(r, new(big.Rat).SetInt(pow))
	k := roundRatHalfEven(r)
	k.Mul(k, pow)
	f, _ := new(big.Float).SetInt(k).Float64()
	if f == 0 {
		f = math.Copysign(0, x)
	}
	return f, !math.IsInf(f, 0)
}

// roundRatHalfEven rounds r to the nearest integer, ties to even.
func roundRatHalfEven(r *big.Rat) *big.Int {
	num, den := r.Num(), r.Denom()
	q, m := new(big.Int).DivMod(num, den, new(big.Int)) // floor division, m ≥ 0
	twice := new(big.Int).Lsh(m, 1)
	switch c := twice.Cmp(den); {
	case c > 0, c == 0 && q.Bit(0) == 1:
		q.Add(q, big.NewInt(1))
	}
	return q
}

// roundInt is round(x, ndigits) for an int with ndigits < 0 (ties to even);
// ok is false when the result does not fit in 64 bits.
func roundInt(x, ndigits int64) (int64, bool) {
	if ndigits >= 0 {
		return x, true
	}
	if ndigits < -19 {
		return 0, true
	}
	pow := new(big.Int).Exp(big.NewInt(10), big.NewInt(-ndigits), nil)
	r := new(big.Rat).SetFrac(big.NewInt(x), pow)
	k := roundRatHalfEven(r)
	k.Mul(k, pow)
	if !k.IsInt64() {
		return 0, false
	}
	return k.Int64(), true
}

// roundToInt is round(x) for a float: ties to even; failure kinds are NaN
// (ValueError) and infinity or out of the 64-bit range (OverflowError).
func roundToInt(x float64) (int64, numParseErr) {
	if math.IsNaN(x) {
		return 0, numInvalid
	}
	r := math.RoundToEven(x)
	if math.IsInf(r, 0) || r < -9.223372036854775808e18 || r >= 9.223372036854775808e18 {
		return 0, numOverflow
	}
	return int64(r), numOK
}
