package vm

import (
	"bytes"
	"hash/maphash"
	"math"
	"math/bits"
	"reflect"
	"strings"
)

// CompareOp is a rich comparison operator.
type CompareOp uint8

// Comparison operators for th.Compare.
const (
	CmpLt CompareOp = iota
	CmpLe
	CmpEq
	CmpNe
	CmpGt
	CmpGe
)

var cmpSymbols = [...]string{"<", "<=", "==", "!=", ">", ">="}
var cmpDunder = [...]string{"__lt__", "__le__", "__eq__", "__ne__", "__gt__", "__ge__"}
var cmpReflect = [...]CompareOp{CmpGt, CmpGe, CmpEq, CmpNe, CmpLt, CmpLe}

// BinaryOp is a binary arithmetic or bitwise operator.
type BinaryOp uint8

// Binary operators for th.Binary.
const (
	BinAdd BinaryOp = iota
	BinSub
	BinMul
	BinTrueDiv
	BinFloorDiv
	BinMod
	BinPow
	BinLShift
	BinRShift
	BinAnd
	BinOr
	BinXor
)

var binSymbols = [...]string{"+", "-", "*", "/", "//", "%", "** or pow()", "<<", ">>", "&", "|", "^"}
var binDunder = [...]string{"__add__", "__sub__", "__mul__", "__truediv__", "__floordiv__", "__mod__", "__pow__", "__lshift__", "__rshift__", "__and__", "__or__", "__xor__"}
var binRDunder = [...]string{"__radd__", "__rsub__", "__rmul__", "__rtruediv__", "__rfloordiv__", "__rmod__", "__rpow__", "__rlshift__", "__rrshift__", "__rand__", "__ror__", "__rxor__"}

// Hooks the VM library sets (see doc.go).
var (
	formatHook  func(th *Thread, v Value, spec string) (string, error)
	percentHook func(th *Thread, format string, arg Value) (Value, error)
)

// ---- truth ----

// truthBuiltin is the truth value of a non-user value (user objects: true).
func truthBuiltin(v Value) bool {
	switch x := v.(type) {
	case NoneType:
		return false
	case Boolean:
		return bool(x)
	case Int64:
		return x != 0
	case Float64:
		return x != 0
	case String:
		return len(x) > 0
	case Bytes:
		return len(x) > 0
	case Tuple:
		return len(x) > 0
	case *List:
		return len(x.elems) > 0
	case *Dict:
		return x.ht.n > 0
	case *Set:
		return x.ht.n > 0
	case *Range:
		return x.length() > 0
	case *Deque: // collections.deque
		return x.Len() > 0
	case *NamedTuple: // collections.namedtuple
		return len(x.t) > 0
	}
	return true
}

// Truth returns bool(v), calling __bool__ or __len__ of user objects.
func (th *Thread) Truth(v Value) (bool, error) {
	o, ok := v.(*Object)
	if !ok || o.class.builtin {
		return truthBuiltin(v), nil
	}
	if m, _ := o.class.lookup("__bool__"); m != nil {
		r, err := th.callMethod(o, m, nil)
		if err != nil {
			return false, err
		}
		b, ok := r.(Boolean)
		if !ok {
			return false, typeErrorf("__bool__ should return bool, returned %s", r.Type())
		}
		return bool(b), nil
	}
	if m, _ := o.class.lookup("__len__"); m != nil {
		n, err := th.Len(o)
		return n > 0, err
	}
	return true, nil
}

// ---- equality and comparison ----

// Equal reports a == b.
func (th *Thread) Equal(a, b Value) (bool, error) {
	switch x := a.(type) {
	case Int64:
		switch y := b.(type) {
		case Int64:
			return x == y, nil
		case Float64:
			return float64(x) == float64(y), nil
		case Boolean:
			return x == b2i(y), nil
		}
	case String:
		if y, ok := b.(String); ok {
			return x == y, nil
		}
	case Float64:
		switch y := b.(type) {
		case Float64:
			return x == y, nil
		case Int64:
			return float64(x) == float64(y), nil
		case Boolean:
			return float64(x) == float64(b2i(y)), nil
		}
	case Boolean:
		switch y := b.(type) {
		case Boolean:
			return x == y, nil
		case Int64:
			return b2i(x) == y, nil
		case Float64:
			return float64(b2i(x)) == float64(y), nil
		}
	case NoneType:
		if o, ok := b.(*Object); !ok || o.class.builtin {
			return b == None, nil
		}
	case Bytes:
		if y, ok := b.(Bytes); ok {
			return x == y, nil
		}
	case Tuple:
		if y, ok := unwrapNT(b).(Tuple); ok { // unwrapNT: collections.namedtuple
			return th.seqEqual(x, y)
		}
	case *NamedTuple: // collections.namedtuple: as its tuple
		if y, ok := unwrapNT(b).(Tuple); ok {
			return th.seqEqual(x.t, y)
		}
	case *List:
		if y, ok := b.(*List); ok {
			if x == y {
				return true, nil
			}
			return th.seqEqual(x.elems, y.elems)
		}
	case *Dict:
		if y, ok := b.(*Dict); ok {
			if x.sub != nil || y.sub != nil { // collections subclasses
				return th.dictSubEqual(x, y)
			}
			return th.dictEqual(x, y)
		}
	case *Set:
		if y, ok := b.(*Set); ok {
			return th.setEqual(x, y)
		}
	case *Deque: // collections.deque
		if y, ok := b.(*Deque); ok {
			if x == y {
				return true, nil
			}
			return th.seqEqual(append([]Value(nil), x.elems()...), append([]Value(nil), y.elems()...))
		}
	case *RePattern: // re.Pattern: same source and flags
		if y, ok := b.(*RePattern); ok {
			return x.prog.src == y.prog.src && x.prog.t.flags == y.prog.t.flags, nil
		}
	case *Range:
		if y, ok := b.(*Range); ok {
			return rangeEqual(x, y), nil
		}
	case *Slice:
		if y, ok := b.(*Slice); ok {
			return th.sliceEqual(x, y)
		}
	}
	if isUser(a) || isUser(b) {
		r, err := th.richCompare(CmpEq, a, b)
		if err != nil {
			return false, err
		}
		return th.Truth(r)
	}
	return sameIdentity(a, b), nil
}

