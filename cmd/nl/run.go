package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/emulator"
	"github.com/nanolambda/nl/templates"
	"github.com/nanolambda/nl/vm"
	"github.com/spf13/cobra"
)

func init() { register(newCmdRun) }

// Exit statuses of nl run, documented in docs/cli/run.md.
const (
	runExitHandlerError = 1 // the handler raised
	runExitLimit        = 3 // a device limit was exceeded: flash, heap, depth, time
)

type runOptions struct {
	Target  string // FUNCTION or FILE.py
	Example string
	Device  string
	Event   string
	Handler string
	Sensor  string
	Seed    int64
	Events  int
	Rate    float64
	Timeout time.Duration
	JSON    bool
}

func newCmdRun(f *Factory) *cobra.Command {
	opts := &runOptions{}
	cmd := &cobra.Command{
		Use:   "run [FUNCTION|FILE.py]",
		Short: "Run a handler in the device emulator",
		Long: `Compile a function, load it into a VM limited as the device is (heap, call
depth, bytecode flash, speed), call its handler with an event and a
Lambda-compatible context, print the result as JSON on stdout and a report
on stderr: image size against the flash budget, peak heap against the heap
budget, instructions, estimated device time and energy.

FUNCTION names a [[function]] of nanolambda.toml; FILE.py runs a file
without a project (handler "handler" unless --handler). With neither, the
project's only function runs. --example runs a bundled template.

--events N --rate HZ runs a stream of N events in virtual time, as the
device would see them, with per-event figures and a summary.

Exit status: 0 ok, 1 the handler raised, 2 usage, 3 a device limit was
exceeded (flash, heap, call depth, time).`,
		Example: `  nl run --example vibration
  nl run detect --device esp8266 --event events/fault.json
  nl run handler.py --event event.json --json
  nl run detect --event events/sensor.json --events 200 --rate 5 --sensor accelerometer:fault=imbalance@20s`,
		GroupID: groupProject,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			if len(args) == 1 {
				opts.Target = args[0]
			}
			if opts.Example != "" && opts.Target != "" {
				return &FlagError{err: errors.New("give either --example or a function, not both")}
			}
			if opts.Events < 0 {
				return &FlagError{err: fmt.Errorf("--events must be positive, got %d", opts.Events)}
			}
			if opts.Rate <= 0 {
				return &FlagError{err: fmt.Errorf("--rate must be positive, got %g", opts.Rate)}
			}
			return runRun(cmd.Context(), f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Example, "example", "", "run a bundled template (hello, vibration, s3-trigger) without a project")
	fl.StringVarP(&opts.Device, "device", "d", "", "device profile (default: the function's first target, or esp8266)")
	fl.StringVarP(&opts.Event, "event", "e", "", "event JSON `FILE` ('-' for stdin; default events/event.json if present, else {})")
	fl.StringVar(&opts.Handler, "handler", "", "function to call in FILE.py (default handler)")
	fl.StringVar(&opts.Sensor, "sensor", "", "sensor source `SPEC`: accelerometer[:fault=imbalance@20s], temperature, FILE.csv, FILE.json")
	fl.Int64Var(&opts.Seed, "seed", 1, "seed for the sensor generators and request ids")
	fl.IntVarP(&opts.Events, "events", "n", 0, "run a stream of N events in virtual time")
	fl.Float64Var(&opts.Rate, "rate", 5, "events per second of the stream")
	fl.DurationVar(&opts.Timeout, "timeout", 0, "device-time limit per event (default: the function's timeout, 3s)")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

// runTarget is what nl run resolved its arguments to.
type runTarget struct {
	Function string
	Handler  string
	Source   string // display name
	Dir      string // where relative --event and trace paths resolve
	Project  *config.Project
	Fn       *config.Function
	Prog     *bytecode.Program
	Image    []byte
	Event    []byte // default event when --event is not given
}

func runResolve(f *Factory, opts *runOptions) (*runTarget, error) {
	t := &runTarget{Dir: projWorkDir(f)}
	switch {
	case opts.Example != "":
		tmpl, err := templates.Get(opts.Example)
		if err != nil {
			return nil, &FlagError{err: err}
		}
		files, err := templates.Files(tmpl.Name, templates.Data{Name: tmpl.Name})
		if err != nil {
			return nil, err
		}
		var src []byte
		for _, fl := range files {
			switch fl.Path {
			case "handler.py":
				src = fl.Data
			case "events/event.json":
				t.Event = fl.Data
			case "nanolambda.toml":
				p, err := config.Parse(filepath.Join(t.Dir, "example-"+tmpl.Name, config.FileName), fl.Data)
				if err != nil {
					return nil, fmt.Errorf("example %s: %w", tmpl.Name, err)
				}
				t.Project = p
			}
		}
		t.Function, t.Handler, t.Source = tmpl.Function, "handler", tmpl.Name+"/handler.py"
		if t.Project != nil {
			t.Fn, _ = t.Project.Function(tmpl.Function)
		}
		prog, image, err := projCompileSource(t.Source, src, false)
		if err != nil {
			return nil, err
		}
		t.Prog, t.Image = prog, image
		return t, nil
	case strings.HasSuffix(opts.Target, ".py"):
		path := projAbs(f, opts.Target)
		if _, err := os.Stat(path); err != nil {
			if errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("%s does not exist; give the path of a Python file (or a function of nanolambda.toml)", opts.Target)
			}
			return nil, fmt.Errorf("read %s: %w", opts.Target, err)
		}
		t.Function = strings.TrimSuffix(filepath.Base(path), ".py")
		t.Handler = "handler"
		t.Source = opts.Target
		t.Dir = filepath.Dir(path)
		if pp, err := config.Find(t.Dir); err == nil {
			// Device profiles of an enclosing project still apply.
			if p, err := projLoadFile(f, pp); err == nil {
				t.Project = p
			} else {
				return nil, err
			}
		}
		prog, image, err := projCompileFile(opts.Target, path, false)
		if err != nil {
			return nil, err
		}
		t.Prog, t.Image = prog, image
	default:
		p, err := projLoad(f)
		if err != nil {
			if errors.Is(err, config.ErrNotFound) {
				return nil, fmt.Errorf("%w\n(or run a file: nl run handler.py, or an example: nl run --example vibration)", err)
			}
			return nil, err
		}
		t.Project = p
		var fn *config.Function
		if opts.Target != "" {
			if fn, err = p.Function(opts.Target); err != nil {
				return nil, err
			}
		} else {
			fns, err := projSelect(p, nil)
			if err != nil {
				return nil, err
			}
			if len(fns) > 1 {
				names := make([]string, len(fns))
				for i, x := range fns {
					names[i] = x.Name
				}
				return nil, &FlagError{err: fmt.Errorf("the project has %d functions; name one: %s", len(fns), strings.Join(names, ", "))}
			}
			fn = fns[0]
		}
		t.Fn, t.Function, t.Handler, t.Dir = fn, fn.Name, fn.Func(), p.Dir
		t.Source = projRel(f, p.SourcePath(fn))
		prog, image, err := projCompileFile(t.Source, p.SourcePath(fn), p.Build.Strip)
		if err != nil {
			return nil, err
		}
		t.Prog, t.Image = prog, image
		if data, err := os.ReadFile(filepath.Join(p.Dir, "events", "event.json")); err == nil {
			t.Event = data
		}
	}
	if opts.Handler != "" {
		t.Handler = opts.Handler
	}
	return t, nil
}

func runProfile(t *runTarget, opts *runOptions) (config.Profile, error) {
	name := opts.Device
	if name == "" {
		name = config.DefaultTarget
		if t.Fn != nil && len(t.Fn.Targets) > 0 {
			name = t.Fn.Targets[0]
		}
	}
	if t.Project != nil {
		return t.Project.Profile(name)
	}
	return config.BuiltinProfile(name)
}

func runEvent(f *Factory, t *runTarget, opts *runOptions) ([]byte, string, error) {
	switch opts.Event {
	case "":
		if t.Event != nil {
			return t.Event, "events/event.json", nil
		}
		return []byte("{}"), "{}", nil
	case "-":
		data, err := io.ReadAll(f.IO.In)
		if err != nil {
			return nil, "", fmt.Errorf("read event from stdin: %w", err)
		}
		return data, "stdin", nil
	}
	path := opts.Event
	if !filepath.IsAbs(path) {
		path = projAbs(f, path)
	}
	data, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) {
		return nil, "", fmt.Errorf("event file %s does not exist; give --event a JSON file (a project's samples are in events/), or - for stdin", opts.Event)
	}
	if err != nil {
		return nil, "", fmt.Errorf("read event: %w", err)
	}
	return data, opts.Event, nil
}

