package vm

import "errors"

// errStop ends a forEach loop early without an error.
var errStop = errors.New("stop iteration")

// forEach calls fn for each element of the iterable v, with fast paths for
// the built-in sequences. fn may return errStop to end the loop.
func forEach(th *Thread, v Value, fn func(Value) error) error {
	err := forEach1(th, v, fn)
	if err == errStop {
		return nil
	}
	return err
}

func forEach1(th *Thread, v Value, fn func(Value) error) error {
	switch x := v.(type) {
	case *List:
		// index each time: the list may change under the loop, as in CPython
		for i := 0; i < len(x.elems); i++ {
			if err := fn(x.elems[i]); err != nil {
				return err
			}
		}
		return nil
	case Tuple:
		for _, e := range x {
			if err := fn(e); err != nil {
				return err
			}
		}
		return nil
	}
	it, err := th.Iterate(v)
	if err != nil {
		return err
	}
	for {
		e, ok, err := it.Next(th)
		if err != nil {
			return err
		}
		if !ok {
			return nil
		}
		if err := fn(e); err != nil {
			return err
		}
	}
}

// iterCollect returns the elements of the iterable v in a new slice.
func iterCollect(th *Thread, v Value) ([]Value, error) {
	switch x := v.(type) {
	case *List:
		return append([]Value(nil), x.elems...), nil
	case Tuple:
		return append([]Value(nil), x...), nil
	}
	var out []Value
	err := forEach(th, v, func(e Value) error {
		out = append(out, e)
		return nil
	})
	return out, err
}

// kwargValue returns the value of a keyword argument and whether it was given.
func kwargValue(kwargs []KeywordArg, name string) (Value, bool) {
	for _, kw := range kwargs {
		if kw.Name == name {
			return kw.Value, true
		}
	}
	return nil, false
}

// onlyKwargs checks that every keyword argument is one of names.
func onlyKwargs(fname string, kwargs []KeywordArg, names ...string) error {
outer:
	for _, kw := range kwargs {
		for _, n := range names {
			if kw.Name == n {
				continue outer
			}
		}
		return typeErrorf("%s() got an unexpected keyword argument '%s'", fname, kw.Name)
	}
	return nil
}
