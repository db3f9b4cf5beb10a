package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/devlink"
	"github.com/nanolambda/nl/flasher"
)

// deviceDeployOptions are the --port flags of `nl deploy`, handed to the
// serial device link (docs/device-protocol.md).
type deviceDeployOptions struct {
	Port      string
	Baud      int
	Functions []string // names from nanolambda.toml; empty means all
	JSON      bool
}

// deviceInvokeOptions are the --port flags of `nl invoke`.
type deviceInvokeOptions struct {
	Port     string
	Baud     int
	Function string
	Event    []byte // JSON
	JSON     bool
}

// linkProject loads nanolambda.toml around the working directory.
func linkProject(f *Factory) (*config.Project, error) {
	dir := f.WorkDir
	if dir == "" {
		dir, _ = os.Getwd()
	}
	path, err := config.Find(dir)
	if err != nil {
		return nil, err
	}
	return config.Load(path)
}

// serialDefault gives the [serial] section of the project around the
// working directory, for commands whose --port (or --baud) was not given.
// No project is not an error; a broken nanolambda.toml is.
func serialDefault(f *Factory) (config.Serial, error) {
	proj, err := linkProject(f)
	if errors.Is(err, config.ErrNotFound) {
		return config.Serial{}, nil
	}
	if err != nil {
		return config.Serial{}, err
	}
	return proj.Serial, nil
}

// openDeviceLink opens the port and says HELLO; the returned function
// closes the port.
func openDeviceLink(ctx context.Context, f *Factory, port string, baud int, progress func(done, total int)) (*devlink.Client, string, func(), error) {
	path, err := resolvePort(f, port)
	if err != nil {
		return nil, port, nil, &ExitError{Code: 1, Err: errors.New(flasher.Explain(err, port))}
	}
	if baud <= 0 {
		baud = config.DefaultBaud
	}
	p, err := flasher.OpenPort(path, baud)
	if err != nil {
		return nil, path, nil, &ExitError{Code: 1, Err: errors.New(flasher.Explain(err, path))}
	}
	c, err := devlink.Connect(ctx, p, devlink.Options{Baud: baud, Progress: progress})
	if err != nil {
		p.Close()
		return nil, path, nil, linkError(err, path)
	}
	return c, path, func() { p.Close() }, nil
}

// linkError turns a device-link failure into one sentence with what to try.
func linkError(err error, port string) error {
	var de *devlink.DeviceError
	switch {
	case errors.Is(err, devlink.ErrNoAnswer):
		err = fmt.Errorf("no answer from a NanoLambda device on %s: check that the board runs the nl firmware (or nl emulate --serial) and that --baud matches it", port)
	case errors.As(err, &de):
		err = fmt.Errorf("%v (port %s)%s", de, port, linkHint(de.Code, port))
	case errors.Is(err, context.Canceled):
		return err
	default:
		err = errors.New(flasher.Explain(err, port))
	}
	return &ExitError{Code: 1, Err: err}
}

// linkHint says what to try after an ERROR frame from the device.
func linkHint(code byte, port string) string {
	switch code {
	case devlink.ErrCodeNotFound:
		return fmt.Sprintf(": deploy it first (nl deploy --port %s) or check the function name", port)
	case devlink.ErrCodeNoSpace:
		return ": delete functions the device no longer needs, or shrink the image (nl size)"
	case devlink.ErrCodeBadImage, devlink.ErrCodeVersion:
		return ": the firmware and this nl disagree on formats; update one of them"
	}
	return ""
}

type deployedFunction struct {
	Function string `json:"function"`
	Bytes    int    `json:"bytes"`
	Device   string `json:"device"`
	Port     string `json:"port"`
}

