package vm

// CPython iterates a set in the order of its hash table's slots, so the
// order follows from the elements' hashes, the table size and the order
// of insertion. Programs print sets, so nl reproduces that order for sets
// whose elements have reproducible CPython hashes (ints, floats, tuples of
// them: pyhash.go); str hashes are salted per CPython process, so sets of
// strs keep insertion order (no CPython run can be matched anyway).
//
// pySetTable follows the size of CPython 3.11's table (setobject.c): 8
// slots to start with; after an insertion that leaves it 3/5 full
// (counting deleted slots) it is rebuilt with the least power of two above
// 4× the live elements (2× above 50,000); deletion never shrinks it;
// clear() starts over; a copy is sized once for twice the elements. The
// layout is then rebuilt by inserting the live elements in insertion order
// with CPython's probe sequence (ten neighbouring slots, then a perturbed
// jump). That is exact while no two elements compete for a slot whose
// outcome depends on history nl does not keep (deleted slots, the slot
// order of a copied table); collisions after deletions may order
// differently.
type pySetTable struct {
	mask int // slots-1; 0 means the initial 8 slots
	fill int // live and deleted slots
}

const (
	pySetMinSize  = 8
	pyLinearProbe = 9
	pyPerturbBits = 5
)

func (t *pySetTable) size() int {
	if t.mask == 0 {
		return pySetMinSize
	}
	return t.mask + 1
}

// added records the insertion of a new element; used is the live count
// after it.
func (t *pySetTable) added(used int) {
	mask := t.size() - 1
	t.fill++
	if t.fill*5 < mask*3 {
		return
	}
	t.mask = pySetGrownSize(used) - 1
	t.fill = used
}

// pySetGrownSize is the table size CPython grows to with used elements.
func pySetGrownSize(used int) int {
	if used > 50000 {
		return pySetSizeFor(used * 2)
	}
	return pySetSizeFor(used * 4)
}

// copiedPySetTable is the table of set(s) / s.copy() with n elements.
func copiedPySetTable(n int) pySetTable {
	if n*5 < (pySetMinSize-1)*3 {
		return pySetTable{fill: n}
	}
	return pySetTable{mask: pySetSizeFor(2*n) - 1, fill: n}
}

// pySetSizeFor is the least power of two (at least 8) above minused.
func pySetSizeFor(minused int) int {
	size := pySetMinSize
	for size <= minused {
		size <<= 1
	}
	return size
}

// order lays keys out as CPython would and returns them in slot order,
// or returns keys unchanged when some hash is not reproducible. It replays
// the insertions from an empty 8-slot table, rebuilding it (in slot order,
// as CPython does) whenever CPython would grow it, which reproduces
// CPython's layout exactly for a set built by adding; a table that
// deletions or a copy left at another size is rebuilt once more at that
// size.
func (t *pySetTable) order(keys []Value) []Value {
	hashes := make([]uint64, len(keys))
	for k, key := range keys {
		h, ok := pyHashOf(key)
		if !ok {
			return keys
		}
		hashes[k] = uint64(h)
	}
	slots := newPySlots(pySetMinSize)
	fill := 0
	for k := range keys {
		mask := uint64(len(slots) - 1)
		slots[pySetSlot(slots, mask, hashes[k])] = int32(k)
		fill++
		if fill*5 >= int(mask)*3 {
			used := k + 1
			slots = rebuildPySlots(slots, pySetGrownSize(used), hashes)
			fill = used
		}
	}
	if size := t.size(); size != len(slots) && size >= len(keys) {
		slots = rebuildPySlots(slots, size, hashes)
	}
	out := make([]Value, 0, len(keys))
	for _, k := range slots {
		if k >= 0 {
			out = append(out, keys[k])
		}
	}
	return out
}

func newPySlots(size int) []int32 {
	slots := make([]int32, size)
	for i := range slots {
		slots[i] = -1
	}
	return slots
}

// rebuildPySlots reinserts the occupied slots, in slot order, into a
// table of the given size (CPython's set_table_resize).
func rebuildPySlots(old []int32, size int, hashes []uint64) []int32 {
	slots := newPySlots(size)
	mask := uint64(size - 1)
	for _, k := range old {
		if k >= 0 {
			slots[pySetSlot(slots, mask, hashes[k])] = k
		}
	}
	return slots
}

// pySetSlot is the free slot CPython's insertion picks for hash h.
func pySetSlot(slots []int32, mask, h uint64) uint64 {
	perturb := h
	i := h & mask
	for {
		if slots[i] < 0 {
			return i
		}
		if i+pyLinearProbe <= mask {
			for j := i + 1; j <= i+pyLinearProbe; j++ {
				if slots[j] < 0 {
					return j
				}
			}
		}
		perturb >>= pyPerturbBits
		i = (i*5 + 1 + perturb) & mask
	}
}
