package vm

// The slice type: slice(stop), slice(start, stop[, step]) and
// slice.indices. Attributes and repr live in attr.go and repr.go.

// sliceMethods holds the methods of slice objects (s.indices(n); attr.go
// looks them up, and slice.indices(s, n) works through the class dict).
var sliceMethods = map[string]*NativeMethod{}

// typeSlice is the class TypeOf reports for a *Slice (an on-demand class
// named "slice"), made callable and visible as the builtin slice.
var typeSlice = iteratorClass("slice")

func init() {
	if _, dup := builtins["slice"]; dup {
		panic("vm: builtin slice registered twice")
	}
	typeSlice.construct = constructSlice
	builtins["slice"] = typeSlice
	registerMethod(sliceMethods, "indices", sliceIndicesMethod)
	typeSlice.dict["indices"] = NewBuiltin("indices", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		if len(args) == 0 {
			return nil, typeErrorf("unbound method slice.indices() needs an argument")
		}
		if _, ok := args[0].(*Slice); !ok {
			return nil, typeErrorf("descriptor 'indices' for 'slice' objects doesn't apply to a '%s' object", args[0].Type())
		}
		return sliceIndicesMethod(th, args[0], args[1:], kwargs)
	})
}

// sizeSlice is the modeled heap size of a slice: header and three slots.
const sizeSlice = sizeHeader + 3*4

func constructSlice(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(kwargs) > 0 {
		return nil, typeErrorf("slice() takes no keyword arguments")
	}
	if err := argCount("slice", args, 1, 3); err != nil {
		return nil, err
	}
	if err := th.charge(sizeSlice); err != nil {
		return nil, err
	}
	s := &Slice{start: None, stop: None, step: None}
	switch len(args) {
	case 1:
		s.stop = args[0]
	case 2:
		s.start, s.stop = args[0], args[1]
	default:
		s.start, s.stop, s.step = args[0], args[1], args[2]
	}
	return s, nil
}

func sliceIndicesMethod(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(kwargs) > 0 {
		return nil, typeErrorf("slice.indices() takes no keyword arguments")
	}
	if len(args) != 1 {
		return nil, typeErrorf("slice.indices() takes exactly one argument (%d given)", len(args))
	}
	n, err := indexValue(th, args[0])
	if err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, valueErrorf("length should not be negative")
	}
	start, stop, step, err := sliceIndices(th, recv.(*Slice), n)
	if err != nil {
		return nil, err
	}
	return th.NewTuple([]Value{MakeInt(start), MakeInt(stop), MakeInt(step)})
}

// sliceIndices is CPython's slice.indices(n): unlike Slice.indices (used
// for subscripts) it keeps the step as given instead of clamping it.
func sliceIndices(th *Thread, s *Slice, n int64) (start, stop, step int64, err error) {
	bound := func(v Value) (int64, error) {
		if !hasIndex(v) {
			return 0, typeErrorf("slice indices must be integers or None or have an __index__ method")
		}
		return indexValue(th, v)
	}
	step = 1
	if s.step != None {
		if step, err = bound(s.step); err != nil {
			return
		}
		if step == 0 {
			return 0, 0, 0, valueErrorf("slice step cannot be zero")
		}
	}
	lower, upper := int64(0), n
	if step < 0 {
		lower, upper = -1, n-1
	}
	clamp := func(v Value, def int64) (int64, error) {
		if v == None {
			return def, nil
		}
		i, err := bound(v)
		if err != nil {
			return 0, err
		}
		if i < 0 {
			return max(i+n, lower), nil
		}
		return min(i, upper), nil
	}
	defStart, defStop := lower, upper
	if step < 0 {
		defStart, defStop = upper, lower
	}
	if start, err = clamp(s.start, defStart); err != nil {
		return
	}
	stop, err = clamp(s.stop, defStop)
	return
}

// sliceEqual compares two slices as the tuples (start, stop, step), as
// CPython does.
func (th *Thread) sliceEqual(a, b *Slice) (bool, error) {
	return th.seqEqual([]Value{a.start, a.stop, a.step}, []Value{b.start, b.stop, b.step})
}

// hasIndex reports whether v is an int or has __index__.
func hasIndex(v Value) bool {
	if _, ok := asInt(v); ok {
		return true
	}
	o, ok := v.(*Object)
	if !ok {
		return false
	}
	m, _ := o.class.lookup("__index__")
	return m != nil
}
