package vm

import (
	"errors"
	"os/exec"
	"strings"
	"testing"

	"github.com/nanolambda/nl/compiler"
)

// fuseProgram exercises every shape fuseIntOps rewrites, with operands
// that take the fast path and operands that must fall back (overflow,
// bools, floats, strs, negative divisors, an unbound local, a jump into
// the middle of a sequence).
const fuseProgram = `
def arith(x):
    out = []
    out.append(x + 1)
    out.append(x - 7)
    out.append(x * 3)
    out.append(x % 5)
    out.append(x // 4)
    out.append(x & 6)
    out.append(x | 9)
    out.append(x ^ 12)
    out.append(x % -3 if isinstance(x, int) and not isinstance(x, bool) else 0)
    out.append(x < 2)
    out.append(x <= 2)
    out.append(x > 1073741823)
    out.append(x >= -1073741824)
    out.append(x == 0)
    out.append(x != 0)
    y = x
    y += 1
    y -= 2
    y *= 3
    out.append(y)
    return out

for v in [0, 1, -1, 2, 7, 16383, 16384, -1025, 1073741823, -1073741824,
          2**60, -2**60, 2**31 + 5, -2**31 - 5, True, False]:
    try:
        print(v, arith(v))
    except Exception as e:
        print(v, type(e).__name__)
for s in [1.5, "ab", [1]]:
    try:
        print(s, arith(s))
    except TypeError as e:
        print("TypeError", e)

def loop(n):
    total = 0
    i = 0
    while i < n:
        total += i * i % 7
        i += 1
        if i % 3 == 0:
            continue
        total -= 1
    for j in range(n):
        total ^= j
        if j % 3 == 0:
            total -= 1
    return total

print(loop(1000), loop(0), loop(-5))

def unbound(flag):
    if flag:
        z = 1
    return z + 1

print(unbound(True))
try:
    unbound(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)

def big():
    x = 9223372036854775000
    n = 0
    while x < 9223372036854775807 - 100:
        x += 1
        n += 1
    return n

print(big())

def pairs(a, b):
    r = []
    r.append(a + b)
    r.append(a - b)
    r.append(a * b)
    if b:
        r.append(a % b)
        r.append(a // b)
    if a < b:
        r.append("lt")
    if a >= b:
        r.append("ge")
    r.append(a == b)
    c = a * b
    c = c - a
    r.append(c)
    return r

for a, b in [(3, 4), (-7, 2), (5, -3), (0, 0), (16383, 2), (2**40, 2**20),
             (1.5, 2), (2, 0.5), (True, 3), ("a", "b")]:
    try:
        print(a, b, pairs(a, b))
    except TypeError as e:
        print("TypeError", e)

def unbound2(flag):
    a = 1
    if flag:
        b = 2
    return a + b

print(unbound2(True))
try:
    unbound2(False)
except UnboundLocalError as e:
    print("UnboundLocalError", e)
`

func TestIntFusionMatchesCPython(t *testing.T) {
	want, err := exec.Command("python3", "-c", fuseProgram).Output()
	if err != nil {
		var ee *exec.ExitError
		if errors.As(err, &ee) {
			t.Fatalf("python3: %v\n%s", err, ee.Stderr)
		}
		t.Fatalf("python3: %v", err)
	}
	got, _ := runFused(t, fuseProgram, false, Options{})
	if got != string(want) {
		t.Errorf("nl output differs from CPython\n--- nl\n%s--- python3\n%s", got, want)
	}
}

// TestIntFusionKeepsStepCounts checks that fused code counts the same
// instructions, stops at the same step under MaxSteps, and reports the
// same heap, as the code without fusion.
func TestIntFusionKeepsStepCounts(t *testing.T) {
	plain, plainSt := runFused(t, fuseProgram, true, Options{})
	fused, fusedSt := runFused(t, fuseProgram, false, Options{})
	if plain != fused {
		t.Fatalf("output differs with fusion\n--- plain\n%s--- fused\n%s", plain, fused)
	}
	if plainSt.Steps != fusedSt.Steps || plainSt.PeakHeap != fusedSt.PeakHeap {
		t.Fatalf("stats differ: plain %+v, fused %+v", plainSt, fusedSt)
	}
	for _, budget := range []uint64{1, 57, 1000, 4321, 20011, plainSt.Steps - 3} {
		p, ps := runFused(t, fuseProgram, true, Options{MaxSteps: budget})
		f, fs := runFused(t, fuseProgram, false, Options{MaxSteps: budget})
		if p != f || ps.Steps != fs.Steps {
			t.Errorf("budget %d: plain %d steps %q, fused %d steps %q", budget, ps.Steps, p, fs.Steps, f)
		}
	}
}

func runFused(t *testing.T, src string, plain bool, opts Options) (string, Stats) {
	t.Helper()
	p, err := compiler.Compile("t.py", []byte(src), compiler.Options{})
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	noIntFusion = plain
	defer func() { noIntFusion = false }()
	var out strings.Builder
	opts.Stdout = &out
	in, err := Load(p, opts)
	if err != nil {
		var te *TimeoutError
		if !errors.As(err, &te) {
			t.Fatalf("load: %v", err)
		}
		return out.String() + "timeout", Stats{Steps: te.Steps}
	}
	return out.String(), in.Stats()
}

// concatProgram checks that str results sharing a concatenation buffer
// (strconcat.go) stay independent values.
const concatProgram = `
base = "ab" + str(7)
x = base + "c"
y = base + "d"
z = x + "e"
w = base + "f" + "g"
print(base, x, y, z, w)
s = ""
keep = []
for i in range(300):
    s += "x%d;" % i
    if i % 50 == 0:
        keep.append(s)
        t = s + "!"
        keep.append(t)
print(len(s), s[:20], s[-20:], [len(k) for k in keep], keep[3][-5:])
u = ""
for i in range(100):
    u = u + chr(65 + i % 26)
    v = u + "?"
print(u, v, "" + u == u, u + "" == u)
`

func TestConcatMatchesCPython(t *testing.T) {
	want, err := exec.Command("python3", "-c", concatProgram).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	got, _ := runFused(t, concatProgram, false, Options{})
	if got != string(want) {
		t.Errorf("nl output differs from CPython\n--- nl\n%s--- python3\n%s", got, want)
	}
}

// TestForStoreStepsExact checks that `for x in …` (whose store_local runs
// inside for_iter) still counts every instruction: a MaxSteps budget stops
// the run after exactly that many steps, for every budget.
func TestForStoreStepsExact(t *testing.T) {
	src := "t = 0\nfor j in range(40):\n    t += j\nfor x in [1, 2, 3]:\n    t -= x\n"
	_, full := runFused(t, src, false, Options{})
	if full.Steps < 100 {
		t.Fatalf("only %d steps", full.Steps)
	}
	for budget := uint64(1); budget < full.Steps; budget++ {
		out, st := runFused(t, src, false, Options{MaxSteps: budget})
		if out != "timeout" || st.Steps != budget {
			t.Fatalf("budget %d: %q after %d steps", budget, out, st.Steps)
		}
	}
}
