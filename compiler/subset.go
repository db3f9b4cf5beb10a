package compiler

import "github.com/nanolambda/nl/compiler/syntax"

// checkSubset reports valid Python outside nl's subset (syntax.CheckSubset). The
// code generator also refuses every such node it meets, so a construct is never
// silently miscompiled.
func checkSubset(f *syntax.File) error {
	return syntax.CheckSubset(f)
}
