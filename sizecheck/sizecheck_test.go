package sizecheck

import (
	"bytes"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/config"
)

var update = flag.Bool("update", false, "rewrite testdata/*.golden")

func profiles(t *testing.T, names ...string) []config.Profile {
	t.Helper()
	var out []config.Profile
	for _, n := range names {
		p, err := config.BuiltinProfile(n)
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, p)
	}
	return out
}

func inputs(t *testing.T) []Input {
	return []Input{
		{Function: "detect", Source: "handler.py", ConfigFile: "nanolambda.toml", ConfigLine: 6, ImageBytes: 1500, SizeBudget: 4096,
			Targets: profiles(t, "esp8266", "lm3s6965"), Parts: []Part{{"<module>", 1, 200}, {"handler", 40, 900}, {"window_stats", 25, 400}}},
		{Function: "big", Source: "big.py", ConfigFile: "nanolambda.toml", ConfigLine: 14, ImageBytes: 5000, SizeBudget: 4096,
			Targets: profiles(t, "esp8266"), Parts: []Part{{"handler", 3, 4800}}},
		{Function: "huge", Source: "huge.py", ConfigFile: "nanolambda.toml", ConfigLine: 20, ImageBytes: 70000,
			Targets: profiles(t, "esp8266", "cc3220sf")},
	}
}

func TestCheck(t *testing.T) {
	base := &Baseline{Version: 1, Functions: map[string]int64{"detect": 1400, "big": 5000}}
	rep := Check(inputs(t), base)
	if rep.OK {
		t.Fatal("report OK with two functions over their limits")
	}
	if len(rep.Violations) != 2 {
		t.Fatalf("violations = %+v, want 2", rep.Violations)
	}
	v := rep.Violations[0]
	if v.Function != "big" || v.Limit != "size_budget" || v.OverBytes != 904 || v.Line != 14 {
		t.Errorf("first violation = %+v", v)
	}
	if !strings.Contains(v.Message, "largest function: handler (big.py:3, 4800 B)") {
		t.Errorf("message does not say where the bytes are: %s", v.Message)
	}
	h := rep.Violations[1]
	if h.Function != "huge" || h.Limit != "flash:esp8266" || h.LimitBytes != 65536 || h.OverBytes != 70000-65536 {
		t.Errorf("second violation = %+v", h)
	}
	if rep.Functions[2].Budget != 65536 || rep.Functions[2].BudgetSource != "flash:esp8266" {
		t.Errorf("budget without size_budget = %d from %s, want the smallest target's flash", rep.Functions[2].Budget, rep.Functions[2].BudgetSource)
	}
	d := rep.Functions[0]
	if d.Delta == nil || *d.Delta != 100 || !d.OK || d.Largest[0].Name != "handler" {
		t.Errorf("detect = %+v", d)
	}
	if rep.Functions[2].Delta != nil {
		t.Error("a function missing from the baseline got a delta")
	}
}

func TestTableGolden(t *testing.T) {
	base := &Baseline{Version: 1, Functions: map[string]int64{"detect": 1400, "big": 5000}}
	var b bytes.Buffer
	if err := WriteTable(&b, Check(inputs(t), base)); err != nil {
		t.Fatal(err)
	}
	golden := filepath.Join("testdata", "table.golden")
	if *update {
		os.WriteFile(golden, b.Bytes(), 0o644)
	}
	want, err := os.ReadFile(golden)
	if err != nil {
		t.Fatal(err)
	}
	if b.String() != string(want) {
		t.Errorf("table:\n%s\nwant:\n%s", b.String(), want)
	}
}

func TestAnnotations(t *testing.T) {
	var b bytes.Buffer
	if err := WriteAnnotations(&b, Check(inputs(t), nil)); err != nil {
		t.Fatal(err)
	}
	lines := strings.Split(strings.TrimSpace(b.String()), "\n")
	if len(lines) != 2 {
		t.Fatalf("annotations:\n%s\nwant 2 lines", b.String())
	}
	want := "::error file=nanolambda.toml,line=14,title=nl size%3A big::function big: image is 5000 B, over its size_budget of 4096 B by 904 B (22.1%25); largest function: handler (big.py:3, 4800 B)"
	if lines[0] != want {
		t.Errorf("annotation =\n%s\nwant\n%s", lines[0], want)
	}
	if !strings.HasPrefix(lines[1], "::error file=nanolambda.toml,line=20,") {
		t.Errorf("second annotation = %s", lines[1])
	}
}

func TestBaselineRoundTrip(t *testing.T) {
	path := filepath.Join(t.TempDir(), "size.json")
	rep := Check(inputs(t), nil)
	if err := SaveBaseline(path, NewBaseline(rep)); err != nil {
		t.Fatal(err)
	}
	b, err := LoadBaseline(path)
	if err != nil {
		t.Fatal(err)
	}
	if b.Functions["huge"] != 70000 || len(b.Functions) != 3 {
		t.Errorf("baseline = %+v", b)
	}
	again := Check(inputs(t), b)
	for _, f := range again.Functions {
		if f.Delta == nil || *f.Delta != 0 {
			t.Errorf("%s: delta against its own baseline = %v", f.Name, f.Delta)
		}
	}
	data, _ := json.Marshal(again)
	if !bytes.Contains(data, []byte(`"delta_bytes":0`)) {
		t.Errorf("JSON lacks delta_bytes: %s", data)
	}
}

func TestBaselineErrors(t *testing.T) {
	dir := t.TempDir()
	if _, err := LoadBaseline(filepath.Join(dir, "none.json")); err == nil || !strings.Contains(err.Error(), "--save-baseline") {
		t.Errorf("missing baseline error = %v", err)
	}
	bad := filepath.Join(dir, "bad.json")
	os.WriteFile(bad, []byte("{not json"), 0o644)
	if _, err := LoadBaseline(bad); err == nil || !strings.Contains(err.Error(), "not a baseline file") {
		t.Errorf("bad baseline error = %v", err)
	}
	v2 := filepath.Join(dir, "v2.json")
	os.WriteFile(v2, []byte(`{"version": 2, "functions": {}}`), 0o644)
	if _, err := LoadBaseline(v2); err == nil || !strings.Contains(err.Error(), "version 2") {
		t.Errorf("future baseline error = %v", err)
	}
}