// runEventCheck gives a JSON syntax error a file:line:col.
func runEventCheck(name string, data []byte) error {
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		var se *json.SyntaxError
		if errors.As(err, &se) {
			// Offset counts the bytes read including the bad one.
			line, col := emulator.LineCol(data, max(se.Offset-1, 0))
			return fmt.Errorf("event %s:%d:%d is not JSON: %v", name, line, col, err)
		}
		return fmt.Errorf("event %s is not JSON: %v", name, err)
	}
	return nil
}

func runRun(ctx context.Context, f *Factory, opts *runOptions) error {
	if ctx == nil {
		ctx = context.Background()
	}
	t, err := runResolve(f, opts)
	if err != nil {
		return err
	}
	prof, err := runProfile(t, opts)
	if err != nil {
		return &FlagError{err: err}
	}
	event, eventName, err := runEvent(f, t, opts)
	if err != nil {
		return err
	}
	if err := runEventCheck(eventName, event); err != nil {
		return err
	}
	eo := emulator.Options{Seed: opts.Seed, Timeout: opts.Timeout}
	if eo.Timeout == 0 && t.Fn != nil {
		eo.Timeout = time.Duration(t.Fn.Timeout) * time.Second
	}
	if opts.Sensor != "" {
		s, err := emulator.ParseSensorSpec(opts.Sensor, t.Dir, opts.Seed)
		if err != nil {
			return &FlagError{err: err}
		}
		eo.Sensors = s
	}
	if t.Fn != nil {
		eo.MemoryMB = 0 // the device's heap, not the cloud MemorySize
	}
	if !opts.JSON {
		eo.Stdout = f.IO.ErrOut // print() output shows as it happens
	}
	dev := emulator.New(prof, eo)
	if err := dev.Deploy(t.Function, t.Image); err != nil {
		var fe *emulator.FlashError
		if errors.As(err, &fe) {
			return &ExitError{Code: runExitLimit, Err: fmt.Errorf("%v%s", err, runLargest(t))}
		}
		return err
	}
	if opts.Events > 0 {
		return runStream(ctx, f, opts, t, dev, event)
	}
	res, err := dev.Invoke(ctx, t.Function, t.Handler, event)
	if err != nil {
		return runHostError(err, t, prof)
	}
	if opts.JSON {
		out := map[string]any{"function": t.Function, "device": prof.Name, "result": json.RawMessage(orNull(res.Output)),
			"logs": orEmpty(res.Logs), "report": res.Report}
		if res.Err != nil {
			out["error"] = runErrorJSON(res.Err)
		}
		if err := writeJSON(f.IO.Out, out); err != nil {
			return err
		}
	} else {
		if res.Output != nil {
			fmt.Fprintf(f.IO.Out, "%s\n", res.Output)
		}
		runPrintReport(f.IO.ErrOut, t, prof, res.Report)
	}
	if res.Err != nil {
		return runExceptionExit(f, opts, res.Err, prof, res.Report)
	}
	return nil
}

