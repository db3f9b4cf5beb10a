package vm

import "strings"

// collections.deque: a list-like sequence with O(1) appends and pops at
// both ends and an optional maximum length. Elements live in elems[head:];
// popleft advances head and appendleft reuses the room before it.

// Deque is a collections.deque.
type Deque struct {
	buf    []Value // elements are buf[head:]
	head   int
	maxlen int    // -1: unbounded
	mcap   int    // element capacity charged under the memory model
	state  uint64 // bumped on every mutation (iterators detect change)
}

func (*Deque) Type() string { return "collections.deque" }

// sizeDeque is the heap size of a deque header (model: header + buffer
// pointer + head + length + maxlen + state).
const sizeDeque = 24

var typeDeque = func() *Class {
	c := newBuiltinType("deque", typeObject)
	c.module = "collections"
	return c
}()

var dequeMethods = map[string]*NativeMethod{}

func init() {
	typeDeque.construct = constructDeque
	for name, fn := range map[string]func(*Thread, Value, []Value, []KeywordArg) (Value, error){
		"append": dequeAppend, "appendleft": dequeAppendleft, "pop": dequePop, "popleft": dequePopleft,
		"extend": dequeExtend, "extendleft": dequeExtendleft, "rotate": dequeRotate, "clear": dequeClear,
		"count": dequeCount, "index": dequeIndex, "remove": dequeRemove, "reverse": dequeReverse,
		"insert": dequeInsert, "copy": dequeCopy,
	} {
		registerMethod(dequeMethods, name, fn)
	}
}

func (d *Deque) elems() []Value { return d.buf[d.head:] }

// Len returns the number of elements.
func (d *Deque) Len() int { return len(d.buf) - d.head }

// reserve charges for room for n elements.
func (th *Thread) dequeReserve(d *Deque, n int) error {
	if n <= d.mcap {
		return nil
	}
	c := listGrowCap(n)
	if err := th.charge(4 * int64(c-d.mcap)); err != nil {
		return err
	}
	d.mcap = c
	return nil
}

// setElems replaces the contents (elems is owned by the deque).
func (th *Thread) dequeSet(d *Deque, elems []Value) error {
	if err := th.dequeReserve(d, len(elems)); err != nil {
		return err
	}
	d.buf, d.head = elems, 0
	d.state++
	return nil
}

func (th *Thread) dequePushRight(d *Deque, v Value) error {
	if d.maxlen == 0 {
		return nil
	}
	if err := th.dequeReserve(d, d.Len()+1); err != nil {
		return err
	}
	d.buf = append(d.buf, v)
	if d.maxlen > 0 && d.Len() > d.maxlen {
		d.buf[d.head] = nil
		d.head++
	}
	if d.head > 32 && d.head*2 > len(d.buf) { // reclaim the popped prefix
		d.buf = append([]Value(nil), d.elems()...)
		d.head = 0
	}
	d.state++
	return nil
}

func (th *Thread) dequePushLeft(d *Deque, v Value) error {
	if d.maxlen == 0 {
		return nil
	}
	if err := th.dequeReserve(d, d.Len()+1); err != nil {
		return err
	}
	if d.head > 0 {
		d.head--
		d.buf[d.head] = v
	} else {
		room := d.Len()/2 + 4
		nb := make([]Value, room+d.Len(), room+d.Len()+room)
		copy(nb[room:], d.buf)
		d.buf, d.head = nb, room-1
		d.buf[d.head] = v
	}
	if d.maxlen > 0 && d.Len() > d.maxlen {
		d.buf[len(d.buf)-1] = nil
		d.buf = d.buf[:len(d.buf)-1]
	}
	d.state++
	return nil
}

