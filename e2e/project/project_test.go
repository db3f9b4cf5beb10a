// Package project holds the end-to-end tests of the project commands: the
// real nl binary, built once, run on projects scaffolded in temp dirs.
package project

import (
	"bytes"
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

var nlBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "nl-e2e-project-")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	nlBin = filepath.Join(dir, "nl")
	build := exec.Command("go", "build", "-o", nlBin, "github.com/nanolambda/nl/cmd/nl")
	build.Stdout, build.Stderr = os.Stdout, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build nl:", err)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

type result struct {
	code           int
	stdout, stderr string
}

// nl runs the binary in dir with a clean, non-CI environment.
func nl(t testing.TB, dir string, env []string, args ...string) result {
	t.Helper()
	cmd := exec.Command(nlBin, args...)
	cmd.Dir = dir
	cmd.Env = append([]string{"PATH=" + os.Getenv("PATH"), "HOME=" + os.Getenv("HOME"), "NO_COLOR=1"}, env...)
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	err := cmd.Run()
	code := 0
	if ee, ok := err.(*exec.ExitError); ok {
		code = ee.ExitCode()
	} else if err != nil {
		t.Fatalf("nl %v: %v", args, err)
	}
	return result{code, out.String(), errOut.String()}
}

func mustOK(t *testing.T, r result, what string) {
	t.Helper()
	if r.code != 0 {
		t.Fatalf("%s: exit %d\nstdout:\n%s\nstderr:\n%s", what, r.code, r.stdout, r.stderr)
	}
}

var templateFunctions = map[string]string{"hello": "hello", "vibration": "detect", "s3-trigger": "on-upload"}

// init → build → size → run, for every template, as a user would.
func TestTemplatesEndToEnd(t *testing.T) {
	for tmpl, fn := range templateFunctions {
		t.Run(tmpl, func(t *testing.T) {
			root := t.TempDir()
			mustOK(t, nl(t, root, nil, "init", "proj", "--template", tmpl), "init")
			dir := filepath.Join(root, "proj")

			mustOK(t, nl(t, dir, nil, "build"), "build")
			if _, err := os.Stat(filepath.Join(dir, "build", fn+".nlb")); err != nil {
				t.Fatalf("build wrote no image: %v", err)
			}

			r := nl(t, dir, nil, "size")
			mustOK(t, r, "size")
			if !strings.Contains(r.stdout, fn) || !strings.Contains(r.stdout, "ok") {
				t.Errorf("size table:\n%s", r.stdout)
			}

			r = nl(t, dir, nil, "run", fn)
			mustOK(t, r, "run")
			var res any
			if err := json.Unmarshal([]byte(r.stdout), &res); err != nil {
				t.Fatalf("run stdout is not the JSON result: %v\n%s", err, r.stdout)
			}
			for _, want := range []string{"bytecode flash", "peak heap", "device time", "energy"} {
				if !strings.Contains(r.stderr, want) {
					t.Errorf("run report lacks %q:\n%s", want, r.stderr)
				}
			}

			r = nl(t, dir, nil, "run", fn, "--json")
			mustOK(t, r, "run --json")
			var rep struct {
				Result any            `json:"result"`
				Report map[string]any `json:"report"`
			}
			if err := json.Unmarshal([]byte(r.stdout), &rep); err != nil || rep.Result == nil || rep.Report["instructions"] == nil {
				t.Errorf("run --json = %s (%v)", r.stdout, err)
			}
			if r.stderr != "" {
				t.Errorf("run --json wrote to stderr: %s", r.stderr)
			}

			// Every sample event runs.
			events, _ := filepath.Glob(filepath.Join(dir, "events", "*.json"))
			for _, ev := range events {
				rel, _ := filepath.Rel(dir, ev)
				mustOK(t, nl(t, dir, nil, "run", fn, "--event", rel), "run "+rel)
			}
		})
	}
}

