package compiler

import (
	"encoding/hex"
	"os"
	"strings"
	"testing"

	"github.com/nanolambda/nl/bytecode"
)

// TestDocsExample keeps the worked example of docs/bytecode.md (section 2.4) true.
func TestDocsExample(t *testing.T) {
	src := "def add(a, b=1):\n    return a + b\nprint(add(41))\n"
	p, err := Compile("ex1.py", []byte(src), Options{Strip: true})
	if err != nil {
		t.Fatal(err)
	}
	img, err := bytecode.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	want := "4e4c421a0203702401f803036164640161016202000280010001" +
		"3e02" + "300000000da75e05c6e8b63652cfcf010628" + "3e0004003f40" + "0486870d28"
	if got := hex.EncodeToString(img); got != want {
		t.Fatalf("image changed; update docs/bytecode.md section 2.4 and this test:\n got %s\nwant %s", got, want)
	}
	doc, err := os.ReadFile("../docs/bytecode.md")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(doc), "gives this 57-byte image") {
		t.Error("docs/bytecode.md example no longer states the image size")
	}
}
