package vm

import (
	"unicode/utf8"
)

// Iterate returns an iterator over v (iter(v)).
func (th *Thread) Iterate(v Value) (Iterator, error) {
	switch x := v.(type) {
	case *List:
		return &listIter{l: x}, nil
	case Tuple:
		return &tupleIter{t: x}, nil
	case String:
		return &strIter{s: string(x)}, nil
	case Bytes:
		return &bytesIter{s: string(x)}, nil
	case *Dict:
		return &dictIter{h: &x.ht, version: x.ht.version, n: x.ht.n, kind: "dict_keyiterator", what: "dictionary"}, nil
	case *Set:
		return &seqIter{elems: x.iterOrder(), name: "set_iterator"}, nil
	case *Range:
		return &rangeIter{next: x.start, stop: x.stop, step: x.step}, nil
	case *Generator:
		return x, nil
	case *Deque: // collections.deque
		return th.dequeIterate(x, false)
	case *NamedTuple: // collections.namedtuple
		return &tupleIter{t: x.t}, nil
	case Iterator:
		return x, nil
	case *Object:
		if x.class.builtin {
			break
		}
		if m, _ := x.class.lookup("__iter__"); m != nil {
			r, err := th.callMethod(x, m, nil)
			if err != nil {
				return nil, err
			}
			if it, ok := r.(Iterator); ok {
				return it, nil
			}
			if o, ok := r.(*Object); ok {
				if nm, _ := o.class.lookup("__next__"); nm != nil {
					return &userIter{o: o, next: nm}, nil
				}
			}
			return nil, typeErrorf("iter() returned non-iterator of type '%s'", r.Type())
		}
		if m, _ := x.class.lookup("__getitem__"); m != nil {
			return &getitemIter{o: x, m: m}, nil
		}
	}
	return nil, typeErrorf("'%s' object is not iterable", v.Type())
}

// isIterable reports whether iter(v) can succeed (without calling user code).
func isIterable(v Value) bool {
	switch x := v.(type) {
	case *List, Tuple, String, Bytes, *Dict, *Set, *Range, *Generator, Iterator, *Deque, *NamedTuple: // collections.deque, namedtuple
		return true
	case *Object:
		if x.class.builtin {
			return false
		}
		if m, _ := x.class.lookup("__iter__"); m != nil {
			return true
		}
		m, _ := x.class.lookup("__getitem__")
		return m != nil
	}
	return false
}

// IterateAll collects the elements of an iterable into a new slice.
func (th *Thread) IterateAll(v Value) ([]Value, error) {
	switch x := v.(type) {
	case *List:
		return append([]Value(nil), x.elems...), nil
	case Tuple:
		return append([]Value(nil), x...), nil
	}
	it, err := th.Iterate(v)
	if err != nil {
		return nil, err
	}
	var out []Value
	for {
		e, ok, err := it.Next(th)
		if err != nil {
			return nil, err
		}
		if !ok {
			return out, nil
		}
		out = append(out, e)
	}
}

func (th *Thread) toTuple(v Value) (Tuple, error) {
	if t, ok := v.(Tuple); ok {
		return t, nil
	}
	elems, err := th.IterateAll(v)
	if err != nil {
		return nil, err
	}
	return Tuple(elems), nil
}

type listIter struct {
	l *List
	i int
}

func (*listIter) Type() string { return "list_iterator" }
func (it *listIter) Next(th *Thread) (Value, bool, error) {
	if it.i < len(it.l.elems) {
		v := it.l.elems[it.i]
		it.i++
		return v, true, nil
	}
	it.i = 1 << 62 // stays exhausted even if the list grows
	return nil, false, nil
}

type tupleIter struct {
	t Tuple
	i int
}

func (*tupleIter) Type() string { return "tuple_iterator" }
func (it *tupleIter) Next(th *Thread) (Value, bool, error) {
	if it.i < len(it.t) {
		v := it.t[it.i]
		it.i++
		return v, true, nil
	}
	return nil, false, nil
}

type seqIter struct {
	elems []Value
	i     int
	name  string
}

func (it *seqIter) Type() string { return it.name }
func (it *seqIter) Next(th *Thread) (Value, bool, error) {
	if it.i < len(it.elems) {
		v := it.elems[it.i]
		it.i++
		return v, true, nil
	}
	return nil, false, nil
}

type strIter struct {
	s string
	i int
}

func (*strIter) Type() string { return "str_ascii_iterator" }
func (it *strIter) Next(th *Thread) (Value, bool, error) {
	if it.i >= len(it.s) {
		return nil, false, nil
	}
	c := it.s[it.i]
	if c < utf8.RuneSelf {
		it.i++
		return asciiStrs[c], true, nil
	}
	_, size := utf8.DecodeRuneInString(it.s[it.i:])
	v := String(it.s[it.i : it.i+size])
	it.i += size
	return v, true, th.charge(sizeOfStr(size))
}

// asciiStrs holds the one-character ASCII strings, shared.
var asciiStrs [128]Value

func init() {
	for i := range asciiStrs {
		asciiStrs[i] = String([]byte{byte(i)})
	}
}

type bytesIter struct {
	s string
	i int
}

func (*bytesIter) Type() string { return "bytes_iterator" }
func (it *bytesIter) Next(th *Thread) (Value, bool, error) {
	if it.i >= len(it.s) {
		return nil, false, nil
	}
	c := it.s[it.i]
	it.i++
	return MakeInt(int64(c)), true, nil
}

