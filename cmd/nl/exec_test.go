package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"github.com/nanolambda/nl/bytecode"
)

func writeExecTemp(t *testing.T, name, content string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestExecPrints(t *testing.T) {
	f, out, errOut := testFactory()
	p := writeExecTemp(t, "hello.py", "def sq(x):\n    return x * x\nprint('hi', sq(7))\n")
	if code := Main([]string{"exec", p}, f); code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if out.String() != "hi 49\n" {
		t.Fatalf("stdout %q", out)
	}
}

func TestExecUncaughtException(t *testing.T) {
	f, out, errOut := testFactory()
	src := "def check(v):\n    if v < 0:\n        raise ValueError('bad ' + str(v))\nprint('start')\ncheck(-1)\n"
	p := writeExecTemp(t, "boom.py", src)
	if code := Main([]string{"exec", p}, f); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if out.String() != "start\n" {
		t.Errorf("stdout %q", out)
	}
	tb := errOut.String()
	for _, want := range []string{
		"Traceback (most recent call last):\n",
		"line 5, in <module>\n    check(-1)\n",
		"line 3, in check\n    raise ValueError('bad ' + str(v))\n",
		"ValueError: bad -1\n",
	} {
		if !strings.Contains(tb, want) {
			t.Errorf("traceback lacks %q:\n%s", want, tb)
		}
	}
}

func TestExecCompileError(t *testing.T) {
	f, out, errOut := testFactory()
	p := writeExecTemp(t, "bad.py", "x = 1\nif x\n    pass\n")
	if code := Main([]string{"exec", p}, f); code != 1 {
		t.Fatalf("exit %d, want 1", code)
	}
	if out.Len() != 0 {
		t.Errorf("stdout %q", out)
	}
	want := "bad.py:2:5: SyntaxError: expected ':'\n    if x\n        ^\n"
	if !strings.HasSuffix(errOut.String(), want) {
		t.Errorf("stderr %q, want suffix %q", errOut, want)
	}
}

func TestExecNotSupported(t *testing.T) {
	f, _, errOut := testFactory()
	p := writeExecTemp(t, "w.py", "with open('x') as fh:\n    pass\n")
	if code := Main([]string{"exec", p}, f); code != 1 {
		t.Fatalf("exit %d", code)
	}
	if !strings.Contains(errOut.String(), "w.py:1:1: NotSupportedError: 'with' statement is not supported by nl") {
		t.Errorf("stderr %q", errOut)
	}
}

func TestCompileThenExecImage(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "h.py")
	os.WriteFile(src, []byte("total = 0\nfor i in range(5):\n    total += i\nprint(total)\n"), 0o644)
	for _, strip := range []bool{false, true} {
		f, out, errOut := testFactory()
		args := []string{"compile", src, "-o", filepath.Join(dir, "h.nlb"), "--json"}
		if strip {
			args = append(args, "--strip")
		}
		if code := Main(args, f); code != 0 {
			t.Fatalf("compile exit %d: %s", code, errOut)
		}
		var rep compileReport
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatalf("compile --json: %v\n%s", err, out)
		}
		img, err := os.ReadFile(filepath.Join(dir, "h.nlb"))
		if err != nil {
			t.Fatal(err)
		}
		if rep.Bytes != len(img) || rep.Stripped != strip || len(rep.Functions) != 1 || rep.Functions[0].Name != "<module>" {
			t.Errorf("report %+v for %d-byte image", rep, len(img))
		}
		if _, err := bytecode.Decode(img); err != nil {
			t.Fatalf("written image does not decode: %v", err)
		}
		f, out, errOut = testFactory()
		if code := Main([]string{"exec", filepath.Join(dir, "h.nlb")}, f); code != 0 {
			t.Fatalf("exec image exit %d: %s", code, errOut)
		}
		if out.String() != "10\n" {
			t.Errorf("exec image stdout %q", out)
		}
	}
}

func TestCompileDefaultOutputAndSizes(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "m.py"), []byte("def f():\n    return 1\n"), 0o644)
	f, _, errOut := testFactory()
	f.WorkDir = dir
	if code := Main([]string{"compile", "m.py"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if _, err := os.Stat(filepath.Join(dir, "m.nlb")); err != nil {
		t.Fatalf("default output missing: %v", err)
	}
	for _, want := range []string{"m.nlb: ", " bytes", "<module>", "f  "} {
		if !strings.Contains(errOut.String(), want) {
			t.Errorf("size report lacks %q:\n%s", want, errOut)
		}
	}
}

func TestExecCorruptImage(t *testing.T) {
	dir := t.TempDir()
	src := filepath.Join(dir, "c.py")
	os.WriteFile(src, []byte("print(1)\n"), 0o644)
	f, _, _ := testFactory()
	img := filepath.Join(dir, "c.nlb")
	if code := Main([]string{"compile", src, "-o", img}, f); code != 0 {
		t.Fatal("compile failed")
	}
	data, _ := os.ReadFile(img)
	data[len(data)-1] ^= 0xff
	os.WriteFile(img, data, 0o644)
	f, out, errOut := testFactory()
	if code := Main([]string{"exec", img}, f); code == 0 {
		t.Fatal("corrupt image ran")
	}
	if out.Len() != 0 || !strings.Contains(errOut.String(), "checksum mismatch") {
		t.Errorf("stdout %q stderr %q", out, errOut)
	}
}

func TestDisasm(t *testing.T) {
	p := writeExecTemp(t, "d.py", "def add(a, b):\n    return a + b\nprint(add(1, 2))\n")
	f, out, errOut := testFactory()
	if code := Main([]string{"disasm", p}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"image ", "header", "func add", "load_local 0<a>", "add\n", "load_builtin", "<print>"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("listing lacks %q:\n%s", want, out)
		}
	}
}