func b2i(b Boolean) Int64 {
	if b {
		return 1
	}
	return 0
}

func isUser(v Value) bool {
	o, ok := v.(*Object)
	return ok && !o.class.builtin
}

// sameIdentity implements `is` for values without user dunders.
func sameIdentity(a, b Value) bool {
	if pa := identity(a); pa != 0 {
		return pa == identity(b)
	}
	switch x := a.(type) {
	case Tuple:
		y, ok := b.(Tuple)
		return ok && len(x) == len(y) && (len(x) == 0 || &x[0] == &y[0])
	case Float64:
		y, ok := b.(Float64)
		return ok && math.Float64bits(float64(x)) == math.Float64bits(float64(y))
	case NoneType, Boolean, Int64, String, Bytes:
		return a == b
	}
	// Other value types (iterators and the like): compare only when Go can,
	// so that a non-comparable type never panics.
	if a == nil || b == nil || reflect.TypeOf(a) != reflect.TypeOf(b) || !reflect.TypeOf(a).Comparable() {
		return false
	}
	return a == b
}

// maxNesting bounds the recursion of comparisons and hashing through
// nested containers, so a deeply nested value raises RecursionError
// instead of exhausting the Go stack.
const maxNesting = 1000

func (th *Thread) nest() error {
	th.nesting++
	if th.nesting > maxNesting {
		th.nesting--
		return newError(excRecursionError, "maximum recursion depth exceeded in comparison")
	}
	return nil
}

