package resolve_test

import (
	"fmt"

	"github.com/nanolambda/nl/compiler/resolve"
	"github.com/nanolambda/nl/compiler/syntax"
)

func ExampleFile() {
	src := []byte(`def counter():
    n = 0
    def inc():
        nonlocal n
        n += 1
        return n
    return inc
`)
	f, err := syntax.Parse("c.py", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	m, err := resolve.File(f)
	if err != nil {
		fmt.Println(err)
		return
	}
	counter := m.Children[0]
	inc := counter.Children[0]
	for _, b := range counter.Locals {
		fmt.Printf("counter local %s: %s %d\n", b.Name, b.Scope, b.Index)
	}
	for i, b := range inc.FreeVars {
		fmt.Printf("inc free %d: %s from counter's %s %d\n", i, b.Name, b.Scope, b.Index)
	}
	// Output:
	// counter local n: cell 0
	// counter local inc: local 1
	// inc free 0: n from counter's cell 0
}
