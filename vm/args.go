package vm

import (
	"fmt"
	"strings"
)

// UnpackArgs binds the arguments of a call to a native function to Go
// variables, with CPython's error messages. After fname come pairs of a
// parameter name and a pointer:
//
//	var s String; var sep Value = None; var maxsplit int = -1
//	err := UnpackArgs("split", args, kwargs, "sep?", &sep, "maxsplit?", &maxsplit)
//
// A name ending in "?" is optional (the variable keeps its value when the
// argument is absent); all required parameters come first. A name
// starting with "$" is keyword-only. Parameters may be given positionally
// or by keyword, as in Python.
//
// Pointer kinds: *Value (anything), *int, *int64, *float64 (int or float),
// *bool (any value, by truth of built-in values; use *Value for user
// objects), *string (str), *String, *Bytes, **List, **Dict, *Tuple,
// **Set, **Function, *Iterable (anything iterable, checked), *Callable.
// A None argument for an optional parameter leaves the variable
// unchanged only for *Value targets; other kinds report a TypeError.
func UnpackArgs(fname string, args []Value, kwargs []KeywordArg, pairs ...any) error {
	if len(pairs)%2 != 0 {
		panic("UnpackArgs: odd number of pairs")
	}
	nparams := len(pairs) / 2
	var defined uint64 // bit i: parameter i was bound
	if nparams > 64 {
		panic("UnpackArgs: too many parameters")
	}
	// positional parameters are those not marked keyword-only
	npos := 0
	for i := 0; i < nparams; i++ {
		name := pairs[2*i].(string)
		if strings.HasPrefix(name, "$") {
			break
		}
		npos++
	}
	if len(args) > npos {
		return typeErrorf("%s() takes at most %d argument%s (%d given)", fname, npos, plural(npos), len(args))
	}
	for i, arg := range args {
		if err := unpackOne(fname, paramName(pairs[2*i].(string)), arg, pairs[2*i+1]); err != nil {
			return err
		}
		defined |= 1 << i
	}
kwloop:
	for _, kw := range kwargs {
		for i := 0; i < nparams; i++ {
			if paramName(pairs[2*i].(string)) == kw.Name {
				if defined&(1<<i) != 0 {
					return typeErrorf("%s() got multiple values for argument '%s'", fname, kw.Name)
				}
				if err := unpackOne(fname, kw.Name, kw.Value, pairs[2*i+1]); err != nil {
					return err
				}
				defined |= 1 << i
				continue kwloop
			}
		}
		return typeErrorf("%s() got an unexpected keyword argument '%s'", fname, kw.Name)
	}
	for i := 0; i < nparams; i++ {
		name := pairs[2*i].(string)
		if defined&(1<<i) == 0 && !strings.HasSuffix(name, "?") {
			return typeErrorf("%s() missing required argument '%s' (pos %d)", fname, paramName(name), i+1)
		}
	}
	return nil
}

// UnpackPositional binds positional-only arguments: at least min of them,
// at most len(ptrs); keyword arguments are rejected, as for most CPython
// builtins ("len() takes no keyword arguments").
func UnpackPositional(fname string, args []Value, kwargs []KeywordArg, min int, ptrs ...any) error {
	if len(kwargs) > 0 {
		return typeErrorf("%s() takes no keyword arguments", fname)
	}
	if len(args) < min || len(args) > len(ptrs) {
		switch {
		case min == len(ptrs) && min == 1:
			return typeErrorf("%s() takes exactly one argument (%d given)", fname, len(args))
		case min == len(ptrs):
			return typeErrorf("%s expected %d argument%s, got %d", fname, min, plural(min), len(args))
		case len(args) < min:
			return typeErrorf("%s expected at least %d argument%s, got %d", fname, min, plural(min), len(args))
		default:
			return typeErrorf("%s expected at most %d argument%s, got %d", fname, len(ptrs), plural(len(ptrs)), len(args))
		}
	}
	for i, arg := range args {
		if err := unpackOne(fname, fmt.Sprintf("argument %d", i+1), arg, ptrs[i]); err != nil {
			return err
		}
	}
	return nil
}

func paramName(s string) string {
	s = strings.TrimPrefix(s, "$")
	return strings.TrimSuffix(s, "?")
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// Iterable is an UnpackArgs target that accepts any iterable value.
type Iterable struct{ Value }

// Callable is an UnpackArgs target that accepts any callable value.
type Callable struct{ Value }

func unpackOne(fname, pname string, v Value, ptr any) error {
	bad := func(want string) error {
		return typeErrorf("%s() argument '%s' must be %s, not %s", fname, pname, want, v.Type())
	}
	switch p := ptr.(type) {
	case *Value:
		*p = v
	case *int:
		i, ok := asInt(v)
		if !ok {
			return typeErrorf("'%s' object cannot be interpreted as an integer", v.Type())
		}
		*p = int(i)
	case *int64:
		i, ok := asInt(v)
		if !ok {
			return typeErrorf("'%s' object cannot be interpreted as an integer", v.Type())
		}
		*p = i
	case *float64:
		switch x := v.(type) {
		case Float64:
			*p = float64(x)
		default:
			i, ok := asInt(v)
			if !ok {
				return typeErrorf("must be real number, not %s", v.Type())
			}
			*p = float64(i)
		}
	case *bool:
		*p = truthBuiltin(v)
	case *string:
		s, ok := v.(String)
		if !ok {
			return bad("str")
		}
		*p = string(s)
	case *String:
		s, ok := v.(String)
		if !ok {
			return bad("str")
		}
		*p = s
	case *Bytes:
		b, ok := v.(Bytes)
		if !ok {
			return bad("bytes")
		}
		*p = b
	case **List:
		l, ok := v.(*List)
		if !ok {
			return bad("list")
		}
		*p = l
	case **Dict:
		d, ok := v.(*Dict)
		if !ok {
			return bad("dict")
		}
		*p = d
	case *Tuple:
		t, ok := v.(Tuple)
		if !ok {
			return bad("tuple")
		}
		*p = t
	case **Set:
		s, ok := v.(*Set)
		if !ok {
			return bad("set")
		}
		*p = s
	case **Function:
		f, ok := v.(*Function)
		if !ok {
			return bad("function")
		}
		*p = f
	case *Iterable:
		if !isIterable(v) {
			return typeErrorf("'%s' object is not iterable", v.Type())
		}
		p.Value = v
	case *Callable:
		if !isCallable(v) {
			return typeErrorf("'%s' object is not callable", v.Type())
		}
		p.Value = v
	default:
		panic(fmt.Sprintf("UnpackArgs: unsupported target %T", ptr))
	}
	return nil
}

// asInt returns the value of an int or bool.
func asInt(v Value) (int64, bool) {
	switch x := v.(type) {
	case Int64:
		return int64(x), true
	case Boolean:
		if x {
			return 1, true
		}
		return 0, true
	}
	return 0, false
}

// AsInt returns the int64 value of a Python int or bool.
func AsInt(v Value) (int64, bool) { return asInt(v) }
