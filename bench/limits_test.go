package bench

import (
	"bytes"
	"errors"
	"testing"
	"time"

	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/vm"
)

// TestLibUnderDeviceLimits runs library calls that would build large
// results under a 64 KB heap: each must raise a catchable MemoryError
// (never exhaust the host), and ordinary handler work must still fit.
func TestLibUnderDeviceLimits(t *testing.T) {
	src := `
import json

def attempt(label, f):
    try:
        f()
        print(label, "ok")
    except MemoryError:
        print(label, "MemoryError")

attempt("center", lambda: "x".center(100000))
attempt("zfill", lambda: "1".zfill(500000))
attempt("format width", lambda: format(1, "2000000"))
attempt("join", lambda: ",".join(["abcdefgh"] * 2000))
attempt("dumps", lambda: json.dumps(list(range(20000))))
attempt("loads", lambda: json.loads("[" + ",".join(["1.5"] * 6000) + "]"))
attempt("sorted", lambda: sorted(range(30000)))
attempt("replace", lambda: ("a" * 1000).replace("a", "b" * 1000))
attempt("expandtabs", lambda: ("\t" * 1000).expandtabs(1000))
attempt("bytes", lambda: bytes(10 ** 9))
window = [20.0 + (i % 7) / 4 for i in range(32)]
mean = sum(window) / len(window)
print("handler", json.dumps({"mean": round(mean, 3), "max": max(window), "n": len(window)}))
`
	prog, err := compiler.Compile("limits.py", []byte(src), compiler.Options{})
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	_, err = vm.Load(prog, vm.Options{Stdout: &out, HeapLimit: 64 << 10, Timeout: 20 * time.Second})
	if err != nil {
		var e *vm.Exception
		if errors.As(err, &e) {
			t.Fatalf("uncaught: %s\noutput so far:\n%s", e.Traceback(), out.String())
		}
		t.Fatal(err)
	}
	want := `center MemoryError
zfill MemoryError
format width MemoryError
join ok
dumps MemoryError
loads MemoryError
sorted MemoryError
replace MemoryError
expandtabs MemoryError
bytes MemoryError
handler {"mean": 20.703, "max": 21.5, "n": 32}
`
	if got := out.String(); got != want {
		t.Errorf("output:\n%s\nwant:\n%s", got, want)
	}
}
