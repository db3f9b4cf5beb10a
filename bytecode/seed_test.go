package bytecode

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
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
}
