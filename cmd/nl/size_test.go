package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/sizecheck"
)

func TestSizeWithinBudget(t *testing.T) {
	f, _ := projScaffold(t, "vibration")
	if code := Main([]string{"size", "--json"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, f.IO.ErrOut)
	}
	var rep sizecheck.Report
	if err := json.Unmarshal(f.IO.Out.(interface{ Bytes() []byte }).Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if !rep.OK || len(rep.Functions) != 1 || rep.Functions[0].ImageBytes <= 0 || len(rep.Functions[0].Targets) != 3 {
		t.Errorf("report = %+v", rep)
	}
}

func TestSizeOverBudget(t *testing.T) {
	f, dir := projScaffold(t, "hello")
	toml := filepath.Join(dir, "nanolambda.toml")
	data, _ := os.ReadFile(toml)
	os.WriteFile(toml, []byte(strings.Replace(string(data), "size_budget = 2048", "size_budget = 64", 1)), 0o644)
	f.Getenv = func(k string) string {
		if k == "GITHUB_ACTIONS" {
			return "true"
		}
		return ""
	}
	code := Main([]string{"size"}, f)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	out := f.IO.Out.(interface{ String() string }).String()
	errOut := f.IO.ErrOut.(interface{ String() string }).String()
	if !strings.Contains(out, "OVER") {
		t.Errorf("table = %s", out)
	}
	// The violation is an error: on stderr, with its file and line.
	if !strings.Contains(errOut, "nanolambda.toml:10: function hello: image is") || !strings.Contains(errOut, "over its size_budget of 64 B") {
		t.Errorf("stderr = %s", errOut)
	}
	if !strings.Contains(out, "::error file=nanolambda.toml,line=10,") {
		t.Errorf("no GitHub annotation on line 10:\n%s", out)
	}
}

func TestSizeBaseline(t *testing.T) {
	f, dir := projScaffold(t, "hello")
	if code := Main([]string{"size", "--save-baseline", "base.json"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, f.IO.ErrOut)
	}
	// Grow the handler, compare.
	h := filepath.Join(dir, "handler.py")
	src, _ := os.ReadFile(h)
	os.WriteFile(h, append(src, []byte("\n\ndef extra(x):\n    return [x, x * 2, x * 3]\n")...), 0o644)
	f2, out, errOut := testFactory()
	f2.WorkDir = dir
	if code := Main([]string{"size", "--baseline", "base.json", "--json"}, f2); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep sizecheck.Report
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatal(err)
	}
	if d := rep.Functions[0].Delta; d == nil || *d <= 0 {
		t.Errorf("delta after growing the handler = %v", d)
	}
	f3, _, errOut3 := testFactory()
	f3.WorkDir = dir
	if code := Main([]string{"size", "--baseline", "missing.json"}, f3); code == 0 || !strings.Contains(errOut3.String(), "--save-baseline") {
		t.Errorf("missing baseline: exit %d, %s", code, errOut3)
	}
}