// dictIter iterates a dict's keys, values or items (also used by the
// library for dict views through NewDictIterator).
type dictIter struct {
	h       *hashtable
	i       int
	version uint32
	n       int
	kind    string // type name
	what    string // "dictionary" or "set"
	mode    int    // 0 keys, 1 values, 2 items
}

func (it *dictIter) Type() string { return it.kind }
func (it *dictIter) Next(th *Thread) (Value, bool, error) {
	if it.h.version != it.version {
		if it.h.n != it.n {
			return nil, false, runtimeErrorf("%s changed size during iteration", it.what)
		}
		return nil, false, runtimeErrorf("%s keys changed during iteration", it.what)
	}
	for it.i < len(it.h.entries) {
		e := &it.h.entries[it.i]
		it.i++
		if e.key == nil {
			continue
		}
		switch it.mode {
		case 1:
			return e.value, true, nil
		case 2:
			t, err := th.NewTuple([]Value{e.key, e.value})
			return t, true, err
		}
		return e.key, true, nil
	}
	return nil, false, nil
}

// NewDictIterator returns an iterator over d's keys (mode 0), values (1)
// or (key, value) tuples (2), which raises RuntimeError if d changes size
// during iteration. typeName is e.g. "dict_itemiterator".
func NewDictIterator(d *Dict, mode int, typeName string) Iterator {
	return &dictIter{h: &d.ht, version: d.ht.version, n: d.ht.n, kind: typeName, what: "dictionary", mode: mode}
}

type rangeIter struct {
	next, stop, step int64
}

func (*rangeIter) Type() string { return "range_iterator" }
func (it *rangeIter) Next(th *Thread) (Value, bool, error) {
	if (it.step > 0 && it.next < it.stop) || (it.step < 0 && it.next > it.stop) {
		v := it.next
		it.next += it.step
		if (it.step > 0 && it.next < v) || (it.step < 0 && it.next > v) {
			it.next = it.stop // overflow: done after this one
		}
		return MakeInt(v), true, nil
	}
	return nil, false, nil
}

// userIter adapts an object with __next__ (StopIteration ends it).
type userIter struct {
	o    *Object
	next Value
}

func (it *userIter) Type() string { return it.o.class.name }
func (it *userIter) Next(th *Thread) (Value, bool, error) {
	v, err := th.callMethod(it.o, it.next, nil)
	if err != nil {
		if isStopIteration(err) {
			return nil, false, nil
		}
		return nil, false, err
	}
	return v, true, nil
}

func isStopIteration(err error) bool {
	e, ok := err.(*Exception)
	if !ok {
		return false
	}
	if e.value != nil {
		return IsSubclass(e.value.class, excStopIteration)
	}
	return e.Type == "StopIteration"
}

// getitemIter iterates an object with only __getitem__ (until IndexError).
type getitemIter struct {
	o *Object
	m Value
	i int64
}

func (it *getitemIter) Type() string { return "iterator" }
func (it *getitemIter) Next(th *Thread) (Value, bool, error) {
	v, err := th.callMethod(it.o, it.m, []Value{MakeInt(it.i)})
	if err != nil {
		if e, ok := err.(*Exception); ok && (e.Type == "IndexError" || e.value != nil && IsSubclass(e.value.class, excIndexError) || isStopIteration(err)) {
			return nil, false, nil
		}
		return nil, false, err
	}
	it.i++
	return v, true, nil
}

// ---- range ----

// NewRange returns range(start, stop, step); step must not be 0.
func NewRange(start, stop, step int64) *Range { return &Range{start, stop, step} }

func (r *Range) length() int64 {
	if r.step > 0 {
		if r.start >= r.stop {
			return 0
		}
		return int64((uint64(r.stop-r.start)-1)/uint64(r.step) + 1)
	}
	if r.start <= r.stop {
		return 0
	}
	return int64((uint64(r.start-r.stop)-1)/uint64(-r.step) + 1)
}

// Len returns the number of elements of the range.
func (r *Range) Len() int64 { return r.length() }

func (r *Range) at(i int64) int64 { return r.start + i*r.step }

func (r *Range) contains(i int64) bool {
	if r.step > 0 {
		if i < r.start || i >= r.stop {
			return false
		}
		return (i-r.start)%r.step == 0
	}
	if i > r.start || i <= r.stop {
		return false
	}
	return (r.start-i)%(-r.step) == 0
}

func rangeEqual(x, y *Range) bool {
	nx, ny := x.length(), y.length()
	if nx != ny {
		return false
	}
	if nx == 0 {
		return true
	}
	if x.start != y.start {
		return false
	}
	return nx == 1 || x.step == y.step
}

func constructRange(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(kwargs) > 0 {
		return nil, typeErrorf("range() takes no keyword arguments")
	}
	var ints [3]int64
	for i, a := range args {
		if i >= 3 {
			break
		}
		n, ok := asInt(a)
		if !ok {
			return nil, typeErrorf("'%s' object cannot be interpreted as an integer", a.Type())
		}
		ints[i] = n
	}
	switch len(args) {
	case 0:
		return nil, typeErrorf("range expected at least 1 argument, got 0")
	case 1:
		return &Range{0, ints[0], 1}, th.charge(sizeRange)
	case 2:
		return &Range{ints[0], ints[1], 1}, th.charge(sizeRange)
	case 3:
		if ints[2] == 0 {
			return nil, valueErrorf("range() arg 3 must not be zero")
		}
		return &Range{ints[0], ints[1], ints[2]}, th.charge(sizeRange)
	}
	return nil, typeErrorf("range expected at most 3 arguments, got %d", len(args))
}

func init() { typeRange.construct = constructRange }
