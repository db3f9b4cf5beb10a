package main

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/templates"
)

// projScaffold writes a template into a temp dir and returns a factory
// working there.
func projScaffold(t *testing.T, tmpl string) (*Factory, string) {
	t.Helper()
	dir := t.TempDir()
	if _, err := templates.Write(tmpl, dir, templates.Data{Name: "proj"}, false); err != nil {
		t.Fatal(err)
	}
	f, _, _ := testFactory()
	f.WorkDir = dir
	return f, dir
}

func TestBuildWritesImages(t *testing.T) {
	for _, tmpl := range templates.List() {
		t.Run(tmpl.Name, func(t *testing.T) {
			f, dir := projScaffold(t, tmpl.Name)
			out := f.IO.Out.(interface{ Bytes() []byte })
			if code := Main([]string{"build", "--json"}, f); code != 0 {
				t.Fatalf("exit %d: %s", code, f.IO.ErrOut)
			}
			var rep struct {
				Images []builtImage
				OK     bool
			}
			if err := json.Unmarshal(out.Bytes(), &rep); err != nil || !rep.OK || len(rep.Images) != 1 {
				t.Fatalf("build --json = %s (%v)", out.Bytes(), err)
			}
			data, err := os.ReadFile(filepath.Join(dir, "build", tmpl.Function+".nlb"))
			if err != nil {
				t.Fatal(err)
			}
			if _, err := bytecode.Decode(data); err != nil {
				t.Errorf("built image does not decode: %v", err)
			}
			if len(data) != rep.Images[0].Bytes {
				t.Errorf("reported %d bytes, wrote %d", rep.Images[0].Bytes, len(data))
			}
		})
	}
}

func TestBuildStripIsSmaller(t *testing.T) {
	f, dir := projScaffold(t, "vibration")
	if code := Main([]string{"build"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, f.IO.ErrOut)
	}
	full, _ := os.ReadFile(filepath.Join(dir, "build", "detect.nlb"))
	f2, _, _ := testFactory()
	f2.WorkDir = dir
	if code := Main([]string{"build", "--strip"}, f2); code != 0 {
		t.Fatalf("exit %d", code)
	}
	stripped, _ := os.ReadFile(filepath.Join(dir, "build", "detect.nlb"))
	if len(stripped) >= len(full) {
		t.Errorf("stripped image %d B, full %d B", len(stripped), len(full))
	}
}

func TestBuildCompileError(t *testing.T) {
	f, dir := projScaffold(t, "hello")
	os.WriteFile(filepath.Join(dir, "handler.py"), []byte("def handler(event, context):\n    return (1 +\n"), 0o644)
	code := Main([]string{"build"}, f)
	if code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	errOut := f.IO.ErrOut.(interface{ String() string }).String()
	if !strings.Contains(errOut, "handler.py:") || !strings.Contains(errOut, "SyntaxError") {
		t.Errorf("stderr = %q, want file:line:col SyntaxError", errOut)
	}
}

func TestBuildOutsideProject(t *testing.T) {
	f, _, errOut := testFactory()
	f.WorkDir = t.TempDir()
	if code := Main([]string{"build"}, f); code == 0 {
		t.Fatal("build outside a project exited 0")
	}
	if !strings.Contains(errOut.String(), "nl init") {
		t.Errorf("stderr = %q, want a hint to nl init", errOut)
	}
}

// A handler = "module.func" naming a function the module lacks fails the
// build with the nanolambda.toml line, instead of failing later on a device.
func TestBuildMissingHandler(t *testing.T) {
	f, dir := projScaffold(t, "hello")
	toml := filepath.Join(dir, "nanolambda.toml")
	data, _ := os.ReadFile(toml)
	os.WriteFile(toml, []byte(strings.Replace(string(data), `handler = "handler.handler"`, `handler = "handler.main"`, 1)), 0o644)
	code := Main([]string{"build"}, f)
	errOut := f.IO.ErrOut.(interface{ String() string }).String()
	if code != 1 || !strings.Contains(errOut, "nanolambda.toml:8: function hello: handler.py defines no main(event, context)") {
		t.Fatalf("exit %d, stderr:\n%s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "build", "hello.nlb")); err == nil {
		t.Error("an image was written for a function without its handler")
	}
}
