package bytecode

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

var updateSeeds = flag.Bool("update-seeds", false, "rewrite testdata/fuzz/FuzzDecode seed files")

// TestFuzzSeeds keeps the FuzzDecode seed corpus in step with the encoder: each seed
// must still be a valid image (or, for the garbage ones, still be rejected).
func TestFuzzSeeds(t *testing.T) {
	dir := filepath.Join("testdata", "fuzz", "FuzzDecode")
	full, _ := Encode(sample(false))
	stripped, _ := Encode(sample(true))
	seeds := map[string][]byte{"full": full, "stripped": stripped, "magic": []byte(Magic), "truncated": full[:len(full)/2]}
	if *updateSeeds {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		for name, data := range seeds {
			body := fmt.Sprintf("go test fuzz v1\n[]byte(%q)\n", data)
			if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
				t.Fatal(err)
			}
		}
	}
	for name := range seeds {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			t.Errorf("seed %s missing (run go test ./bytecode -run TestFuzzSeeds -update-seeds): %v", name, err)
		}
	}
	// The compiled_* seeds are real compiler output (nl compile of two handlers);
	// they must stay valid images, or be regenerated when the format changes.
	compiled, _ := filepath.Glob(filepath.Join(dir, "compiled_*"))
	if len(compiled) == 0 {
		t.Error("no compiled_* seeds")
	}
	for _, path := range compiled {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		lines := strings.Split(strings.TrimSpace(string(data)), "\n")
		lit := strings.TrimSuffix(strings.TrimPrefix(lines[len(lines)-1], "[]byte("), ")")
		img, err := strconv.Unquote(lit)
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		if _, err := Decode([]byte(img)); err != nil {
			t.Errorf("%s no longer decodes (regenerate it with nl compile): %v", path, err)
		}
	}
}
