package vm

import (
	"math"
	"unsafe"
)

// The 32-bit size model (docs/memory-model.md). Every size is in bytes, as
// the object would occupy on a 32-bit microcontroller VM with 4-byte
// pointers and a 4-byte object header (type pointer; GC marks live in a
// side bitmap), rounded up to 4 bytes.
const (
	sizeHeader   = 4
	sizeBoxedInt = 12 // header + int64
	sizeFloat    = 12 // header + float64
	sizeStrBase  = 12 // header + length + cached hash; then the bytes
	sizeTuple    = 12 // header + length + cached hash; then 4 per item
	sizeList     = 16 // header + length + capacity + items pointer
	sizeDict     = 20 // header + used + capacity + entries pointer + index pointer
	sizeDictSlot = 12 // per slot: hash + key + value
	sizeSetSlot  = 8  // per slot: hash + key
	sizeRange    = 16
	sizeCell     = 8
	sizeFunction = 28 // header + code + globals + defaults + kwdefaults + closure + class
	sizeBound    = 12
	sizeObject   = 12 // header + class + attribute table pointer
	sizeAttrSlot = 8  // per instance attribute slot: name + value
	sizeClass    = 32
	sizeIterator = 16
	sizeModule   = 16
	sizeFrame    = 32 // header + code + pc + sp + back + globals + handler state; then 4 per slot
	sizeExcInfo  = 20 // args + cause + context + traceback pointers + flags
	// smallIntBits: ints in [-2^30, 2^30) are tagged in a pointer word and
	// take no heap (as in MicroPython); larger ones are boxed.
	smallIntBits = 31
)

func round4(n int64) int64 { return (n + 3) &^ 3 }

// sizeOfInt is the heap size of an int result.
func sizeOfInt(i int64) int64 {
	if i >= -(1<<(smallIntBits-1)) && i < 1<<(smallIntBits-1) {
		return 0
	}
	return sizeBoxedInt
}

func sizeOfStr(n int) int64     { return round4(sizeStrBase + int64(n)) }
func sizeOfTuple(n int) int64   { return sizeTuple + 4*int64(n) }
func sizeOfListCap(c int) int64 { return sizeList + 4*int64(c) }
func sizeOfDictCap(c int) int64 { return sizeDict + sizeDictSlot*int64(c) }
func sizeOfFrame(slots int) int64 {
	return sizeFrame + 4*int64(slots)
}

// listGrowCap is the capacity a list grows to when it must hold n items:
// CPython's over-allocation (n + n/8 + 6, rounded down to a multiple of 4).
func listGrowCap(n int) int {
	c := (n + n>>3 + 6) &^ 3
	if c < n {
		c = n
	}
	return c
}

// dictCapFor returns the slot count a dict (or set) of n entries has under
// the model: a power of two ≥ 4 kept at most 2/3 full.
func dictCapFor(n int) int {
	c := 4
	for c*2 < n*3 {
		c <<= 1
	}
	return c
}

// charge adds n bytes to the heap. It is the single point where the heap
// budget is enforced: over the collection threshold it measures the live
// heap, and if live + n still exceeds the limit it returns MemoryError.
// The fast path is small enough to inline into the interpreter.
func (th *Thread) charge(n int64) error {
	th.heap += n
	if th.heap > th.slowAt {
		return th.chargeSlow(n)
	}
	return nil
}

// setNative records whether native code is the innermost activation.
func (th *Thread) setNative(b bool) {
	th.inNative = b
	th.updateSlowAt()
}

// updateSlowAt recomputes the heap level above which a charge takes the
// slow path: the collection threshold or the peak, whichever is lower;
// always while native code runs (its charges are tallied separately).
func (th *Thread) updateSlowAt() {
	switch {
	case th.inNative:
		th.slowAt = -1 << 62
	case th.peak < th.nextGC:
		th.slowAt = th.peak
	default:
		th.slowAt = th.nextGC
	}
}

// credit returns n bytes (frames popped: their lifetime is exact).
func (th *Thread) credit(n int64) {
	th.heap -= n
}

