package vm

import "slices"

// hashtable is the insertion-ordered table behind Dict and Set. Entries
// are appended in insertion order; deleting one leaves a tombstone (key
// nil) until the table compacts. Small tables (≤ 8 entries) have no index
// and are scanned; larger ones keep an open-addressing index of entry
// positions.
type hashtable struct {
	entries []htEntry
	index   []int32 // -1 empty; otherwise a position in entries
	n       int     // live entries
	mcap    int     // capacity under the memory model (charged)
	version uint32  // bumped on insert/delete, to detect change during iteration
}

type htEntry struct {
	key, value Value
	hash       uint64
}

const htLinearMax = 8

func (h *hashtable) len() int { return h.n }

// find returns the position of key in entries, or -1.
func (h *hashtable) find(th *Thread, key Value, hash uint64) (int, error) {
	if h.index == nil {
		for i := range h.entries {
			e := &h.entries[i]
			if e.key == nil || e.hash != hash {
				continue
			}
			eq, err := keysEqual(th, e.key, key)
			if err != nil {
				return -1, err
			}
			if eq {
				return i, nil
			}
		}
		return -1, nil
	}
	mask := uint64(len(h.index) - 1)
	for i, step := mixHash(hash)&mask, uint64(1); ; i, step = (i+step)&mask, step+1 {
		pos := h.index[i]
		if pos < 0 {
			return -1, nil
		}
		e := &h.entries[pos]
		if e.key == nil || e.hash != hash {
			continue
		}
		eq, err := keysEqual(th, e.key, key)
		if err != nil {
			return -1, err
		}
		if eq {
			return int(pos), nil
		}
	}
}

// keysEqual is Equal with fast paths for the common key types.
func keysEqual(th *Thread, a, b Value) (bool, error) {
	switch x := a.(type) {
	case String:
		if y, ok := b.(String); ok {
			return x == y, nil
		}
	case Int64:
		if y, ok := b.(Int64); ok {
			return x == y, nil
		}
	}
	if sameIdentity(a, b) && !isFloatNaN(a) {
		return true, nil
	}
	return th.Equal(a, b)
}

func mixHash(h uint64) uint64 {
	h ^= h >> 33
	h *= 0xff51afd7ed558ccd
	h ^= h >> 33
	return h
}

func (h *hashtable) get(th *Thread, key Value) (Value, bool, error) {
	hash, err := th.Hash(key)
	if err != nil {
		return nil, false, err
	}
	i, err := h.find(th, key, hash)
	if err != nil || i < 0 {
		return nil, false, err
	}
	return h.entries[i].value, true, nil
}

// put inserts or replaces key. It returns whether a new entry was added.
func (h *hashtable) put(th *Thread, key, value Value) (bool, error) {
	hash, err := th.Hash(key)
	if err != nil {
		return false, err
	}
	i, err := h.find(th, key, hash)
	if err != nil {
		return false, err
	}
	if i >= 0 {
		h.entries[i].value = value
		return false, nil
	}
	h.insertNew(key, value, hash)
	return true, nil
}

// insertNew appends an entry known to be absent.
func (h *hashtable) insertNew(key, value Value, hash uint64) {
	h.entries = append(h.entries, htEntry{key, value, hash})
	h.n++
	h.version++
	if h.index == nil {
		if len(h.entries) > htLinearMax {
			h.rebuildIndex()
		}
		return
	}
	if len(h.entries)*3 >= len(h.index)*2 {
		h.rebuildIndex()
		return
	}
	h.indexInsert(int32(len(h.entries)-1), hash)
}

func (h *hashtable) indexInsert(pos int32, hash uint64) {
	mask := uint64(len(h.index) - 1)
	for i, step := mixHash(hash)&mask, uint64(1); ; i, step = (i+step)&mask, step+1 {
		if h.index[i] < 0 {
			h.index[i] = pos
			return
		}
	}
}

// rebuildIndex compacts tombstones away and rebuilds the index sized for
// the live entries.
func (h *hashtable) rebuildIndex() {
	if h.n != len(h.entries) {
		live := h.entries[:0]
		for _, e := range h.entries {
			if e.key != nil {
				live = append(live, e)
			}
		}
		for i := len(live); i < len(h.entries); i++ {
			h.entries[i] = htEntry{}
		}
		h.entries = live
	}
	if len(h.entries) <= htLinearMax {
		h.index = nil
		return
	}
	size := 16
	for size*2 < len(h.entries)*3+3 {
		size *= 2
	}
	size *= 2
	if cap(h.index) >= size {
		h.index = h.index[:size]
	} else {
		h.index = make([]int32, size)
	}
	for i := range h.index {
		h.index[i] = -1
	}
	for i, e := range h.entries {
		h.indexInsert(int32(i), e.hash)
	}
}

