package vm

// Methods of set and frozenset.

func init() {
	for name, fn := range map[string]func(*Thread, Value, []Value, []KeywordArg) (Value, error){
		"add": setAddMethod, "remove": setRemove, "discard": setDiscard, "pop": setPop, "clear": setClear,
		"union": setUnion, "intersection": setIntersection, "difference": setDifference,
		"symmetric_difference": setSymmetricDifference, "issubset": setIssubset, "issuperset": setIssuperset,
		"isdisjoint": setIsdisjoint, "update": setUpdate, "intersection_update": setIntersectionUpdate,
		"difference_update": setDifferenceUpdate, "symmetric_difference_update": setSymmetricDifferenceUpdate,
		"copy": setCopy,
	} {
		registerMethod(setMethods, name, fn)
	}
}

// setOfElems builds a set of elems.
func setOfElems(th *Thread, elems []Value) (*Set, error) {
	s, err := th.NewSet(false)
	if err != nil {
		return nil, err
	}
	for _, e := range elems {
		if err := s.Add(th, e); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// setFromIterable returns v itself when it is a set, else a new set of
// its elements.
func setFromIterable(th *Thread, v Value) (*Set, error) {
	if s, ok := v.(*Set); ok {
		return s, nil
	}
	s, err := th.NewSet(false)
	if err != nil {
		return nil, err
	}
	if err := forEach(th, v, func(e Value) error { return s.Add(th, e) }); err != nil {
		return nil, err
	}
	return s, nil
}

func setOp(th *Thread, op BinaryOp, a, b *Set) (*Set, error) {
	r, err := th.Binary(op, a, b)
	if err != nil {
		return nil, err
	}
	return r.(*Set), nil
}

func setAnd(th *Thread, a, b *Set) (*Set, error) { return setOp(th, BinAnd, a, b) }
func setOr(th *Thread, a, b *Set) (*Set, error)  { return setOp(th, BinOr, a, b) }
func setSub(th *Thread, a, b *Set) (*Set, error) { return setOp(th, BinSub, a, b) }
func setXor(th *Thread, a, b *Set) (*Set, error) { return setOp(th, BinXor, a, b) }

func mutableSet(recv Value, m string) (*Set, error) {
	s := recv.(*Set)
	if s.frozen {
		return nil, attributeErrorf("'frozenset' object has no attribute '%s'", m)
	}
	return s, nil
}

func setAddMethod(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	s, err := mutableSet(recv, "add")
	if err != nil {
		return nil, err
	}
	if err := positional("add", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	return None, s.Add(th, args[0])
}

func setRemove(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	s, err := mutableSet(recv, "remove")
	if err != nil {
		return nil, err
	}
	if err := positional("remove", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	ok, err := s.Discard(th, args[0])
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, keyError(args[0])
	}
	return None, nil
}

func setDiscard(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	s, err := mutableSet(recv, "discard")
	if err != nil {
		return nil, err
	}
	if err := positional("discard", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	_, err = s.Discard(th, args[0])
	return None, err
}

func setPop(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	s, err := mutableSet(recv, "pop")
	if err != nil {
		return nil, err
	}
	if err := positional("pop", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	elems := s.Elems()
	if len(elems) == 0 {
		return nil, keyError(String("pop from an empty set"))
	}
	if _, err := s.Discard(th, elems[0]); err != nil {
		return nil, err
	}
	return elems[0], nil
}

func setClear(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	s, err := mutableSet(recv, "clear")
	if err != nil {
		return nil, err
	}
	if err := positional("clear", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	s.Clear()
	return None, nil
}

// intersectWith is CPython's set_intersection: the kept elements come
// from the smaller set, or from the iterable when other is not a set
// (which decides whether 1 or True survives {True} & [1]).
func intersectWith(th *Thread, s *Set, other Value) (*Set, error) {
	r, err := th.NewSet(s.frozen)
	if err != nil {
		return nil, err
	}
	if o, ok := other.(*Set); ok {
		big, small := s, o
		if o.Len() > s.Len() {
			big, small = o, s
		}
		for _, e := range small.Elems() {
			in, err := big.Has(th, e)
			if err != nil {
				return nil, err
			}
			if in {
				if err := r.Add(th, e); err != nil {
					return nil, err
				}
			}
		}
		return r, nil
	}
	err = forEach(th, other, func(e Value) error {
		in, err := s.Has(th, e)
		if err != nil || !in {
			return err
		}
		return r.Add(th, e)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// setMulti applies op with each argument in turn (union(a, b, ...)).
func setMulti(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, op BinaryOp) (*Set, error) {
	if err := noKwargs(m, kwargs); err != nil {
		return nil, err
	}
	r := recv.(*Set)
	if len(args) == 0 {
		return r.Copy(th)
	}
	for _, a := range args {
		if op == BinAnd {
			var err error
			if r, err = intersectWith(th, r, a); err != nil {
				return nil, err
			}
			continue
		}
		b, err := setFromIterable(th, a)
		if err != nil {
			return nil, err
		}
		if r, err = setOp(th, op, r, b); err != nil {
			return nil, err
		}
	}
	return r, nil
}

func setUnion(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return setMulti(th, recv, args, kwargs, "union", BinOr)
}

func setIntersection(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return setMulti(th, recv, args, kwargs, "intersection", BinAnd)
}

func setDifference(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return setMulti(th, recv, args, kwargs, "difference", BinSub)
}

func setSymmetricDifference(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("symmetric_difference", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	return setMulti(th, recv, args, kwargs, "symmetric_difference", BinXor)
}

// setUpdateWith replaces recv's contents with recv op args.
func setUpdateWith(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, op BinaryOp) (Value, error) {
	s, err := mutableSet(recv, m)
	if err != nil {
		return nil, err
	}
	if op == BinOr {
		if err := noKwargs(m, kwargs); err != nil {
			return nil, err
		}
		for _, a := range args {
			if err := forEach(th, a, func(e Value) error { return s.Add(th, e) }); err != nil {
				return nil, err
			}
		}
		return None, nil
	}
	r, err := setMulti(th, recv, args, kwargs, m, op)
	if err != nil {
		return nil, err
	}
	s.Clear()
	for _, e := range r.Elems() {
		if err := s.Add(th, e); err != nil {
			return nil, err
		}
	}
	return None, nil
}

func setUpdate(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return setUpdateWith(th, recv, args, kwargs, "update", BinOr)
}

func setIntersectionUpdate(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return setUpdateWith(th, recv, args, kwargs, "intersection_update", BinAnd)
}

func setDifferenceUpdate(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return setUpdateWith(th, recv, args, kwargs, "difference_update", BinSub)
}

func setSymmetricDifferenceUpdate(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("symmetric_difference_update", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	return setUpdateWith(th, recv, args, kwargs, "symmetric_difference_update", BinXor)
}

// subsetOf reports whether every element of a is in b.
func subsetOf(th *Thread, a, b *Set) (bool, error) {
	for _, e := range a.Elems() {
		ok, err := b.Has(th, e)
		if err != nil || !ok {
			return false, err
		}
	}
	return true, nil
}

func setIssubset(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("issubset", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	b, err := setFromIterable(th, args[0])
	if err != nil {
		return nil, err
	}
	ok, err := subsetOf(th, recv.(*Set), b)
	return Bool(ok), err
}

func setIssuperset(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("issuperset", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	b, err := setFromIterable(th, args[0])
	if err != nil {
		return nil, err
	}
	ok, err := subsetOf(th, b, recv.(*Set))
	return Bool(ok), err
}

func setIsdisjoint(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("isdisjoint", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	s := recv.(*Set)
	disjoint := true
	err := forEach(th, args[0], func(e Value) error {
		ok, err := s.Has(th, e)
		if err != nil {
			return err
		}
		if ok {
			disjoint = false
			return errStop
		}
		return nil
	})
	return Bool(disjoint), err
}

func setCopy(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("copy", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	s := recv.(*Set)
	if s.frozen {
		return s, nil
	}
	return s.Copy(th)
}
