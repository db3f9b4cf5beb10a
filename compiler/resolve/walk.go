package resolve

import "github.com/nanolambda/nl/compiler/syntax"

type resolver struct {
	file *syntax.File
}

func newResolver(f *syntax.File) *resolver { return &resolver{file: f} }

func (r *resolver) run() (*Module, error) {
	m := &Module{Function: &Function{Kind: ModuleScope, Name: "<module>", Node: r.file, ClassCell: -1}}
	r.file.Scope = m
	return m, nil
}
