package vm

import (
	"math"
	"math/bits"
	"slices"
)

// sortIntItems sorts items by (k, i). Every i is distinct, so the order is
// total and an unstable algorithm gives the stable result. It is an
// introsort — quicksort with a median-of-three pivot, insertion sort for
// short runs, heapsort when partitions keep coming out lopsided — written
// out for this one type so that the comparison is inline: through
// slices.SortFunc every comparison is an indirect call, which was a third
// of the time of sorting ints.
func sortIntItems(a []intItem) {
	introSortInt(a, 2*bits.Len(uint(len(a))))
}

func intItemLess(x, y intItem) bool {
	return x.k < y.k || x.k == y.k && x.i < y.i
}

func introSortInt(a []intItem, depth int) {
	for len(a) > 12 {
		if depth == 0 {
			heapSortInt(a)
			return
		}
		depth--
		p := partitionInt(a)
		// Recurse into the smaller side, loop on the larger: the stack
		// stays logarithmic.
		if p < len(a)-p {
			introSortInt(a[:p], depth)
			a = a[p+1:]
		} else {
			introSortInt(a[p+1:], depth)
			a = a[:p]
		}
	}
	for i := 1; i < len(a); i++ {
		for j := i; j > 0 && intItemLess(a[j], a[j-1]); j-- {
			a[j], a[j-1] = a[j-1], a[j]
		}
	}
}

// partitionInt moves the median of the first, middle and last items to
// a[0], partitions around it and returns its final index.
func partitionInt(a []intItem) int {
	n := len(a)
	m := n / 2
	if intItemLess(a[m], a[0]) {
		a[m], a[0] = a[0], a[m]
	}
	if intItemLess(a[n-1], a[m]) {
		a[n-1], a[m] = a[m], a[n-1]
		if intItemLess(a[m], a[0]) {
			a[m], a[0] = a[0], a[m]
		}
	}
	a[0], a[m] = a[m], a[0]
	pivot := a[0]
	i, j := 1, n-1
	for {
		for i <= j && intItemLess(a[i], pivot) {
			i++
		}
		for i <= j && intItemLess(pivot, a[j]) {
			j--
		}
		if i >= j {
			break
		}
		a[i], a[j] = a[j], a[i]
		i++
		j--
	}
	a[0], a[j] = a[j], a[0]
	return j
}

func heapSortInt(a []intItem) {
	n := len(a)
	for i := n/2 - 1; i >= 0; i-- {
		siftDownInt(a, i, n)
	}
	for end := n - 1; end > 0; end-- {
		a[0], a[end] = a[end], a[0]
		siftDownInt(a, 0, end)
	}
}

func siftDownInt(a []intItem, root, n int) {
	for {
		child := 2*root + 1
		if child >= n {
			return
		}
		if child+1 < n && intItemLess(a[child], a[child+1]) {
			child++
		}
		if !intItemLess(a[root], a[child]) {
			return
		}
		a[root], a[child] = a[child], a[root]
		root = child
	}
}

// sortPackedInts sorts elems by int keys that all fit in 32 bits (the
// common case) by packing key and original index into one uint64 — key
// offset to unsigned in the high half, index in the low half — and sorting
// those with the standard library's specialized sort: distinct packed
// values make it stable, and comparing plain integers is about twice as
// fast as comparing pairs. It reports false when a key does not fit.
func sortPackedInts(elems, keys []Value) bool {
	if len(keys) > math.MaxUint32 {
		return false
	}
	packed := make([]uint64, len(keys))
	for i, k := range keys {
		v := int64(k.(Int64))
		if v < math.MinInt32 || v > math.MaxInt32 {
			return false
		}
		packed[i] = uint64(v-math.MinInt32)<<32 | uint64(i)
	}
	slices.Sort(packed)
	src := make([]int, len(packed))
	for j, p := range packed {
		src[j] = int(uint32(p))
	}
	permute(elems, src)
	return true
}

// permute rearranges elems in place so that elems[j] becomes the old
// elems[src[j]], following each cycle of the permutation once (src[j] is
// set to -1 when position j is done) instead of copying through a second
// slice.
func permute(elems []Value, src []int) {
	for start := range src {
		if src[start] < 0 || src[start] == start {
			continue
		}
		saved := elems[start]
		cur := start
		for {
			from := src[cur]
			src[cur] = -1
			if from == start {
				elems[cur] = saved
				break
			}
			elems[cur] = elems[from]
			cur = from
		}
	}
}
