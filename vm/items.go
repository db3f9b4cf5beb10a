package vm

import (
	"encoding/binary"
	"strings"
	"unicode/utf8"
	"unsafe"
)

// Len returns len(v).
func (th *Thread) Len(v Value) (int, error) {
	switch x := v.(type) {
	case String:
		return strLen(string(x)), nil
	case Bytes:
		return len(x), nil
	case *List:
		return len(x.elems), nil
	case Tuple:
		return len(x), nil
	case *Dict:
		return x.ht.n, nil
	case *Set:
		return x.ht.n, nil
	case *Deque: // collections.deque
		return x.Len(), nil
	case *NamedTuple: // collections.namedtuple
		return len(x.t), nil
	case *Range:
		n := x.length()
		if n < 0 { // more than 2**63-1 elements: the uint64 count wrapped
			return 0, newError(excOverflowError, "Python int too large to convert to C ssize_t")
		}
		return int(n), nil
	case *Object:
		if x.class.builtin {
			break
		}
		if m, _ := x.class.lookup("__len__"); m != nil {
			r, err := th.callMethod(x, m, nil)
			if err != nil {
				return 0, err
			}
			n, ok := asInt(r)
			if !ok {
				return 0, typeErrorf("'%s' object cannot be interpreted as an integer", r.Type())
			}
			if n < 0 {
				return 0, valueErrorf("__len__() should return >= 0")
			}
			return int(n), nil
		}
	}
	return 0, typeErrorf("object of type '%s' has no len()", v.Type())
}

// isASCII reports whether s has only ASCII bytes.
func isASCII(s string) bool {
	// Eight bytes at a time: len() and indexing of long strs call this.
	i := 0
	for ; i+8 <= len(s); i += 8 {
		if binary.LittleEndian.Uint64(unsafe.Slice(unsafe.StringData(s[i:]), 8))&0x8080808080808080 != 0 {
			return false
		}
	}
	for ; i < len(s); i++ {
		if s[i] >= utf8.RuneSelf {
			return false
		}
	}
	return true
}

func strLen(s string) int {
	if isASCII(s) {
		return len(s)
	}
	return utf8.RuneCountInString(s)
}

// normIndex resolves a possibly negative index against n.
func normIndex(i int64, n int) (int, bool) {
	if i < 0 {
		i += int64(n)
	}
	if i < 0 || i >= int64(n) {
		return 0, false
	}
	return int(i), true
}

// mayIndex reports whether k may need __index__ before it indexes a
// sequence: an instance, or a slice (whose bounds may be instances).
func mayIndex(k Value) bool {
	switch k.(type) {
	case *Object, *Slice:
		return true
	}
	return false
}

// seqKey converts, for a sequence x (list, tuple, str, bytes, range), an
// index that is an instance with __index__ to that int, and a slice with
// such bounds to a slice of ints, as CPython does; any other key is
// returned unchanged (mappings and user classes see the key itself).
func (th *Thread) seqKey(x, k Value) (Value, error) {
	switch x.(type) {
	case *List, Tuple, String, Bytes, *Range:
	default:
		return k, nil
	}
	conv := func(v Value) (Value, error) {
		o, ok := v.(*Object)
		if !ok {
			return v, nil
		}
		if m, _ := o.class.lookup("__index__"); m == nil {
			return v, nil
		}
		i, err := indexValue(th, o)
		if err != nil {
			return nil, err
		}
		return th.boxInt(i)
	}
	s, ok := k.(*Slice)
	if !ok {
		return conv(k)
	}
	var parts [3]Value
	for i, v := range []Value{s.start, s.stop, s.step} {
		c, err := conv(v)
		if err != nil {
			return nil, err
		}
		parts[i] = c
	}
	if parts[0] == s.start && parts[1] == s.stop && parts[2] == s.step {
		return s, nil
	}
	return &Slice{start: parts[0], stop: parts[1], step: parts[2]}, nil
}

// indexOf converts an index value; ok=false means it is not an int.
func indexOf(k Value) (int64, bool) {
	switch x := k.(type) {
	case Int64:
		return int64(x), true
	case Boolean:
		return int64(b2i(x)), true
	}
	return 0, false
}

