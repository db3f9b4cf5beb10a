package vm

import "unsafe"

// Boxing ints and floats into a Value allocates 8 bytes each time, which
// dominates arithmetic-heavy loops. Instead each Thread hands out slots of
// a slab of 256 numbers and builds the interface value pointing at the
// slot: one allocation per 256 results. A slot is written once, before the
// Value exists, and never again, so Values stay immutable; a live Value
// keeps its whole slab alive, which bounds the waste at 2 KB per slab.

// ifaceWords is the layout of a non-empty interface value.
type ifaceWords struct {
	tab  unsafe.Pointer
	data unsafe.Pointer
}

const slabSize = 256

var (
	int64Tab   = itabOf(Int64(1 << 40))
	float64Tab = itabOf(Float64(1.5))
)

func itabOf(v Value) unsafe.Pointer { return (*ifaceWords)(unsafe.Pointer(&v)).tab }

type numSlab struct {
	ints   *[slabSize]int64
	nInt   int
	floats *[slabSize]float64
	nFloat int
	strs   *[strSlabSize]string
	nStr   int
}

// strSlabSize is smaller than slabSize because a live str keeps the other
// strs of its slab alive on the host (not in the heap account): at most 31.
const strSlabSize = 32

var stringTab = itabOf(String("x"))

// boxedStr returns s as a Value without a per-value allocation.
func (s *numSlab) boxedStr(str string) Value {
	if s.strs == nil || s.nStr == strSlabSize {
		s.strs = new([strSlabSize]string)
		s.nStr = 0
	}
	p := &s.strs[s.nStr]
	s.nStr++
	*p = str
	var v Value
	w := (*ifaceWords)(unsafe.Pointer(&v))
	w.tab = stringTab
	w.data = unsafe.Pointer(p)
	return v
}

// boxedInt returns i as a Value without a per-value allocation.
func (s *numSlab) boxedInt(i int64) Value {
	if s.ints == nil || s.nInt == slabSize {
		s.ints = new([slabSize]int64)
		s.nInt = 0
	}
	p := &s.ints[s.nInt]
	s.nInt++
	*p = i
	var v Value
	w := (*ifaceWords)(unsafe.Pointer(&v))
	w.tab = int64Tab
	w.data = unsafe.Pointer(p)
	return v
}

// boxedFloat returns f as a Value without a per-value allocation.
func (s *numSlab) boxedFloat(f float64) Value {
	if s.floats == nil || s.nFloat == slabSize {
		s.floats = new([slabSize]float64)
		s.nFloat = 0
	}
	p := &s.floats[s.nFloat]
	s.nFloat++
	*p = f
	var v Value
	w := (*ifaceWords)(unsafe.Pointer(&v))
	w.tab = float64Tab
	w.data = unsafe.Pointer(p)
	return v
}
