package main

import (
	"context"
	"errors"
	"fmt"
	"time"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/devlink"
	"github.com/nanolambda/nl/emulator"
	"github.com/nanolambda/nl/vm"
)

// emulatorExecutor serves the device protocol with the Go emulator.
type emulatorExecutor struct {
	dev  *emulator.Device
	name string
}

func newEmulatorExecutor(f *Factory, profile string) (devlink.Executor, error) {
	p, err := deviceProfile(f, profile)
	if err != nil {
		return nil, err
	}
	return &emulatorExecutor{dev: emulator.New(p, emulator.Options{}), name: p.Name}, nil
}

func (e *emulatorExecutor) Info() devlink.DeviceInfo {
	return devlink.DeviceInfo{ImageVersion: bytecode.Version, FreeHeap: uint32(max(e.dev.FreeHeap(), 0)),
		FreeFlash: uint32(max(e.dev.FreeFlash(), 0)), VM: "nl-vm (Go emulator)", Device: e.name}
}

func (e *emulatorExecutor) Deploy(name string, image []byte) error {
	err := e.dev.Deploy(name, image)
	var fe *emulator.FlashError
	switch {
	case err == nil:
		return nil
	case errors.As(err, &fe):
		return fmt.Errorf("%w: %v", devlink.ErrNoSpace, err)
	}
	return fmt.Errorf("%w: %v", devlink.ErrBadImage, err)
}

func (e *emulatorExecutor) List() []devlink.FunctionInfo {
	var out []devlink.FunctionInfo
	for _, fn := range e.dev.Functions() {
		out = append(out, devlink.FunctionInfo{Name: fn.Name, Bytes: fn.Bytes})
	}
	return out
}

func (e *emulatorExecutor) Delete(name string) error {
	if err := e.dev.Delete(name); err != nil {
		return fmt.Errorf("%w: %v", devlink.ErrNotFound, err)
	}
	return nil
}

func (e *emulatorExecutor) Invoke(ctx context.Context, req devlink.InvokeRequest) (devlink.InvokeResult, error) {
	found := false
	for _, fn := range e.dev.Functions() {
		found = found || fn.Name == req.Function
	}
	if !found {
		return devlink.InvokeResult{}, fmt.Errorf("%w: %s", devlink.ErrNotFound, req.Function)
	}
	handler := req.Handler
	if handler == "" {
		handler = "handler"
	}
	res, err := e.dev.Invoke(ctx, req.Function, handler, req.Event)
	var ee *emulator.EventError
	var he *emulator.HandlerError
	var te *vm.TimeoutError
	switch {
	case errors.As(err, &ee):
		return devlink.InvokeResult{}, fmt.Errorf("%w: %v", devlink.ErrBadEvent, err)
	case errors.As(err, &he):
		return devlink.InvokeResult{}, fmt.Errorf("%w: %v", devlink.ErrNotFound, err)
	case errors.As(err, &te):
		r := devlink.InvokeResult{Status: devlink.StatusTimeout, ErrType: "TimeoutError", ErrMsg: te.Error()}
		if res != nil {
			r.Logs = res.Logs
		}
		return r, nil
	case err != nil:
		return devlink.InvokeResult{}, err
	}
	r := devlink.InvokeResult{Output: res.Output, Logs: res.Logs, Steps: uint32(min(res.Report.Steps, 1<<32-1)),
		PeakHeap: uint32(max(res.Report.PeakHeap, 0)), DeviceTime: res.Report.DeviceTime.Round(time.Microsecond)}
	if res.Err != nil {
		r.Status = devlink.StatusException
		if res.Err.Type == "MemoryError" {
			r.Status = devlink.StatusMemory
		}
		r.ErrType, r.ErrMsg, r.Traceback = res.Err.Type, res.Err.Msg, res.Err.Traceback()
	}
	return r, nil
}
