package vm

// Methods of list and tuple.

func init() {
	for name, fn := range map[string]func(*Thread, Value, []Value, []KeywordArg) (Value, error){
		"append": listAppend, "extend": listExtend, "insert": listInsert, "remove": listRemove,
		"pop": listPop, "clear": listClear, "index": listIndex, "count": listCount, "sort": listSort,
		"reverse": listReverse, "copy": listCopy,
	} {
		registerMethod(listMethods, name, fn)
	}
	registerMethod(tupleMethods, "index", tupleIndex)
	registerMethod(tupleMethods, "count", tupleCount)
}

func listAppend(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(args) != 1 || len(kwargs) != 0 {
		if err := positional("append", args, kwargs, 1, 1); err != nil {
			return nil, err
		}
	}
	return None, recv.(*List).Append(th, args[0])
}

func listExtend(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("extend", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	l := recv.(*List)
	var add []Value
	switch x := args[0].(type) {
	case *List:
		add = append([]Value(nil), x.elems...) // x may be l itself
	case Tuple:
		add = x
	default:
		var err error
		if add, err = iterCollect(th, x); err != nil {
			return nil, err
		}
	}
	for _, e := range add {
		if err := l.Append(th, e); err != nil {
			return nil, err
		}
	}
	return None, nil
}

func listInsert(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("insert", args, kwargs, 2, 2); err != nil {
		return nil, err
	}
	i, err := indexValue(th, args[0])
	if err != nil {
		return nil, err
	}
	l := recv.(*List)
	n := len(l.elems)
	if i < 0 {
		i += int64(n)
		if i < 0 {
			i = 0
		}
	}
	if i > int64(n) {
		i = int64(n)
	}
	if err := l.Append(th, args[1]); err != nil {
		return nil, err
	}
	copy(l.elems[i+1:], l.elems[i:n])
	l.elems[i] = args[1]
	return None, nil
}

// seqIndexOf returns the first index of x in elems[start:end], or -1.
func seqIndexOf(th *Thread, elems []Value, x Value, start, end int) (int, error) {
	for i := start; i < end && i < len(elems); i++ {
		eq, err := th.Equal(elems[i], x)
		if err != nil {
			return -1, err
		}
		if eq {
			return i, nil
		}
	}
	return -1, nil
}

func listRemove(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("remove", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	l := recv.(*List)
	i, err := seqIndexOf(th, l.elems, args[0], 0, len(l.elems))
	if err != nil {
		return nil, err
	}
	if i < 0 {
		return nil, valueErrorf("list.remove(x): x not in list")
	}
	copy(l.elems[i:], l.elems[i+1:])
	l.elems[len(l.elems)-1] = nil
	l.elems = l.elems[:len(l.elems)-1]
	return None, nil
}

func listPop(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("pop", args, kwargs, 0, 1); err != nil {
		return nil, err
	}
	l := recv.(*List)
	n := len(l.elems)
	if n == 0 {
		return nil, indexErrorf("pop from empty list")
	}
	i := int64(n - 1)
	if len(args) == 1 {
		var err error
		if i, err = indexValue(th, args[0]); err != nil {
			return nil, err
		}
		if i < 0 {
			i += int64(n)
		}
		if i < 0 || i >= int64(n) {
			return nil, indexErrorf("pop index out of range")
		}
	}
	v := l.elems[i]
	copy(l.elems[i:], l.elems[i+1:])
	l.elems[n-1] = nil
	l.elems = l.elems[:n-1]
	return v, nil
}

func listClear(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("clear", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	l := recv.(*List)
	clear(l.elems)
	l.elems = l.elems[:0]
	return None, nil
}

// seqIndex implements list.index and tuple.index.
func seqIndex(th *Thread, elems []Value, args []Value, kwargs []KeywordArg, what string) (Value, error) {
	if err := positional("index", args, kwargs, 1, 3); err != nil {
		return nil, err
	}
	start, end, _, err := sliceBounds(th, len(elems), args[1:])
	if err != nil {
		return nil, err
	}
	i, err := seqIndexOf(th, elems, args[0], start, end)
	if err != nil {
		return nil, err
	}
	if i < 0 {
		if what == "tuple" {
			return nil, valueErrorf("tuple.index(x): x not in tuple")
		}
		r, err := th.Repr(args[0])
		if err != nil {
			return nil, err
		}
		return nil, valueErrorf("%s is not in list", r)
	}
	return MakeInt(int64(i)), nil
}

func seqCount(th *Thread, elems []Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("count", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	n := 0
	for i := 0; i < len(elems); i++ {
		eq, err := th.Equal(elems[i], args[0])
		if err != nil {
			return nil, err
		}
		if eq {
			n++
		}
	}
	return MakeInt(int64(n)), nil
}

func listIndex(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return seqIndex(th, recv.(*List).elems, args, kwargs, "list")
}

func listCount(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return seqCount(th, recv.(*List).elems, args, kwargs)
}

func tupleIndex(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return seqIndex(th, recv.(Tuple), args, kwargs, "tuple")
}

func tupleCount(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return seqCount(th, recv.(Tuple), args, kwargs)
}

func listSort(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(args) > 0 {
		return nil, typeErrorf("sort() takes no positional arguments")
	}
	if err := onlyKwargs("sort", kwargs, "key", "reverse"); err != nil {
		return nil, err
	}
	return None, sortList(th, recv.(*List), kwargs)
}

func listReverse(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("reverse", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	e := recv.(*List).elems
	for i, j := 0, len(e)-1; i < j; i, j = i+1, j-1 {
		e[i], e[j] = e[j], e[i]
	}
	return None, nil
}

func listCopy(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("copy", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	return th.NewList(append([]Value(nil), recv.(*List).elems...))
}
