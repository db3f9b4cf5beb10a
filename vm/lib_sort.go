package vm

import (
	"cmp"
	"slices"
	"sort"
	"strings"
)

// sortValues sorts elems in place as list.sort does: stable, by key(e)
// when key is not None, descending when reverse (equal elements keep their
// order, as in CPython). A comparison error stops the sort and is returned.
func sortValues(th *Thread, elems []Value, key Value, reverse bool) error {
	if len(elems) < 2 {
		return nil
	}
	if reverse {
		slices.Reverse(elems)
		defer slices.Reverse(elems)
	}
	if key == nil || key == None {
		return sortPlain(th, elems)
	}
	pairs := make([]sortPair, len(elems))
	// One argument slice for every call: a callee never keeps its
	// argument slice (the interpreter passes slices of its own stack).
	arg := make(Tuple, 1)
	for i, e := range elems {
		arg[0] = e
		k, err := th.Call(key, arg, nil)
		if err != nil {
			return err
		}
		pairs[i] = sortPair{k, e}
	}
	keys := make([]Value, len(pairs))
	for i := range pairs {
		keys[i] = pairs[i].key
	}
	if ok := sortFast(elems, keys); ok {
		return nil
	}
	var err error
	sort.Stable(&pairSorter{th: th, p: pairs, err: &err})
	for i := range pairs {
		elems[i] = pairs[i].val
	}
	return err
}

// intItem and strItem carry a sort key and the element's original index;
// the index breaks ties, which makes an unstable sort stable and keeps
// interface values out of the swaps.
type intItem struct {
	k int64
	i int
}

type strItem struct {
	k string
	i int
}

// sortFast sorts elems by keys (parallel slices) when the keys are all
// ints or all strs, reporting whether it did.
func sortFast(elems, keys []Value) bool {
	switch homogeneous(keys) {
	case kindInt:
		if sortPackedInts(elems, keys) {
			return true
		}
		items := make([]intItem, len(keys))
		for i, k := range keys {
			items[i] = intItem{int64(k.(Int64)), i}
		}
		sortIntItems(items)
		src := make([]int, len(items))
		for j, it := range items {
			src[j] = it.i
		}
		permute(elems, src)
		return true
	case kindStr:
		items := make([]strItem, len(keys))
		for i, k := range keys {
			items[i] = strItem{string(k.(String)), i}
		}
		slices.SortFunc(items, func(a, b strItem) int {
			if c := strings.Compare(a.k, b.k); c != 0 {
				return c
			}
			return cmp.Compare(a.i, b.i)
		})
		sorted := make([]Value, len(elems))
		for j, it := range items {
			sorted[j] = elems[it.i]
		}
		copy(elems, sorted)
		return true
	}
	return false
}

type sortPair struct{ key, val Value }

type sortKind int

const (
	kindMixed sortKind = iota
	kindInt
	kindStr
)

// homogeneous reports whether all values are ints or all are strs, so a
// sort can compare them without the generic comparison.
func homogeneous(vs []Value) sortKind {
	switch vs[0].(type) {
	case Int64:
		for _, v := range vs {
			if _, ok := v.(Int64); !ok {
				return kindMixed
			}
		}
		return kindInt
	case String:
		for _, v := range vs {
			if _, ok := v.(String); !ok {
				return kindMixed
			}
		}
		return kindStr
	}
	return kindMixed
}

func sortPlain(th *Thread, elems []Value) error {
	if sortFast(elems, elems) {
		return nil
	}
	var err error
	sort.Stable(&valueSorter{th: th, v: elems, err: &err})
	return err
}

type valueSorter struct {
	th  *Thread
	v   []Value
	err *error
}

func (s *valueSorter) Len() int      { return len(s.v) }
func (s *valueSorter) Swap(i, j int) { s.v[i], s.v[j] = s.v[j], s.v[i] }
func (s *valueSorter) Less(i, j int) bool {
	if *s.err != nil {
		return false
	}
	lt, err := s.th.Less(s.v[i], s.v[j])
	if err != nil {
		*s.err = err
	}
	return lt
}

type pairSorter struct {
	th  *Thread
	p   []sortPair
	err *error
}

func (s *pairSorter) Len() int      { return len(s.p) }
func (s *pairSorter) Swap(i, j int) { s.p[i], s.p[j] = s.p[j], s.p[i] }
func (s *pairSorter) Less(i, j int) bool {
	if *s.err != nil {
		return false
	}
	lt, err := s.th.Less(s.p[i].key, s.p[j].key)
	if err != nil {
		*s.err = err
	}
	return lt
}