func TestExecTimeout(t *testing.T) {
	p := writeExecTemp(t, "loop.py", "while True:\n    pass\n")
	f, _, errOut := testFactory()
	if code := Main([]string{"exec", p, "--max-steps", "10000"}, f); code != 1 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(strings.ToLower(errOut.String()), "loop.py") {
		t.Errorf("stderr %q", errOut)
	}
}

// TestExecTracebackMatchesCPython runs programs that die of an uncaught
// exception under python3 and under `nl exec` and compares the whole of stderr:
// chained exceptions (cause and context), repeated recursive frames, source
// lines. CPython's ^^^ marker lines are dropped before comparing (nl does not
// print them).
func TestExecTracebackMatchesCPython(t *testing.T) {
	if _, err := exec.LookPath("python3"); err != nil {
		t.Fatal("python3 is required: it is the oracle for Python semantics")
	}
	markers := regexp.MustCompile(`(?m)^ *[~^]+\n`)
	tests := []struct{ name, src string }{
		{"plain", "def f(d):\n    return d['k']\n\nf({})\n"},
		{"cause", "def load(s):\n    try:\n        return int(s)\n    except ValueError as e:\n        raise RuntimeError('bad config') from e\n\nload('x')\n"},
		{"context", "try:\n    {}['missing']\nexcept KeyError:\n    print('handling')\n    1 / 0\n"},
		{"from_none", "try:\n    [][0]\nexcept IndexError:\n    raise ValueError('empty') from None\n"},
		{"recursion_cut", "def down(n):\n    if n == 0:\n        raise ValueError('bottom')\n    return down(n - 1)\n\ndown(12)\n"},
		{"repeat_once", "def down(n):\n    if n == 0:\n        raise ValueError('bottom')\n    return down(n - 1)\n\ndown(3)\n"},
		{"two_calls_one_line", "def f(n):\n    return g(n) if n else f(1) + f(1)\n\ndef g(n):\n    return n.x\n\nf(0)\n"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			if err := os.WriteFile(filepath.Join(dir, "prog.py"), []byte(tc.src), 0o644); err != nil {
				t.Fatal(err)
			}
			cmd := exec.Command("python3", "prog.py")
			cmd.Dir = dir
			var pyErr strings.Builder
			cmd.Stderr = &pyErr
			pyOut, err := cmd.Output()
			if err == nil {
				t.Fatal("python3 succeeded; the test program must fail")
			}
			// Both name the script by its absolute path.
			want := markers.ReplaceAllString(pyErr.String(), "")

			f, out, errOut := testFactory()
			f.WorkDir = dir
			if code := Main([]string{"exec", "prog.py"}, f); code != 1 {
				t.Fatalf("nl exec exit %d, want 1", code)
			}
			if out.String() != string(pyOut) {
				t.Errorf("stdout = %q, want %q", out, pyOut)
			}
			if got := errOut.String(); got != want {
				t.Errorf("stderr differs\n--- python3\n%s--- nl\n%s", want, got)
			}
		})
	}
}

// TestExecMaxDepth: the default depth limit is CPython's (1000 calls), so
// recursion that runs under python3 runs under nl exec; --max-depth moves it.
func TestExecMaxDepth(t *testing.T) {
	p := writeExecTemp(t, "deep.py", "def down(n):\n    return 0 if n == 0 else 1 + down(n - 1)\nprint(down(900))\n")
	f, out, errOut := testFactory()
	if code := Main([]string{"exec", p}, f); code != 0 || out.String() != "900\n" {
		t.Fatalf("default depth, 900 calls: exit %d, stdout %q, stderr %s", code, out, errOut)
	}
	f, _, errOut = testFactory()
	if code := Main([]string{"exec", "--max-depth", "100", p}, f); code != 1 || !strings.Contains(errOut.String(), "RecursionError: maximum recursion depth exceeded") {
		t.Fatalf("--max-depth 100: exit %d, stderr %s", code, errOut)
	}
}

// TestExecSysExitAndArgv: sys.exit and SystemExit end nl exec with python3's
// status and output, and sys.argv holds the script and its arguments.
func TestExecSysExitAndArgv(t *testing.T) {
	script := writeExecTemp(t, "tool.py", "import sys\nprint(sys.argv[1:])\nsys.stderr.write('note\\n')\nif len(sys.argv) > 2:\n    sys.exit(sys.argv[2])\nsys.exit(int(sys.argv[1]))\n")
	for _, c := range []struct {
		args             []string
		code             int
		wantOut, wantErr string
	}{
		{[]string{"0"}, 0, "['0']\n", "note\n"},
		{[]string{"7"}, 7, "['7']\n", "note\n"},
		{[]string{"--", "1", "--bye"}, 1, "['1', '--bye']\n", "note\n--bye\n"},
	} {
		f, out, errOut := testFactory()
		code := Main(append([]string{"exec", script}, c.args...), f)
		if code != c.code || out.String() != c.wantOut || errOut.String() != c.wantErr {
			t.Errorf("nl exec tool.py %v: exit %d, stdout %q, stderr %q; want %d, %q, %q",
				c.args, code, out, errOut, c.code, c.wantOut, c.wantErr)
		}
		py := exec.Command("python3", append([]string{script}, slices.DeleteFunc(slices.Clone(c.args), func(s string) bool { return s == "--" })...)...)
		pyOut, _ := py.Output()
		if py.ProcessState.ExitCode() != c.code || string(pyOut) != c.wantOut {
			t.Errorf("python3 disagrees with the expectation for %v: exit %d, stdout %q", c.args, py.ProcessState.ExitCode(), pyOut)
		}
	}
}