func TestVibrationDetectsFault(t *testing.T) {
	root := t.TempDir()
	mustOK(t, nl(t, root, nil, "init", "m"), "init")
	dir := filepath.Join(root, "m")
	// The project's only function runs without naming it, on events/event.json.
	r := nl(t, dir, nil, "run")
	mustOK(t, r, "run")
	if !strings.Contains(r.stdout, `"status":"ok"`) || !strings.Contains(r.stderr, "detect on esp8266") {
		t.Errorf("nl run in a fresh project: %s\n%s", r.stdout, r.stderr)
	}
	r = nl(t, dir, nil, "run", "detect", "--event", "events/fault.json")
	mustOK(t, r, "run fault")
	if !strings.Contains(r.stdout, `"status":"alert"`) {
		t.Errorf("fault event result = %s", r.stdout)
	}
	r = nl(t, dir, nil, "run", "detect", "--event", "events/sensor.json", "--events", "100", "--rate", "5",
		"--sensor", "accelerometer:fault=imbalance@10s")
	mustOK(t, r, "stream")
	if !strings.Contains(r.stderr, "100 events at 5 Hz on esp8266") || !strings.Contains(r.stderr, "alert") {
		t.Errorf("stream summary:\n%s", r.stderr)
	}
}

func TestFailingPaths(t *testing.T) {
	tests := []struct {
		name     string
		tmpl     string
		setup    func(t *testing.T, dir string)
		args     []string
		env      []string
		wantCode int
		wantOut  string // in stdout
		wantErr  string // in stderr
	}{
		{
			name: "over-budget image fails size with an annotation", tmpl: "hello",
			setup: func(t *testing.T, dir string) {
				replace(t, dir, "nanolambda.toml", "size_budget = 2048", "size_budget = 100")
			},
			args: []string{"size"}, env: []string{"GITHUB_ACTIONS=true"}, wantCode: 1,
			wantOut: "::error file=nanolambda.toml,line=10,title=nl size%3A hello::function hello: image is",
			wantErr: "nanolambda.toml:10: function hello: image is",
		},
		{
			name: "image over the device's bytecode flash is refused by run", tmpl: "hello",
			setup: func(t *testing.T, dir string) {
				appendTo(t, dir, "nanolambda.toml", "\n[device.esp8266]\nbytecode_flash_bytes = 100\n")
			},
			args: []string{"run", "hello"}, wantCode: 3, wantErr: "of the 100 B bytecode flash on esp8266 is free: over by",
		},
		{
			name: "MemoryError at the heap limit", tmpl: "hello",
			setup: func(t *testing.T, dir string) {
				write(t, dir, "handler.py", "def handler(event, context):\n    xs = []\n    for i in range(20000):\n        xs.append(i * 1000003)\n    return len(xs)\n")
			},
			args: []string{"run", "hello"}, wantCode: 3,
			wantErr: "MemoryError at handler.py:4 in handler: the handler needs more than the 65536 B heap of esp8266",
		},
		{
			name: "bad nanolambda.toml", tmpl: "vibration",
			setup: func(t *testing.T, dir string) {
				replace(t, dir, "nanolambda.toml", "size_budget = 4096", "size_budget = \"4k\"")
			},
			args: []string{"build"}, wantCode: 1,
			wantErr: "nl: nanolambda.toml:10:1: function.size_budget: wrong type: this key takes an integer, not a string",
		},
		{
			name: "unknown key in nanolambda.toml", tmpl: "vibration",
			setup: func(t *testing.T, dir string) { replace(t, dir, "nanolambda.toml", "rate_hz = 5.0", "rate = 5.0") },
			args:  []string{"run", "detect"}, wantCode: 1,
			wantErr: `nl: nanolambda.toml:20:1: fleet.rate: unknown key (did you mean "rate_hz"?)`,
		},
		{
			name: "missing handler", tmpl: "hello",
			setup: func(t *testing.T, dir string) {
				replace(t, dir, "nanolambda.toml", `handler = "handler.handler"`, `handler = "handler.main"`)
			},
			args: []string{"run", "hello"}, wantCode: 1, wantErr: `handler.py has no function "main"`,
		},
		{
			name: "missing source file", tmpl: "hello",
			setup: func(t *testing.T, dir string) { os.Remove(filepath.Join(dir, "handler.py")) },
			args:  []string{"build"}, wantCode: 1, wantErr: "source handler.py does not exist",
		},
		{
			name: "event file that is not JSON", tmpl: "hello",
			setup: func(t *testing.T, dir string) { write(t, dir, "events/bad.json", "{\"name\": 'x'}\n") },
			args:  []string{"run", "hello", "--event", "events/bad.json"}, wantCode: 1,
			wantErr: "event events/bad.json:1:10 is not JSON: invalid character '\\'' looking for beginning of value",
		},
		{
			name: "init does not overwrite", tmpl: "hello",
			args: []string{"init", "--template", "vibration"}, wantCode: 1, wantErr: "use --force",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			mustOK(t, nl(t, dir, nil, "init", "--template", tt.tmpl, "--name", "p"), "init")
			if tt.setup != nil {
				tt.setup(t, dir)
			}
			r := nl(t, dir, tt.env, tt.args...)
			if r.code != tt.wantCode {
				t.Errorf("exit %d, want %d\nstdout:\n%s\nstderr:\n%s", r.code, tt.wantCode, r.stdout, r.stderr)
			}
			if !strings.Contains(r.stdout, tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, r.stdout)
			}
			if !strings.Contains(r.stderr, tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, r.stderr)
			}
		})
	}
}

