package compiler

import (
	"slices"

	"github.com/nanolambda/nl/bytecode"
)

// shortConstants is how many constant indices have a one-byte CONSTANT
// form (bytecode/shortform.go).
const shortConstants = 16

// layoutConstants renumbers the constant pool once every function is
// compiled, for size:
//
//   - the constants loaded most often take the indices with a one-byte
//     CONSTANT form (first use order would give them to module-level
//     constants that run once);
//   - inside that first block and inside the rest, constants are grouped
//     by kind, since the image writes them in runs of one kind, each run
//     with a header byte;
//   - a tuple always comes after its elements, as the format requires.
//
// The order depends only on the program, so images stay deterministic.
func (pc *progComp) layoutConstants() {
	consts := pc.prog.Constants
	if len(consts) == 0 {
		return
	}
	uses := make([]int, len(consts))
	for _, fc := range pc.finished {
		for _, in := range fc.instrs {
			if in.op == bytecode.CONSTANT {
				uses[in.arg]++
			}
		}
	}
	// closure returns c's elements (recursively) that are not yet in the
	// block, then c: what taking c into the block costs.
	inBlock := make([]bool, len(consts))
	var closure func(c int, out []int) []int
	closure = func(c int, out []int) []int {
		if inBlock[c] || slices.Contains(out, c) {
			return out
		}
		for _, e := range consts[c].Tuple {
			out = closure(e, out)
		}
		return append(out, c)
	}
	byUse := make([]int, len(consts))
	for i := range byUse {
		byUse[i] = i
	}
	slices.SortStableFunc(byUse, func(a, b int) int { return uses[b] - uses[a] })
	var first []int
	for _, c := range byUse {
		if uses[c] < 2 || len(first) == shortConstants {
			// Constants loaded once take the remaining short indices in
			// kind order: mixing kinds there would cost run headers.
			break
		}
		if need := closure(c, nil); len(first)+len(need) <= shortConstants {
			for _, k := range need {
				inBlock[k] = true
			}
			first = append(first, need...)
		}
	}
	var rest []int
	for i := range consts {
		if !inBlock[i] {
			rest = append(rest, i)
		}
	}
	// Within a block: by kind, tuples last, then by original index (which
	// keeps every tuple after its elements, as they were made first).
	rank := func(c int) int {
		if consts[c].Kind == bytecode.ConstTuple {
			return 1 << 8
		}
		return int(consts[c].Kind)
	}
	byKind := func(a, b int) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return a - b
	}
	slices.SortFunc(first, byKind)
	slices.SortFunc(rest, byKind)
	order := append(first, rest...)
	newIndex := make([]uint32, len(consts))
	for i, c := range order {
		newIndex[c] = uint32(i)
	}
	out := make([]bytecode.Constant, len(consts))
	for i, c := range order {
		k := consts[c]
		if k.Kind == bytecode.ConstTuple {
			elems := make([]int, len(k.Tuple))
			for j, e := range k.Tuple {
				elems[j] = int(newIndex[e])
			}
			k.Tuple = elems
		}
		out[i] = k
	}
	pc.prog.Constants = out
	for _, fc := range pc.finished {
		for i := range fc.instrs {
			if fc.instrs[i].op == bytecode.CONSTANT {
				fc.instrs[i].arg = newIndex[fc.instrs[i].arg]
			}
		}
	}
}
