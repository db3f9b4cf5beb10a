package vm

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Constructors of the built-in types: int(), float(), str(), bool(),
// bytes(), list(), tuple(), dict(), set(), frozenset().

func init() {
	typeInt.construct = constructInt
	typeFloat.construct = constructFloat
	typeStr.construct = constructStr
	typeBool.construct = constructBool
	typeBytes.construct = constructBytes
	typeList.construct = constructList
	typeTuple.construct = constructTuple
	typeDict.construct = constructDict
	typeSet.construct = constructSet
	typeFrozenset.construct = constructFrozenset
}

// smallIntStrs holds str(i) for small non-negative i, boxed once.
var smallIntStrs [1024]Value

func init() {
	for i := range smallIntStrs {
		smallIntStrs[i] = String(strconv.Itoa(i))
	}
}

func constructInt(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	var base Value
	if err := UnpackArgs("int", args, kwargs, "x?", &x, "base?", &base); err != nil {
		return nil, err
	}
	if x == nil {
		if base != nil {
			return nil, typeErrorf("int() missing string argument")
		}
		return MakeInt(0), nil
	}
	if base != nil {
		b, err := indexValue(th, base)
		if err != nil {
			return nil, err
		}
		if b != 0 && (b < 2 || b > 36) {
			return nil, valueErrorf("int() base must be >= 2 and <= 36, or 0")
		}
		switch s := x.(type) {
		case String:
			return intFromString(th, string(s), int(b), x)
		case Bytes:
			return intFromString(th, string(s), int(b), x)
		}
		return nil, typeErrorf("int() can't convert non-string with explicit base")
	}
	switch v := x.(type) {
	case Int64:
		return v, nil
	case Boolean:
		i, _ := asInt(v)
		return MakeInt(i), nil
	case Float64:
		return floatToInt(th, float64(v))
	case String:
		return intFromString(th, string(v), 10, x)
	case Bytes:
		return intFromString(th, string(v), 10, x)
	}
	for _, m := range []string{"__int__", "__index__"} {
		if r, ok, err := callDunder(th, x, m); ok {
			if err != nil {
				return nil, err
			}
			if i, ok := asInt(r); ok {
				return MakeInt(i), nil
			}
			return nil, typeErrorf("%s returned non-int (type %s)", m, r.Type())
		}
	}
	if r, ok, err := callDunder(th, x, "__trunc__"); ok {
		return r, err
	}
	return nil, typeErrorf("int() argument must be a string, a bytes-like object or a real number, not '%s'", x.Type())
}

// floatToInt truncates a float toward zero, as int(f) does.
func floatToInt(th *Thread, f float64) (Value, error) {
	if math.IsNaN(f) {
		return nil, valueErrorf("cannot convert float NaN to integer")
	}
	if math.IsInf(f, 0) {
		return nil, overflowErrorf("cannot convert float infinity to integer")
	}
	t := math.Trunc(f)
	if t < -9.223372036854775808e18 || t >= 9.223372036854775808e18 {
		return nil, overflowErrorf("int too large: %s does not fit in 64 bits", pyFloatRepr(t))
	}
	return th.NewInt(int64(t))
}

func intFromString(th *Thread, s string, base int, orig Value) (Value, error) {
	i, e := parsePyInt(s, base)
	switch e {
	case numInvalid:
		r, err := th.Repr(orig)
		if err != nil {
			return nil, err
		}
		return nil, valueErrorf("invalid literal for int() with base %d: %s", base, r)
	case numOverflow:
		return nil, overflowErrorf("int too large: %s does not fit in 64 bits", strings.TrimSpace(s))
	}
	return th.NewInt(i)
}