func orNull(b []byte) []byte {
	if b == nil {
		return []byte("null")
	}
	return b
}

func runErrorJSON(e *vm.Exception) map[string]any {
	m := map[string]any{"type": e.Type, "message": e.Msg, "traceback": e.Traceback()}
	if e.Type == "MemoryError" && e.HeapLimit > 0 {
		m["heap_limit"] = e.HeapLimit
		m["requested"] = e.Requested
	}
	return m
}

// runExceptionExit prints the traceback and picks the exit status: limits
// the device imposes (heap, depth) are status 3, other exceptions 1.
func runExceptionExit(f *Factory, opts *runOptions, e *vm.Exception, prof config.Profile, rep emulator.Report) error {
	if !opts.JSON {
		fmt.Fprint(f.IO.ErrOut, e.Traceback())
	}
	where := ""
	if n := len(e.Frames); n > 0 {
		fr := e.Frames[n-1]
		where = fmt.Sprintf(" at %s:%d in %s", fr.File, fr.Line, fr.Func)
	}
	switch e.Type {
	case "MemoryError":
		msg := fmt.Sprintf("MemoryError%s: the handler needs more than the %d B heap of %s", where, prof.HeapBytes, prof.Name)
		if e.Requested > 0 {
			msg += fmt.Sprintf(" (an allocation of %d B did not fit", e.Requested)
			if over := rep.PeakHeap + e.Requested - prof.HeapBytes; rep.PeakHeap > 0 && over > 0 {
				msg += fmt.Sprintf(" beside %d B in use: over by %d B", rep.PeakHeap, over)
			}
			msg += ")"
		}
		return &ExitError{Code: runExitLimit, Err: errors.New(msg + "; use less memory or a device with more heap (--device)")}
	case "RecursionError":
		return &ExitError{Code: runExitLimit, Err: fmt.Errorf("RecursionError%s: calls nest deeper than the %d frames %s allows", where, prof.MaxDepth, prof.Name)}
	}
	return &ExitError{Code: runExitHandlerError, Err: fmt.Errorf("the handler raised %s%s", e.Error(), where), Silent: opts.JSON}
}