// deployToDevice compiles the project's functions and uploads each image
// over the device link.
func deployToDevice(ctx context.Context, f *Factory, opts deviceDeployOptions) error {
	proj, err := linkProject(f)
	if err != nil {
		return err
	}
	var fns []*config.Function
	if len(opts.Functions) == 0 {
		for i := range proj.Functions {
			fns = append(fns, &proj.Functions[i])
		}
	}
	for _, name := range opts.Functions {
		fn, err := proj.Function(name)
		if err != nil {
			return err
		}
		fns = append(fns, fn)
	}
	if len(fns) == 0 {
		return fmt.Errorf("%s has no [[function]] entries to deploy", proj.Path)
	}
	images := make([][]byte, len(fns))
	for i, fn := range fns {
		src, err := os.ReadFile(proj.SourcePath(fn))
		if err != nil {
			return fmt.Errorf("function %s: %w", fn.Name, err)
		}
		prog, err := compiler.Compile(fn.Source, src, compiler.Options{Strip: proj.Build.Strip})
		if err != nil {
			return err
		}
		if images[i], err = bytecode.Encode(prog); err != nil {
			return fmt.Errorf("function %s: %w", fn.Name, err)
		}
	}
	baud := opts.Baud
	if baud == 0 {
		baud = proj.Serial.Baud
	}
	port := opts.Port
	if port == "" {
		port = proj.Serial.Port
	}
	var current string
	progress := func(done, total int) {
		if !opts.JSON && f.IO.IsStderrTTY() {
			fmt.Fprintf(f.IO.ErrOut, "\rUploading %s: %3d%% (%d/%d bytes)", current, 100*done/max(total, 1), done, total)
		}
	}
	c, path, closePort, err := openDeviceLink(ctx, f, port, baud, progress)
	if err != nil {
		return err
	}
	defer closePort()
	info := c.Info()
	if !opts.JSON {
		fmt.Fprintf(f.IO.ErrOut, "Device %s on %s: %s, image format %d, %d bytes heap and %d bytes flash free\n",
			info.Device, path, info.VM, info.ImageVersion, info.FreeHeap, info.FreeFlash)
	}
	if info.ImageVersion != bytecode.Version {
		return &ExitError{Code: 1, Err: fmt.Errorf("the device on %s runs image format %d but this nl builds format %d: update the firmware or nl", path, info.ImageVersion, bytecode.Version)}
	}
	var done []deployedFunction
	for i, fn := range fns {
		current = fn.Name
		if err := c.Deploy(ctx, fn.Name, images[i]); err != nil {
			if f.IO.IsStderrTTY() && !opts.JSON {
				fmt.Fprintln(f.IO.ErrOut)
			}
			return linkError(err, path)
		}
		if f.IO.IsStderrTTY() && !opts.JSON {
			fmt.Fprintln(f.IO.ErrOut)
		}
		done = append(done, deployedFunction{Function: fn.Name, Bytes: len(images[i]), Device: info.Device, Port: path})
		if !opts.JSON {
			fmt.Fprintf(f.IO.Out, "deployed %s (%d bytes) to %s on %s\n", fn.Name, len(images[i]), info.Device, path)
		}
	}
	if opts.JSON {
		return writeJSON(f.IO.Out, done)
	}
	return nil
}

type deviceInvokeReport struct {
	Function   string          `json:"function"`
	Status     string          `json:"status"`
	Output     json.RawMessage `json:"output,omitempty"`
	Logs       []string        `json:"logs"`
	Error      string          `json:"error,omitempty"`
	Traceback  string          `json:"traceback,omitempty"`
	Steps      uint32          `json:"instructions"`
	PeakHeap   uint32          `json:"peak_heap_bytes"`
	DeviceTime int64           `json:"device_time_ns"`
}

// invokeOnDevice runs one function on the device with a JSON event.
func invokeOnDevice(ctx context.Context, f *Factory, opts deviceInvokeOptions) error {
	if !json.Valid(opts.Event) {
		return fmt.Errorf("the event is not valid JSON")
	}
	handler := ""
	port, baud := opts.Port, opts.Baud
	if proj, err := linkProject(f); err == nil {
		if fn, err := proj.Function(opts.Function); err == nil {
			handler = fn.Func()
		}
		if port == "" {
			port = proj.Serial.Port
		}
		if baud == 0 {
			baud = proj.Serial.Baud
		}
	}
	c, path, closePort, err := openDeviceLink(ctx, f, port, baud, nil)
	if err != nil {
		return err
	}
	defer closePort()
	res, err := c.Invoke(ctx, devlink.InvokeRequest{Function: opts.Function, Handler: handler, Event: opts.Event})
	if err != nil {
		return linkError(err, path)
	}
	statuses := map[byte]string{devlink.StatusOK: "ok", devlink.StatusException: "exception", devlink.StatusTimeout: "timeout", devlink.StatusMemory: "memory"}
	rep := deviceInvokeReport{Function: opts.Function, Status: statuses[res.Status], Logs: res.Logs, Traceback: res.Traceback,
		Steps: res.Steps, PeakHeap: res.PeakHeap, DeviceTime: int64(res.DeviceTime)}
	if rep.Logs == nil {
		rep.Logs = []string{}
	}
	if res.Status == devlink.StatusOK && json.Valid(res.Output) {
		rep.Output = res.Output
	}
	if res.ErrType != "" {
		rep.Error = res.ErrType + ": " + res.ErrMsg
	}
	if opts.JSON {
		if err := writeJSON(f.IO.Out, rep); err != nil {
			return err
		}
	} else {
		for _, l := range res.Logs {
			fmt.Fprintln(f.IO.ErrOut, l)
		}
		if res.Status == devlink.StatusOK {
			fmt.Fprintln(f.IO.Out, string(res.Output))
		} else if res.Traceback != "" {
			fmt.Fprint(f.IO.ErrOut, strings.TrimRight(res.Traceback, "\n")+"\n")
		} else {
			fmt.Fprintln(f.IO.ErrOut, rep.Error)
		}
		fmt.Fprintf(f.IO.ErrOut, "%d instructions, %v device time, peak heap %d bytes\n", res.Steps, res.DeviceTime, res.PeakHeap)
	}
	if res.Status != devlink.StatusOK {
		return &ExitError{Code: 1, Silent: true, Err: errors.New(rep.Error)}
	}
	return nil
}