func constructFloat(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value = Float64(0)
	if err := UnpackPositional("float", args, kwargs, 0, &x); err != nil {
		return nil, err
	}
	switch v := x.(type) {
	case Float64:
		return v, nil
	case Int64, Boolean:
		i, _ := asInt(v)
		return th.NewFloat(float64(i))
	case String, Bytes:
		var s string
		if b, ok := v.(Bytes); ok {
			s = string(b)
		} else {
			s = string(v.(String))
		}
		f, ok := parsePyFloat(s)
		if !ok {
			r, err := th.Repr(x)
			if err != nil {
				return nil, err
			}
			return nil, valueErrorf("could not convert string to float: %s", r)
		}
		return th.NewFloat(f)
	}
	if r, ok, err := callDunder(th, x, "__float__"); ok {
		if err != nil {
			return nil, err
		}
		if _, ok := r.(Float64); !ok {
			return nil, typeErrorf("%s.__float__ returned non-float (type %s)", x.Type(), r.Type())
		}
		return r, nil
	}
	if r, ok, err := callDunder(th, x, "__index__"); ok {
		if err != nil {
			return nil, err
		}
		i, _ := asInt(r)
		return th.NewFloat(float64(i))
	}
	return nil, typeErrorf("float() argument must be a string or a real number, not '%s'", x.Type())
}

func constructStr(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(args) == 1 && len(kwargs) == 0 {
		// fast paths for str(int), str(float), str(str): no argument
		// unpacking and no repr machinery
		switch x := args[0].(type) {
		case String:
			return x, nil
		case Int64:
			if x >= 0 && x < Int64(len(smallIntStrs)) {
				// a shared Go value; the run is still charged a new str
				v := smallIntStrs[x]
				return v, th.Alloc(sizeOfStr(len(v.(String))))
			}
			var buf [24]byte
			return th.NewStr(string(th.bufStr(strconv.AppendInt(buf[:0], int64(x), 10))))
		case Float64:
			return th.NewStr(pyFloatRepr(float64(x)))
		}
	}
	var x, enc, errs Value
	if err := UnpackArgs("str", args, kwargs, "object?", &x, "encoding?", &enc, "errors?", &errs); err != nil {
		return nil, err
	}
	if x == nil {
		return String(""), nil
	}
	if enc != nil || errs != nil {
		b, ok := x.(Bytes)
		if !ok {
			return nil, typeErrorf("decoding to str: need a bytes-like object, %s found", x.Type())
		}
		return decodeBytes(th, string(b), enc, errs)
	}
	if s, ok := x.(String); ok {
		return s, nil
	}
	s, err := th.Str(x)
	if err != nil {
		return nil, err
	}
	return th.NewStr(s)
}

func constructBool(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value = False
	if err := UnpackPositional("bool", args, kwargs, 0, &x); err != nil {
		return nil, err
	}
	t, err := th.Truth(x)
	if err != nil {
		return nil, err
	}
	return Bool(t), nil
}

func constructBytes(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x, enc, errs Value
	if err := UnpackArgs("bytes", args, kwargs, "source?", &x, "encoding?", &enc, "errors?", &errs); err != nil {
		return nil, err
	}
	if x == nil {
		return Bytes(""), nil
	}
	if s, ok := x.(String); ok {
		if enc == nil {
			return nil, typeErrorf("string argument without an encoding")
		}
		return encodeStr(th, string(s), enc, errs)
	}
	if enc != nil {
		return nil, typeErrorf("encoding without a string argument")
	}
	switch v := x.(type) {
	case Bytes:
		return v, nil
	case Int64, Boolean:
		n, _ := asInt(v)
		if n < 0 {
			return nil, valueErrorf("negative count")
		}
		if n > maxStrBuild {
			return nil, NewException("MemoryError", fmt.Sprintf("bytes(%d) is too large", n))
		}
		if err := th.Alloc(sizeOfStr(int(n))); err != nil {
			return nil, err
		}
		return Bytes(strings.Repeat("\x00", int(n))), nil
	}
	var sb strings.Builder
	err := forEach(th, x, func(e Value) error {
		i, err := indexValue(th, e)
		if err != nil {
			return err
		}
		if i < 0 || i > 255 {
			return valueErrorf("bytes must be in range(0, 256)")
		}
		sb.WriteByte(byte(i))
		return nil
	})
	if err != nil {
		if ex, ok := err.(*Exception); ok && ex.Type == "TypeError" && !isIterable(x) {
			return nil, typeErrorf("cannot convert '%s' object to bytes", x.Type())
		}
		return nil, err
	}
	return th.NewBytes(sb.String())
}

