package emulator

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/vm"
)

func compile(t testing.TB, src string) []byte {
	t.Helper()
	p, err := compiler.Compile("h.py", []byte(src), compiler.Options{})
	if err != nil {
		t.Fatalf("compile: %v", err)
	}
	img, err := bytecode.Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	return img
}

func esp(t testing.TB) config.Profile {
	p, err := config.BuiltinProfile("esp8266")
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func deploy(t testing.TB, prof config.Profile, opts Options, src string) *Device {
	t.Helper()
	d := New(prof, opts)
	if err := d.Deploy("f", compile(t, src)); err != nil {
		t.Fatal(err)
	}
	return d
}

func TestInvokeResultAndReport(t *testing.T) {
	d := deploy(t, esp(t), Options{}, `
def handler(event, context):
    print("hello", event["name"])
    total = 0
    for i in range(100):
        total += i
    return {"greeting": "hi " + event["name"], "total": total, "fn": context.function_name,
            "mem": context.memory_limit_in_mb, "left": context.get_remaining_time_in_millis() > 0}
`)
	res, err := d.Invoke(context.Background(), "f", "handler", []byte(`{"name": "nl"}`))
	if err != nil {
		t.Fatal(err)
	}
	if res.Err != nil {
		t.Fatalf("handler raised: %s", res.Err.Traceback())
	}
	var out map[string]any
	if err := json.Unmarshal(res.Output, &out); err != nil {
		t.Fatalf("output %s: %v", res.Output, err)
	}
	if out["greeting"] != "hi nl" || out["total"] != 4950.0 || out["fn"] != "f" || out["mem"] != 1.0 || out["left"] != true {
		t.Errorf("output = %s", res.Output)
	}
	if len(res.Logs) != 1 || res.Logs[0] != "hello nl" {
		t.Errorf("logs = %q", res.Logs)
	}
	r := res.Report
	if r.Steps < 100 || r.PeakHeap <= 0 || r.HeapBudget != 65536 || r.FlashBudget != 65536 || r.ImageBytes <= 0 {
		t.Errorf("report = %+v", r)
	}
	// The time model: steps × 60 / 80 MHz.
	if want := time.Duration(float64(r.Steps) * 60 / 80e6 * 1e9); absDur(r.DeviceTime-want) > time.Microsecond {
		t.Errorf("device time %v, want %v", r.DeviceTime, want)
	}
	if want := 50 * r.DeviceTime.Seconds(); r.EnergyMJ < want*0.999 || r.EnergyMJ > want*1.001 {
		t.Errorf("energy %v, want %v", r.EnergyMJ, want)
	}
}

func absDur(d time.Duration) time.Duration {
	if d < 0 {
		return -d
	}
	return d
}

func TestWarmInstanceKeepsGlobals(t *testing.T) {
	d := deploy(t, esp(t), Options{}, `
count = 0
def handler(event, context):
    global count
    count += 1
    return count
`)
	for want := 1; want <= 3; want++ {
		res, err := d.Invoke(context.Background(), "f", "handler", []byte(`{}`))
		if err != nil || res.Err != nil {
			t.Fatal(err, res.Err)
		}
		if string(res.Output) != strconv.Itoa(want) {
			t.Errorf("call %d returned %s", want, res.Output)
		}
	}
}

func TestMemoryErrorAtHeapLimit(t *testing.T) {
	prof := esp(t)
	d := deploy(t, prof, Options{}, `
def handler(event, context):
    xs = []
    for i in range(20000):
        xs.append(i * 1000003)
    return len(xs)
`)
	res, err := d.Invoke(context.Background(), "f", "handler", []byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	if res.Err == nil || res.Err.Type != "MemoryError" {
		t.Fatalf("want MemoryError, got %v (output %s)", res.Err, res.Output)
	}
	if res.Report.PeakHeap > prof.HeapBytes {
		t.Errorf("peak heap %d over the budget %d", res.Report.PeakHeap, prof.HeapBytes)
	}
	// The same handler fits a device with more heap.
	big := prof
	big.HeapBytes = 4 << 20
	d2 := deploy(t, big, Options{}, `
def handler(event, context):
    xs = []
    for i in range(20000):
        xs.append(i * 1000003)
    return len(xs)
`)
	res2, err := d2.Invoke(context.Background(), "f", "handler", []byte(`{}`))
	if err != nil || res2.Err != nil || string(res2.Output) != "20000" {
		t.Errorf("with 4 MB heap: %v %v %s", err, res2.Err, res2.Output)
	}
}

func TestRecursionLimit(t *testing.T) {
	d := deploy(t, esp(t), Options{}, `
def f(n):
    return f(n + 1)
def handler(event, context):
    return f(0)
`)
	res, err := d.Invoke(context.Background(), "f", "handler", []byte(`{}`))
	if err != nil {
		t.Fatal(err)
	}
	if res.Err == nil || res.Err.Type != "RecursionError" {
		t.Fatalf("want RecursionError, got %v", res.Err)
	}
}

func TestTimeoutInDeviceTime(t *testing.T) {
	d := deploy(t, esp(t), Options{Timeout: 10 * time.Millisecond}, `
def handler(event, context):
    while True:
        pass
`)
	_, err := d.Invoke(context.Background(), "f", "handler", []byte(`{}`))
	var te *vm.TimeoutError
	if !errors.As(err, &te) {
		t.Fatalf("want TimeoutError, got %v", err)
	}
	// 10 ms at 80 MHz / 60 CPI is about 13 333 instructions.
	if te.Steps < 13000 || te.Steps > 20000 {
		t.Errorf("stopped after %d steps, want about 13333", te.Steps)
	}
}

func TestFlashBudget(t *testing.T) {
	prof := esp(t)
	prof.BytecodeFlashBytes = 200
	d := New(prof, Options{})
	img := compile(t, "def handler(event, context):\n    return '"+strings.Repeat("x", 400)+"'\n")
	err := d.Deploy("big", img)
	var fe *FlashError
	if !errors.As(err, &fe) {
		t.Fatalf("want FlashError, got %v", err)
	}
	if fe.FlashBytes != 200 || fe.ImageBytes != int64(len(img)) || !strings.Contains(err.Error(), "over by") {
		t.Errorf("FlashError = %+v: %v", fe, err)
	}
	if len(d.Functions()) != 0 || d.FreeFlash() != 200 {
		t.Errorf("a refused image took flash: %v", d.Functions())
	}
	small := compile(t, "def handler(event, context):\n    return 1\n")
	if err := d.Deploy("a", small); err != nil {
		t.Fatal(err)
	}
	if d.FreeFlash() != 200-int64(len(small)) {
		t.Errorf("FreeFlash = %d", d.FreeFlash())
	}
	if err := d.Delete("a"); err != nil || d.FreeFlash() != 200 {
		t.Errorf("Delete: %v, free %d", err, d.FreeFlash())
	}
	if err := d.Deploy("bad", []byte("not an image")); err == nil {
		t.Error("a corrupt image was deployed")
	}
}

func TestDeviceModule(t *testing.T) {
	src, err := ParseSensorSpec("accelerometer;temperature:base=30,noise=0.001", "", 5)
	if err != nil {
		t.Fatal(err)
	}
	d := deploy(t, esp(t), Options{Sensors: src}, `
import device
def handler(event, context):
    x, y, z = device.accelerometer()
    device.gpio_write(2, 1)
    t0 = device.ticks_ms()
    device.sleep_ms(250)
    return {"z": z, "temp": device.temperature(), "pin": device.gpio_read(2),
            "slept": device.ticks_ms() - t0, "name": device.name,
            "channels": device.channels()}
`)
	res, err := d.Invoke(context.Background(), "f", "handler", []byte(`{}`))
	if err != nil || res.Err != nil {
		t.Fatalf("%v %v", err, res.Err)
	}
	var out struct {
		Z, Temp  float64
		Pin      int
		Slept    int
		Name     string
		Channels []string
	}
	if err := json.Unmarshal(res.Output, &out); err != nil {
		t.Fatal(err)
	}
	if out.Z < 0.9 || out.Z > 1.1 || out.Temp < 29.9 || out.Temp > 30.1 || out.Pin != 1 || out.Slept < 250 || out.Name != "esp8266" || len(out.Channels) != 4 {
		t.Errorf("device module answers %s", res.Output)
	}
	if d.GPIO()[2] != 1 {
		t.Error("GPIO state not kept")
	}
	if d.Now() < 250*time.Millisecond {
		t.Errorf("virtual clock did not advance through sleep: %v", d.Now())
	}
	// A channel the source lacks is an OSError inside Python.
	d2 := deploy(t, esp(t), Options{Sensors: NewTemperature(TempOptions{})}, `
import device
def handler(event, context):
    try:
        device.accelerometer()
    except OSError as e:
        return "caught"
    return "no error"
`)
	res2, err := d2.Invoke(context.Background(), "f", "handler", []byte(`{}`))
	if err != nil || res2.Err != nil || string(res2.Output) != `"caught"` {
		t.Errorf("missing channel: %v %v %s", err, res2.Err, res2.Output)
	}
}

func TestInvokeErrors(t *testing.T) {
	d := deploy(t, esp(t), Options{}, "def handler(event, context):\n    return event['missing']\n")
	ctx := context.Background()
	if _, err := d.Invoke(ctx, "f", "handler", []byte(`{not json`)); !errors.As(err, new(*EventError)) {
		t.Errorf("bad event: %v", err)
	}
	if _, err := d.Invoke(ctx, "f", "nope", []byte(`{}`)); !errors.As(err, new(*HandlerError)) {
		t.Errorf("missing handler: %v", err)
	}
	if _, err := d.Invoke(ctx, "g", "handler", []byte(`{}`)); err == nil || !strings.Contains(err.Error(), "deployed: f") {
		t.Errorf("unknown function: %v", err)
	}
	res, err := d.Invoke(ctx, "f", "handler", []byte(`{}`))
	if err != nil || res.Err == nil || res.Err.Type != "KeyError" {
		t.Fatalf("KeyError: %v %v", err, res.Err)
	}
	if !strings.Contains(res.Err.Traceback(), "line 2") {
		t.Errorf("traceback lacks the line: %s", res.Err.Traceback())
	}
}

func TestStream(t *testing.T) {
	d := deploy(t, esp(t), Options{Sensors: NewAccelerometer(AccelOptions{Seed: 3, Faults: []Fault{{Kind: FaultImbalance, At: 10 * time.Second}}})}, `
import device
n = 0
def handler(event, context):
    global n
    n += 1
    x, y, z = device.accelerometer()
    if n == 7:
        raise ValueError("seventh")
    print("event", n)
    return {"n": n, "big": abs(x) > 0.15}
`)
	var seen int
	sum, events, err := d.Stream(context.Background(), "f", "handler", StreamOptions{
		Events: 100, RateHz: 5,
		Event:   func(int) ([]byte, error) { return []byte(`{}`), nil },
		OnEvent: func(EventReport) error { seen++; return nil },
	})
	if err != nil {
		t.Fatal(err)
	}
	if sum.Events != 100 || seen != 100 || len(events) != 100 || sum.Errors != 1 || sum.StatusCounts["ValueError"] != 1 {
		t.Errorf("summary = %+v", sum)
	}
	if e := events[6]; e.Status != "ValueError" || !strings.Contains(e.Error, "seventh") {
		t.Errorf("event 6: status %q, error %q", e.Status, e.Error)
	}
	if l := events[99].Logs; len(l) != 1 || l[0] != "event 100" {
		t.Errorf("event 99 logs = %q, want [\"event 100\"]", l)
	}
	if sum.VirtualTime != 20*time.Second {
		t.Errorf("virtual time %v, want 20s for 100 events at 5 Hz", sum.VirtualTime)
	}
	if events[50].Arrival != 10*time.Second || sum.DutyCycle <= 0 || sum.DutyCycle >= 1 || sum.IdleMJ <= 0 {
		t.Errorf("event 50 arrival %v, duty %v, idle %v", events[50].Arrival, sum.DutyCycle, sum.IdleMJ)
	}
	big := 0
	for _, e := range events[50:] {
		if strings.Contains(string(e.Output), `"big":true`) {
			big++
		}
	}
	if big == 0 {
		t.Error("the imbalance fault at 10 s never showed in the handler's readings")
	}
}

// BenchmarkStreamOverhead is the emulator's host time per event over a
// 10,000-event stream of the vibration handler reading the accelerometer.
func BenchmarkStreamOverhead(b *testing.B) {
	src := vibrationSource(b)
	img := compile(b, src)
	for i := 0; i < b.N; i++ {
		d := New(esp(b), Options{Seed: 1})
		if err := d.Deploy("detect", img); err != nil {
			b.Fatal(err)
		}
		sum, _, err := d.Stream(context.Background(), "detect", "handler", StreamOptions{
			Events: 10000, RateHz: 5, Event: func(int) ([]byte, error) { return []byte(`{"motor": "m"}`), nil }})
		if err != nil {
			b.Fatal(err)
		}
		if sum.Errors != 0 {
			b.Fatalf("%d events raised", sum.Errors)
		}
		b.ReportMetric(float64(sum.HostPerEvent.Nanoseconds()), "host-ns/event")
		b.ReportMetric(sum.MeanSteps, "instr/event")
		b.ReportMetric(float64(sum.MeanTime.Nanoseconds()), "device-ns/event")
	}
}

// BenchmarkStreamBaselineVM is the floor BenchmarkStreamOverhead is measured
// against: the same handler called 10,000 times straight through the vm
// package, with a device module whose accelerometer returns a constant and
// no time model, context, logs or reports.
func BenchmarkStreamBaselineVM(b *testing.B) {
	p, err := compiler.Compile("h.py", []byte(vibrationSource(b)), compiler.Options{})
	if err != nil {
		b.Fatal(err)
	}
	accel := vm.NewBuiltin("accelerometer", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
		return th.NewTuple([]vm.Value{vm.Float(0.01), vm.Float(-0.02), vm.Float(1.0)})
	})
	gpio := vm.NewBuiltin("gpio_write", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
		return vm.None, nil
	})
	mod := vm.NewModule("device", map[string]vm.Value{"accelerometer": accel, "gpio_write": gpio})
	ctxObj := vm.NewObject("LambdaContext", map[string]vm.Value{"function_name": vm.Str("detect")})
	for i := 0; i < b.N; i++ {
		inst, err := vm.Load(p, vm.Options{HeapLimit: 65536, MaxDepth: 32, Modules: map[string]*vm.Module{"device": mod}})
		if err != nil {
			b.Fatal(err)
		}
		fn, _ := inst.Global("handler")
		for j := 0; j < 10000; j++ {
			ev, err := vm.UnmarshalJSON([]byte(`{"motor": "m"}`))
			if err != nil {
				b.Fatal(err)
			}
			inst.ResetStats()
			out, err := inst.CallValue(fn, ev, ctxObj)
			if err != nil {
				b.Fatal(err)
			}
			if _, err := vm.MarshalJSON(out); err != nil {
				b.Fatal(err)
			}
		}
	}
	b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*10000), "host-ns/event")
}

// A warm instance was loaded by an earlier call; its print() output must
// still land in the logs of the call that prints.
func TestWarmInstanceKeepsLogs(t *testing.T) {
	var fwd bytes.Buffer
	d := deploy(t, esp(t), Options{Stdout: &fwd}, `
n = 0
def handler(event, context):
    global n
    n += 1
    print("call", n)
    return n
`)
	for i := 1; i <= 3; i++ {
		res, err := d.Invoke(context.Background(), "f", "handler", []byte(`{}`))
		if err != nil || res.Err != nil {
			t.Fatal(err, res.Err)
		}
		if want := fmt.Sprintf("call %d", i); len(res.Logs) != 1 || res.Logs[0] != want {
			t.Errorf("call %d: logs = %q, want [%q]", i, res.Logs, want)
		}
	}
	if got, want := fwd.String(), "call 1\ncall 2\ncall 3\n"; got != want {
		t.Errorf("forwarded stdout = %q, want %q", got, want)
	}
}
