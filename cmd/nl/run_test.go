package main

import (
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestRunExample(t *testing.T) {
	f, out, errOut := testFactory()
	f.WorkDir = t.TempDir()
	if code := Main([]string{"run", "--example", "vibration"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var res map[string]any
	if err := json.Unmarshal(out.Bytes(), &res); err != nil {
		t.Fatalf("stdout is not the JSON result: %v\n%s", err, out)
	}
	if res["status"] != "ok" || res["readings"] != 32.0 {
		t.Errorf("result = %v", res)
	}
	for _, want := range []string{"detect on esp8266", "bytecode flash", "peak heap", "instructions", "device time", "energy"} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("report lacks %q:\n%s", want, errOut)
		}
	}
}

func TestRunJSON(t *testing.T) {
	f, _ := projScaffold(t, "hello")
	if code := Main([]string{"run", "hello", "--device", "lm3s6965", "--json"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, f.IO.ErrOut)
	}
	var rep struct {
		Device string
		Result map[string]any
		Logs   []string
		Report map[string]any
	}
	if err := json.Unmarshal(f.IO.Out.(interface{ Bytes() []byte }).Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Device != "lm3s6965" || rep.Result["message"] != "Hello, NanoLambda!" || rep.Result["function"] != "hello" ||
		len(rep.Logs) != 1 || rep.Report["heap_budget_bytes"] != 32768.0 {
		t.Errorf("run --json = %+v", rep)
	}
}

func TestRunEventFromStdin(t *testing.T) {
	f, out, errOut := testFactory()
	f.WorkDir = t.TempDir()
	f.IO.In = strings.NewReader(`{"name": "stdin"}`)
	if code := Main([]string{"run", "--example", "hello", "--event", "-"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out.String(), `"message":"Hello, stdin!"`) {
		t.Errorf("stdout = %s", out)
	}
}

func TestRunFailures(t *testing.T) {
	tests := []struct {
		name     string
		setup    func(dir string)
		args     []string
		wantCode int
		wantErr  string
	}{
		{"event not JSON", func(dir string) { os.WriteFile(filepath.Join(dir, "bad.json"), []byte("{\"name\": \n"), 0o644) },
			[]string{"run", "hello", "--event", "bad.json"}, 1, "is not JSON: unexpected end of JSON input"},
		{"missing event file", nil, []string{"run", "hello", "--event", "nope.json"}, 1, "event file nope.json does not exist; give --event a JSON file"},
		{"missing python file", nil, []string{"run", "nope.py"}, 1, "nope.py does not exist; give the path of a Python file"},
		{"missing handler", nil, []string{"run", "hello", "--handler", "nope"}, 1, `has no function "nope"`},
		{"unknown function", nil, []string{"run", "nope"}, 1, `no function "nope"`},
		{"unknown device", nil, []string{"run", "hello", "--device", "esp32"}, 2, `unknown device profile "esp32"`},
		{"memory error", func(dir string) {
			os.WriteFile(filepath.Join(dir, "mem.py"), []byte("def handler(event, context):\n    xs = []\n    for i in range(20000):\n        xs.append(i * 1000003)\n    return len(xs)\n"), 0o644)
		}, []string{"run", "mem.py"}, 3, "MemoryError at mem.py:4 in handler: the handler needs more than the 65536 B heap of esp8266"},
		{"recursion", func(dir string) {
			os.WriteFile(filepath.Join(dir, "rec.py"), []byte("def f(n):\n    return f(n + 1)\n\ndef handler(event, context):\n    return f(0)\n"), 0o644)
		}, []string{"run", "rec.py"}, 3, "RecursionError"},
		{"timeout", func(dir string) {
			os.WriteFile(filepath.Join(dir, "loop.py"), []byte("def spin():\n    n = 0\n    while True:\n        n += 1\n\ndef handler(event, context):\n    spin()\n"), 0o644)
		}, []string{"run", "loop.py", "--timeout", "50ms"}, 3, "of device time on esp8266 at loop.py:"},
		{"timeout names the function", func(dir string) {
			os.WriteFile(filepath.Join(dir, "loop.py"), []byte("def spin():\n    n = 0\n    while True:\n        n += 1\n\ndef handler(event, context):\n    spin()\n"), 0o644)
		}, []string{"run", "loop.py", "--timeout", "50ms"}, 3, " in spin ("},
		{"handler raises", func(dir string) {
			os.WriteFile(filepath.Join(dir, "raise.py"), []byte("def handler(event, context):\n    raise ValueError('bad input')\n"), 0o644)
		}, []string{"run", "raise.py"}, 1, "ValueError: bad input"},
		{"flash", func(dir string) {
			toml := filepath.Join(dir, "nanolambda.toml")
			data, _ := os.ReadFile(toml)
			os.WriteFile(toml, append(data, []byte("\n[device.esp8266]\nbytecode_flash_bytes = 100\n")...), 0o644)
		}, []string{"run", "hello"}, 3, "over by"},
		{"bad toml", func(dir string) {
			os.WriteFile(filepath.Join(dir, "nanolambda.toml"), []byte("[[function]]\nname = \"hello\"\nhandler = 5\n"), 0o644)
		}, []string{"run", "hello"}, 1, "nanolambda.toml:3:1: function.handler: wrong type"},
		{"bad rate", nil, []string{"run", "hello", "--events", "3", "--rate", "0"}, 2, "--rate must be positive"},
		{"bad sensor", nil, []string{"run", "hello", "--sensor", "gyro"}, 2, `unknown sensor "gyro"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, dir := projScaffold(t, "hello")
			if tt.setup != nil {
				tt.setup(dir)
			}
			code := Main(tt.args, f)
			errOut := f.IO.ErrOut.(interface{ String() string }).String()
			if code != tt.wantCode {
				t.Errorf("exit %d, want %d; stderr:\n%s", code, tt.wantCode, errOut)
			}
			if !strings.Contains(errOut, tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, errOut)
			}
		})
	}
}

func TestRunStream(t *testing.T) {
	f, _ := projScaffold(t, "vibration")
	code := Main([]string{"run", "detect", "--event", "events/sensor.json", "--events", "150", "--rate", "5",
		"--sensor", "accelerometer:fault=imbalance@15s", "--json"}, f)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, f.IO.ErrOut)
	}
	var rep struct {
		Events []struct {
			Index        int
			ResultStatus string `json:"result_status"`
		}
		Summary map[string]any
	}
	if err := json.Unmarshal(f.IO.Out.(interface{ Bytes() []byte }).Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if len(rep.Events) != 150 || rep.Summary["events"] != 150.0 || rep.Summary["virtual_time_ns"] != 30e9 {
		t.Fatalf("summary = %v", rep.Summary)
	}
	firstAlert := -1
	for _, e := range rep.Events {
		if e.ResultStatus == "alert" {
			firstAlert = e.Index
			break
		}
	}
	// The fault starts at 15 s = event 75; the detector must not alert
	// before it and must alert within a window (32 events) after it.
	if firstAlert < 75 || firstAlert > 75+32 {
		t.Errorf("first alert at event %d, want within 32 events after 75", firstAlert)
	}
}

func TestRunStreamHuman(t *testing.T) {
	f, _ := projScaffold(t, "hello")
	code := Main([]string{"run", "hello", "--events", "3"}, f)
	errOut := f.IO.ErrOut.(interface{ String() string }).String()
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"EVENT", "3 events at 5 Hz on esp8266", "duty cycle", "energy", "outcomes      ok 3"} {
		if !strings.Contains(errOut, want) {
			t.Errorf("stream output lacks %q:\n%s", want, errOut)
		}
	}
	if n := strings.Count(f.IO.Out.(interface{ String() string }).String(), "Hello, NanoLambda!"); n != 3 {
		t.Errorf("stdout has %d results, want 3", n)
	}
}

// A recorded trace drives device.accelerometer(): a trace of a violently
// shaking motor makes the detector alert once its window has filled.
func TestRunWithCSVTrace(t *testing.T) {
	f, dir := projScaffold(t, "vibration")
	var b strings.Builder
	b.WriteString("t,ax,ay,az\n")
	for i := 0; i < 10; i++ {
		sign := 1 - 2*(i%2)
		fmt.Fprintf(&b, "%.1f,%.2f,0.0,1.0\n", float64(i)*0.2, 0.4*float64(sign))
	}
	os.WriteFile(filepath.Join(dir, "shaking.csv"), []byte(b.String()), 0o644)
	code := Main([]string{"run", "detect", "--event", "events/sensor.json", "--sensor", "shaking.csv", "--events", "10", "--json"}, f)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, f.IO.ErrOut)
	}
	var rep struct {
		Summary struct {
			ResultCounts map[string]int `json:"result_status_counts"`
		}
	}
	if err := json.Unmarshal(f.IO.Out.(interface{ Bytes() []byte }).Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if rep.Summary.ResultCounts["alert"] != 7 || rep.Summary.ResultCounts["warming_up"] != 3 {
		t.Errorf("result counts = %v, want 3 warming_up then 7 alert", rep.Summary.ResultCounts)
	}
}

func TestRunNeedsFunctionName(t *testing.T) {
	f, dir := projScaffold(t, "hello")
	toml := filepath.Join(dir, "nanolambda.toml")
	data, _ := os.ReadFile(toml)
	os.WriteFile(toml, append(data, []byte("\n[[function]]\nname = \"two\"\nhandler = \"handler.handler\"\n")...), 0o644)
	if code := Main([]string{"run"}, f); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
	if !strings.Contains(f.IO.ErrOut.(interface{ String() string }).String(), "hello, two") {
		t.Errorf("stderr does not list the functions: %s", f.IO.ErrOut)
	}
}

// A stream in which an event raises exits 1 with and without --json, and
// the JSON names the exception of that event.
func TestRunStreamRaisesExitStatus(t *testing.T) {
	for _, asJSON := range []bool{false, true} {
		t.Run(fmt.Sprintf("json=%v", asJSON), func(t *testing.T) {
			f, dir := projScaffold(t, "hello")
			src := "n = 0\ndef handler(event, context):\n    global n\n    n += 1\n    if n == 2:\n        raise ValueError('second')\n    return n\n"
			os.WriteFile(filepath.Join(dir, "s.py"), []byte(src), 0o644)
			args := []string{"run", "s.py", "--events", "3"}
			if asJSON {
				args = append(args, "--json")
			}
			if code := Main(args, f); code != 1 {
				t.Fatalf("exit %d, want 1", code)
			}
			if !asJSON {
				return
			}
			var rep struct {
				Events []struct {
					Status string `json:"status"`
					Error  string `json:"error"`
				} `json:"events"`
			}
			if err := json.Unmarshal(f.IO.Out.(interface{ Bytes() []byte }).Bytes(), &rep); err != nil {
				t.Fatal(err)
			}
			if len(rep.Events) != 3 || rep.Events[1].Status != "ValueError" || !strings.Contains(rep.Events[1].Error, "second") {
				t.Errorf("events = %+v", rep.Events)
			}
		})
	}
}
