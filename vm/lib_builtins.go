package vm

import (
	"io"
	"math"
	"math/big"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Built-in functions of the library half (see doc.go for the core's).

func init() {
	for _, b := range []*Builtin{
		NewBuiltin("print", builtinPrint),
		NewBuiltin("len", builtinLen),
		NewBuiltin("repr", builtinRepr),
		NewBuiltin("abs", builtinAbs),
		NewBuiltin("round", builtinRound),
		NewBuiltin("divmod", builtinDivmod),
		NewBuiltin("pow", builtinPow),
		NewBuiltin("hex", builtinHex),
		NewBuiltin("oct", builtinOct),
		NewBuiltin("bin", builtinBin),
		NewBuiltin("ord", builtinOrd),
		NewBuiltin("chr", builtinChr),
		NewBuiltin("sum", builtinSum),
		NewBuiltin("min", builtinMin),
		NewBuiltin("max", builtinMax),
		NewBuiltin("sorted", builtinSorted),
		NewBuiltin("reversed", builtinReversed),
		NewBuiltin("any", builtinAny),
		NewBuiltin("all", builtinAll),
		NewBuiltin("enumerate", builtinEnumerate),
		NewBuiltin("zip", builtinZip),
		NewBuiltin("map", builtinMap),
		NewBuiltin("filter", builtinFilter),
	} {
		registerBuiltin(b)
	}
}

func builtinPrint(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	sep, end := " ", "\n"
	for _, kw := range kwargs {
		switch kw.Name {
		case "sep", "end":
			if kw.Value == None {
				continue
			}
			s, ok := kw.Value.(String)
			if !ok {
				return nil, typeErrorf("%s must be None or a string, not %s", kw.Name, kw.Value.Type())
			}
			if kw.Name == "sep" {
				sep = string(s)
			} else {
				end = string(s)
			}
		case "file":
			if kw.Value != None {
				return nil, typeErrorf("print() file= is not supported by nl (only None, meaning stdout)")
			}
		case "flush":
		default:
			return nil, typeErrorf("'%s' is an invalid keyword argument for print()", kw.Name)
		}
	}
	var sb strings.Builder
	for i, a := range args {
		if i > 0 {
			sb.WriteString(sep)
		}
		if s, ok := a.(String); ok {
			sb.WriteString(string(s))
			continue
		}
		s, err := th.Str(a)
		if err != nil {
			return nil, err
		}
		sb.WriteString(s)
	}
	sb.WriteString(end)
	if w := th.Stdout(); w != nil {
		if _, err := io.WriteString(w, sb.String()); err != nil {
			return nil, NewException("OSError", "print: "+err.Error())
		}
	}
	return None, nil
}

func builtinLen(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(args) != 1 || len(kwargs) != 0 {
		var x Value
		if err := UnpackPositional("len", args, kwargs, 1, &x); err != nil {
			return nil, err
		}
	}
	n, err := th.Len(args[0])
	if err != nil {
		return nil, err
	}
	return MakeInt(int64(n)), nil
}

func builtinRepr(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	if err := UnpackPositional("repr", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	s, err := th.Repr(x)
	if err != nil {
		return nil, err
	}
	return th.NewStr(s)
}

// callDunder calls a user class's special method, if it has one.
func callDunder(th *Thread, v Value, name string, args ...Value) (Value, bool, error) {
	o, ok := v.(*Object)
	if !ok {
		return nil, false, nil
	}
	m, _ := o.class.lookup(name)
	if m == nil {
		return nil, false, nil
	}
	r, err := th.Call(m, append(Tuple{v}, args...), nil)
	return r, true, err
}

func builtinAbs(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	if err := UnpackPositional("abs", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	switch v := x.(type) {
	case Int64:
		if v >= 0 {
			return v, nil
		}
		if v == math.MinInt64 {
			return nil, overflowErrorf("int too large: abs(%d) does not fit in 64 bits", v)
		}
		return th.NewInt(-int64(v))
	case Boolean:
		i, _ := asInt(v)
		return MakeInt(i), nil
	case Float64:
		return th.NewFloat(math.Abs(float64(v)))
	}
	if r, ok, err := callDunder(th, x, "__abs__"); ok {
		return r, err
	}
	return nil, typeErrorf("bad operand type for abs(): '%s'", x.Type())
}

func builtinRound(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x, nd Value = nil, None
	if err := UnpackArgs("round", args, kwargs, "number", &x, "ndigits?", &nd); err != nil {
		return nil, err
	}
	var n int64
	if nd != None {
		var ok bool
		if n, ok = asInt(nd); !ok {
			return nil, typeErrorf("'%s' object cannot be interpreted as an integer", nd.Type())
		}
	}
	switch v := x.(type) {
	case Int64, Boolean:
		i, _ := asInt(v)
		r, ok := roundInt(i, n)
		if !ok {
			return nil, overflowErrorf("int too large: round(%d, %d) does not fit in 64 bits", i, n)
		}
		return th.NewInt(r)
	case Float64:
		f := float64(v)
		if nd == None {
			r, e := roundToInt(f)
			switch e {
			case numInvalid:
				return nil, valueErrorf("cannot convert float NaN to integer")
			case numOverflow:
				if math.IsInf(f, 0) {
					return nil, overflowErrorf("cannot convert float infinity to integer")
				}
				return nil, overflowErrorf("int too large: round(%s) does not fit in 64 bits", pyFloatRepr(f))
			}
			return th.NewInt(r)
		}
		r, ok := roundFloat(f, n)
		if !ok {
			return nil, overflowErrorf("rounded value too large to represent")
		}
		return th.NewFloat(r)
	}
	var dargs []Value
	if nd != None {
		dargs = []Value{nd}
	}
	if r, ok, err := callDunder(th, x, "__round__", dargs...); ok {
		return r, err
	}
	return nil, typeErrorf("type %s doesn't define __round__ method", x.Type())
}

func builtinDivmod(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var a, b Value
	if err := UnpackPositional("divmod", args, kwargs, 2, &a, &b); err != nil {
		return nil, err
	}
	if fa, fb, ok := floatPair(a, b); ok && fb == 0 {
		_ = fa
		return nil, zeroDivisionErrorf("float divmod()")
	}
	q, err := th.Binary(BinFloorDiv, a, b)
	if err != nil {
		if ex, ok := err.(*Exception); ok && ex.Type == "TypeError" {
			return nil, typeErrorf("unsupported operand type(s) for divmod(): '%s' and '%s'", a.Type(), b.Type())
		}
		return nil, err
	}
	r, err := th.Binary(BinMod, a, b)
	if err != nil {
		return nil, err
	}
	return th.NewTuple([]Value{q, r})
}

// floatPair returns a and b as floats when both are numbers and at least
// one is a float.
func floatPair(a, b Value) (float64, float64, bool) {
	fa, aFloat, aok := numToFloat(a)
	fb, bFloat, bok := numToFloat(b)
	return fa, fb, aok && bok && (aFloat || bFloat)
}

// numToFloat converts an int, bool or float to float64; isFloat tells which.
func numToFloat(v Value) (f float64, isFloat, ok bool) {
	switch x := v.(type) {
	case Float64:
		return float64(x), true, true
	case Int64:
		return float64(x), false, true
	case Boolean:
		if x {
			return 1, false, true
		}
		return 0, false, true
	}
	return 0, false, false
}

func builtinPow(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var base, exp, mod Value = nil, nil, None
	if err := UnpackArgs("pow", args, kwargs, "base", &base, "exp", &exp, "mod?", &mod); err != nil {
		return nil, err
	}
	if mod == None {
		return th.Binary(BinPow, base, exp)
	}
	b, ok1 := asInt(base)
	e, ok2 := asInt(exp)
	m, ok3 := asInt(mod)
	if !ok1 || !ok2 || !ok3 {
		return nil, typeErrorf("pow() 3rd argument not allowed unless all arguments are integers")
	}
	if m == 0 {
		return nil, valueErrorf("pow() 3rd argument cannot be 0")
	}
	bb, eb, mb := big.NewInt(b), big.NewInt(e), big.NewInt(m)
	am := new(big.Int).Abs(mb)
	if e < 0 {
		inv := new(big.Int).ModInverse(new(big.Int).Mod(bb, am), am)
		if inv == nil {
			return nil, valueErrorf("base is not invertible for the given modulus")
		}
		bb = inv
		eb.Neg(eb)
	}
	r := new(big.Int).Exp(new(big.Int).Mod(bb, am), eb, am)
	if am.Cmp(big.NewInt(1)) == 0 {
		r.SetInt64(0)
	}
	if m < 0 && r.Sign() != 0 {
		r.Add(r, mb) // Python's result takes the sign of the modulus
	}
	return th.NewInt(r.Int64())
}

// indexValue is operator.index(v): ints, bools and objects with __index__.
func indexValue(th *Thread, v Value) (int64, error) {
	if i, ok := asInt(v); ok {
		return i, nil
	}
	if r, ok, err := callDunder(th, v, "__index__"); ok {
		if err != nil {
			return 0, err
		}
		if i, ok := r.(Int64); ok {
			return int64(i), nil
		}
		return 0, typeErrorf("__index__ returned non-int (type %s)", r.Type())
	}
	return 0, typeErrorf("'%s' object cannot be interpreted as an integer", v.Type())
}

func radixString(th *Thread, fname string, args []Value, kwargs []KeywordArg, base int, prefix string) (Value, error) {
	var x Value
	if err := UnpackPositional(fname, args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	i, err := indexValue(th, x)
	if err != nil {
		return nil, err
	}
	var s string
	if i < 0 {
		s = "-" + prefix + strconv.FormatUint(uint64(-i), base)
	} else {
		s = prefix + strconv.FormatUint(uint64(i), base)
	}
	return th.NewStr(s)
}

func builtinHex(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	return radixString(th, "hex", args, kwargs, 16, "0x")
}

func builtinOct(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	return radixString(th, "oct", args, kwargs, 8, "0o")
}

func builtinBin(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	return radixString(th, "bin", args, kwargs, 2, "0b")
}

func builtinOrd(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	if err := UnpackPositional("ord", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	switch v := x.(type) {
	case String:
		r, n := utf8.DecodeRuneInString(string(v))
		if n == 0 || n != len(v) {
			return nil, typeErrorf("ord() expected a character, but string of length %d found", utf8.RuneCountInString(string(v)))
		}
		return MakeInt(int64(r)), nil
	case Bytes:
		if len(v) != 1 {
			return nil, typeErrorf("ord() expected a character, but string of length %d found", len(v))
		}
		return MakeInt(int64(v[0])), nil
	}
	return nil, typeErrorf("ord() expected string of length 1, but %s found", x.Type())
}

func builtinChr(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	if err := UnpackPositional("chr", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	i, err := indexValue(th, x)
	if err != nil {
		return nil, err
	}
	if i < 0 || i > 0x10ffff {
		return nil, valueErrorf("chr() arg not in range(0x110000)")
	}
	return th.NewStr(string(rune(i)))
}

func builtinSum(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var it Value
	var start Value = MakeInt(0)
	if err := UnpackArgs("sum", args, kwargs, "iterable", &it, "start?", &start); err != nil {
		return nil, err
	}
	switch start.(type) {
	case String:
		return nil, typeErrorf("sum() can't sum strings [use ''.join(seq) instead]")
	case Bytes:
		return nil, typeErrorf("sum() can't sum bytes [use b''.join(seq) instead]")
	}
	acc := start
	// fast paths keep ints and floats unboxed until something else shows up
	var isum int64
	var fsum float64
	mode := 0 // 0 generic, 1 int accumulating, 2 float accumulating
	if i, ok := start.(Int64); ok {
		mode, isum = 1, int64(i)
	} else if f, ok := start.(Float64); ok {
		mode, fsum = 2, float64(f)
	}
	flush := func() error {
		var err error
		switch mode {
		case 1:
			acc, err = th.NewInt(isum)
		case 2:
			acc, err = th.NewFloat(fsum)
		}
		mode = 0
		return err
	}
	err := forEach(th, it, func(e Value) error {
		switch mode {
		case 1:
			if i, ok := e.(Int64); ok {
				s := isum + int64(i)
				if (isum > 0 && i > 0 && s < 0) || (isum < 0 && i < 0 && s >= 0) {
					return overflowErrorf("int too large: sum overflows 64 bits")
				}
				isum = s
				return nil
			}
			if f, ok := e.(Float64); ok {
				mode, fsum = 2, float64(isum)+float64(f)
				return nil
			}
		case 2:
			switch x := e.(type) {
			case Float64:
				fsum += float64(x)
				return nil
			case Int64:
				fsum += float64(x)
				return nil
			}
		}
		if err := flush(); err != nil {
			return err
		}
		var err error
		acc, err = th.Binary(BinAdd, acc, e)
		return err
	})
	if err != nil {
		return nil, err
	}
	if err := flush(); err != nil {
		return nil, err
	}
	return acc, nil
}

func builtinMin(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	return minMax(th, "min", args, kwargs, false)
}

func builtinMax(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	return minMax(th, "max", args, kwargs, true)
}

func minMax(th *Thread, name string, args []Value, kwargs []KeywordArg, isMax bool) (Value, error) {
	if err := onlyKwargs(name, kwargs, "key", "default"); err != nil {
		return nil, err
	}
	key, _ := kwargValue(kwargs, "key")
	def, hasDef := kwargValue(kwargs, "default")
	if len(args) == 0 {
		return nil, typeErrorf("%s expected at least 1 argument, got 0", name)
	}
	var items Value
	if len(args) == 1 {
		items = args[0]
	} else {
		if hasDef {
			return nil, typeErrorf("Cannot specify a default for %s() with multiple positional arguments", name)
		}
		items = Tuple(args)
	}
	var best, bestKey Value
	err := forEach(th, items, func(e Value) error {
		k := e
		if key != nil && key != None {
			var err error
			if k, err = th.Call(key, Tuple{e}, nil); err != nil {
				return err
			}
		}
		if best == nil {
			best, bestKey = e, k
			return nil
		}
		var better bool
		var err error
		// CPython compares item > best for max and item < best for min,
		// which decides the operator named in a TypeError
		if isMax {
			better, err = th.Compare(CmpGt, k, bestKey)
		} else {
			better, err = th.Compare(CmpLt, k, bestKey)
		}
		if err != nil {
			return err
		}
		if better {
			best, bestKey = e, k
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	if best == nil {
		if hasDef {
			return def, nil
		}
		return nil, valueErrorf("%s() arg is an empty sequence", name)
	}
	return best, nil
}

func builtinSorted(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(args) != 1 {
		return nil, typeErrorf("sorted expected 1 argument, got %d", len(args))
	}
	if err := onlyKwargs("sort", kwargs, "key", "reverse"); err != nil {
		return nil, err
	}
	elems, err := iterCollect(th, args[0])
	if err != nil {
		return nil, err
	}
	l, err := th.NewList(elems)
	if err != nil {
		return nil, err
	}
	if err := sortList(th, l, kwargs); err != nil {
		return nil, err
	}
	return l, nil
}

// sortList is list.sort(key=, reverse=) once the keywords are checked.
func sortList(th *Thread, l *List, kwargs []KeywordArg) error {
	key, _ := kwargValue(kwargs, "key")
	rev := false
	if r, ok := kwargValue(kwargs, "reverse"); ok {
		i, isInt := asInt(r)
		if !isInt {
			if _, isFloat := r.(Float64); isFloat {
				return typeErrorf("'float' object cannot be interpreted as an integer")
			}
			t, err := th.Truth(r)
			if err != nil {
				return err
			}
			rev = t
		} else {
			rev = i != 0
		}
	}
	// sort a private copy so a key function that looks at the list sees it
	// empty, as in CPython, and a failed sort leaves it whole
	elems := append([]Value(nil), l.elems...)
	if err := sortValues(th, elems, key, rev); err != nil {
		return err
	}
	copy(l.elems, elems)
	return nil
}

func builtinReversed(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	if err := UnpackPositional("reversed", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	switch v := x.(type) {
	case *List:
		i := len(v.elems)
		return newIter(th, "list_reverseiterator", func(th *Thread) (Value, bool, error) {
			if i > len(v.elems) {
				i = len(v.elems)
			}
			if i <= 0 {
				return nil, false, nil
			}
			i--
			return v.elems[i], true, nil
		})
	case Tuple:
		i := len(v)
		return newIter(th, "reversed", func(th *Thread) (Value, bool, error) {
			if i <= 0 {
				return nil, false, nil
			}
			i--
			return v[i], true, nil
		})
	case String:
		rs := []rune(string(v))
		i := len(rs)
		return newIter(th, "reversed", func(th *Thread) (Value, bool, error) {
			if i <= 0 {
				return nil, false, nil
			}
			i--
			s, err := th.NewStr(string(rs[i]))
			return s, err == nil, err
		})
	case *Range:
		n := v.Len()
		var k int64
		return newIter(th, "range_iterator", func(th *Thread) (Value, bool, error) {
			if k >= n {
				return nil, false, nil
			}
			k++
			x, err := th.NewInt(v.start + (n-k)*v.step)
			return x, err == nil, err
		})
	case *Deque: // collections.deque
		return th.dequeIterate(v, true)
	case *NamedTuple: // collections.namedtuple
		return builtinReversed(th, []Value{v.t}, nil)
	case *Dict:
		keys := v.Keys()
		i := len(keys)
		return newIter(th, "dict_reversekeyiterator", func(th *Thread) (Value, bool, error) {
			if i <= 0 {
				return nil, false, nil
			}
			i--
			return keys[i], true, nil
		})
	case *Object:
		if r, ok, err := callDunder(th, v, "__reversed__"); ok {
			return r, err
		}
		if m, _ := v.class.lookup("__getitem__"); m != nil {
			n, err := th.Len(v)
			if err != nil {
				return nil, err
			}
			i := n
			return newIter(th, "reversed", func(th *Thread) (Value, bool, error) {
				if i <= 0 {
					return nil, false, nil
				}
				i--
				e, err := th.GetItem(v, MakeInt(int64(i)))
				return e, err == nil, err
			})
		}
	}
	return nil, typeErrorf("'%s' object is not reversible", x.Type())
}

// newIter makes a native iterator charged to the heap.
func newIter(th *Thread, name string, next func(th *Thread) (Value, bool, error)) (Value, error) {
	if err := th.Alloc(sizeIterator); err != nil {
		return nil, err
	}
	return NewIterator(name, next), nil
}

func builtinAny(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	return anyAll(th, "any", args, kwargs, true)
}

func builtinAll(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	return anyAll(th, "all", args, kwargs, false)
}

func anyAll(th *Thread, name string, args []Value, kwargs []KeywordArg, want bool) (Value, error) {
	var x Value
	if err := UnpackPositional(name, args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	found := false
	err := forEach(th, x, func(e Value) error {
		t, err := th.Truth(e)
		if err != nil {
			return err
		}
		if t == want {
			found = true
			return errStop
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return Bool(found == want), nil
}

// iterOf returns an iterator over v.
func iterOf(th *Thread, v Value) (Iterator, error) { return th.Iterate(v) }

func builtinEnumerate(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	var start Value = MakeInt(0)
	if err := UnpackArgs("enumerate", args, kwargs, "iterable", &x, "start?", &start); err != nil {
		return nil, err
	}
	n, err := indexValue(th, start)
	if err != nil {
		return nil, err
	}
	it, err := iterOf(th, x)
	if err != nil {
		return nil, err
	}
	return newIter(th, "enumerate", func(th *Thread) (Value, bool, error) {
		e, ok, err := it.Next(th)
		if !ok || err != nil {
			return nil, false, err
		}
		i, err := th.NewInt(n)
		if err != nil {
			return nil, false, err
		}
		n++
		t, err := th.NewTuple([]Value{i, e})
		return t, err == nil, err
	})
}

func builtinZip(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	strict := false
	for _, kw := range kwargs {
		if kw.Name != "strict" {
			return nil, typeErrorf("zip() got an unexpected keyword argument '%s'", kw.Name)
		}
		t, err := th.Truth(kw.Value)
		if err != nil {
			return nil, err
		}
		strict = t
	}
	its := make([]Iterator, len(args))
	for i, a := range args {
		it, err := iterOf(th, a)
		if err != nil {
			return nil, err
		}
		its[i] = it
	}
	done := len(its) == 0
	return newIter(th, "zip", func(th *Thread) (Value, bool, error) {
		if done {
			return nil, false, nil
		}
		elems := make([]Value, len(its))
		for i, it := range its {
			e, ok, err := it.Next(th)
			if err != nil {
				return nil, false, err
			}
			if !ok {
				done = true
				if strict {
					if i > 0 {
						return nil, false, valueErrorf("zip() argument %d is shorter than argument%s%s", i+1, pluralS(i), argRange(i))
					}
					for j := 1; j < len(its); j++ {
						_, ok, err := its[j].Next(th)
						if err != nil {
							return nil, false, err
						}
						if ok {
							return nil, false, valueErrorf("zip() argument %d is longer than argument%s%s", j+1, pluralS(j), argRange(j))
						}
					}
				}
				return nil, false, nil
			}
			elems[i] = e
		}
		t, err := th.NewTuple(elems)
		return t, err == nil, err
	})
}

func pluralS(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// argRange is " 1" or "s 1-2" for zip's strict messages.
func argRange(n int) string {
	if n == 1 {
		return " 1"
	}
	return " 1-" + strconv.Itoa(n)
}

func builtinMap(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(kwargs) > 0 {
		return nil, typeErrorf("map() takes no keyword arguments")
	}
	if len(args) < 2 {
		return nil, typeErrorf("map() must have at least two arguments.")
	}
	fn := args[0]
	its := make([]Iterator, len(args)-1)
	for i, a := range args[1:] {
		it, err := iterOf(th, a)
		if err != nil {
			return nil, err
		}
		its[i] = it
	}
	return newIter(th, "map", func(th *Thread) (Value, bool, error) {
		cargs := make(Tuple, len(its))
		for i, it := range its {
			e, ok, err := it.Next(th)
			if !ok || err != nil {
				return nil, false, err
			}
			cargs[i] = e
		}
		r, err := th.Call(fn, cargs, nil)
		return r, err == nil, err
	})
}

func builtinFilter(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var fn, x Value
	if err := UnpackPositional("filter", args, kwargs, 2, &fn, &x); err != nil {
		return nil, err
	}
	it, err := iterOf(th, x)
	if err != nil {
		return nil, err
	}
	return newIter(th, "filter", func(th *Thread) (Value, bool, error) {
		for {
			e, ok, err := it.Next(th)
			if !ok || err != nil {
				return nil, false, err
			}
			t := e
			if fn != None {
				if t, err = th.Call(fn, Tuple{e}, nil); err != nil {
					return nil, false, err
				}
			}
			keep, err := th.Truth(t)
			if err != nil {
				return nil, false, err
			}
			if keep {
				return e, true, nil
			}
		}
	})
}