// delete removes key, returning its value.
func (h *hashtable) delete(th *Thread, key Value) (Value, bool, error) {
	hash, err := th.Hash(key)
	if err != nil {
		return nil, false, err
	}
	i, err := h.find(th, key, hash)
	if err != nil || i < 0 {
		return nil, false, err
	}
	v := h.entries[i].value
	h.entries[i] = htEntry{hash: h.entries[i].hash}
	h.n--
	h.version++
	if h.n == 0 {
		h.clear()
	} else if h.n*2 < len(h.entries) && len(h.entries) > htLinearMax {
		h.rebuildIndex()
	}
	return v, true, nil
}

func (h *hashtable) clear() {
	h.entries = h.entries[:0]
	h.index = nil
	h.n = 0
	h.version++
}

// compact removes tombstones (so entries can be indexed by position).
func (h *hashtable) compact() {
	if h.n != len(h.entries) {
		h.rebuildIndex()
	}
}

func (h *hashtable) keys() []Value {
	out := make([]Value, 0, h.n)
	for _, e := range h.entries {
		if e.key != nil {
			out = append(out, e.key)
		}
	}
	return out
}

func (h *hashtable) values() []Value {
	out := make([]Value, 0, h.n)
	for _, e := range h.entries {
		if e.key != nil {
			out = append(out, e.value)
		}
	}
	return out
}

func (h *hashtable) copyFrom(o *hashtable) {
	h.entries = make([]htEntry, 0, o.n)
	for _, e := range o.entries {
		if e.key != nil {
			h.entries = append(h.entries, e)
		}
	}
	h.n = len(h.entries)
	h.index = nil
	if h.n > htLinearMax {
		h.rebuildIndex()
	}
	h.version++
}

// Dict API used by library code.

// Len returns the number of items.
func (d *Dict) Len() int { return d.ht.n }

// Get returns d[k].
func (d *Dict) Get(th *Thread, k Value) (Value, bool, error) { return d.ht.get(th, k) }

// Set sets d[k] = v, charging the heap for growth.
func (d *Dict) Set(th *Thread, k, v Value) error {
	added, err := d.ht.put(th, k, v)
	if err != nil || !added {
		return err
	}
	return th.growDict(&d.ht)
}

// Delete removes k and returns its value.
func (d *Dict) Delete(th *Thread, k Value) (Value, bool, error) { return d.ht.delete(th, k) }

// Keys returns the keys in insertion order (a new slice).
func (d *Dict) Keys() []Value { return d.ht.keys() }

// Values returns the values in insertion order (a new slice).
func (d *Dict) Values() []Value { return d.ht.values() }

// Items returns (key, value) pairs in insertion order.
func (d *Dict) Items() []Tuple {
	out := make([]Tuple, 0, d.ht.n)
	for _, e := range d.ht.entries {
		if e.key != nil {
			out = append(out, Tuple{e.key, e.value})
		}
	}
	return out
}

// Clear removes every item.
func (d *Dict) Clear() { d.ht.clear() }

// Copy returns a shallow copy, charged to th's heap.
func (d *Dict) Copy(th *Thread) (*Dict, error) {
	nd := &Dict{}
	nd.ht.copyFrom(&d.ht)
	return nd, th.chargeDict(&nd.ht)
}

// Set API used by library code.

// Len returns the number of elements.
func (s *Set) Len() int { return s.ht.n }

// Frozen reports whether s is a frozenset.
func (s *Set) Frozen() bool { return s.frozen }

// Add adds v, charging the heap for growth.
func (s *Set) Add(th *Thread, v Value) error {
	added, err := s.ht.put(th, v, nil)
	if err != nil || !added {
		return err
	}
	s.py.added(s.ht.n)
	return th.growSet(&s.ht)
}

// Has reports whether v is an element.
func (s *Set) Has(th *Thread, v Value) (bool, error) {
	_, ok, err := s.ht.get(th, v)
	return ok, err
}

// Discard removes v, reporting whether it was present.
func (s *Set) Discard(th *Thread, v Value) (bool, error) {
	_, ok, err := s.ht.delete(th, v)
	return ok, err
}

// Clear removes every element.
func (s *Set) Clear() {
	s.ht.clear()
	s.py = pySetTable{}
}

// Elems returns the elements in iteration order (a new slice).
func (s *Set) Elems() []Value { return slices.Clone(s.iterOrder()) }

// Copy returns a shallow copy (same frozenness), charged to th's heap.
func (s *Set) Copy(th *Thread) (*Set, error) {
	ns := &Set{frozen: s.frozen}
	ns.ht.copyFrom(&s.ht)
	ns.py = copiedPySetTable(ns.ht.n)
	return ns, th.chargeSet(&ns.ht)
}

// iterOrder returns the elements in the order CPython iterates them
// (setorder.go) when CPython's hashes of the elements are reproducible, and
// in insertion order otherwise. The slice is shared: callers must not
// change it.
func (s *Set) iterOrder() []Value {
	if s.order != nil && s.orderAt == s.ht.version {
		return s.order
	}
	keys := s.ht.keys()
	if len(keys) >= 2 {
		keys = s.py.order(keys)
	}
	s.order, s.orderAt = keys, s.ht.version
	return keys
}