func (th *Thread) seqEqual(x, y []Value) (bool, error) {
	if len(x) != len(y) {
		return false, nil
	}
	if err := th.nest(); err != nil {
		return false, err
	}
	defer func() { th.nesting-- }()
	for i := range x {
		if sameIdentity(x[i], y[i]) && !isFloatNaN(x[i]) {
			continue
		}
		eq, err := th.Equal(x[i], y[i])
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

func isFloatNaN(v Value) bool {
	f, ok := v.(Float64)
	return ok && f != f
}

func (th *Thread) dictEqual(x, y *Dict) (bool, error) {
	if x.ht.n != y.ht.n {
		return false, nil
	}
	if err := th.nest(); err != nil {
		return false, err
	}
	defer func() { th.nesting-- }()
	for _, e := range x.ht.entries {
		if e.key == nil {
			continue
		}
		v, ok, err := y.ht.get(th, e.key)
		if err != nil || !ok {
			return false, err
		}
		eq, err := th.Equal(e.value, v)
		if err != nil || !eq {
			return false, err
		}
	}
	return true, nil
}

func (th *Thread) setEqual(x, y *Set) (bool, error) {
	if x.ht.n != y.ht.n {
		return false, nil
	}
	return th.setSubset(x, y)
}

func (th *Thread) setSubset(x, y *Set) (bool, error) {
	for _, e := range x.ht.entries {
		if e.key == nil {
			continue
		}
		ok, err := y.Has(th, e.key)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

// Less reports a < b (for sorting, min and max).
func (th *Thread) Less(a, b Value) (bool, error) {
	switch x := a.(type) {
	case Int64:
		if y, ok := b.(Int64); ok {
			return x < y, nil
		}
	case String:
		if y, ok := b.(String); ok {
			return x < y, nil
		}
	case Float64:
		if y, ok := b.(Float64); ok {
			return x < y, nil
		}
	}
	return th.Compare(CmpLt, a, b)
}

// Compare evaluates a op b.
func (th *Thread) Compare(op CompareOp, a, b Value) (bool, error) {
	switch op {
	case CmpEq:
		return th.Equal(a, b)
	case CmpNe:
		if isUser(a) || isUser(b) {
			r, err := th.richCompare(CmpNe, a, b)
			if err != nil {
				return false, err
			}
			return th.Truth(r)
		}
		eq, err := th.Equal(a, b)
		return !eq, err
	}
	if isUser(a) || isUser(b) {
		r, err := th.richCompare(op, a, b)
		if err != nil {
			return false, err
		}
		return th.Truth(r)
	}
	c, ok, err := th.order(a, b, op)
	if err != nil {
		return false, err
	}
	if !ok {
		return false, typeErrorf("'%s' not supported between instances of '%s' and '%s'", cmpSymbols[op], a.Type(), b.Type())
	}
	return cmpResult(op, c), nil
}

// cmpResult applies op to a three-way result; c == 2 means unordered (NaN).
func cmpResult(op CompareOp, c int) bool {
	if c == 2 {
		return op == CmpNe
	}
	switch op {
	case CmpLt:
		return c < 0
	case CmpLe:
		return c <= 0
	case CmpGt:
		return c > 0
	case CmpGe:
		return c >= 0
	case CmpEq:
		return c == 0
	}
	return c != 0
}

// order returns the three-way comparison of two built-in values, with
// ok=false when they are not ordered (TypeError).
func (th *Thread) order(a, b Value, op CompareOp) (int, bool, error) {
	if ia, fa, ka := numVal(a); ka != 0 {
		ib, fb, kb := numVal(b)
		if kb == 0 {
			return 0, false, nil
		}
		if ka == numInt && kb == numInt {
			return intCmp(ia, ib), true, nil
		}
		return floatCmp(fa, fb), true, nil
	}
	switch x := a.(type) {
	case String:
		if y, ok := b.(String); ok {
			return strings.Compare(string(x), string(y)), true, nil
		}
	case Bytes:
		if y, ok := b.(Bytes); ok {
			return bytes.Compare([]byte(x), []byte(y)), true, nil
		}
	case Tuple:
		if y, ok := unwrapNT(b).(Tuple); ok { // unwrapNT: collections.namedtuple
			return th.seqOrder(x, y, op)
		}
	case *NamedTuple: // collections.namedtuple: as its tuple
		if y, ok := unwrapNT(b).(Tuple); ok {
			return th.seqOrder(x.t, y, op)
		}
	case *List:
		if y, ok := b.(*List); ok {
			return th.seqOrder(x.elems, y.elems, op)
		}
	case *Deque: // collections.deque
		if y, ok := b.(*Deque); ok {
			return th.seqOrder(append([]Value(nil), x.elems()...), append([]Value(nil), y.elems()...), op)
		}
	case *Dict:
		if isCounter(x) && isCounter(b) { // collections.Counter: multiset inclusion
			return th.counterOrder(x, b.(*Dict))
		}
	case *Set:
		if y, ok := b.(*Set); ok {
			// Sets are partially ordered by inclusion; encode the answer
			// for op directly as -1/0/1/2 semantics via subset tests.
			sub, err := th.setSubset(x, y)
			if err != nil {
				return 0, false, err
			}
			sup, err := th.setSubset(y, x)
			if err != nil {
				return 0, false, err
			}
			switch {
			case sub && sup:
				return 0, true, nil
			case sub:
				return -1, true, nil
			case sup:
				return 1, true, nil
			}
			return 2, true, nil
		}
	}
	return 0, false, nil
}

const (
	numNone = iota
	numInt
	numFloat
)

// numVal classifies a number: kind numInt (int or bool; i exact, f its
// float value) or numFloat (f), or numNone for non-numbers.
func numVal(v Value) (i int64, f float64, kind int) {
	switch x := v.(type) {
	case Int64:
		return int64(x), float64(x), numInt
	case Boolean:
		return int64(b2i(x)), float64(b2i(x)), numInt
	case Float64:
		return 0, float64(x), numFloat
	}
	return 0, 0, numNone
}

func intCmp(a, b int64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	}
	return 0
}

func floatCmp(a, b float64) int {
	switch {
	case a < b:
		return -1
	case a > b:
		return 1
	case a == b:
		return 0
	}
	return 2
}

func (th *Thread) seqOrder(x, y []Value, op CompareOp) (int, bool, error) {
	if err := th.nest(); err != nil {
		return 0, false, err
	}
	defer func() { th.nesting-- }()
	for i := 0; i < len(x) && i < len(y); i++ {
		eq, err := th.Equal(x[i], y[i])
		if err != nil {
			return 0, false, err
		}
		if eq {
			continue
		}
		lt, err := th.Compare(CmpLt, x[i], y[i])
		if err != nil {
			return 0, false, err
		}
		if lt {
			return -1, true, nil
		}
		gt, err := th.Compare(CmpGt, x[i], y[i])
		if err != nil {
			return 0, false, err
		}
		if gt {
			return 1, true, nil
		}
		return 2, true, nil
	}
	return intCmp(int64(len(x)), int64(len(y))), true, nil
}

// richCompare dispatches a comparison to user dunder methods: a.__op__(b),
// then the reflected b.__rop__(a); == and != fall back to identity.
func (th *Thread) richCompare(op CompareOp, a, b Value) (Value, error) {
	if oa, ok := a.(*Object); ok && !oa.class.builtin {
		if m, _ := oa.class.lookup(cmpDunder[op]); m != nil {
			r, err := th.callMethod(oa, m, []Value{b})
			if err != nil || r != notImplemented {
				return r, err
			}
		} else if op == CmpNe {
			if m, _ := oa.class.lookup("__eq__"); m != nil {
				r, err := th.callMethod(oa, m, []Value{b})
				if err != nil || r != notImplemented {
					if err != nil {
						return nil, err
					}
					t, err := th.Truth(r)
					return Bool(!t), err
				}
			}
		}
	}
	if ob, ok := b.(*Object); ok && !ob.class.builtin {
		rop := cmpReflect[op]
		if m, _ := ob.class.lookup(cmpDunder[rop]); m != nil {
			r, err := th.callMethod(ob, m, []Value{a})
			if err != nil || r != notImplemented {
				return r, err
			}
		}
	}
	switch op {
	case CmpEq:
		return Bool(sameIdentity(a, b)), nil
	case CmpNe:
		return Bool(!sameIdentity(a, b)), nil
	}
	if !isUser(a) && !isUser(b) {
		ok, err := th.Compare(op, a, b)
		return Bool(ok), err
	}
	return nil, typeErrorf("'%s' not supported between instances of '%s' and '%s'", cmpSymbols[op], a.Type(), b.Type())
}

// notImplemented is Python's NotImplemented singleton.
var notImplemented Value = &Object{class: newBuiltinType("NotImplementedType", typeObject)}

func init() { builtins["NotImplemented"] = notImplemented }

// ---- hashing ----

var hashSeed = maphash.MakeSeed()

// Hash returns hash(v) for a hashable value.
func (th *Thread) Hash(v Value) (uint64, error) {
	// The common keys are hashed here, outside hashSlow's defer.
	switch x := v.(type) {
	case String:
		return maphash.String(hashSeed, string(x)), nil
	case Int64:
		return uint64(x), nil
	}
	return th.hashSlow(v)
}

func (th *Thread) hashSlow(v Value) (uint64, error) {
	switch x := v.(type) {
	case String:
		return maphash.String(hashSeed, string(x)), nil
	case Int64:
		return uint64(x), nil
	case Boolean:
		return uint64(b2i(x)), nil
	case Float64:
		f := float64(x)
		if f == math.Trunc(f) && f >= -9.2e18 && f <= 9.2e18 {
			return uint64(int64(f)), nil
		}
		return mixHash(math.Float64bits(f)), nil
	case NoneType:
		return 0x9e3779b97f4a7c15, nil
	case Bytes:
		return maphash.String(hashSeed, string(x)) ^ 0x5bd1e995, nil
	case Tuple:
		if err := th.nest(); err != nil {
			return 0, err
		}
		defer func() { th.nesting-- }()
		h := uint64(0x345678)
		for _, e := range x {
			eh, err := th.Hash(e)
			if err != nil {
				return 0, err
			}
			h = (h ^ eh) * 1000003
		}
		return h ^ uint64(len(x)), nil
	case *Set:
		if !x.frozen {
			return 0, typeErrorf("unhashable type: 'set'")
		}
		var h uint64 = 1927868237
		for _, e := range x.ht.entries {
			if e.key != nil {
				h ^= mixHash(e.hash)
			}
		}
		return h, nil
	case *List, *Dict, *Deque:
		return 0, typeErrorf("unhashable type: '%s'", v.Type())
	case *NamedTuple: // collections.namedtuple: as its tuple
		return th.Hash(x.t)
	case *RePattern: // re.Pattern: by source and flags, as its ==
		h, err := th.Hash(x.pattern)
		return h ^ uint64(x.prog.t.flags), err
	case *Range:
		return mixHash(uint64(x.start)*31 + uint64(x.stop)*17 + uint64(x.step)), nil
	case *Object:
		if !x.class.builtin {
			if m, _ := x.class.lookup("__hash__"); m != nil {
				if m == None {
					return 0, typeErrorf("unhashable type: '%s'", x.class.name)
				}
				r, err := th.callMethod(x, m, nil)
				if err != nil {
					return 0, err
				}
				i, ok := asInt(r)
				if !ok {
					return 0, typeErrorf("__hash__ method should return an integer")
				}
				return uint64(i), nil
			}
			// A class defining __eq__ without __hash__ is unhashable.
			if m, _ := x.class.lookup("__eq__"); m != nil {
				return 0, typeErrorf("unhashable type: '%s'", x.class.name)
			}
		}
	}
	if p := identity(v); p != 0 {
		return mixHash(uint64(p)), nil
	}
	return 0, typeErrorf("unhashable type: '%s'", v.Type())
}

// ---- arithmetic ----

// Binary evaluates a op b.
func (th *Thread) Binary(op BinaryOp, a, b Value) (Value, error) {
	if x, ok := a.(Int64); ok {
		if y, ok := b.(Int64); ok {
			return th.intBinary(op, int64(x), int64(y))
		}
	}
	return th.binarySlow(op, a, b)
}

func (th *Thread) boxInt(i int64) (Value, error) {
	if i >= smallIntMin && i < smallIntMax {
		return smallInts[i-smallIntMin], nil
	}
	if sizeOfInt(i) > 0 {
		if err := th.charge(sizeBoxedInt); err != nil {
			return nil, err
		}
	}
	return th.slab.boxedInt(i), nil
}

func (th *Thread) boxFloat(f float64) (Value, error) {
	if err := th.charge(sizeFloat); err != nil {
		return nil, err
	}
	return th.slab.boxedFloat(f), nil
}

const errIntOverflow = "int overflow: result does not fit in 64 bits"

func (th *Thread) intBinary(op BinaryOp, x, y int64) (Value, error) {
	switch op {
	case BinAdd:
		s := x + y
		if (x^s)&(y^s) < 0 {
			return nil, overflowErrorf(errIntOverflow)
		}
		return th.boxInt(s)
	case BinSub:
		d := x - y
		if (x^y)&(x^d) < 0 {
			return nil, overflowErrorf(errIntOverflow)
		}
		return th.boxInt(d)
	case BinMul:
		p, ok := mulInt(x, y)
		if !ok {
			return nil, overflowErrorf(errIntOverflow)
		}
		return th.boxInt(p)
	case BinTrueDiv:
		if y == 0 {
			return nil, zeroDivisionErrorf("division by zero")
		}
		return th.boxFloat(float64(x) / float64(y))
	case BinFloorDiv:
		if y == 0 {
			return nil, zeroDivisionErrorf("integer division or modulo by zero")
		}
		if x == math.MinInt64 && y == -1 {
			return nil, overflowErrorf(errIntOverflow)
		}
		return th.boxInt(floorDiv(x, y))
	case BinMod:
		if y == 0 {
			return nil, zeroDivisionErrorf("integer modulo by zero")
		}
		return th.boxInt(floorMod(x, y))
	case BinPow:
		if y < 0 {
			if x == 0 {
				return nil, zeroDivisionErrorf("0.0 cannot be raised to a negative power")
			}
			return th.boxFloat(math.Pow(float64(x), float64(y)))
		}
		r, ok := powInt(x, y)
		if !ok {
			return nil, overflowErrorf(errIntOverflow)
		}
		return th.boxInt(r)
	case BinLShift:
		if y < 0 {
			return nil, valueErrorf("negative shift count")
		}
		if x == 0 {
			return MakeInt(0), nil
		}
		if y >= 63 || (x<<y)>>y != x {
			return nil, overflowErrorf(errIntOverflow)
		}
		return th.boxInt(x << y)
	case BinRShift:
		if y < 0 {
			return nil, valueErrorf("negative shift count")
		}
		if y >= 64 {
			y = 63
		}
		return th.boxInt(x >> y)
	case BinAnd:
		return th.boxInt(x & y)
	case BinOr:
		return th.boxInt(x | y)
	case BinXor:
		return th.boxInt(x ^ y)
	}
	return nil, typeErrorf("bad operator")
}

func mulInt(x, y int64) (int64, bool) {
	hi, lo := bits.Mul64(uint64(absI(x)), uint64(absI(y)))
	neg := (x < 0) != (y < 0)
	if hi != 0 {
		return 0, false
	}
	if x == math.MinInt64 || y == math.MinInt64 {
		if x == 0 || y == 0 {
			return 0, true
		}
		if (x == 1 || y == 1) && neg == (x < 0 || y < 0) {
			return math.MinInt64, true
		}
		if x == -1 || y == -1 {
			return 0, false
		}
		if x == 1 || y == 1 {
			return math.MinInt64, true
		}
		return 0, false
	}
	if neg {
		if lo > 1<<63 {
			return 0, false
		}
		return -int64(lo), true
	}
	if lo >= 1<<63 {
		return 0, false
	}
	return int64(lo), true
}

func absI(x int64) int64 {
	if x < 0 {
		return -x
	}
	return x
}

func floorDiv(x, y int64) int64 {
	q := x / y
	if (x%y != 0) && ((x < 0) != (y < 0)) {
		q--
	}
	return q
}

func floorMod(x, y int64) int64 {
	r := x % y
	if r != 0 && (r < 0) != (y < 0) {
		r += y
	}
	return r
}

func powInt(x, y int64) (int64, bool) {
	result := int64(1)
	base := x
	for y > 0 {
		if y&1 == 1 {
			r, ok := mulInt(result, base)
			if !ok {
				return 0, false
			}
			result = r
		}
		y >>= 1
		if y > 0 {
			b, ok := mulInt(base, base)
			if !ok {
				return 0, false
			}
			base = b
		}
	}
	return result, true
}

func (th *Thread) binarySlow(op BinaryOp, a, b Value) (Value, error) {
	// Numbers (int, bool, float).
	if ia, fa, ka := numVal(a); ka != numNone {
		if ib, fb, kb := numVal(b); kb != numNone {
			if ka == numInt && kb == numInt {
				if _, ba := a.(Boolean); ba && (op == BinAnd || op == BinOr || op == BinXor) {
					if _, bb := b.(Boolean); bb {
						r, _ := th.intBinary(op, ia, ib)
						return Bool(r.(Int64) != 0), nil
					}
				}
				return th.intBinary(op, ia, ib)
			}
			return th.floatBinary(op, fa, fb, a, b)
		}
	}
	// collections.namedtuple: + and * act on the tuple (the result is a tuple).
	if nt, ok := a.(*NamedTuple); ok && (op == BinMul && isIntLike(b) || op == BinAdd && !isUser(b)) {
		a = nt.t
	}
	if nt, ok := b.(*NamedTuple); ok && (op == BinMul && isIntLike(a) || op == BinAdd && isTupleLike(a)) {
		b = nt.t
	}
	switch x := a.(type) {
	case String:
		switch op {
		case BinAdd:
			if y, ok := b.(String); ok {
				return th.concatStr(x, y)
			}
			if !isUser(b) {
				return nil, typeErrorf("can only concatenate str (not \"%s\") to str", b.Type())
			}
		case BinMul:
			if n, ok := asInt(b); ok {
				return th.repeatStr(string(x), n, false)
			}
		case BinMod:
			if percentHook == nil {
				return nil, newError(excNotImplementedError, "str %% formatting is not available")
			}
			return percentHook(th, string(x), b)
		}
	case Bytes:
		switch op {
		case BinAdd:
			if y, ok := b.(Bytes); ok {
				if err := th.charge(sizeOfStr(len(x) + len(y))); err != nil {
					return nil, err
				}
				return x + y, nil
			}
			if !isUser(b) {
				return nil, typeErrorf("can't concat %s to bytes", b.Type())
			}
		case BinMul:
			if n, ok := asInt(b); ok {
				return th.repeatStr(string(x), n, true)
			}
		}
	case *List:
		switch op {
		case BinAdd:
			if y, ok := b.(*List); ok {
				elems := make([]Value, 0, len(x.elems)+len(y.elems))
				elems = append(append(elems, x.elems...), y.elems...)
				return th.NewList(elems)
			}
			if !isUser(b) {
				return nil, typeErrorf("can only concatenate list (not \"%s\") to list", b.Type())
			}
		case BinMul:
			if n, ok := asInt(b); ok {
				elems, err := th.repeatSeq(x.elems, n)
				if err != nil {
					return nil, err
				}
				return th.NewList(elems)
			}
		}
	case Tuple:
		switch op {
		case BinAdd:
			if y, ok := b.(Tuple); ok {
				elems := make([]Value, 0, len(x)+len(y))
				elems = append(append(elems, x...), y...)
				return th.NewTuple(elems)
			}
			if !isUser(b) {
				return nil, typeErrorf("can only concatenate tuple (not \"%s\") to tuple", b.Type())
			}
		case BinMul:
			if n, ok := asInt(b); ok {
				elems, err := th.repeatSeq(x, n)
				if err != nil {
					return nil, err
				}
				return th.NewTuple(elems)
			}
		}
	case *Set:
		if y, ok := b.(*Set); ok {
			if r, err, done := th.setBinary(op, x, y); done {
				return r, err
			}
		}
	case *Deque: // collections.deque
		if r, err, done := th.dequeBinary(op, x, b); done {
			return r, err
		}
	case *Dict:
		if x.sub != nil || isDictSub(b) { // collections subclasses
			if r, err, done := th.dictSubBinary(op, x, b); done {
				return r, err
			}
		}
		if y, ok := b.(*Dict); ok && op == BinOr {
			d, err := x.Copy(th)
			if err != nil {
				return nil, err
			}
			for _, e := range y.ht.entries {
				if e.key != nil {
					if err := d.Set(th, e.key, e.value); err != nil {
						return nil, err
					}
				}
			}
			return d, nil
		}
	}
	// int * sequence
	if op == BinMul {
		if n, ok := asInt(a); ok {
			switch y := b.(type) {
			case String, Bytes, *List, Tuple, *Deque: // *Deque: collections.deque
				return th.Binary(BinMul, y, MakeInt(n))
			}
		}
	}
	// User dunders.
	if oa, ok := a.(*Object); ok && !oa.class.builtin {
		if m, _ := oa.class.lookup(binDunder[op]); m != nil {
			r, err := th.callMethod(oa, m, []Value{b})
			if err != nil || r != notImplemented {
				return r, err
			}
		}
	}
	if ob, ok := b.(*Object); ok && !ob.class.builtin {
		if m, _ := ob.class.lookup(binRDunder[op]); m != nil {
			r, err := th.callMethod(ob, m, []Value{a})
			if err != nil || r != notImplemented {
				return r, err
			}
		}
	}
	if op == BinMul {
		switch a.(type) {
		case String, Bytes, *List, Tuple, *Deque, *NamedTuple: // *Deque, *NamedTuple: collections
			return nil, typeErrorf("can't multiply sequence by non-int of type '%s'", b.Type())
		}
		switch b.(type) {
		case String, Bytes, *List, Tuple, *Deque, *NamedTuple:
			return nil, typeErrorf("can't multiply sequence by non-int of type '%s'", a.Type())
		}
	}
	return nil, typeErrorf("unsupported operand type(s) for %s: '%s' and '%s'", binSymbols[op], a.Type(), b.Type())
}

func (th *Thread) floatBinary(op BinaryOp, x, y float64, a, b Value) (Value, error) {
	var r float64
	switch op {
	case BinAdd:
		r = x + y
	case BinSub:
		r = x - y
	case BinMul:
		r = x * y
	case BinTrueDiv:
		if y == 0 {
			return nil, zeroDivisionErrorf("float division by zero")
		}
		r = x / y
	case BinFloorDiv:
		if y == 0 {
			return nil, zeroDivisionErrorf("float floor division by zero")
		}
		r, _ = floatDivMod(x, y)
	case BinMod:
		if y == 0 {
			return nil, zeroDivisionErrorf("float modulo")
		}
		_, r = floatDivMod(x, y)
	case BinPow:
		if x == 0 && y < 0 {
			return nil, zeroDivisionErrorf("0.0 cannot be raised to a negative power")
		}
		if x < 0 && y != math.Trunc(y) {
			return nil, valueErrorf("negative number cannot be raised to a fractional power (complex numbers are not supported by nl)")
		}
		r = math.Pow(x, y)
		if math.IsInf(r, 0) && !math.IsInf(x, 0) && !math.IsInf(y, 0) {
			return nil, overflowErrorf("(34, 'Numerical result out of range')")
		}
	default:
		return nil, typeErrorf("unsupported operand type(s) for %s: '%s' and '%s'", binSymbols[op], a.Type(), b.Type())
	}
	return th.boxFloat(r)
}

// floatDivMod is CPython's float_divmod.
func floatDivMod(vx, wx float64) (float64, float64) {
	mod := math.Mod(vx, wx)
	div := (vx - mod) / wx
	if mod != 0 {
		if (wx < 0) != (mod < 0) {
			mod += wx
			div -= 1.0
		}
	} else {
		mod = math.Copysign(0, wx)
	}
	var floordiv float64
	if div != 0 {
		floordiv = math.Floor(div)
		if div-floordiv > 0.5 {
			floordiv += 1.0
		}
	} else {
		floordiv = math.Copysign(0, vx/wx)
	}
	return floordiv, mod
}

func (th *Thread) repeatStr(s string, n int64, isBytes bool) (Value, error) {
	if n <= 0 || len(s) == 0 {
		if isBytes {
			return Bytes(""), nil
		}
		return String(""), nil
	}
	if int64(len(s))*n > 1<<31 || n > 1<<31 {
		return nil, newError(excMemoryError, "repeated string is too large")
	}
	if err := th.charge(sizeOfStr(len(s) * int(n))); err != nil {
		return nil, err
	}
	r := strings.Repeat(s, int(n))
	if isBytes {
		return Bytes(r), nil
	}
	return String(r), nil
}

func (th *Thread) repeatSeq(elems []Value, n int64) ([]Value, error) {
	if n <= 0 || len(elems) == 0 {
		return nil, nil
	}
	if int64(len(elems))*n > 1<<28 || n > 1<<28 {
		return nil, newError(excMemoryError, "repeated sequence is too large")
	}
	total := len(elems) * int(n)
	if err := th.charge(4 * int64(total)); err != nil {
		return nil, err
	}
	out := make([]Value, 0, total)
	for i := int64(0); i < n; i++ {
		out = append(out, elems...)
	}
	return out, nil
}

// setBinary implements | & - ^ on sets; done=false means not a set op.
func (th *Thread) setBinary(op BinaryOp, x, y *Set) (Value, error, bool) {
	switch op {
	case BinOr, BinAnd, BinSub, BinXor:
	default:
		return nil, nil, false
	}
	r, err := th.NewSet(x.frozen)
	if err != nil {
		return nil, err, true
	}
	add := func(v Value) error { return r.Add(th, v) }
	switch op {
	case BinOr:
		for _, v := range x.ht.keys() {
			if err := add(v); err != nil {
				return nil, err, true
			}
		}
		for _, v := range y.ht.keys() {
			if err := add(v); err != nil {
				return nil, err, true
			}
		}
	case BinAnd, BinSub:
		for _, v := range x.ht.keys() {
			in, err := y.Has(th, v)
			if err != nil {
				return nil, err, true
			}
			if in == (op == BinAnd) {
				if err := add(v); err != nil {
					return nil, err, true
				}
			}
		}
	case BinXor:
		for _, v := range x.ht.keys() {
			in, err := y.Has(th, v)
			if err != nil {
				return nil, err, true
			}
			if !in {
				if err := add(v); err != nil {
					return nil, err, true
				}
			}
		}
		for _, v := range y.ht.keys() {
			in, err := x.Has(th, v)
			if err != nil {
				return nil, err, true
			}
			if !in {
				if err := add(v); err != nil {
					return nil, err, true
				}
			}
		}
	}
	return r, nil, true
}

// Unary operators.
func (th *Thread) unary(op string, v Value) (Value, error) {
	switch x := v.(type) {
	case Int64:
		switch op {
		case "-":
			if x == math.MinInt64 {
				return nil, overflowErrorf(errIntOverflow)
			}
			return th.boxInt(-int64(x))
		case "+":
			return x, nil
		case "~":
			return th.boxInt(^int64(x))
		}
	case Boolean:
		return th.unary(op, b2i(x))
	case Float64:
		switch op {
		case "-":
			return th.boxFloat(-float64(x))
		case "+":
			return x, nil
		}
	case *Dict:
		if x.sub != nil && x.sub.kind == kindCounter && op != "~" { // +Counter, -Counter
			return th.counterUnary(x, op == "-")
		}
	case *Object:
		if !x.class.builtin {
			name := map[string]string{"-": "__neg__", "+": "__pos__", "~": "__invert__"}[op]
			if m, _ := x.class.lookup(name); m != nil {
				return th.callMethod(x, m, nil)
			}
		}
	}
	return nil, typeErrorf("bad operand type for unary %s: '%s'", op, v.Type())
}

// Contains reports x in container.
func (th *Thread) Contains(container, x Value) (bool, error) {
	switch c := container.(type) {
	case *List:
		return th.seqContains(c.elems, x)
	case Tuple:
		return th.seqContains(c, x)
	case *NamedTuple: // collections.namedtuple
		return th.seqContains(c.t, x)
	case String:
		s, ok := x.(String)
		if !ok {
			return false, typeErrorf("'in <string>' requires string as left operand, not %s", x.Type())
		}
		return strings.Contains(string(c), string(s)), nil
	case Bytes:
		switch s := x.(type) {
		case Bytes:
			return strings.Contains(string(c), string(s)), nil
		case Int64:
			if s < 0 || s > 255 {
				return false, valueErrorf("byte must be in range(0, 256)")
			}
			return strings.IndexByte(string(c), byte(s)) >= 0, nil
		}
		return false, typeErrorf("a bytes-like object is required, not '%s'", x.Type())
	case *Dict:
		_, ok, err := c.ht.get(th, x)
		return ok, err
	case *Set:
		return c.Has(th, x)
	case *Deque: // collections.deque
		i, err := th.dequeFind(c, x, 0, c.Len())
		return i >= 0, err
	case *Range:
		i, ok := asInt(x)
		if !ok {
			if f, isF := x.(Float64); isF && float64(f) == math.Trunc(float64(f)) {
				i, ok = int64(f), true
			}
		}
		if !ok {
			return th.iterContains(c, x)
		}
		return c.contains(i), nil
	case *Object:
		if !c.class.builtin {
			if m, _ := c.class.lookup("__contains__"); m != nil {
				r, err := th.callMethod(c, m, []Value{x})
				if err != nil {
					return false, err
				}
				return th.Truth(r)
			}
		}
	}
	if !isIterable(container) {
		return false, typeErrorf("argument of type '%s' is not iterable", container.Type())
	}
	return th.iterContains(container, x)
}

func (th *Thread) seqContains(elems []Value, x Value) (bool, error) {
	for _, e := range elems {
		if sameIdentity(e, x) && !isFloatNaN(e) {
			return true, nil
		}
		eq, err := th.Equal(e, x)
		if err != nil {
			return false, err
		}
		if eq {
			return true, nil
		}
	}
	return false, nil
}

func (th *Thread) iterContains(container, x Value) (bool, error) {
	it, err := th.Iterate(container)
	if err != nil {
		return false, err
	}
	for {
		v, ok, err := it.Next(th)
		if err != nil || !ok {
			return false, err
		}
		eq, err := th.Equal(v, x)
		if err != nil || eq {
			return eq, err
		}
	}
}