// GetItem returns x[k].
func (th *Thread) GetItem(x, k Value) (Value, error) {
	if mayIndex(k) {
		var err error
		if k, err = th.seqKey(x, k); err != nil {
			return nil, err
		}
	}
	switch c := x.(type) {
	case *List:
		if i, ok := indexOf(k); ok {
			j, ok := normIndex(i, len(c.elems))
			if !ok {
				return nil, indexErrorf("list index out of range")
			}
			return c.elems[j], nil
		}
		if s, ok := k.(*Slice); ok {
			elems, err := th.sliceElems(c.elems, s)
			if err != nil {
				return nil, err
			}
			return th.NewList(elems)
		}
		return nil, typeErrorf("list indices must be integers or slices, not %s", k.Type())
	case Tuple:
		if i, ok := indexOf(k); ok {
			j, ok := normIndex(i, len(c))
			if !ok {
				return nil, indexErrorf("tuple index out of range")
			}
			return c[j], nil
		}
		if s, ok := k.(*Slice); ok {
			elems, err := th.sliceElems(c, s)
			if err != nil {
				return nil, err
			}
			return th.NewTuple(elems)
		}
		return nil, typeErrorf("tuple indices must be integers or slices, not %s", k.Type())
	case *Dict:
		v, ok, err := c.ht.get(th, k)
		if err != nil {
			return nil, err
		}
		if !ok {
			if c.sub != nil { // collections subclass: __missing__
				return th.dictSubMissing(c, k)
			}
			return nil, keyError(k)
		}
		return v, nil
	case String:
		return th.strIndex(string(c), k)
	case Bytes:
		if i, ok := indexOf(k); ok {
			j, ok := normIndex(i, len(c))
			if !ok {
				return nil, indexErrorf("index out of range")
			}
			return MakeInt(int64(c[j])), nil
		}
		if s, ok := k.(*Slice); ok {
			start, _, step, n, err := s.indices(len(c))
			if err != nil {
				return nil, err
			}
			var sb strings.Builder
			for i, p := 0, start; i < n; i, p = i+1, p+step {
				sb.WriteByte(c[p])
			}
			return th.NewBytes(sb.String())
		}
		return nil, typeErrorf("byte indices must be integers or slices, not %s", k.Type())
	case *Range:
		if i, ok := indexOf(k); ok {
			j, ok := normIndex(i, int(c.length()))
			if !ok {
				return nil, indexErrorf("range object index out of range")
			}
			return th.boxInt(c.at(int64(j)))
		}
		if s, ok := k.(*Slice); ok {
			start, _, step, n, err := s.indices(int(c.length()))
			if err != nil {
				return nil, err
			}
			r := &Range{start: c.at(int64(start)), step: c.step * int64(step)}
			r.stop = r.start + int64(n)*r.step
			return r, th.charge(sizeRange)
		}
		return nil, typeErrorf("range indices must be integers or slices, not %s", k.Type())
	case *Object:
		if !c.class.builtin {
			if m, _ := c.class.lookup("__getitem__"); m != nil {
				return th.callMethod(c, m, []Value{k})
			}
		}
	case *Deque: // collections.deque
		return th.dequeGetItem(c, k)
	case *ReMatch: // re.Match: m[g]
		return th.reMatchGetItem(c, k)
	case *NamedTuple: // collections.namedtuple: as its tuple
		return th.GetItem(c.t, k)
	case *Class:
		// list[int] and friends: generic aliases are not supported.
		return nil, typeErrorf("type '%s' is not subscriptable", c.name)
	}
	return nil, typeErrorf("'%s' object is not subscriptable", x.Type())
}

func (th *Thread) strIndex(s string, k Value) (Value, error) {
	ascii := isASCII(s)
	if i, ok := indexOf(k); ok {
		if ascii {
			j, ok := normIndex(i, len(s))
			if !ok {
				return nil, indexErrorf("string index out of range")
			}
			return asciiStrs[s[j]], nil
		}
		rs := []rune(s)
		j, ok := normIndex(i, len(rs))
		if !ok {
			return nil, indexErrorf("string index out of range")
		}
		return th.NewStr(string(rs[j]))
	}
	sl, ok := k.(*Slice)
	if !ok {
		return nil, typeErrorf("string indices must be integers, not '%s'", k.Type())
	}
	if ascii {
		start, stop, step, n, err := sl.indices(len(s))
		if err != nil {
			return nil, err
		}
		if step == 1 {
			if n <= 0 {
				return String(""), nil
			}
			return th.NewStr(s[start:stop])
		}
		buf := make([]byte, 0, n)
		for i, p := 0, start; i < n; i, p = i+1, p+step {
			buf = append(buf, s[p])
		}
		return th.NewStr(string(buf))
	}
	rs := []rune(s)
	start, _, step, n, err := sl.indices(len(rs))
	if err != nil {
		return nil, err
	}
	out := make([]rune, 0, n)
	for i, p := 0, start; i < n; i, p = i+1, p+step {
		out = append(out, rs[p])
	}
	return th.NewStr(string(out))
}

// indices resolves the slice against a sequence of length n, returning
// start, stop, step and the number of selected elements.
func (s *Slice) indices(n int) (start, stop, step, count int, err error) {
	step = 1
	if s.step != None && s.step != nil {
		st, ok := indexOf(s.step)
		if !ok {
			return 0, 0, 0, 0, typeErrorf("slice indices must be integers or None or have an __index__ method")
		}
		if st == 0 {
			return 0, 0, 0, 0, valueErrorf("slice step cannot be zero")
		}
		if st > int64(n)+1 {
			st = int64(n) + 1
		} else if st < -int64(n)-1 {
			st = -int64(n) - 1
		}
		step = int(st)
	}
	lower, upper := 0, n
	if step < 0 {
		lower, upper = -1, n-1
	}
	conv := func(v Value, def int) (int, error) {
		if v == None || v == nil {
			return def, nil
		}
		i, ok := indexOf(v)
		if !ok {
			return 0, typeErrorf("slice indices must be integers or None or have an __index__ method")
		}
		if i < 0 {
			i += int64(n)
			if i < int64(lower) {
				i = int64(lower)
			}
		} else if i > int64(upper) {
			i = int64(upper)
		}
		return int(i), nil
	}
	defStart, defStop := lower, upper
	if step < 0 {
		defStart, defStop = upper, lower
	}
	if start, err = conv(s.start, defStart); err != nil {
		return
	}
	if stop, err = conv(s.stop, defStop); err != nil {
		return
	}
	if step > 0 {
		if stop > start {
			count = (stop - start + step - 1) / step
		}
	} else if start > stop {
		count = (start - stop - step - 1) / -step
	}
	return
}

