package emulator

import (
	"context"
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"reflect"
	"strings"
	"testing"
)

func vibrationSource(t testing.TB) string {
	data, err := os.ReadFile("../templates/vibration/handler.py")
	if err != nil {
		t.Fatal(err)
	}
	return string(data)
}

// cpython runs handler.handler of dir on event under python3, with a device
// stub, and returns the JSON result.
func cpython(t *testing.T, dir, event string) any {
	t.Helper()
	stub := t.TempDir()
	os.WriteFile(filepath.Join(stub, "device.py"), []byte("def accelerometer():\n    return (0.0, 0.0, 1.0)\n\ndef gpio_write(p, v):\n    pass\n"), 0o644)
	script := `import json, sys, handler
class Context:
    function_name = "f"
    aws_request_id = "id"
    memory_limit_in_mb = 1
    def get_remaining_time_in_millis(self):
        return 3000
print(json.dumps(handler.handler(json.load(open(sys.argv[1])), Context())))
`
	cmd := exec.Command("python3", "-c", script, event)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PYTHONPATH="+stub+":"+dir, "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var v any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &v); err != nil {
		t.Fatal(err)
	}
	return v
}

// Each template's handler gives, on each of its sample events, exactly the
// result CPython gives: CPython is the oracle for the handlers nl scaffolds.
func TestTemplatesMatchCPython(t *testing.T) {
	for _, tmpl := range []string{"hello", "vibration", "s3-trigger"} {
		dir := filepath.Join("..", "templates", tmpl)
		events, _ := filepath.Glob(filepath.Join(dir, "events", "*.json"))
		src, err := os.ReadFile(filepath.Join(dir, "handler.py"))
		if err != nil {
			t.Fatal(err)
		}
		for _, ev := range events {
			if strings.HasSuffix(ev, "sensor.json") {
				continue // reads the device; covered by TestStream
			}
			t.Run(tmpl+"/"+filepath.Base(ev), func(t *testing.T) {
				want := cpython(t, dir, filepath.Base(filepath.Dir(ev))+"/"+filepath.Base(ev))
				d := deploy(t, esp(t), Options{}, string(src))
				data, _ := os.ReadFile(ev)
				res, err := d.Invoke(context.Background(), "f", "handler", data)
				if err != nil {
					t.Fatal(err)
				}
				if res.Err != nil {
					t.Fatalf("nl raised:\n%s", res.Err.Traceback())
				}
				var got any
				if err := json.Unmarshal(res.Output, &got); err != nil {
					t.Fatalf("output %s: %v", res.Output, err)
				}
				if tmpl == "hello" {
					// The context's function name differs by design.
					got.(map[string]any)["function"] = "f"
					want.(map[string]any)["function"] = "f"
				}
				if !reflect.DeepEqual(got, want) {
					t.Errorf("nl:      %s\nCPython: %v", res.Output, want)
				}
			})
		}
	}
}

// With a batch event the event's own 32 readings (about 4 KB under the size
// model) are on the heap too; the whole run still fits in 16 KB.
func TestVibrationHeap(t *testing.T) {
	d := deploy(t, esp(t), Options{Seed: 1}, vibrationSource(t))
	data, _ := os.ReadFile("../templates/vibration/events/event.json")
	var peak int64
	for i := 0; i < 5; i++ {
		res, err := d.Invoke(context.Background(), "f", "handler", data)
		if err != nil || res.Err != nil {
			t.Fatalf("%v %v", err, res.Err)
		}
		peak = max(peak, res.Report.PeakHeap)
	}
	if peak > 16384 {
		t.Errorf("vibration handler with a batch event peaks at %d B of heap, want under 16 KB", peak)
	}
	t.Logf("vibration peak heap (batch event) %d B", peak)
}

// Reading the sensor one sample per event (the device's own loop) the
// handler keeps well under 8 KB.
func TestVibrationHeapSensorLoop(t *testing.T) {
	d := deploy(t, esp(t), Options{Seed: 1}, vibrationSource(t))
	var peak int64
	for i := 0; i < 40; i++ {
		res, err := d.Invoke(context.Background(), "f", "handler", []byte(`{"motor": "m"}`))
		if err != nil || res.Err != nil {
			t.Fatalf("%v %v", err, res.Err)
		}
		peak = max(peak, res.Report.PeakHeap)
	}
	if peak > 8192 {
		t.Errorf("vibration handler peaks at %d B of heap, goal 8192", peak)
	}
	t.Logf("vibration peak heap (sensor loop) %d B", peak)
}
