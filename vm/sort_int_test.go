package vm

import (
	"cmp"
	"math/rand"
	"slices"
	"testing"
)

// TestSortIntItems compares the hand-written introsort with the standard
// library's sort on inputs that stress quicksort: random keys with many
// duplicates, sorted, reversed, constant, organ-pipe and sawtooth runs.
func TestSortIntItems(t *testing.T) {
	rng := rand.New(rand.NewSource(1))
	gens := map[string]func(i, n int) int64{
		"random":   func(i, n int) int64 { return rng.Int63n(int64(n/3 + 1)) },
		"wide":     func(i, n int) int64 { return rng.Int63() - rng.Int63() },
		"sorted":   func(i, n int) int64 { return int64(i) },
		"reversed": func(i, n int) int64 { return int64(n - i) },
		"constant": func(i, n int) int64 { return 7 },
		"organ":    func(i, n int) int64 { return int64(min(i, n-i)) },
		"sawtooth": func(i, n int) int64 { return int64(i % 17) },
	}
	for name, gen := range gens {
		for _, n := range []int{0, 1, 2, 3, 12, 13, 50, 257, 5000} {
			items := make([]intItem, n)
			for i := range items {
				items[i] = intItem{gen(i, n), i}
			}
			want := slices.Clone(items)
			slices.SortFunc(want, func(a, b intItem) int {
				return cmp.Or(cmp.Compare(a.k, b.k), cmp.Compare(a.i, b.i))
			})
			got := slices.Clone(items)
			sortIntItems(got)
			if !slices.Equal(got, want) {
				t.Fatalf("%s, n=%d: order differs from slices.SortFunc", name, n)
			}
			elems := make([]Value, n)
			src := make([]int, n)
			for i := range elems {
				elems[i] = MakeInt(int64(i))
				src[i] = got[i].i
			}
			permute(elems, src)
			for j, w := range want {
				if elems[j] != MakeInt(int64(w.i)) {
					t.Fatalf("%s, n=%d: permute put element %v at %d, want %d", name, n, elems[j], j, w.i)
				}
			}
			// The packed path, where the keys fit: same order.
			keys := make([]Value, n)
			vals := make([]Value, n)
			for i, it := range items {
				keys[i] = MakeInt(it.k)
				vals[i] = MakeInt(int64(i))
			}
			if sortPackedInts(vals, keys) {
				for j, w := range want {
					if vals[j] != MakeInt(int64(w.i)) {
						t.Fatalf("%s, n=%d: packed sort put element %v at %d, want %d", name, n, vals[j], j, w.i)
					}
				}
			} else if name != "wide" {
				t.Fatalf("%s, n=%d: keys fit in 32 bits but the packed sort refused them", name, n)
			}
		}
	}
}
