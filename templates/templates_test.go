package templates

import (
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/config"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

// The rendered tree of each template (names and rendered .tmpl files) is
// pinned by a golden file, so a template change is a reviewed change.
func TestGoldenTrees(t *testing.T) {
	for _, tmpl := range List() {
		t.Run(tmpl.Name, func(t *testing.T) {
			fs, err := Files(tmpl.Name, Data{Name: "demo"})
			if err != nil {
				t.Fatal(err)
			}
			var b strings.Builder
			for _, f := range fs {
				fmt.Fprintf(&b, "== %s (%d bytes)\n", f.Path, len(f.Data))
				if f.Path == "nanolambda.toml" || f.Path == "README.md" {
					b.Write(f.Data)
				}
			}
			golden := filepath.Join("testdata", tmpl.Name+".golden")
			if *update {
				if err := os.WriteFile(golden, []byte(b.String()), 0o644); err != nil {
					t.Fatal(err)
				}
			}
			want, err := os.ReadFile(golden)
			if err != nil {
				t.Fatalf("%v (run go test -update)", err)
			}
			if b.String() != string(want) {
				t.Errorf("rendered tree differs from %s (run go test -update and review):\n%s", golden, b.String())
			}
		})
	}
}

// Every template is a project that loads, whose sources and events exist and
// whose handlers run under CPython on every sample event.
func TestTemplatesAreValidProjects(t *testing.T) {
	for _, tmpl := range List() {
		t.Run(tmpl.Name, func(t *testing.T) {
			dir := filepath.Join(t.TempDir(), "proj")
			written, err := Write(tmpl.Name, dir, Data{Name: "proj"}, false)
			if err != nil {
				t.Fatal(err)
			}
			for _, want := range []string{"handler.py", "nanolambda.toml", "README.md", ".github/workflows/size.yml"} {
				if !contains(written, want) {
					t.Errorf("template did not write %s (wrote %v)", want, written)
				}
			}
			p, err := config.Load(filepath.Join(dir, "nanolambda.toml"))
			if err != nil {
				t.Fatalf("scaffolded nanolambda.toml does not load:\n%v", err)
			}
			if _, err := p.Function(tmpl.Function); err != nil {
				t.Errorf("Template.Function: %v", err)
			}
			for _, f := range p.Functions {
				if _, err := os.Stat(p.SourcePath(&f)); err != nil {
					t.Errorf("function %s: %v", f.Name, err)
				}
				if f.SizeBudget == 0 {
					t.Errorf("function %s has no size_budget", f.Name)
				}
			}
			wf, err := os.ReadFile(filepath.Join(dir, ".github/workflows/size.yml"))
			if err != nil || !strings.Contains(string(wf), "nl size") {
				t.Errorf("workflow does not run nl size: %v", err)
			}
			events, _ := filepath.Glob(filepath.Join(dir, "events", "*.json"))
			if len(events) == 0 {
				t.Fatal("no sample events")
			}
			for _, ev := range events {
				data, err := os.ReadFile(ev)
				if err != nil || !json.Valid(data) {
					t.Errorf("%s is not valid JSON", ev)
				}
			}
		})
	}
}

// cpythonRun runs handler.handler on an event with CPython and a stand-in
// device module that always reads a motionless sensor.
func cpythonRun(t *testing.T, dir, event string) map[string]any {
	t.Helper()
	stub := t.TempDir()
	deviceStub := "def accelerometer():\n    return (0.0, 0.0, 1.0)\n\ndef gpio_write(pin, v):\n    pass\n"
	if err := os.WriteFile(filepath.Join(stub, "device.py"), []byte(deviceStub), 0o644); err != nil {
		t.Fatal(err)
	}
	script := `import json, sys, handler
class Context:
    function_name = "fn"
    aws_request_id = "id"
    memory_limit_in_mb = 128
    def get_remaining_time_in_millis(self):
        return 3000
print(json.dumps(handler.handler(json.load(open(sys.argv[1])), Context())))
`
	cmd := exec.Command("python3", "-c", script, event)
	cmd.Dir = dir
	cmd.Env = append(os.Environ(), "PYTHONPATH="+stub+string(os.PathListSeparator)+dir, "PYTHONDONTWRITEBYTECODE=1")
	out, err := cmd.Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("python3 %s: %v\n%s", event, err, ee.Stderr)
		}
		t.Fatalf("python3: %v", err)
	}
	lines := strings.Split(strings.TrimSpace(string(out)), "\n")
	var res map[string]any
	if err := json.Unmarshal([]byte(lines[len(lines)-1]), &res); err != nil {
		t.Fatalf("handler result is not JSON: %v\n%s", err, out)
	}
	return res
}

// CPython is the oracle for what each template's handler answers.
func TestHandlersUnderCPython(t *testing.T) {
	tests := []struct {
		template, event, key string
		want                 any
	}{
		{"hello", "events/event.json", "message", "Hello, NanoLambda!"},
		{"vibration", "events/event.json", "status", "ok"},
		{"vibration", "events/fault.json", "status", "alert"},
		{"vibration", "events/sensor.json", "status", "warming_up"},
		{"s3-trigger", "events/event.json", "processed", 1.0},
	}
	for _, tt := range tests {
		t.Run(tt.template+"/"+filepath.Base(tt.event), func(t *testing.T) {
			dir := t.TempDir()
			if _, err := Write(tt.template, dir, Data{Name: "p"}, false); err != nil {
				t.Fatal(err)
			}
			res := cpythonRun(t, dir, tt.event)
			if res[tt.key] != tt.want {
				t.Errorf("%s on %s: %s = %v, want %v (result %v)", tt.template, tt.event, tt.key, res[tt.key], tt.want, res)
			}
		})
	}
}

func TestWriteNeverOverwrites(t *testing.T) {
	dir := t.TempDir()
	mine := filepath.Join(dir, "handler.py")
	if err := os.WriteFile(mine, []byte("# mine\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	_, err := Write("hello", dir, Data{Name: "x"}, false)
	var ee *ExistsError
	if !errors.As(err, &ee) || len(ee.Paths) != 1 || ee.Paths[0] != mine {
		t.Fatalf("Write over an existing file = %v, want ExistsError naming %s", err, mine)
	}
	if !strings.Contains(err.Error(), "--force") {
		t.Errorf("error does not mention --force: %v", err)
	}
	// Nothing else was written either.
	if _, err := os.Stat(filepath.Join(dir, "nanolambda.toml")); !errors.Is(err, os.ErrNotExist) {
		t.Errorf("a refused Write still created nanolambda.toml")
	}
	if got, _ := os.ReadFile(mine); string(got) != "# mine\n" {
		t.Errorf("existing file changed: %q", got)
	}
	if _, err := Write("hello", dir, Data{Name: "x"}, true); err != nil {
		t.Fatalf("Write with force: %v", err)
	}
	if got, _ := os.ReadFile(mine); string(got) == "# mine\n" {
		t.Errorf("force did not overwrite")
	}
}

func TestBadInput(t *testing.T) {
	if _, err := Files("nope", Data{Name: "x"}); err == nil || !strings.Contains(err.Error(), "vibration") {
		t.Errorf("unknown template error should list templates: %v", err)
	}
	if _, err := Files("hello", Data{Name: "bad name\""}); err == nil {
		t.Error("a project name with a quote was accepted (it would break nanolambda.toml)")
	}
	if _, err := ProjectName("/tmp/has space"); err == nil {
		t.Error("ProjectName accepted a space")
	}
	if n, err := ProjectName("/tmp/motor-1"); err != nil || n != "motor-1" {
		t.Errorf("ProjectName = %q, %v", n, err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
