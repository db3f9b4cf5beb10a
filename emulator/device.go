package emulator

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"sort"
	"strings"
	"time"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/vm"
)

// Options configure an emulated device.
type Options struct {
	// Sensors backs the device module's sensor functions; nil gives a
	// seeded accelerometer and temperature sensor.
	Sensors SensorSource
	// Seed seeds the default sensors and the request ids of the context.
	Seed int64
	// Stdout receives print() output as it happens, besides Result.Logs.
	Stdout io.Writer
	// Timeout is the device time one invocation may take (Lambda's Timeout);
	// it becomes an instruction budget through the profile's time model.
	// 0 means DefaultTimeout.
	Timeout time.Duration
	// HostTimeout bounds the wall time of one invocation on the host, a
	// guard against a handler that would take hours of emulated time.
	// 0 means DefaultHostTimeout.
	HostTimeout time.Duration
	// MemoryMB is what context.memory_limit_in_mb reports; 0 means the
	// profile's heap rounded up to whole megabytes.
	MemoryMB int
	// Epoch is the wall-clock time at virtual time zero (time.time());
	// zero means 2026-01-01T00:00:00Z, so runs are reproducible.
	Epoch time.Time
}

// Defaults for Options.
const (
	DefaultTimeout     = 3 * time.Second
	DefaultHostTimeout = 60 * time.Second
)

// Device is an emulated board: a profile's limits, the images deployed to
// its bytecode flash, warm VM instances, GPIO state and a virtual clock.
// A Device is not safe for concurrent use.
type Device struct {
	profile config.Profile
	opts    Options
	sensors SensorSource
	funcs   map[string]*deployed
	gpio    map[int]int
	now     time.Duration // virtual time since boot
	calls   uint64

	// State of the invocation in progress, read by the device module.
	callStart time.Duration
	slept     time.Duration
	deadline  time.Duration
	logs      *lineWriter
}

type deployed struct {
	name  string
	image []byte
	prog  *bytecode.Program
	inst  *vm.Instance
}

// FunctionInfo describes a deployed function.
type FunctionInfo struct {
	Name  string `json:"name"`
	Bytes int    `json:"bytes"`
}

// Result is the outcome of one invocation.
type Result struct {
	// Output is the handler's return value as JSON.
	Output []byte
	// Logs are the lines the handler printed.
	Logs []string
	// Err is the uncaught Python exception, if the handler raised one
	// (MemoryError and RecursionError included).
	Err    *vm.Exception
	Report Report
}

// New returns a device with nothing deployed.
func New(profile config.Profile, opts Options) *Device {
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.HostTimeout <= 0 {
		opts.HostTimeout = DefaultHostTimeout
	}
	if opts.Epoch.IsZero() {
		opts.Epoch = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)
	}
	s := opts.Sensors
	if s == nil {
		s = Multi(NewAccelerometer(AccelOptions{Seed: opts.Seed}), NewTemperature(TempOptions{Seed: opts.Seed}))
	}
	return &Device{profile: profile, opts: opts, sensors: s, funcs: map[string]*deployed{}, gpio: map[int]int{}}
}

// Profile returns the device's profile.
func (d *Device) Profile() config.Profile { return d.profile }

// FlashError reports an image that does not fit the bytecode flash left.
type FlashError struct {
	Function   string
	ImageBytes int64
	FreeBytes  int64 // bytecode flash free before this image
	FlashBytes int64 // the profile's bytecode flash
	Device     string
}

func (e *FlashError) Error() string {
	return fmt.Sprintf("deploy %s: image is %d B but only %d B of the %d B bytecode flash on %s is free: over by %d B",
		e.Function, e.ImageBytes, e.FreeBytes, e.FlashBytes, e.Device, e.ImageBytes-e.FreeBytes)
}