// chargeSlow finishes a charge already added to th.heap: it records bytes
// charged by native code and collects when over the threshold.
func (th *Thread) chargeSlow(n int64) error {
	if th.inNative {
		th.nativeBytes += n
	}
	if th.heap > th.nextGC {
		// Measure the live heap without the request, then add it back.
		th.heap -= n
		if th.inNative {
			th.nativeBytes -= n
		}
		th.collect()
		if th.limit > 0 && th.heap+n > th.limit {
			return th.memoryError(n)
		}
		th.heap += n
		if th.inNative {
			th.nativeBytes += n
		}
	}
	if th.heap > th.peak {
		th.peak = th.heap
	}
	th.updateSlowAt()
	return nil
}

// collect sets the heap to the live bytes reachable from the roots (plus
// what native code charged since it began, which may be held only in Go
// variables) and schedules the next collection.
// settle collects if calls have run since the last collection, so that
// th.heap is the live heap.
func (th *Thread) settle() {
	if !th.unsettled {
		return
	}
	th.unsettled = false
	th.collect()
	if th.heap > th.peak {
		th.peak = th.heap
	}
	th.updateSlowAt()
}

func (th *Thread) collect() {
	live := th.markLive() + th.nativeBytes
	th.heap = live
	th.collections++
	step := int64(gcMinStepUnlimited)
	if th.limit > 0 {
		step = gcMinStep
	}
	next := live * 2
	if th.limit == 0 {
		next = live * 4
	}
	if next < live+step {
		next = live + step
	}
	if th.limit > 0 && next > th.limit {
		next = th.limit
	}
	th.nextGC = next
	th.updateSlowAt()
}

// gcMinStep is the least allocation between two collections under a heap
// limit: small enough that the reported peak stays close to the true live
// peak of small handlers (as a device collecting at that threshold would
// see it), large enough that collection cost is amortized. Without a limit
// collections only keep Stats meaningful, so they run less often.
const (
	gcMinStep          = 1024
	gcMinStepUnlimited = 4 << 20
)

func (th *Thread) memoryError(n int64) error {
	e := newError(excMemoryError, "out of memory: allocating %d bytes with %d of %d bytes in use", n, th.heap, th.limit)
	e.HeapLimit, e.Requested = th.limit, n
	e.value.exc.heapLimit, e.value.exc.requested = th.limit, n
	return e
}

// Alloc charges n bytes to the heap (for objects the helpers below do not
// cover). It returns MemoryError when the budget is exhausted.
func (th *Thread) Alloc(n int64) error { return th.charge(n) }

// NewList returns a list holding elems (owned by the list), charged.
func (th *Thread) NewList(elems []Value) (*List, error) {
	if err := th.charge(sizeOfListCap(len(elems))); err != nil {
		return nil, err
	}
	return &List{elems: elems, mcap: len(elems)}, nil
}

// NewTuple returns a tuple of elems (owned by the tuple), charged.
func (th *Thread) NewTuple(elems []Value) (Tuple, error) {
	if len(elems) == 0 {
		return Tuple{}, nil
	}
	if err := th.charge(sizeOfTuple(len(elems))); err != nil {
		return nil, err
	}
	return Tuple(elems), nil
}

// NewDict returns an empty dict, charged.
func (th *Thread) NewDict() (*Dict, error) {
	if err := th.charge(sizeDict); err != nil {
		return nil, err
	}
	return &Dict{}, nil
}

// NewSet returns an empty set (a frozenset if frozen), charged.
func (th *Thread) NewSet(frozen bool) (*Set, error) {
	if err := th.charge(sizeDict); err != nil {
		return nil, err
	}
	return &Set{frozen: frozen}, nil
}

// NewStr returns a str, charged.
func (th *Thread) NewStr(s string) (Value, error) {
	if err := th.charge(sizeOfStr(len(s))); err != nil {
		return nil, err
	}
	return th.slab.boxedStr(s), nil
}

// NewBytes returns a bytes value, charged.
func (th *Thread) NewBytes(s string) (Value, error) {
	if err := th.charge(sizeOfStr(len(s))); err != nil {
		return nil, err
	}
	return Bytes(s), nil
}