func constructList(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	if err := UnpackPositional("list", args, kwargs, 0, &x); err != nil {
		return nil, err
	}
	if x == nil {
		return th.NewList(nil)
	}
	elems, err := iterCollect(th, x)
	if err != nil {
		return nil, err
	}
	return th.NewList(elems)
}

func constructTuple(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	if err := UnpackPositional("tuple", args, kwargs, 0, &x); err != nil {
		return nil, err
	}
	if x == nil {
		return Tuple{}, nil
	}
	if t, ok := x.(Tuple); ok {
		return t, nil
	}
	elems, err := iterCollect(th, x)
	if err != nil {
		return nil, err
	}
	return th.NewTuple(elems)
}

func constructSet(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	return newSetFrom(th, "set", args, kwargs, false)
}

func constructFrozenset(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	return newSetFrom(th, "frozenset", args, kwargs, true)
}

func newSetFrom(th *Thread, name string, args []Value, kwargs []KeywordArg, frozen bool) (Value, error) {
	var x Value
	if err := UnpackPositional(name, args, kwargs, 0, &x); err != nil {
		return nil, err
	}
	s, err := th.NewSet(frozen)
	if err != nil {
		return nil, err
	}
	if x == nil {
		return s, nil
	}
	err = forEach(th, x, func(e Value) error { return s.Add(th, e) })
	if err != nil {
		return nil, err
	}
	return s, nil
}

func constructDict(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(args) > 1 {
		return nil, typeErrorf("dict expected at most 1 argument, got %d", len(args))
	}
	d, err := th.NewDict()
	if err != nil {
		return nil, err
	}
	if err := dictUpdate(th, d, args, kwargs); err != nil {
		return nil, err
	}
	return d, nil
}

// dictUpdate is dict.update(other, **kwargs): other is a dict, an object
// with keys(), or an iterable of pairs.
func dictUpdate(th *Thread, d *Dict, args []Value, kwargs []KeywordArg) error {
	if len(args) > 1 {
		return typeErrorf("update expected at most 1 argument, got %d", len(args))
	}
	if len(args) == 1 {
		switch src := args[0].(type) {
		case *Dict:
			for _, kv := range src.Items() {
				if err := d.Set(th, kv[0], kv[1]); err != nil {
					return err
				}
			}
		default:
			if ok, _ := th.HasAttr(src, "keys"); ok {
				keys, err := callMethod(th, src, "keys")
				if err != nil {
					return err
				}
				err = forEach(th, keys, func(k Value) error {
					v, err := th.GetItem(src, k)
					if err != nil {
						return err
					}
					return d.Set(th, k, v)
				})
				if err != nil {
					return err
				}
				break
			}
			i := 0
			err := forEach(th, src, func(e Value) error {
				pair, err := collectPair(th, e, i)
				if err != nil {
					return err
				}
				i++
				return d.Set(th, pair[0], pair[1])
			})
			if err != nil {
				return err
			}
		}
	}
	for _, kw := range kwargs {
		if err := d.Set(th, String(kw.Name), kw.Value); err != nil {
			return err
		}
	}
	return nil
}

// collectPair reads one element of a dict update sequence.
func collectPair(th *Thread, e Value, i int) ([]Value, error) {
	if !isIterable(e) {
		return nil, typeErrorf("cannot convert dictionary update sequence element #%d to a sequence", i)
	}
	p, err := iterCollect(th, e)
	if err != nil {
		return nil, err
	}
	if len(p) != 2 {
		return nil, valueErrorf("dictionary update sequence element #%d has length %d; 2 is required", i, len(p))
	}
	return p, nil
}

// callMethod calls v.name() with no arguments.
func callMethod(th *Thread, v Value, name string, args ...Value) (Value, error) {
	m, err := th.GetAttr(v, name)
	if err != nil {
		return nil, err
	}
	return th.Call(m, Tuple(args), nil)
}