// Deploy decodes and verifies image and stores it under name, replacing an
// earlier image of that name. An image that does not fit the free bytecode
// flash is refused with a *FlashError.
func (d *Device) Deploy(name string, image []byte) error {
	prog, err := bytecode.Decode(image)
	if err != nil {
		return fmt.Errorf("deploy %s: %w", name, err)
	}
	free := d.profile.BytecodeFlashBytes - d.usedFlash(name)
	if int64(len(image)) > free {
		return &FlashError{Function: name, ImageBytes: int64(len(image)), FreeBytes: free,
			FlashBytes: d.profile.BytecodeFlashBytes, Device: d.profile.Name}
	}
	d.funcs[name] = &deployed{name: name, image: append([]byte(nil), image...), prog: prog}
	return nil
}

func (d *Device) usedFlash(except string) int64 {
	var n int64
	for name, f := range d.funcs {
		if name != except {
			n += int64(len(f.image))
		}
	}
	return n
}

// Functions lists the deployed functions by name.
func (d *Device) Functions() []FunctionInfo {
	out := make([]FunctionInfo, 0, len(d.funcs))
	for _, f := range d.funcs {
		out = append(out, FunctionInfo{Name: f.name, Bytes: len(f.image)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out
}

// Delete removes a deployed function and frees its flash and heap.
func (d *Device) Delete(name string) error {
	if _, ok := d.funcs[name]; !ok {
		return fmt.Errorf("delete %s: no such function on %s", name, d.profile.Name)
	}
	delete(d.funcs, name)
	return nil
}

// FreeFlash is the bytecode flash not taken by deployed images.
func (d *Device) FreeFlash() int64 { return d.profile.BytecodeFlashBytes - d.usedFlash("") }

// FreeHeap is the heap budget minus what the warm instances hold.
func (d *Device) FreeHeap() int64 {
	free := d.profile.HeapBytes
	for _, f := range d.funcs {
		if f.inst != nil {
			free -= f.inst.Stats().Heap
		}
	}
	return free
}

// Now is the device's virtual time since boot.
func (d *Device) Now() time.Duration { return d.now }

// AdvanceTo moves the virtual clock forward to t (never backwards): the
// device idled until then.
func (d *Device) AdvanceTo(t time.Duration) {
	if t > d.now {
		d.now = t
	}
}

// GPIO returns the output pins written so far.
func (d *Device) GPIO() map[int]int {
	out := make(map[int]int, len(d.gpio))
	for k, v := range d.gpio {
		out[k] = v
	}
	return out
}

// HandlerError reports a handler name the module does not define.
type HandlerError struct {
	Function, Handler string
	Reason            string
}

func (e *HandlerError) Error() string {
	return fmt.Sprintf("function %s: %s", e.Function, e.Reason)
}

// EventError reports an event that is not JSON.
type EventError struct{ Err error }

func (e *EventError) Error() string { return "event is not JSON: " + e.Err.Error() }
func (e *EventError) Unwrap() error { return e.Err }

// maxSteps turns the device-time timeout into an instruction budget.
func (d *Device) maxSteps() uint64 {
	if d.profile.CyclesPerInstr <= 0 {
		return 0
	}
	return uint64(d.opts.Timeout.Seconds() * float64(d.profile.ClockHz) / d.profile.CyclesPerInstr)
}

func (d *Device) vmOptions(f *deployed) vm.Options {
	return vm.Options{
		HeapLimit: d.profile.HeapBytes,
		MaxDepth:  d.profile.MaxDepth,
		MaxSteps:  d.maxSteps(),
		Timeout:   d.opts.HostTimeout,
		Stdout:    currentLogs{d},
		Modules:   map[string]*vm.Module{"device": d.deviceModule()},
		Now:       func() time.Time { return d.opts.Epoch.Add(d.callStart + d.slept) },
		Sleep:     func(dur time.Duration) { d.slept += dur },
		Filename:  f.name + ".py",
	}
}

// Invoke calls handler (a function of the module) in the function deployed
// as name, with event (JSON) and a Lambda-compatible context. The first
// invocation of a function loads it (a cold start: its top level runs and
// is counted); later ones reuse the warm instance, so module globals keep
// their values between events as on a device.
//
// A Python exception, MemoryError and RecursionError included, is returned
// in Result.Err with a nil error. A bad event, a missing handler or a
// timeout is an error; with a timeout the Result is returned too.
func (d *Device) Invoke(ctx context.Context, name, handler string, event []byte) (*Result, error) {
	if err := ctx.Err(); err != nil {
		return nil, err
	}
	f, ok := d.funcs[name]
	if !ok {
		return nil, fmt.Errorf("invoke %s: no such function on %s (deployed: %s)", name, d.profile.Name, d.functionNames())
	}
	ev, err := vm.UnmarshalJSON(event)
	if err != nil {
		return nil, &EventError{Err: err}
	}
	hostStart := time.Now()
	d.logs = &lineWriter{forward: d.opts.Stdout}
	d.callStart, d.slept = d.now, 0
	d.calls++
	res := &Result{}
	var loadSteps uint64
	if f.inst == nil {
		inst, err := vm.Load(f.prog, d.vmOptions(f))
		if err != nil {
			res.Logs = d.logs.lines()
			var exc *vm.Exception
			if errors.As(err, &exc) {
				res.Err = exc
				res.Report = d.report(f, 0, 0, hostStart)
				return res, nil
			}
			return res, fmt.Errorf("load %s: %w", name, err)
		}
		f.inst = inst
		loadSteps = inst.Stats().Steps
	}
	fn, ok := f.inst.Global(handler)
	if !ok {
		return nil, &HandlerError{Function: name, Handler: handler,
			Reason: fmt.Sprintf("the module defines no %s(event, context); check handler in nanolambda.toml", handler)}
	}
	f.inst.ResetStats()
	out, err := f.inst.CallValue(fn, ev, d.context(name))
	st := f.inst.Stats()
	res.Logs = d.logs.lines()
	res.Report = d.report(f, st.Steps+loadSteps, st.PeakHeap, hostStart)
	d.now = d.callStart + res.Report.DeviceTime + d.slept
	if err != nil {
		var exc *vm.Exception
		if errors.As(err, &exc) {
			res.Err = exc
			return res, nil
		}
		return res, err
	}
	data, err := vm.MarshalJSON(out)
	if err != nil {
		var exc *vm.Exception
		if errors.As(err, &exc) {
			res.Err = exc
			return res, nil
		}
		res.Err = &vm.Exception{Type: "TypeError", Msg: "the handler's result is not JSON serializable: " + err.Error()}
		return res, nil
	}
	res.Output = data
	return res, nil
}

func (d *Device) functionNames() string {
	names := make([]string, 0, len(d.funcs))
	for n := range d.funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	if len(names) == 0 {
		return "none"
	}
	return strings.Join(names, ", ")
}

func (d *Device) report(f *deployed, steps uint64, peak int64, hostStart time.Time) Report {
	dt := d.profile.Duration(steps)
	return Report{
		Device:      d.profile.Name,
		ImageBytes:  int64(len(f.image)),
		FlashBudget: d.profile.BytecodeFlashBytes,
		PeakHeap:    peak,
		HeapBudget:  d.profile.HeapBytes,
		Steps:       steps,
		DeviceTime:  dt,
		EnergyMJ:    d.profile.ActiveEnergyMJ(dt) + d.profile.IdleEnergyMJ(d.slept),
		HostTime:    time.Since(hostStart),
	}
}

// context builds the Lambda context object. The request id is a UUID drawn
// from the seed and the call count, so a seeded run repeats exactly.
func (d *Device) context(name string) vm.Value {
	id := requestID(d.opts.Seed, d.calls)
	mem := d.opts.MemoryMB
	if mem <= 0 {
		mem = int((d.profile.HeapBytes + (1<<20 - 1)) >> 20)
	}
	timeout := d.opts.Timeout
	remaining := vm.NewBuiltin("get_remaining_time_in_millis", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
		if len(args) != 0 || len(kwargs) != 0 {
			return nil, vm.NewException("TypeError", "get_remaining_time_in_millis() takes no arguments")
		}
		used := d.profile.Duration(th.Steps()) + d.slept
		left := (timeout - used).Milliseconds()
		if left < 0 {
			left = 0
		}
		return vm.Int(left), nil
	})
	return vm.NewObject("LambdaContext", map[string]vm.Value{
		"function_name":                vm.Str(name),
		"function_version":             vm.Str("$LATEST"),
		"invoked_function_arn":         vm.Str("arn:aws:lambda:local:000000000000:function:" + name),
		"memory_limit_in_mb":           vm.Int(int64(mem)),
		"aws_request_id":               vm.Str(id),
		"log_group_name":               vm.Str("/aws/lambda/" + name),
		"log_stream_name":              vm.Str("nl-emulator/" + d.profile.Name),
		"get_remaining_time_in_millis": remaining,
	})
}

func requestID(seed int64, n uint64) string {
	a := splitmix(uint64(seed) ^ splitmix(n))
	b := splitmix(a ^ 0x5bd1e995)
	// Version 4, variant 10 bits, as a random UUID has.
	a = a&^(0xf<<12) | 4<<12
	b = b&^(3<<62) | 2<<62
	return fmt.Sprintf("%08x-%04x-%04x-%04x-%012x", a>>32, (a>>16)&0xffff, a&0xffff, b>>48, b&0xffffffffffff)
}

// currentLogs is the Stdout a VM instance keeps for its whole life: a warm
// instance outlives the call that loaded it, so print() must reach the
// lineWriter of the call running now, not the one of the cold start.
type currentLogs struct{ d *Device }

func (c currentLogs) Write(p []byte) (int, error) {
	if c.d.logs == nil {
		return len(p), nil
	}
	return c.d.logs.Write(p)
}

// lineWriter collects print() output as lines and forwards it.
type lineWriter struct {
	buf     bytes.Buffer
	forward io.Writer
}

func (w *lineWriter) Write(p []byte) (int, error) {
	w.buf.Write(p)
	if w.forward != nil {
		w.forward.Write(p)
	}
	return len(p), nil
}

func (w *lineWriter) lines() []string {
	s := strings.TrimSuffix(w.buf.String(), "\n")
	if s == "" {
		return nil
	}
	return strings.Split(s, "\n")
}

// StreamOptions configure Stream.
type StreamOptions struct {
	Events int
	RateHz float64
	// Event returns the JSON event for index i.
	Event func(i int) ([]byte, error)
	// OnEvent, if set, sees each event's report as it completes; returning
	// an error stops the stream.
	OnEvent func(EventReport) error
}

// Stream runs opts.Events invocations of handler arriving at opts.RateHz in
// virtual time: the device takes events in order, an event that arrives
// while the previous one still runs waits, and the time between runs is
// idle. Waiting costs no wall time. A host error (bad event, timeout)
// stops the stream; a Python exception is counted and the stream goes on.
func (d *Device) Stream(ctx context.Context, name, handler string, opts StreamOptions) (StreamSummary, []EventReport, error) {
	clock := newStreamClock(opts.RateHz)
	base := d.now
	var events []EventReport
	for i := 0; i < opts.Events; i++ {
		if err := ctx.Err(); err != nil {
			return summarize(events, opts.RateHz, d.profile.IdlePowerMW), events, err
		}
		ev, err := opts.Event(i)
		if err != nil {
			return summarize(events, opts.RateHz, d.profile.IdlePowerMW), events, fmt.Errorf("event %d: %w", i, err)
		}
		arrival, start := clock.next(i)
		d.AdvanceTo(base + start)
		res, err := d.Invoke(ctx, name, handler, ev)
		if err != nil {
			return summarize(events, opts.RateHz, d.profile.IdlePowerMW), events, fmt.Errorf("event %d: %w", i, err)
		}
		busy := res.Report.DeviceTime + d.slept
		clock.done(start, busy)
		er := EventReport{Index: i, Arrival: arrival, Start: start, Latency: start - arrival + busy,
			Queued: start > arrival, Status: "ok", Output: res.Output, Report: res.Report, Result: resultStatus(res.Output), Logs: res.Logs}
		if res.Err != nil {
			er.Status, er.Error = res.Err.Type, res.Err.Error()
		}
		events = append(events, er)
		if opts.OnEvent != nil {
			if err := opts.OnEvent(er); err != nil {
				return summarize(events, opts.RateHz, d.profile.IdlePowerMW), events, err
			}
		}
	}
	return summarize(events, opts.RateHz, d.profile.IdlePowerMW), events, nil
}
