package conformance

import (
	"bytes"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/vm"
)

// TestHandlers calls handler(event, None) of every handler in the compactness
// corpus (compiler/testdata/handlers/NAME.py with NAME.event.json) under CPython
// and under nl, the way a Lambda invocation does, and compares the JSON results
// (compact json.dumps under CPython, vm.MarshalJSON under nl). It runs the stripped
// image, the form that goes to a device.
func TestHandlers(t *testing.T) {
	dir := filepath.Join("..", "compiler", "testdata", "handlers")
	files, _ := filepath.Glob(filepath.Join(dir, "*.py"))
	if len(files) == 0 {
		t.Fatal("no handlers")
	}
	for _, path := range files {
		name := strings.TrimSuffix(filepath.Base(path), ".py")
		t.Run(name, func(t *testing.T) {
			t.Parallel()
			event, err := os.ReadFile(filepath.Join(dir, name+".event.json"))
			if err != nil {
				t.Fatalf("every handler needs a sample event: %v", err)
			}
			script := "import json,sys\nsys.path.insert(0, '.')\nm = __import__(sys.argv[1])\n" +
				"print(json.dumps(m.handler(json.load(open(sys.argv[1] + '.event.json')), None), separators=(',', ':')))"
			cmd := exec.Command("python3", "-B", "-c", script, name)
			cmd.Dir = dir
			var stderr bytes.Buffer
			cmd.Stderr = &stderr
			want, err := cmd.Output()
			if err != nil {
				t.Fatalf("python3: %v\n%s", err, stderr.String())
			}

			src, err := os.ReadFile(path)
			if err != nil {
				t.Fatal(err)
			}
			prog, err := compiler.Compile(name+".py", src, compiler.Options{Strip: true})
			if err != nil {
				t.Fatal(err)
			}
			img, err := bytecode.Encode(prog)
			if err != nil {
				t.Fatal(err)
			}
			if prog, err = bytecode.Decode(img); err != nil {
				t.Fatal(err)
			}
			in, err := vm.Load(prog, vm.Options{Timeout: 20 * time.Second, Filename: name + ".py"})
			if err != nil {
				t.Fatalf("load: %v", err)
			}
			ev, err := vm.UnmarshalJSON(event)
			if err != nil {
				t.Fatalf("event: %v", err)
			}
			res, err := in.Call("handler", ev, vm.None)
			if err != nil {
				if ex, ok := err.(*vm.Exception); ok {
					t.Fatalf("handler raised:\n%s", ex.Traceback())
				}
				t.Fatalf("handler: %v", err)
			}
			got, err := vm.MarshalJSON(res)
			if err != nil {
				t.Fatalf("result: %v", err)
			}
			if strings.TrimSpace(string(got)) != strings.TrimSpace(string(want)) {
				t.Errorf("result differs:\n python3: %s\n nl:      %s", want, got)
			}
		})
	}
}