// NewFloat returns a float, charged.
func (th *Thread) NewFloat(f float64) (Value, error) {
	if err := th.charge(sizeFloat); err != nil {
		return nil, err
	}
	return th.slab.boxedFloat(f), nil
}

// NewInt returns an int, charged if it would be boxed on a device.
func (th *Thread) NewInt(i int64) (Value, error) {
	if n := sizeOfInt(i); n > 0 {
		if err := th.charge(n); err != nil {
			return nil, err
		}
	}
	return MakeInt(i), nil
}

// Append appends v to the list, charging growth of its capacity.
func (l *List) Append(th *Thread, v Value) error {
	if len(l.elems) >= l.mcap {
		nc := listGrowCap(len(l.elems) + 1)
		if err := th.charge(4 * int64(nc-l.mcap)); err != nil {
			return err
		}
		l.mcap = nc
	}
	l.elems = append(l.elems, v)
	return nil
}

// SetElems replaces the list's elements, charging growth.
func (l *List) SetElems(th *Thread, elems []Value) error {
	if len(elems) > l.mcap {
		if err := th.charge(4 * int64(len(elems)-l.mcap)); err != nil {
			return err
		}
		l.mcap = len(elems)
	}
	l.elems = elems
	return nil
}

// growDict charges a dict that just gained an entry for capacity growth.
func (th *Thread) growDict(h *hashtable) error { return th.growTable(h, sizeDictSlot) }

// growSet charges a set that just gained an element for capacity growth.
func (th *Thread) growSet(h *hashtable) error { return th.growTable(h, sizeSetSlot) }

func (th *Thread) growTable(h *hashtable, slot int64) error {
	if h.n <= h.mcap*2/3 && h.mcap > 0 {
		return nil
	}
	nc := dictCapFor(h.n)
	if nc <= h.mcap {
		return nil
	}
	delta := int64(nc-h.mcap) * slot
	if err := th.charge(delta); err != nil {
		return err
	}
	h.mcap = nc
	return nil
}

// chargeDict charges a newly built dict for its header and slots.
func (th *Thread) chargeDict(h *hashtable) error {
	h.mcap = dictCapFor(h.n)
	return th.charge(sizeOfDictCap(h.mcap))
}

// chargeSet charges a newly built set for its header and slots.
func (th *Thread) chargeSet(h *hashtable) error {
	h.mcap = dictCapFor(h.n)
	return th.charge(sizeDict + sizeSetSlot*int64(h.mcap))
}

// markLive traces the Python object graph from the thread's roots and
// returns the bytes it holds under the size model.
func (th *Thread) markLive() int64 {
	// The seen sets are kept between collections and cleared: clearing
	// keeps their buckets, so a steady workload collects without
	// allocating.
	if th.markSeen == nil {
		th.markSeen = make(map[uintptr]struct{}, 64)
		th.markStrs = make(map[strKey]struct{}, 64)
	}
	clear(th.markSeen)
	clear(th.markStrs)
	m := marker{seen: th.markSeen, strs: th.markStrs}
	defer func() { th.markSeen, th.markStrs = m.seen, m.strs }()
	if th.inst != nil {
		for _, mod := range th.inst.modules {
			m.module(mod)
		}
		for _, mod := range th.inst.imported {
			m.value(mod)
		}
	}
	for _, fr := range th.frames {
		m.frame(fr)
	}
	for _, v := range th.extraRoots {
		m.value(v)
	}
	return m.total + th.frameBytes
}

// sizeOfValues is the heap size of the object graph reachable from vs.
func sizeOfValues(vs []Value) int64 {
	m := marker{seen: make(map[uintptr]struct{}, 16)}
	m.children(vs)
	return m.total
}

type marker struct {
	seen  map[uintptr]struct{}
	strs  map[strKey]struct{} // strs seen, by start and length
	total int64
	depth int
}

