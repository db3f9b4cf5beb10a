package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/scheduler"
)

func schedScenario(name string) string {
	return filepath.Join("..", "..", "scheduler", "testdata", name+".toml")
}

func TestSchedSimulateJSON(t *testing.T) {
	f, out, errOut := testFactory()
	if code := Main([]string{"sched", "simulate", schedScenario("steady"), "--policy", "cost", "--json"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var r scheduler.Result
	if err := json.Unmarshal(out.Bytes(), &r); err != nil {
		t.Fatalf("not JSON: %v", err)
	}
	if r.Policy != "cost" || r.Events != 400 || len(r.Steps) != 400 || r.Agreement < 0.95 {
		t.Errorf("unexpected result: policy %s, %d events, %d steps, agreement %.3f", r.Policy, r.Events, len(r.Steps), r.Agreement)
	}
}

func TestSchedSimulateAllPolicies(t *testing.T) {
	f, out, errOut := testFactory()
	if code := Main([]string{"sched", "simulate", schedScenario("spike"), "--policy", "all"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	s := out.String()
	for _, want := range []string{"scenario spike: 400 invocations", "AGREEMENT", "\nlocal ", "\nremote ", "\nhistory ", "\ncost "} {
		if !strings.Contains(s, want) {
			t.Errorf("output lacks %q:\n%s", want, s)
		}
	}
}

func TestSchedSimulateDecisions(t *testing.T) {
	f, out, _ := testFactory()
	if code := Main([]string{"sched", "simulate", schedScenario("outage")}, f); code != 0 {
		t.Fatalf("exit %d", code)
	}
	lines := strings.Split(out.String(), "\n")
	if len(lines) < 400 || !strings.HasPrefix(lines[0], "#") {
		t.Fatalf("want a header and a line per decision, got %d lines", len(lines))
	}
	if !strings.Contains(out.String(), "no history on edge yet") {
		t.Error("decisions do not give their reasons")
	}
}

func TestSchedSimulateErrors(t *testing.T) {
	bad := filepath.Join(t.TempDir(), "bad.toml")
	if err := os.WriteFile(bad, []byte("events = 3\nspeed = 9\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"policy", []string{"sched", "simulate", schedScenario("steady"), "--policy", "fastest"}, 2, `unknown policy "fastest" (want local, remote, history, cost or all)`},
		{"policy before file", []string{"sched", "simulate", "nope.toml", "--policy", "fastest"}, 2, `unknown policy "fastest"`},
		{"missing", []string{"sched", "simulate", "nope.toml"}, 1, "nope.toml"},
		{"unknown key", []string{"sched", "simulate", bad}, 1, "bad.toml:2: unknown key speed"},
		{"no args", []string{"sched", "simulate"}, 1, "accepts 1 arg"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, errOut := testFactory()
			if code := Main(tt.args, f); code != tt.code {
				t.Errorf("exit %d, want %d (%s)", code, tt.code, errOut)
			}
			if !strings.Contains(errOut.String(), tt.want) {
				t.Errorf("stderr %q does not mention %q", errOut, tt.want)
			}
		})
	}
}

func TestSchedSimulateSummaryJSON(t *testing.T) {
	f, out, errOut := testFactory()
	if code := Main([]string{"sched", "simulate", schedScenario("energy"), "--policy", "all", "--summary", "--json"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rs []map[string]any
	if err := json.Unmarshal(out.Bytes(), &rs); err != nil {
		t.Fatalf("not a JSON list: %v", err)
	}
	if len(rs) != len(scheduler.Policies) {
		t.Fatalf("%d results, want one per policy", len(rs))
	}
	for _, r := range rs {
		if _, ok := r["steps"]; ok {
			t.Errorf("%v: --summary --json still lists every decision", r["policy"])
		}
		if _, ok := r["total_energy_mj"]; !ok {
			t.Errorf("%v: no totals", r["policy"])
		}
	}
}
