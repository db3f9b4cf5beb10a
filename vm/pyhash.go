package vm

import "math"

// CPython's hash values for the types whose hash is the same in every
// CPython process (ints, bools, floats and tuples of them; str, bytes and
// None are salted or address-based). hash() reports them, and set
// iteration order, which CPython derives from them, is reproduced with
// them (setorder.go). Dicts and sets still use th.Hash internally.

const (
	pyHashBits    = 61
	pyHashModulus = 1<<pyHashBits - 1
	pyHashInf     = 314159
)

// pyHashOf returns CPython's hash of v, or ok=false when CPython's hash of
// such a value is not reproducible.
func pyHashOf(v Value) (h int64, ok bool) {
	switch x := v.(type) {
	case Int64:
		return pyIntHash(int64(x)), true
	case Boolean:
		return int64(b2i(x)), true
	case Float64:
		return pyFloatHash(float64(x))
	case Tuple:
		return pyTupleHash(x)
	case *NamedTuple: // collections.namedtuple: its tuple's hash
		return pyTupleHash(x.t)
	}
	return 0, false
}

// pyFloatHash is CPython's _Py_HashDouble: the value as a fraction reduced
// modulo 2**61-1, so that equal ints and floats hash alike. NaN hashes by
// address in CPython: not reproducible.
func pyFloatHash(f float64) (int64, bool) {
	switch {
	case math.IsNaN(f):
		return 0, false
	case math.IsInf(f, 1):
		return pyHashInf, true
	case math.IsInf(f, -1):
		return -pyHashInf, true
	}
	m, e := math.Frexp(f)
	sign := int64(1)
	if m < 0 {
		sign, m = -1, -m
	}
	var x uint64
	for m != 0 {
		x = ((x << 28) & pyHashModulus) | x>>(pyHashBits-28)
		m *= 268435456.0 // 2**28
		e -= 28
		y := uint64(m)
		m -= float64(y)
		x += y
		if x >= pyHashModulus {
			x -= pyHashModulus
		}
	}
	if e >= 0 {
		e %= pyHashBits
	} else {
		e = pyHashBits - 1 - (-1-e)%pyHashBits
	}
	x = ((x << uint(e)) & pyHashModulus) | x>>(pyHashBits-uint(e))
	h := int64(x) * sign
	if h == -1 {
		h = -2
	}
	return h, true
}

// pyTupleHash is CPython 3.11's tuple hash (an xxHash-style combination
// of the element hashes).
func pyTupleHash(t Tuple) (int64, bool) {
	const (
		prime1 = 11400714785074694791
		prime2 = 14029467366897019727
		prime5 = 2870177450012600261
	)
	acc := uint64(prime5)
	for _, e := range t {
		h, ok := pyHashOf(e)
		if !ok {
			return 0, false
		}
		acc += uint64(h) * prime2
		acc = acc<<31 | acc>>33
		acc *= prime1
	}
	acc += uint64(len(t)) ^ (prime5 ^ 3527539)
	if acc == math.MaxUint64 {
		return 1546275796, true
	}
	return int64(acc), true
}