func constructDeque(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var src, ml Value
	if len(args) > 2 {
		return nil, typeErrorf("deque() takes at most 2 arguments (%d given)", len(args))
	}
	if len(args) > 0 {
		src = args[0]
	}
	if len(args) > 1 {
		ml = args[1]
	}
	for _, kw := range kwargs {
		switch {
		case kw.Name == "iterable" && src == nil:
			src = kw.Value
		case kw.Name == "maxlen" && ml == nil:
			ml = kw.Value
		case kw.Name == "iterable" || kw.Name == "maxlen":
			pos := 1
			if kw.Name == "maxlen" {
				pos = 2
			}
			return nil, typeErrorf("argument for deque() given by name ('%s') and position (%d)", kw.Name, pos)
		default:
			return nil, typeErrorf("deque() got an unexpected keyword argument '%s'", kw.Name)
		}
	}
	maxlen := -1
	if ml != nil && ml != None {
		n, ok := asInt(ml)
		if !ok {
			return nil, typeErrorf("an integer is required")
		}
		if n < 0 {
			return nil, valueErrorf("maxlen must be non-negative")
		}
		maxlen = int(min(n, 1<<31))
	}
	if err := th.charge(sizeDeque); err != nil {
		return nil, err
	}
	d := &Deque{maxlen: maxlen}
	if src != nil {
		if err := th.dequeExtendFrom(d, src, false); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func (th *Thread) dequeExtendFrom(d *Deque, src Value, left bool) error {
	var elems []Value
	if s, ok := src.(*Deque); ok {
		elems = append([]Value(nil), s.elems()...) // d.extend(d) is allowed
	} else {
		var err error
		if elems, err = th.IterateAll(src); err != nil {
			return err
		}
	}
	for _, e := range elems {
		var err error
		if left {
			err = th.dequePushLeft(d, e)
		} else {
			err = th.dequePushRight(d, e)
		}
		if err != nil {
			return err
		}
	}
	return nil
}

func dequeAppend(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := UnpackPositional("deque.append", args, kwargs, 1, new(Value)); err != nil {
		return nil, err
	}
	return None, th.dequePushRight(recv.(*Deque), args[0])
}

func dequeAppendleft(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := UnpackPositional("deque.appendleft", args, kwargs, 1, new(Value)); err != nil {
		return nil, err
	}
	return None, th.dequePushLeft(recv.(*Deque), args[0])
}

func dequePop(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := UnpackPositional("deque.pop", args, kwargs, 0); err != nil {
		return nil, err
	}
	d := recv.(*Deque)
	if d.Len() == 0 {
		return nil, indexErrorf("pop from an empty deque")
	}
	v := d.buf[len(d.buf)-1]
	d.buf[len(d.buf)-1] = nil
	d.buf = d.buf[:len(d.buf)-1]
	d.state++
	return v, nil
}

func dequePopleft(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := UnpackPositional("deque.popleft", args, kwargs, 0); err != nil {
		return nil, err
	}
	d := recv.(*Deque)
	if d.Len() == 0 {
		return nil, indexErrorf("pop from an empty deque")
	}
	v := d.buf[d.head]
	d.buf[d.head] = nil
	d.head++
	if d.head == len(d.buf) {
		d.buf, d.head = d.buf[:0], 0
	}
	d.state++
	return v, nil
}

func dequeExtend(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := UnpackPositional("deque.extend", args, kwargs, 1, new(Value)); err != nil {
		return nil, err
	}
	return None, th.dequeExtendFrom(recv.(*Deque), args[0], false)
}

func dequeExtendleft(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := UnpackPositional("deque.extendleft", args, kwargs, 1, new(Value)); err != nil {
		return nil, err
	}
	return None, th.dequeExtendFrom(recv.(*Deque), args[0], true)
}

func dequeRotate(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	n := int64(1)
	if err := UnpackPositional("deque.rotate", args, kwargs, 0, &n); err != nil {
		return nil, err
	}
	d := recv.(*Deque)
	size := int64(d.Len())
	if size <= 1 {
		return None, nil
	}
	k := n % size
	if k < 0 {
		k += size
	}
	if k == 0 {
		return None, nil
	}
	e := d.elems()
	out := make([]Value, 0, len(e))
	out = append(append(out, e[size-k:]...), e[:size-k]...)
	d.buf, d.head = out, 0
	d.state++
	return None, nil
}

func dequeClear(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := UnpackPositional("deque.clear", args, kwargs, 0); err != nil {
		return nil, err
	}
	d := recv.(*Deque)
	d.buf, d.head = nil, 0
	d.mcap = 0 // the blocks are freed; growth is charged again
	d.state++
	return None, nil
}

func dequeCount(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := UnpackPositional("deque.count", args, kwargs, 1, new(Value)); err != nil {
		return nil, err
	}
	d := recv.(*Deque)
	state := d.state
	n := 0
	for _, e := range append([]Value(nil), d.elems()...) {
		eq, err := th.Equal(e, args[0])
		if err != nil {
			return nil, err
		}
		if d.state != state {
			return nil, runtimeErrorf("deque mutated during iteration")
		}
		if eq {
			n++
		}
	}
	return MakeInt(int64(n)), nil
}

// dequeFind returns the position of x in d[start:stop], or -1.
func (th *Thread) dequeFind(d *Deque, x Value, start, stop int) (int, error) {
	state := d.state
	for i := start; i < stop && i < d.Len(); i++ {
		eq, err := th.Equal(d.elems()[i], x)
		if err != nil {
			return -1, err
		}
		if d.state != state {
			return -1, runtimeErrorf("deque mutated during iteration")
		}
		if eq {
			return i, nil
		}
	}
	return -1, nil
}

func dequeIndex(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	var x Value
	d := recv.(*Deque)
	start, stop := int64(0), int64(d.Len())
	if err := UnpackPositional("index", args, kwargs, 1, &x, &start, &stop); err != nil {
		return nil, err
	}
	n := int64(d.Len())
	norm := func(i int64) int64 {
		if i < 0 {
			i += n
			if i < 0 {
				i = 0
			}
		}
		return min(i, n)
	}
	start, stop = norm(start), norm(stop)
	i, err := th.dequeFind(d, x, int(start), int(stop))
	if err != nil {
		return nil, err
	}
	if i < 0 {
		r, err := th.Repr(x)
		if err != nil {
			return nil, err
		}
		return nil, valueErrorf("%s is not in deque", r)
	}
	return MakeInt(int64(i)), nil
}

func dequeRemove(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := UnpackPositional("deque.remove", args, kwargs, 1, new(Value)); err != nil {
		return nil, err
	}
	d := recv.(*Deque)
	i, err := th.dequeFind(d, args[0], 0, d.Len())
	if err != nil {
		return nil, err
	}
	if i < 0 {
		r, err := th.Repr(args[0])
		if err != nil {
			return nil, err
		}
		return nil, valueErrorf("%s is not in deque", r)
	}
	dequeDelete(d, i)
	return None, nil
}

func dequeDelete(d *Deque, i int) {
	e := d.elems()
	copy(e[i:], e[i+1:])
	e[len(e)-1] = nil
	d.buf = d.buf[:len(d.buf)-1]
	d.state++
}

func dequeReverse(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := UnpackPositional("deque.reverse", args, kwargs, 0); err != nil {
		return nil, err
	}
	d := recv.(*Deque)
	e := d.elems()
	for i, j := 0, len(e)-1; i < j; i, j = i+1, j-1 {
		e[i], e[j] = e[j], e[i]
	}
	d.state++
	return None, nil
}

func dequeInsert(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	var i int64
	var x Value
	if err := UnpackPositional("insert", args, kwargs, 2, &i, &x); err != nil {
		return nil, err
	}
	d := recv.(*Deque)
	n := int64(d.Len())
	if d.maxlen >= 0 && n >= int64(d.maxlen) {
		return nil, indexErrorf("deque already at its maximum size")
	}
	if i < 0 {
		i += n
		if i < 0 {
			i = 0
		}
	}
	i = min(i, n)
	if err := th.dequeReserve(d, int(n)+1); err != nil {
		return nil, err
	}
	e := d.elems()
	out := make([]Value, 0, n+1)
	out = append(append(append(out, e[:i]...), x), e[i:]...)
	d.buf, d.head = out, 0
	d.state++
	return None, nil
}

func dequeCopy(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := UnpackPositional("deque.copy", args, kwargs, 0); err != nil {
		return nil, err
	}
	d := recv.(*Deque)
	if err := th.charge(sizeDeque); err != nil {
		return nil, err
	}
	nd := &Deque{maxlen: d.maxlen}
	return nd, th.dequeSet(nd, append([]Value(nil), d.elems()...))
}

// dequeIndexArg converts a deque index (ints only, no slices).
func dequeIndexArg(d *Deque, k Value) (int, error) {
	i, ok := indexOf(k)
	if !ok {
		return 0, typeErrorf("sequence index must be integer, not '%s'", k.Type())
	}
	j, ok := normIndex(i, d.Len())
	if !ok {
		return 0, indexErrorf("deque index out of range")
	}
	return j, nil
}

func (th *Thread) dequeGetItem(d *Deque, k Value) (Value, error) {
	j, err := dequeIndexArg(d, k)
	if err != nil {
		return nil, err
	}
	return d.elems()[j], nil
}

func (th *Thread) dequeSetItem(d *Deque, k, v Value) error {
	j, err := dequeIndexArg(d, k)
	if err != nil {
		return err
	}
	d.elems()[j] = v
	return nil
}

func (th *Thread) dequeDelItem(d *Deque, k Value) error {
	j, err := dequeIndexArg(d, k)
	if err != nil {
		return err
	}
	dequeDelete(d, j)
	return nil
}

func (th *Thread) dequeRepr(sb *strings.Builder, d *Deque, depth int) error {
	if th.reprEnter(d) {
		sb.WriteString("[...]")
		return nil
	}
	defer th.reprLeave()
	sb.WriteString("deque([")
	for i, e := range d.elems() {
		if i > 0 {
			sb.WriteString(", ")
		}
		if err := th.writeRepr(sb, e, depth+1); err != nil {
			return err
		}
	}
	sb.WriteString("]")
	if d.maxlen >= 0 {
		sb.WriteString(", maxlen=")
		sb.WriteString(itoa(int64(d.maxlen)))
	}
	sb.WriteString(")")
	return nil
}

// dequeIter iterates a deque, failing if the deque changes meanwhile.
type dequeIter struct {
	d       *Deque
	i       int
	state   uint64
	reverse bool
}

func (it *dequeIter) Type() string {
	if it.reverse {
		return "_collections._deque_reverse_iterator"
	}
	return "_collections._deque_iterator"
}

func (it *dequeIter) Next(th *Thread) (Value, bool, error) {
	if it.d.state != it.state {
		return nil, false, runtimeErrorf("deque mutated during iteration")
	}
	e := it.d.elems()
	if it.i >= len(e) {
		return nil, false, nil
	}
	it.i++
	if it.reverse {
		return e[len(e)-it.i], true, nil
	}
	return e[it.i-1], true, nil
}

func (th *Thread) dequeIterate(d *Deque, reverse bool) (Iterator, error) {
	if err := th.charge(sizeIterator); err != nil {
		return nil, err
	}
	return &dequeIter{d: d, state: d.state, reverse: reverse}, nil
}

// dequeBinary implements deque + deque and deque * n.
func (th *Thread) dequeBinary(op BinaryOp, x *Deque, b Value) (Value, error, bool) {
	var elems []Value
	switch op {
	case BinAdd:
		y, ok := b.(*Deque)
		if !ok {
			if isUser(b) {
				return nil, nil, false
			}
			return nil, typeErrorf("can only concatenate deque (not \"%s\") to deque", b.Type()), true
		}
		elems = append(append([]Value(nil), x.elems()...), y.elems()...)
	case BinMul:
		n, ok := asInt(b)
		if !ok {
			return nil, nil, false
		}
		r, err := th.repeatSeq(x.elems(), n)
		if err != nil {
			return nil, err, true
		}
		elems = r
	default:
		return nil, nil, false
	}
	if err := th.charge(sizeDeque); err != nil {
		return nil, err, true
	}
	nd := &Deque{maxlen: x.maxlen}
	if x.maxlen >= 0 && len(elems) > x.maxlen {
		elems = elems[len(elems)-x.maxlen:]
	}
	return nd, th.dequeSet(nd, append([]Value(nil), elems...)), true
}
