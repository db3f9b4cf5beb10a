package vm

import (
	"errors"
)

// getattr, setattr, hasattr, callable, iter, next, hash and id.
//
// doc.go lists these among the core's builtins, but the core's
// builtins_core.go registers only the class machinery. So that programs
// have them either way, they are registered here only when no other file
// has registered them first (builtins_core.go initializes before this
// file; a core registration that arrives later under one of these names
// must delete the matching line below, or registerBuiltin reports the
// duplicate at start-up).
func init() {
	for _, b := range []*Builtin{
		NewBuiltin("getattr", builtinGetattr),
		NewBuiltin("setattr", builtinSetattr),
		NewBuiltin("hasattr", builtinHasattr),
		NewBuiltin("callable", builtinCallable),
		NewBuiltin("iter", builtinIter),
		NewBuiltin("next", builtinNext),
		NewBuiltin("hash", builtinHash),
		NewBuiltin("id", builtinID),
	} {
		if _, taken := builtins[b.name]; !taken {
			registerBuiltin(b)
		}
	}
}

func attrName(fname string, v Value) (string, error) {
	s, ok := v.(String)
	if !ok {
		return "", typeErrorf("attribute name must be string, not '%s'", v.Type())
	}
	return string(s), nil
}

// isAttributeError reports whether err is a Python AttributeError (or a
// subclass of it).
func isAttributeError(err error) bool {
	var e *Exception
	if !errors.As(err, &e) {
		return false
	}
	if e.value != nil {
		return IsSubclass(e.value.class, excAttributeError)
	}
	return e.Type == "AttributeError"
}

func builtinGetattr(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var obj, name, def Value
	if err := UnpackPositional("getattr", args, kwargs, 2, &obj, &name, &def); err != nil {
		return nil, err
	}
	n, err := attrName("getattr", name)
	if err != nil {
		return nil, err
	}
	v, err := th.GetAttr(obj, n)
	if err != nil {
		if def != nil && isAttributeError(err) {
			return def, nil
		}
		return nil, err
	}
	return v, nil
}

func builtinSetattr(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var obj, name, v Value
	if err := UnpackPositional("setattr", args, kwargs, 3, &obj, &name, &v); err != nil {
		return nil, err
	}
	n, err := attrName("setattr", name)
	if err != nil {
		return nil, err
	}
	return None, th.SetAttr(obj, n, v)
}

func builtinHasattr(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var obj, name Value
	if err := UnpackPositional("hasattr", args, kwargs, 2, &obj, &name); err != nil {
		return nil, err
	}
	n, err := attrName("hasattr", name)
	if err != nil {
		return nil, err
	}
	ok, err := th.HasAttr(obj, n)
	if err != nil {
		return nil, err
	}
	return Bool(ok), nil
}

func builtinCallable(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	if err := UnpackPositional("callable", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	return Bool(isCallable(x)), nil
}

func builtinIter(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x, sentinel Value
	if err := UnpackPositional("iter", args, kwargs, 1, &x, &sentinel); err != nil {
		return nil, err
	}
	if sentinel == nil {
		return th.Iterate(x)
	}
	if !isCallable(x) {
		return nil, typeErrorf("iter(v, w): v must be callable")
	}
	done := false
	return newIter(th, "callable_iterator", func(th *Thread) (Value, bool, error) {
		if done {
			return nil, false, nil
		}
		v, err := th.Call(x, nil, nil)
		if err != nil {
			return nil, false, err
		}
		eq, err := th.Equal(v, sentinel)
		if err != nil {
			return nil, false, err
		}
		if eq {
			done = true
			return nil, false, nil
		}
		return v, true, nil
	})
}

func builtinNext(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var it, def Value
	if err := UnpackPositional("next", args, kwargs, 1, &it, &def); err != nil {
		return nil, err
	}
	var v Value
	var ok bool
	var err error
	switch x := it.(type) {
	case Iterator:
		v, ok, err = x.Next(th)
	case *Object:
		m, _ := x.class.lookup("__next__")
		if m == nil {
			return nil, typeErrorf("'%s' object is not an iterator", it.Type())
		}
		v, err = th.callMethod(x, m, nil)
		ok = err == nil
		if err != nil && def != nil && isStopIteration(err) {
			return def, nil
		}
	default:
		return nil, typeErrorf("'%s' object is not an iterator", it.Type())
	}
	if err != nil {
		return nil, err
	}
	if !ok {
		if def != nil {
			return def, nil
		}
		if g, isGen := it.(*Generator); isGen {
			return nil, g.stopIteration()
		}
		return nil, NewException("StopIteration", "")
	}
	return v, nil
}

func builtinHash(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	if err := UnpackPositional("hash", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	if h, ok := pyHashOf(x); ok {
		// CPython's value, where CPython's is the same in every process.
		return th.NewInt(h)
	}
	h, err := th.Hash(x)
	if err != nil {
		return nil, err
	}
	return th.NewInt(int64(h))
}

// pyIntHash is CPython's hash of an int (and of an integral float): the
// value reduced modulo the Mersenne prime 2**61-1, keeping its sign, with
// -1 (an error marker in CPython's C API) replaced by -2. Programs print
// these values, so hash() reports them; dicts and sets use th.Hash.
func pyIntHash(i int64) int64 {
	const modulus = 1<<61 - 1
	h := int64(magnitude(i) % modulus)
	if i < 0 {
		h = -h
	}
	if h == -1 {
		h = -2
	}
	return h
}

func builtinID(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	if err := UnpackPositional("id", args, kwargs, 1, &x); err != nil {
		return nil, err
	}
	if p := identity(x); p != 0 {
		return th.NewInt(int64(p))
	}
	// values without identity (ints, strs, tuples): equal values share one
	h, err := th.Hash(x)
	if err != nil {
		h = 0
	}
	return th.NewInt(int64(h >> 1))
}