func runHostError(err error, t *runTarget, prof config.Profile) error {
	var te *vm.TimeoutError
	if errors.As(err, &te) {
		where := ""
		if n := len(te.Frames); n > 0 {
			fr := te.Frames[n-1]
			where = fmt.Sprintf(" at %s:%d in %s", fr.File, fr.Line, fr.Func)
		}
		if te.Limit == "steps" {
			return &ExitError{Code: runExitLimit, Err: fmt.Errorf("Task timed out after %.2f seconds of device time on %s%s (%d instructions at %g cycles each, %d MHz); raise timeout in nanolambda.toml or --timeout",
				prof.Duration(te.Steps).Seconds(), prof.Name, where, te.Steps, prof.CyclesPerInstr, prof.ClockHz/1_000_000)}
		}
		return &ExitError{Code: runExitLimit, Err: fmt.Errorf("the emulator stopped the handler%s after %s of host time (%d instructions): %v", where, te.Elapsed.Round(time.Millisecond), te.Steps, te)}
	}
	var he *emulator.HandlerError
	if errors.As(err, &he) {
		return fmt.Errorf("%s has no function %q; check handler in nanolambda.toml or --handler", t.Source, t.Handler)
	}
	return err
}

func runLargest(t *runTarget) string {
	var best bytecode.FuncSize
	for _, fs := range t.Prog.FuncSizes() {
		if fs.Bytes > best.Bytes {
			best = fs
		}
	}
	if best.Bytes == 0 {
		return ""
	}
	return fmt.Sprintf(" (largest function: %s at %s:%d, %d B)", best.Name, t.Source, best.Line, best.Bytes)
}

func pct(a, b int64) float64 {
	if b == 0 {
		return 0
	}
	return 100 * float64(a) / float64(b)
}

func runPrintReport(w io.Writer, t *runTarget, prof config.Profile, r emulator.Report) {
	fmt.Fprintf(w, "%s on %s\n", t.Function, prof.Name)
	fmt.Fprintf(w, "  image         %d B of %d B bytecode flash (%.1f%%)\n", r.ImageBytes, r.FlashBudget, pct(r.ImageBytes, r.FlashBudget))
	fmt.Fprintf(w, "  peak heap     %d B of %d B heap (%.1f%%)\n", r.PeakHeap, r.HeapBudget, pct(r.PeakHeap, r.HeapBudget))
	fmt.Fprintf(w, "  instructions  %d\n", r.Steps)
	fmt.Fprintf(w, "  device time   %s (%g cycles/instruction at %d MHz)\n", fmtDur(r.DeviceTime), prof.CyclesPerInstr, prof.ClockHz/1_000_000)
	fmt.Fprintf(w, "  energy        %.4f mJ (%g mW active)\n", r.EnergyMJ, prof.ActivePowerMW)
}

func fmtDur(d time.Duration) string {
	switch {
	case d >= time.Second:
		return fmt.Sprintf("%.3f s", d.Seconds())
	case d >= time.Millisecond:
		return fmt.Sprintf("%.3f ms", float64(d)/float64(time.Millisecond))
	}
	return fmt.Sprintf("%.1f µs", float64(d)/float64(time.Microsecond))
}

