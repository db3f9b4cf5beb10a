package vm

import (
	"math"
	"testing"
	"time"
)

// callMember calls a function of a built-in module with a thread whose
// clock and sleep are the test's.
func callMember(t *testing.T, th *Thread, mod *Module, name string, args ...Value) (Value, error) {
	t.Helper()
	v, ok := mod.Member(name)
	if !ok {
		t.Fatalf("module %s has no %s", mod.Name(), name)
	}
	return v.(*Builtin).fn(th, args, nil)
}

func TestTimeModuleVirtualClock(t *testing.T) {
	now := time.Date(2026, 1, 2, 3, 4, 5, 600_000_000, time.UTC)
	var slept []time.Duration
	th := detachedThread()
	th.opts = &Options{
		Now:   func() time.Time { return now },
		Sleep: func(d time.Duration) { slept = append(slept, d); now = now.Add(d) },
	}
	mod := builtinModules["time"]()

	v, err := callMember(t, th, mod, "time")
	if err != nil || math.Abs(float64(v.(Float64))-float64(now.UnixNano())/1e9) > 1e-6 {
		t.Fatalf("time() = %v, %v; want %v", v, err, now.Unix())
	}
	t0, _ := callMember(t, th, mod, "ticks_ms")
	m0, _ := callMember(t, th, mod, "monotonic")
	if _, err := callMember(t, th, mod, "sleep", Float64(0.25)); err != nil {
		t.Fatal(err)
	}
	if _, err := callMember(t, th, mod, "sleep_ms", MakeInt(5)); err != nil {
		t.Fatal(err)
	}
	t1, _ := callMember(t, th, mod, "ticks_ms")
	m1, _ := callMember(t, th, mod, "monotonic")
	d, err := callMember(t, th, mod, "ticks_diff", t1, t0)
	if err != nil || d.(Int64) != 255 {
		t.Errorf("ticks_diff after 255 ms of virtual sleep = %v, %v", d, err)
	}
	if dm := float64(m1.(Float64) - m0.(Float64)); math.Abs(dm-0.255) > 1e-6 {
		t.Errorf("monotonic advanced %v, want 0.255", dm)
	}
	if len(slept) != 2 || slept[0] != 250*time.Millisecond || slept[1] != 5*time.Millisecond {
		t.Errorf("Sleep calls = %v", slept)
	}
	// ticks wrap like MicroPython's: differences stay small across the wrap
	d, _ = callMember(t, th, mod, "ticks_diff", MakeInt(5), MakeInt(ticksPeriod-5))
	if d.(Int64) != 10 {
		t.Errorf("ticks_diff across wrap = %v, want 10", d)
	}
	a, _ := callMember(t, th, mod, "ticks_add", MakeInt(ticksPeriod-1), MakeInt(3))
	if a.(Int64) != 2 {
		t.Errorf("ticks_add wrap = %v, want 2", a)
	}
	for _, bad := range []struct {
		arg  Value
		want string
	}{
		{Float64(-1), "ValueError: sleep length must be non-negative"},
		{Float64(math.NaN()), "ValueError: Invalid value NaN (not a number)"},
		{String("1"), "TypeError: sleep() argument 'argument 1' must be float, not str"},
	} {
		_, err := callMember(t, th, mod, "sleep", bad.arg)
		if err == nil {
			t.Errorf("sleep(%v) succeeded", bad.arg)
			continue
		}
		if bad.arg.Type() != "str" && err.Error() != bad.want {
			t.Errorf("sleep(%v) error = %v, want %s", bad.arg, err, bad.want)
		}
	}
	if len(slept) != 2 {
		t.Errorf("a refused sleep still slept: %v", slept)
	}
}