func (th *Thread) sliceElems(elems []Value, s *Slice) ([]Value, error) {
	start, _, step, n, err := s.indices(len(elems))
	if err != nil {
		return nil, err
	}
	out := make([]Value, n)
	for i, p := 0, start; i < n; i, p = i+1, p+step {
		out[i] = elems[p]
	}
	return out, nil
}

// SetItem performs x[k] = v.
func (th *Thread) SetItem(x, k, v Value) error {
	if mayIndex(k) {
		var err error
		if k, err = th.seqKey(x, k); err != nil {
			return err
		}
	}
	switch c := x.(type) {
	case *List:
		if i, ok := indexOf(k); ok {
			j, ok := normIndex(i, len(c.elems))
			if !ok {
				return indexErrorf("list assignment index out of range")
			}
			c.elems[j] = v
			return nil
		}
		if s, ok := k.(*Slice); ok {
			return th.setSlice(c, s, v)
		}
		return typeErrorf("list indices must be integers or slices, not %s", k.Type())
	case *Dict:
		return c.Set(th, k, v)
	case *Deque: // collections.deque
		return th.dequeSetItem(c, k, v)
	case *Object:
		if !c.class.builtin {
			if m, _ := c.class.lookup("__setitem__"); m != nil {
				_, err := th.callMethod(c, m, []Value{k, v})
				return err
			}
		}
	}
	return typeErrorf("'%s' object does not support item assignment", x.Type())
}

func (th *Thread) setSlice(l *List, s *Slice, v Value) error {
	src, err := th.IterateAll(v)
	if err != nil {
		if _, ok := err.(*Exception); ok && !isIterable(v) {
			return typeErrorf("can only assign an iterable")
		}
		return err
	}
	start, stop, step, n, err := s.indices(len(l.elems))
	if err != nil {
		return err
	}
	if step == 1 {
		if stop < start {
			stop = start
		}
		out := make([]Value, 0, len(l.elems)-(stop-start)+len(src))
		out = append(out, l.elems[:start]...)
		out = append(out, src...)
		out = append(out, l.elems[stop:]...)
		return l.SetElems(th, out)
	}
	if len(src) != n {
		return valueErrorf("attempt to assign sequence of size %d to extended slice of size %d", len(src), n)
	}
	for i, p := 0, start; i < n; i, p = i+1, p+step {
		l.elems[p] = src[i]
	}
	return nil
}

// DelItem performs del x[k].
func (th *Thread) DelItem(x, k Value) error {
	if mayIndex(k) {
		var err error
		if k, err = th.seqKey(x, k); err != nil {
			return err
		}
	}
	switch c := x.(type) {
	case *List:
		if i, ok := indexOf(k); ok {
			j, ok := normIndex(i, len(c.elems))
			if !ok {
				return indexErrorf("list assignment index out of range")
			}
			copy(c.elems[j:], c.elems[j+1:])
			c.elems[len(c.elems)-1] = nil
			c.elems = c.elems[:len(c.elems)-1]
			return nil
		}
		if s, ok := k.(*Slice); ok {
			start, _, step, n, err := s.indices(len(c.elems))
			if err != nil {
				return err
			}
			drop := make(map[int]bool, n)
			for i, p := 0, start; i < n; i, p = i+1, p+step {
				drop[p] = true
			}
			out := c.elems[:0]
			for i, e := range c.elems {
				if !drop[i] {
					out = append(out, e)
				}
			}
			for i := len(out); i < len(c.elems); i++ {
				c.elems[i] = nil
			}
			c.elems = out
			return nil
		}
		return typeErrorf("list indices must be integers or slices, not %s", k.Type())
	case *Dict:
		_, ok, err := c.ht.delete(th, k)
		if err != nil {
			return err
		}
		if !ok && !isCounter(c) { // Counter.__delitem__ ignores missing keys
			return keyError(k)
		}
		return nil
	case *Deque: // collections.deque
		return th.dequeDelItem(c, k)
	case *Object:
		if !c.class.builtin {
			if m, _ := c.class.lookup("__delitem__"); m != nil {
				_, err := th.callMethod(c, m, []Value{k})
				return err
			}
		}
	}
	return typeErrorf("'%s' object doesn't support item deletion", x.Type())
}
