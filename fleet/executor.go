package fleet

import (
	"context"
	"fmt"
	"time"

	"github.com/nanolambda/nl/scheduler"
)

// Executor runs a function on one device, within that device's limits.
// The emulator implements it for `nl dev`.
type Executor interface {
	Invoke(ctx context.Context, function string, event []byte) (LocalResult, error)
}

// LocalResult is a run on the device. A Python exception is not an error of
// Invoke: it is reported in Error (and OutOfMemory for MemoryError).
type LocalResult struct {
	Output      []byte
	Steps       uint64
	PeakHeap    int64
	Duration    time.Duration // device time under the profile's time model
	EnergyMJ    float64
	OutOfMemory bool
	Error       string // "ValueError: ..." if the handler raised
}

// Remote runs a function off the device: on the local Lambda stack for
// `nl dev`. dur is how long the function itself ran (the network is modelled
// by the fleet).
type Remote interface {
	Invoke(ctx context.Context, function string, payload []byte) (result []byte, dur time.Duration, err error)
}

// RemoteFunc adapts a function to Remote.
type RemoteFunc func(ctx context.Context, function string, payload []byte) ([]byte, time.Duration, error)

// Invoke calls f.
func (f RemoteFunc) Invoke(ctx context.Context, function string, payload []byte) ([]byte, time.Duration, error) {
	return f(ctx, function, payload)
}

// Cost is a function's cost model: VM steps and peak heap grow linearly with
// the event's size in bytes.
type Cost struct {
	Steps, StepsPerByte float64
	Heap, HeapPerByte   float64
}

// ModelExecutor is a device executor that prices a run with the emulator's
// model (steps × cycles per instruction / clock, active power) instead of
// running bytecode, and computes the output with a Go function. It stands in
// for the emulator where none is wired, and in tests.
type ModelExecutor struct {
	Spec    scheduler.DeviceSpec
	Cost    Cost
	Handler func(event []byte) ([]byte, error) // nil: output is {}
}

// Invoke prices the run and calls Handler.
func (m *ModelExecutor) Invoke(ctx context.Context, function string, event []byte) (LocalResult, error) {
	if err := ctx.Err(); err != nil {
		return LocalResult{}, err
	}
	n := float64(len(event))
	steps := m.Cost.Steps + m.Cost.StepsPerByte*n
	heap := int64(m.Cost.Heap + m.Cost.HeapPerByte*n)
	dur := time.Duration(steps * m.Spec.CyclesPerInstr / float64(m.Spec.ClockHz) * float64(time.Second))
	r := LocalResult{Steps: uint64(steps), PeakHeap: heap, Duration: dur, EnergyMJ: m.Spec.ActivePowerMW * dur.Seconds()}
	if m.Spec.HeapBytes > 0 && heap > m.Spec.HeapBytes {
		// The VM stops at the allocation that crosses the budget: charge
		// the part of the run before it, as the emulator would.
		frac := float64(m.Spec.HeapBytes) / float64(heap)
		r.Steps = uint64(steps * frac)
		r.Duration = time.Duration(float64(dur) * frac)
		r.EnergyMJ *= frac
		r.PeakHeap = m.Spec.HeapBytes
		r.OutOfMemory = true
		r.Error = fmt.Sprintf("MemoryError: %s needs %d bytes of heap, the device has %d", function, heap, m.Spec.HeapBytes)
		return r, nil
	}
	r.Output = []byte("{}")
	if m.Handler != nil {
		out, err := m.Handler(event)
		if err != nil {
			r.Error = err.Error()
			return r, nil
		}
		r.Output = out
	}
	return r, nil
}