// strKey identifies a str object: concatenation results share their
// prefix's bytes (strconcat.go), so the start alone does not tell a result
// from the prefix it extends.
type strKey struct {
	p unsafe.Pointer
	n int
}

// visitStr reports whether the str s is seen for the first time.
func (m *marker) visitStr(s string) bool {
	k := strKey{unsafe.Pointer(unsafe.StringData(s)), len(s)}
	if m.strs == nil {
		m.strs = make(map[strKey]struct{}, 16)
	} else if _, ok := m.strs[k]; ok {
		return false
	}
	m.strs[k] = struct{}{}
	return true
}

// visit reports whether p is seen for the first time.
func (m *marker) visit(p unsafe.Pointer) bool {
	if _, ok := m.seen[uintptr(p)]; ok {
		return false
	}
	m.seen[uintptr(p)] = struct{}{}
	return true
}

func (m *marker) module(mod *module) {
	if mod == nil || !m.visit(unsafe.Pointer(mod)) {
		return
	}
	for _, v := range mod.globals {
		if v != nil {
			m.value(v)
		}
	}
}

func (m *marker) frame(fr *frame) {
	if fr == nil {
		return
	}
	for _, v := range fr.locals {
		if v != nil {
			m.value(v)
		}
	}
	for _, v := range fr.stack[:fr.sp] {
		if v != nil {
			m.value(v)
		}
	}
	for _, c := range fr.cells {
		if c != nil {
			m.value(c)
		}
	}
	if fr.fn != nil {
		m.value(fr.fn)
	}
	if fr.handling != nil {
		m.value(fr.handling)
	}
	if fr.ns != nil {
		m.value(fr.ns)
	}
}

// value adds v and what it references. Deep structures are followed with
// an explicit depth limit; beyond it sizes are still counted shallowly so
// that a pathological nesting cannot overflow the Go stack.
// attrs marks an attribute table (charged as a dict) and its values.
func (m *marker) attrs(as []attr) {
	if len(as) > 0 {
		m.total += sizeOfDictCap(dictCapFor(len(as)))
	}
	for _, a := range as {
		m.value(a.value)
	}
}

