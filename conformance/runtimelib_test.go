package conformance

import (
	"fmt"
	"os"
	"os/exec"
	"regexp"
	"strings"
	"testing"
)

// docSection returns the text between <!-- name --> and <!-- /name --> in doc.
func docSection(t *testing.T, doc, name string) string {
	t.Helper()
	start := strings.Index(doc, "<!-- "+name+" -->")
	end := strings.Index(doc, "<!-- /"+name+" -->")
	if start < 0 || end < start {
		t.Fatalf("docs/bytecode.md has no <!-- %s --> … <!-- /%s --> section", name, name)
	}
	return doc[start:end]
}

var backquoted = regexp.MustCompile("`([^`]+)`")

// TestRuntimeLibraryDocumented keeps section 9 of docs/bytecode.md (the runtime
// library every nl VM provides) true of the Go VM: every listed builtin exists,
// every listed exception class has the listed base (checked against CPython
// too), and every listed module member exists.
func TestRuntimeLibraryDocumented(t *testing.T) {
	raw, err := os.ReadFile("../docs/bytecode.md")
	if err != nil {
		t.Fatal(err)
	}
	doc := string(raw)

	var prog strings.Builder
	prog.WriteString("missing = []\n")
	var builtins []string
	for _, m := range backquoted.FindAllStringSubmatch(docSection(t, doc, "builtins"), -1) {
		builtins = append(builtins, m[1])
		fmt.Fprintf(&prog, "try:\n    %s\nexcept NameError:\n    missing.append(%q)\n", m[1], m[1])
	}
	if len(builtins) < 50 {
		t.Fatalf("only %d builtins parsed from docs/bytecode.md", len(builtins))
	}
	excRE := regexp.MustCompile(`^([A-Za-z]+)\(([A-Za-z]+)\)$`)
	nexc := 0
	for _, m := range backquoted.FindAllStringSubmatch(docSection(t, doc, "exceptions"), -1) {
		e := excRE.FindStringSubmatch(m[1])
		if e == nil {
			t.Fatalf("exception entry %q is not Name(base)", m[1])
		}
		nexc++
		fmt.Fprintf(&prog, "if %s.__bases__[0] is not %s:\n    missing.append(%q)\n", e[1], e[2], m[1])
	}
	// The common part runs under CPython too: the documented names and
	// hierarchy must be CPython's.
	common := prog.String() + "print(missing)\n"

	modRE := regexp.MustCompile("(?m)^- `([a-z]+)`: (.*(?:\n  .*)*)")
	mods := modRE.FindAllStringSubmatch(docSection(t, doc, "modules"), -1)
	if len(mods) != 7 {
		t.Fatalf("want the math, json, time, sys, functools, collections and re module lists, parsed %d", len(mods))
	}
	nmembers := 0
	for _, m := range mods {
		fmt.Fprintf(&prog, "import %s\n", m[1])
		// Keyword arguments are written `(…)` after a name; skip them.
		text := regexp.MustCompile(`\([^)]*\)`).ReplaceAllString(m[2], "")
		for _, a := range backquoted.FindAllStringSubmatch(text, -1) {
			nmembers++
			fmt.Fprintf(&prog, "if not hasattr(%s, %q):\n    missing.append(%q)\n", m[1], a[1], m[1]+"."+a[1])
		}
	}
	prog.WriteString("print(missing)\n")

	got, err := runNL("runtimelib.py", []byte(prog.String()))
	if err != nil {
		t.Fatalf("probe program failed under nl: %v", err)
	}
	if got != "[]\n" {
		t.Errorf("docs/bytecode.md section 9 lists names the VM lacks (or bases it gets wrong): %s", got)
	}

	dir := t.TempDir()
	if err := os.WriteFile(dir+"/common.py", []byte(common), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command("python3", dir+"/common.py").CombinedOutput()
	if err != nil {
		t.Fatalf("python3 probe: %v\n%s", err, out)
	}
	if string(out) != "[]\n" {
		t.Errorf("docs/bytecode.md section 9 disagrees with CPython: %s", out)
	}
	t.Logf("checked %d builtins, %d exception classes, %d module members", len(builtins), nexc, nmembers)
}