func runStream(ctx context.Context, f *Factory, opts *runOptions, t *runTarget, dev *emulator.Device, event []byte) error {
	w := f.IO.ErrOut
	if !opts.JSON {
		fmt.Fprintf(w, "%6s %10s %10s %10s %8s %8s  %s\n", "EVENT", "ARRIVAL", "DEVICE", "LATENCY", "HEAP", "STEPS", "STATUS")
	}
	sum, events, err := dev.Stream(ctx, t.Function, t.Handler, emulator.StreamOptions{
		Events: opts.Events, RateHz: opts.Rate,
		Event: func(int) ([]byte, error) { return event, nil },
		OnEvent: func(e emulator.EventReport) error {
			if opts.JSON {
				return nil
			}
			fmt.Fprintf(w, "%6d %10s %10s %10s %8d %8d  %s\n", e.Index, fmtDur(e.Arrival), fmtDur(e.Report.DeviceTime),
				fmtDur(e.Latency), e.Report.PeakHeap, e.Report.Steps, e.Status)
			if e.Output != nil {
				fmt.Fprintf(f.IO.Out, "%s\n", e.Output)
			}
			return nil
		},
	})
	if err != nil {
		return runHostError(err, t, dev.Profile())
	}
	if opts.JSON {
		type jsonEvent struct {
			emulator.EventReport
			Result json.RawMessage `json:"result"`
		}
		list := make([]jsonEvent, len(events))
		for i, e := range events {
			list[i] = jsonEvent{e, json.RawMessage(orNull(e.Output))}
		}
		if err := writeJSON(f.IO.Out, map[string]any{"function": t.Function, "device": sum.Device, "events": list, "summary": sum}); err != nil {
			return err
		}
		if sum.Errors > 0 {
			// The same status as without --json; the JSON already says which.
			return &ExitError{Code: runExitHandlerError, Err: fmt.Errorf("%d of %d events raised", sum.Errors, sum.Events), Silent: true}
		}
		return nil
	}
	p := dev.Profile()
	fmt.Fprintf(w, "\n%d events at %g Hz on %s over %s of virtual time (host: %s, %s per event)\n",
		sum.Events, sum.RateHz, p.Name, fmtDur(sum.VirtualTime), fmtDur(sum.HostTime), fmtDur(sum.HostPerEvent))
	fmt.Fprintf(w, "  device time   mean %s  p50 %s  p95 %s  max %s\n", fmtDur(sum.MeanTime), fmtDur(sum.P50Time), fmtDur(sum.P95Time), fmtDur(sum.MaxTime))
	fmt.Fprintf(w, "  duty cycle    %.2f%%  (queued events: %d, max latency %s)\n", 100*sum.DutyCycle, sum.Queued, fmtDur(sum.MaxLatency))
	fmt.Fprintf(w, "  instructions  mean %.0f  max %d\n", sum.MeanSteps, sum.MaxSteps)
	fmt.Fprintf(w, "  peak heap     %d B of %d B (%.1f%%)\n", sum.PeakHeap, sum.HeapBudget, pct(sum.PeakHeap, sum.HeapBudget))
	fmt.Fprintf(w, "  energy        %.3f mJ (active %.3f, idle %.3f), average %.3f mW\n", sum.EnergyMJ, sum.ActiveMJ, sum.IdleMJ, sum.AvgPowerMW)
	fmt.Fprintf(w, "  outcomes      %s\n", runStatusCounts(sum.StatusCounts))
	if len(sum.ResultCounts) > 0 {
		fmt.Fprintf(w, "  result status %s\n", runStatusCounts(sum.ResultCounts))
	}
	if sum.Errors > 0 {
		return &ExitError{Code: runExitHandlerError, Err: fmt.Errorf("%d of %d events raised", sum.Errors, sum.Events)}
	}
	return nil
}

func runStatusCounts(m map[string]int) string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	// "ok" first, then exceptions by name.
	var parts []string
	if n, ok := m["ok"]; ok {
		parts = append(parts, fmt.Sprintf("ok %d", n))
	}
	for _, k := range sortStrings(keys) {
		if k != "ok" {
			parts = append(parts, fmt.Sprintf("%s %d", k, m[k]))
		}
	}
	return strings.Join(parts, ", ")
}

func sortStrings(s []string) []string {
	for i := 1; i < len(s); i++ {
		for j := i; j > 0 && s[j] < s[j-1]; j-- {
			s[j], s[j-1] = s[j-1], s[j]
		}
	}
	return s
}
