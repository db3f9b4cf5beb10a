package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestInitCreatesProject(t *testing.T) {
	for _, tmpl := range []string{"hello", "vibration", "s3-trigger"} {
		t.Run(tmpl, func(t *testing.T) {
			f, out, errOut := testFactory()
			f.WorkDir = t.TempDir()
			if code := Main([]string{"init", "proj", "--template", tmpl, "--json"}, f); code != 0 {
				t.Fatalf("exit %d: %s", code, errOut)
			}
			var rep initReport
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
				t.Fatalf("init --json: %v\n%s", err, out)
			}
			if rep.Name != "proj" || rep.Template != tmpl || len(rep.Files) < 5 {
				t.Errorf("report = %+v", rep)
			}
			for _, p := range []string{"handler.py", "nanolambda.toml", "README.md", ".github/workflows/size.yml"} {
				if _, err := os.Stat(filepath.Join(f.WorkDir, "proj", p)); err != nil {
					t.Errorf("missing %s: %v", p, err)
				}
			}
		})
	}
}

func TestInitRefusesToOverwrite(t *testing.T) {
	f, _, errOut := testFactory()
	f.WorkDir = t.TempDir()
	toml := filepath.Join(f.WorkDir, "nanolambda.toml")
	if err := os.WriteFile(toml, []byte("name = \"mine\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	code := Main([]string{"init", "--template", "hello", "--name", "x"}, f)
	if code == 0 {
		t.Fatal("init over an existing project exited 0")
	}
	if !strings.Contains(errOut.String(), "nanolambda.toml") || !strings.Contains(errOut.String(), "--force") {
		t.Errorf("stderr = %q, want the file named and a hint to --force", errOut)
	}
	if got, _ := os.ReadFile(toml); string(got) != "name = \"mine\"\n" {
		t.Errorf("existing nanolambda.toml was changed: %q", got)
	}
	f2, out2, errOut2 := testFactory()
	f2.WorkDir = f.WorkDir
	if code := Main([]string{"init", "--template", "hello", "--name", "x", "--force"}, f2); code != 0 {
		t.Fatalf("init --force: exit %d: %s", code, errOut2)
	}
	if !strings.Contains(out2.String(), "nl run hello") {
		t.Errorf("human output lacks the next step: %q", out2)
	}
}

func TestInitUnknownTemplate(t *testing.T) {
	f, _, errOut := testFactory()
	f.WorkDir = t.TempDir()
	if code := Main([]string{"init", "--template", "nope"}, f); code != 2 {
		t.Fatalf("exit %d, want 2 (usage error)", code)
	}
	if !strings.Contains(errOut.String(), "s3-trigger") {
		t.Errorf("stderr does not list the templates: %q", errOut)
	}
}