func TestRunExampleAnywhere(t *testing.T) {
	r := nl(t, t.TempDir(), nil, "run", "--example", "vibration")
	mustOK(t, r, "run --example")
	if !strings.HasPrefix(r.stdout, `{"status":"ok"`) {
		t.Errorf("stdout = %s", r.stdout)
	}
}

func write(t *testing.T, dir, name, body string) {
	t.Helper()
	if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
		t.Fatal(err)
	}
}

func appendTo(t *testing.T, dir, name, body string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	write(t, dir, name, string(data)+body)
}

func replace(t *testing.T, dir, name, old, new string) {
	t.Helper()
	data, err := os.ReadFile(filepath.Join(dir, name))
	if err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(string(data), old) {
		t.Fatalf("%s does not contain %q", name, old)
	}
	write(t, dir, name, strings.Replace(string(data), old, new, 1))
}

// BenchmarkRunVibrationCold is `nl run --example vibration` as a cold
// process: start, compile, load, one event, report.
func BenchmarkRunVibrationCold(b *testing.B) {
	dir := b.TempDir()
	for i := 0; i < b.N; i++ {
		r := nl(b, dir, nil, "run", "--example", "vibration")
		if r.code != 0 {
			b.Fatalf("exit %d: %s", r.code, r.stderr)
		}
	}
}

// BenchmarkRunPython3Cold is the peer: CPython starting and running the same
// handler on the same event (with a stand-in device module).
func BenchmarkRunPython3Cold(b *testing.B) {
	dir := b.TempDir()
	src, err := os.ReadFile("../../templates/vibration/handler.py")
	if err != nil {
		b.Fatal(err)
	}
	ev, _ := os.ReadFile("../../templates/vibration/events/event.json")
	os.WriteFile(filepath.Join(dir, "handler.py"), src, 0o644)
	os.WriteFile(filepath.Join(dir, "event.json"), ev, 0o644)
	os.WriteFile(filepath.Join(dir, "device.py"), []byte("def accelerometer():\n    return (0.0, 0.0, 1.0)\n\ndef gpio_write(p, v):\n    pass\n"), 0o644)
	script := "import json, handler\nclass C:\n    function_name = 'detect'\nprint(json.dumps(handler.handler(json.load(open('event.json')), C())))\n"
	// Time the interpreter itself, not a version-manager shim in front of it.
	exe, err := exec.Command("python3", "-c", "import sys; print(sys.executable)").Output()
	if err != nil {
		b.Fatal(err)
	}
	python := strings.TrimSpace(string(exe))
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		cmd := exec.Command(python, "-c", script)
		cmd.Dir = dir
		cmd.Env = []string{"PYTHONDONTWRITEBYTECODE=1", "PYTHONPATH=" + dir}
		if out, err := cmd.CombinedOutput(); err != nil {
			b.Fatalf("python3: %v\n%s", err, out)
		}
	}
}
