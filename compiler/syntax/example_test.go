package syntax_test

import (
	"fmt"

	"github.com/nanolambda/nl/compiler/syntax"
)

func ExampleParse() {
	src := []byte("def handler(event, context):\n    return {'n': len(event)}\n")
	f, err := syntax.Parse("h.py", src)
	if err != nil {
		fmt.Println(err)
		return
	}
	fmt.Print(syntax.Dump(f))
	// Output:
	// 1:1 DefStmt Name=handler Params=(Params Args=[(Param Name=event) (Param Name=context)])
	//   Body:
	//     2:5 ReturnStmt Value=(DictExpr Items=[(DictItem Key="n" Value=(CallExpr Fn=len Args=[event]))])
}

func ExampleFormatError() {
	src := []byte("def handler(event, context)\n    return event\n")
	_, err := syntax.Parse("h.py", src)
	fmt.Println(syntax.FormatError(err, src))
	// Output:
	// h.py:1:28: SyntaxError: expected ':'
	//     def handler(event, context)
	//                                ^
}

func ExampleCheckSubset() {
	src := []byte("with open('f') as f:\n    n = (k := 3) + 1j\n")
	f, _ := syntax.Parse("h.py", src)
	fmt.Println(syntax.CheckSubset(f))
	// Output:
	// h.py:1:1: NotSupportedError: 'with' statement is not supported by nl
	//     with open('f') as f:
	//     ^
	// h.py:2:12: NotSupportedError: assignment expression ':=' is not supported by nl
	//     n = (k := 3) + 1j
	//            ^
	// h.py:2:20: NotSupportedError: complex number literal is not supported by nl
	//     n = (k := 3) + 1j
	//                    ^
}
