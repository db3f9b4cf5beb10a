// Package wire connects the fleet to the rest of nl: devices run on the
// emulator (EmulatorExecutor), remote placements go through the Lambda API
// of nl dev's local stack or AWS (LambdaRemote), and DeployDemo installs the
// demo's function there. It is kept apart from package fleet so that the
// fleet, and nl top's tests that use it, build without the VM.
package wire

import (
	"context"
	"errors"
	"fmt"
	"sync"

	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/emulator"
	"github.com/nanolambda/nl/fleet"
)

// EmulatorExecutor runs a function on an emulated device: the real VM
// under the profile's heap, flash, time and energy model.
type EmulatorExecutor struct {
	mu      sync.Mutex // an emulator.Device is not safe for concurrent use
	dev     *emulator.Device
	handler string
}

// NewEmulatorExecutor deploys image (an .nlb) as function on a new emulated
// device with profile; handler is the Python function called per event.
func NewEmulatorExecutor(profile config.Profile, function, handler string, image []byte, seed int64) (*EmulatorExecutor, error) {
	return NewEmulatorExecutorOptions(profile, function, handler, image, emulator.Options{Seed: seed})
}

// NewEmulatorExecutorOptions is NewEmulatorExecutor with the emulated
// device's options: its sensors (what the handler's device module reads)
// and seed.
func NewEmulatorExecutorOptions(profile config.Profile, function, handler string, image []byte, opts emulator.Options) (*EmulatorExecutor, error) {
	d := emulator.New(profile, opts)
	if err := d.Deploy(function, image); err != nil {
		return nil, fmt.Errorf("deploy %s to the emulated %s: %w", function, profile.Name, err)
	}
	return &EmulatorExecutor{dev: d, handler: handler}, nil
}

// Invoke runs one event. A Python exception is reported in the result; a
// timeout too, with what the run cost until then.
func (e *EmulatorExecutor) Invoke(ctx context.Context, function string, event []byte) (fleet.LocalResult, error) {
	e.mu.Lock()
	defer e.mu.Unlock()
	res, err := e.dev.Invoke(ctx, function, e.handler, event)
	if res == nil {
		return fleet.LocalResult{}, err
	}
	r := fleet.LocalResult{Output: res.Output, Steps: res.Report.Steps, PeakHeap: res.Report.PeakHeap,
		Duration: res.Report.DeviceTime, EnergyMJ: res.Report.EnergyMJ}
	if res.Err != nil {
		r.Error = res.Err.Error()
		r.OutOfMemory = res.Err.Type == "MemoryError"
	}
	if err != nil {
		if errors.Is(err, context.Canceled) {
			return r, err
		}
		r.Error = err.Error()
	}
	return r, nil
}
