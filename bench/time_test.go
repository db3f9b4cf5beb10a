package bench

import (
	"bytes"
	"testing"
	"time"

	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/vm"
)

// TestTimeModuleUsesEmbedderClock runs Python's time module against a
// virtual clock passed in vm.Options, as the emulator does: sleeps advance
// the clock instantly and every reading comes from it.
func TestTimeModuleUsesEmbedderClock(t *testing.T) {
	src := `
import time
from time import sleep, ticks_ms, ticks_diff

t0 = time.time()
m0 = time.monotonic()
k0 = ticks_ms()
sleep(1.5)
time.sleep_ms(20)
print(round(time.time() - t0, 6), round(time.monotonic() - m0, 6), ticks_diff(ticks_ms(), k0))
print(time.time_ns() % 1000000000, int(time.time()))
`
	prog, err := compiler.Compile("clock.py", []byte(src), compiler.Options{})
	if err != nil {
		t.Fatal(err)
	}
	now := time.Date(2026, 11, 25, 12, 0, 0, 250_000_000, time.UTC)
	var slept time.Duration
	var out bytes.Buffer
	start := time.Now()
	_, err = vm.Load(prog, vm.Options{
		Stdout: &out,
		Now:    func() time.Time { return now },
		Sleep:  func(d time.Duration) { slept += d; now = now.Add(d) },
	})
	if err != nil {
		t.Fatal(err)
	}
	want := "1.52 1.52 1520\n770000000 1795608001\n"
	if out.String() != want {
		t.Errorf("output %q, want %q", out.String(), want)
	}
	if slept != 1520*time.Millisecond {
		t.Errorf("virtual sleep total %v, want 1.52s", slept)
	}
	if real := time.Since(start); real > time.Second {
		t.Errorf("the run took %v of real time: sleep did not use the embedder's clock", real)
	}
}
