package scheduler

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

const minimalScenario = `
name = "t"
events = 10
[device]
clock_hz = 80_000_000
cycles_per_instr = 60.0
[device.radio]
bytes_per_sec = 1000.0
[function]
steps = 1000.0
`

func TestParseScenarioErrors(t *testing.T) {
	tests := []struct {
		name, extra, want string
	}{
		{"unknown key", "[device.screen]\ncolour = 1", "t.toml:13: unknown key device.screen.colour"},
		{"unknown nested key", "[[tier]]\nname = \"edge\"\nsteps_per_sec = 1.0\nspeed = 2", "unknown key tier.speed"},
		{"syntax", "events = = 3", "t.toml:"},
		{"bad tier", "[[tier]]\nname = \"fog\"\nsteps_per_sec = 1.0", `name "fog": want edge or cloud`},
		{"device tier", "[[tier]]\nname = \"device\"\nsteps_per_sec = 1.0", "want edge or cloud"},
		{"slow tier", "[[tier]]\nname = \"edge\"", "steps_per_sec must be positive"},
		{"spike range", "[[spike]]\nfrom = 5\nto = 5", "need 0 <= from < to"},
		{"spike loss", "[[spike]]\nfrom = 1\nto = 5\nloss = 2.0", "loss must be in [0, 1]"},
		{"spike tier", "[[spike]]\nfrom = 1\nto = 5\ntier = \"cloud\"", `tier "cloud" is not a [[tier]]`},
		{"payload order", "[[payload]]\nfrom = 5\nbytes = 1\n[[payload]]\nfrom = 2\nbytes = 3", "from must increase"},
		{"payload range", "[[payload]]\nbytes = 10\nmax_bytes = 5", "bytes <= max_bytes"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseScenario("t.toml", []byte(minimalScenario+"\n"+tt.extra+"\n"))
			if err == nil {
				t.Fatalf("ParseScenario accepted %q", tt.extra)
			}
			if !strings.Contains(err.Error(), tt.want) {
				t.Errorf("error %q does not mention %q", err, tt.want)
			}
			if !strings.HasPrefix(err.Error(), "t.toml") {
				t.Errorf("error %q does not name the file", err)
			}
		})
	}
}

func TestParseScenarioFieldErrors(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"no events", strings.Replace(minimalScenario, "events = 10", "", 1), "events must be between 1"},
		{"no clock", strings.Replace(minimalScenario, "clock_hz = 80_000_000", "", 1), "clock_hz must be positive"},
		{"no radio", strings.Replace(minimalScenario, "bytes_per_sec = 1000.0", "", 1), "bytes_per_sec must be positive"},
		{"no work", strings.Replace(minimalScenario, "steps = 1000.0", "", 1), "steps or steps_per_byte"},
		{"huge", strings.Replace(minimalScenario, "events = 10", "events = 100000000", 1), "events must be between 1"},
		{"jitter", strings.Replace(minimalScenario, "steps = 1000.0", "steps = 1000.0\njitter = 1.5", 1), "jitter 1.5"},
		{"objective", "objective = \"fun\"\n" + minimalScenario, `objective "fun"`},
		{"nan", strings.Replace(minimalScenario, "cycles_per_instr = 60.0", "cycles_per_instr = nan", 1), "device.cycles_per_instr must be a finite number"},
		{"alpha", "ewma_alpha = 2.0\n" + minimalScenario, "ewma_alpha 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseScenario("t.toml", []byte(tt.src))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to mention %q", err, tt.want)
			}
		})
	}
}

func TestLoadScenarioMissingFile(t *testing.T) {
	_, err := LoadScenario(filepath.Join(t.TempDir(), "nope.toml"))
	if err == nil || !strings.Contains(err.Error(), "nope.toml") {
		t.Fatalf("err = %v, want it to name the file", err)
	}
}

func TestMinimalScenarioDefaults(t *testing.T) {
	sc, err := ParseScenario("t.toml", []byte(minimalScenario))
	if err != nil {
		t.Fatal(err)
	}
	if sc.Objective != ObjectiveLatency || sc.Function.Name != "handler" || len(sc.Payload) != 1 {
		t.Errorf("defaults not filled: objective %q, function %q, %d payload phases", sc.Objective, sc.Function.Name, len(sc.Payload))
	}
	// With no remote tier every policy runs on the device.
	for _, p := range Policies {
		r := simulate(t, sc, p)
		if r.PerTier["device"] != sc.Events {
			t.Errorf("%s: placements %v, want all on the device", p, r.PerTier)
		}
	}
}

// FuzzParseScenario: no input panics, and an accepted scenario simulates.
func FuzzParseScenario(f *testing.F) {
	files, _ := filepath.Glob("testdata/*.toml")
	for _, fn := range files {
		b, err := os.ReadFile(fn)
		if err == nil {
			f.Add(b)
		}
	}
	f.Add([]byte(minimalScenario))
	f.Fuzz(func(t *testing.T, data []byte) {
		sc, err := ParseScenario("fuzz.toml", data)
		if err != nil {
			if !strings.HasPrefix(err.Error(), "fuzz.toml") {
				t.Fatalf("error does not name the file: %v", err)
			}
			return
		}
		if sc.Events > 2000 {
			sc.Events = 2000 // keep each fuzz run short; validity is what is tested
		}
		if _, err := Simulate(sc, PolicyCost); err != nil {
			t.Fatalf("accepted scenario does not simulate: %v", err)
		}
	})
}

// The scenario in docs/scheduler.md is a complete file that loads and runs,
// and every scenario shipped in testdata is in the docs' table, so what the
// docs promise is what ships.
func TestDocsScenarios(t *testing.T) {
	doc, err := os.ReadFile(filepath.Join("..", "docs", "scheduler.md"))
	if err != nil {
		t.Fatal(err)
	}
	text := string(doc)
	start := strings.Index(text, "```toml\nname = ")
	if start < 0 {
		t.Fatal("docs/scheduler.md has no scenario example (a ```toml block starting with name =)")
	}
	body := text[start+len("```toml\n"):]
	body = body[:strings.Index(body, "```")]
	sc, err := ParseScenario("docs/scheduler.md", []byte(body))
	if err != nil {
		t.Fatalf("the documented scenario does not load: %v", err)
	}
	if r, err := Simulate(sc, PolicyCost); err != nil || len(r.Steps) != sc.Events {
		t.Fatalf("the documented scenario does not run: %v", err)
	}
	files, _ := filepath.Glob(filepath.Join("testdata", "*.toml"))
	for _, f := range files {
		name := strings.TrimSuffix(filepath.Base(f), ".toml")
		if !strings.Contains(text, "| `"+name+"` |") {
			t.Errorf("scenario %s is not in the docs' table of shipped scenarios", name)
		}
	}
}