func (m *marker) value(v Value) {
	switch x := v.(type) {
	case NoneType, Boolean:
	case Int64:
		m.total += sizeOfInt(int64(x))
	case Float64:
		m.total += sizeFloat
	case String:
		if len(x) == 0 {
			return
		}
		if m.visitStr(string(x)) {
			m.total += sizeOfStr(len(x))
		}
	case Bytes:
		if len(x) == 0 {
			return
		}
		if m.visit(unsafe.Pointer(unsafe.StringData(string(x)))) {
			m.total += sizeOfStr(len(x))
		}
	case Tuple:
		if len(x) == 0 || !m.visit(unsafe.Pointer(&x[0])) {
			return
		}
		m.total += sizeOfTuple(len(x))
		m.children(x)
	case *List:
		if !m.visit(unsafe.Pointer(x)) {
			return
		}
		m.total += sizeOfListCap(max(x.mcap, len(x.elems)))
		m.children(x.elems)
	case *Dict:
		if !m.visit(unsafe.Pointer(x)) {
			return
		}
		m.table(&x.ht, sizeDictSlot)
		if x.sub != nil { // collections subclass: its header and default_factory
			m.total += sizeDictSub
			if x.sub.factory != nil {
				m.value(x.sub.factory)
			}
		}
	case *Set:
		if !m.visit(unsafe.Pointer(x)) {
			return
		}
		m.table(&x.ht, sizeSetSlot)
	case *Range:
		if m.visit(unsafe.Pointer(x)) {
			m.total += sizeRange
		}
	case *Deque: // collections.deque
		if !m.visit(unsafe.Pointer(x)) {
			return
		}
		m.total += sizeDeque + 4*int64(max(x.mcap, x.Len()))
		m.children(x.elems())
	case *NamedTuple: // collections.namedtuple instance: a tuple and its class
		if !m.visit(unsafe.Pointer(x)) {
			return
		}
		m.total += sizeOfTuple(len(x.t)) + sizeHeader
		m.children(x.t)
		m.value(x.cls)
	case *RePattern: // re.Pattern: header and its source str
		if m.visit(unsafe.Pointer(x)) {
			m.total += sizeReObject
			m.value(x.pattern)
		}
	case *ReMatch: // re.Match: header, spans, subject and pattern
		if m.visit(unsafe.Pointer(x)) {
			m.total += sizeReObject + 4*int64(len(x.spans))
			m.value(x.str)
			m.value(x.pat)
		}
	case *dequeIter:
		if m.visit(unsafe.Pointer(x)) {
			m.total += sizeIterator
			m.value(x.d)
		}
	case *Cell:
		if m.visit(unsafe.Pointer(x)) {
			m.total += sizeCell
			if x.v != nil {
				m.value(x.v)
			}
		}
	case *Function:
		if !m.visit(unsafe.Pointer(x)) {
			return
		}
		m.total += sizeFunction + 4*int64(len(x.freevars))
		m.attrs(x.attrs)
		m.children(x.defaults)
		m.children(x.kwdefs)
		for _, c := range x.freevars {
			m.value(c)
		}
		m.module(x.module)
	case *BoundMethod:
		if m.visit(unsafe.Pointer(x)) {
			m.total += sizeBound
			m.value(x.self)
			m.value(x.fn)
		}
	case *Builtin:
		if x.recv != nil && m.visit(unsafe.Pointer(x)) {
			m.total += sizeBound
			m.value(x.recv)
		} else if len(x.attrs) > 0 && m.visit(unsafe.Pointer(x)) {
			// A functools wrapper: its state lives in its attributes.
			m.total += sizeFunction
			m.attrs(x.attrs)
		}
	case *Object:
		if !m.visit(unsafe.Pointer(x)) {
			return
		}
		m.total += sizeObject
		m.attrs(x.attrs)
		if x.exc != nil {
			m.total += sizeExcInfo
			m.children(x.exc.args)
			if x.exc.cause != nil {
				m.value(x.exc.cause)
			}
			if x.exc.context != nil {
				m.value(x.exc.context)
			}
		}
		if !x.class.builtin {
			m.value(x.class)
		}
	case *Class:
		if x.builtin || !m.visit(unsafe.Pointer(x)) {
			return
		}
		m.total += sizeClass + sizeOfDictCap(dictCapFor(len(x.dict)))
		for _, k := range x.names {
			m.value(x.dict[k])
		}
	case *Module:
		if !m.visit(unsafe.Pointer(x)) {
			return
		}
		m.total += sizeModule
	case *Generator:
		if !m.visit(unsafe.Pointer(x)) {
			return
		}
		m.total += sizeIterator
		if x.fr != nil && !x.running {
			m.total += sizeOfFrame(len(x.fr.locals) + len(x.fr.stack) + len(x.fr.cells))
			m.frame(x.fr)
		}
	case *listIter:
		if m.visit(unsafe.Pointer(x)) {
			m.total += sizeIterator
			m.value(x.l)
		}
	case *NativeIterator:
		if m.visit(unsafe.Pointer(x)) {
			m.total += sizeIterator
		}
	default:
		if it, ok := v.(Iterator); ok {
			if p := identity(it); p != 0 {
				if _, seen := m.seen[p]; seen {
					return
				}
				m.seen[p] = struct{}{}
			}
			m.total += sizeIterator
		}
	}
}

func (m *marker) children(vs []Value) {
	if m.depth > 10000 {
		return
	}
	m.depth++
	for _, v := range vs {
		if v != nil {
			m.value(v)
		}
	}
	m.depth--
}

func (m *marker) table(h *hashtable, slot int64) {
	m.total += sizeDict + slot*int64(max(h.mcap, dictCapFor(h.n)))
	if m.depth > 10000 {
		return
	}
	m.depth++
	for _, e := range h.entries {
		if e.key != nil {
			m.value(e.key)
			if e.value != nil {
				m.value(e.value)
			}
		}
	}
	m.depth--
}

// noLimit stands for "no heap limit" in nextGC arithmetic.
const noLimit = math.MaxInt64
