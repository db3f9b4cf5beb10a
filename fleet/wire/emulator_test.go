package wire

import (
	"context"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/fleet"
	"github.com/nanolambda/nl/scheduler"
)

// vibrationImage compiles the vibration template's handler.
func vibrationImage(t testing.TB) []byte {
	t.Helper()
	path := filepath.Join("..", "..", "templates", "vibration", "handler.py")
	src, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	prog, err := compiler.Compile("vibration.py", src, compiler.Options{})
	if err != nil {
		t.Fatalf("compile %s: %v", path, err)
	}
	img, err := bytecode.Encode(prog)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

// The demo fleet with emulated devices running the real vibration handler:
// small batches run on the device within its heap, a gateway backlog is a
// MemoryError there and is never placed there twice by the cost policy.
func TestDemoOnEmulator(t *testing.T) {
	img := vibrationImage(t)
	prof := config.BuiltinProfiles()["esp8266"]
	cfg, err := fleet.Demo(fixedRemote, func(name string, spec scheduler.DeviceSpec) (fleet.Executor, error) {
		return NewEmulatorExecutor(prof, fleet.DemoFunction, "handler", img, 1)
	})
	if err != nil {
		t.Fatal(err)
	}
	f, err := fleet.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	onDevice, ooms := 0, 0
	for _, ev := range steps(t, f, 150) {
		d := ev.Decision
		if d.Error != "" {
			t.Fatalf("event %d failed: %s", ev.Seq, d.Error)
		}
		if d.Tier == "device" && !d.Fallback {
			onDevice++
			if d.PeakHeap <= 0 || d.PeakHeap > prof.HeapBytes || d.ActualMS <= 0 {
				t.Errorf("device run without a plausible report: %+v", d)
			}
		}
		if d.Tier == "device" && d.Fallback && d.Policy == scheduler.PolicyCost {
			ooms++
		}
	}
	if onDevice == 0 {
		t.Fatal("nothing ran on the emulated devices")
	}
	if ooms > 2 {
		t.Errorf("%d MemoryErrors under the cost policy", ooms)
	}
	ex, _ := NewEmulatorExecutor(prof, fleet.DemoFunction, "handler", img, 1)
	r, err := ex.Invoke(context.Background(), fleet.DemoFunction, []byte(`{"readings": [[0,0,1],[0.01,0,1],[0,0.01,1],[0,0,1.01]]}`))
	if err != nil || r.Error != "" {
		t.Fatalf("invoke: %v %s", err, r.Error)
	}
	var out map[string]any
	if err := json.Unmarshal(r.Output, &out); err != nil || out["status"] == nil {
		t.Errorf("output %s", r.Output)
	}
	big := []byte(`{"readings": [` + strings.Repeat(`[0.1,0.2,1.0],`, 3000) + `[0,0,1]]}`)
	r, err = ex.Invoke(context.Background(), fleet.DemoFunction, big)
	if err != nil || !r.OutOfMemory {
		t.Errorf("a %d B batch on a 64 KB heap: %+v, %v", len(big), r, err)
	}
}
