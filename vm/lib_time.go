package vm

import (
	"math"
	"time"
)

// The time module. Every clock reads the embedder's Options.Now and every
// sleep goes through Options.Sleep, so the emulator can run virtual time.
// ticks_ms/ticks_us/ticks_diff/ticks_add and sleep_ms/sleep_us follow
// MicroPython: ticks wrap modulo 2**30.

const ticksPeriod = 1 << 30

func init() {
	registerModule("time", func() *Module {
		m := map[string]Value{}
		fn := func(name string, f func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error)) {
			m[name] = NewBuiltin(name, f)
		}
		fn("time", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			if err := UnpackPositional("time", args, kwargs, 0); err != nil {
				return nil, err
			}
			return th.NewFloat(float64(th.Now().UnixNano()) / 1e9)
		})
		fn("time_ns", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			if err := UnpackPositional("time_ns", args, kwargs, 0); err != nil {
				return nil, err
			}
			return th.NewInt(th.Now().UnixNano())
		})
		for _, name := range []string{"monotonic", "perf_counter"} {
			name := name
			fn(name, func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
				if err := UnpackPositional(name, args, kwargs, 0); err != nil {
					return nil, err
				}
				return th.NewFloat(float64(th.Now().UnixNano()) / 1e9)
			})
		}
		fn("monotonic_ns", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			if err := UnpackPositional("monotonic_ns", args, kwargs, 0); err != nil {
				return nil, err
			}
			return th.NewInt(th.Now().UnixNano())
		})
		fn("ticks_ms", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			if err := UnpackPositional("ticks_ms", args, kwargs, 0); err != nil {
				return nil, err
			}
			return MakeInt(th.Now().UnixMilli() & (ticksPeriod - 1)), nil
		})
		fn("ticks_us", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			if err := UnpackPositional("ticks_us", args, kwargs, 0); err != nil {
				return nil, err
			}
			return MakeInt(th.Now().UnixMicro() & (ticksPeriod - 1)), nil
		})
		fn("ticks_diff", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			var a, b int64
			if err := UnpackPositional("ticks_diff", args, kwargs, 2, &a, &b); err != nil {
				return nil, err
			}
			d := (a - b + ticksPeriod/2) & (ticksPeriod - 1)
			return MakeInt(d - ticksPeriod/2), nil
		})
		fn("ticks_add", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			var a, b int64
			if err := UnpackPositional("ticks_add", args, kwargs, 2, &a, &b); err != nil {
				return nil, err
			}
			return MakeInt((a + b) & (ticksPeriod - 1)), nil
		})
		fn("sleep", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			var s float64
			if err := UnpackPositional("sleep", args, kwargs, 1, &s); err != nil {
				return nil, err
			}
			return sleepFor(th, s)
		})
		fn("sleep_ms", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			var ms float64
			if err := UnpackPositional("sleep_ms", args, kwargs, 1, &ms); err != nil {
				return nil, err
			}
			return sleepFor(th, ms/1e3)
		})
		fn("sleep_us", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			var us float64
			if err := UnpackPositional("sleep_us", args, kwargs, 1, &us); err != nil {
				return nil, err
			}
			return sleepFor(th, us/1e6)
		})
		return NewModule("time", m)
	})
}

func sleepFor(th *Thread, s float64) (Value, error) {
	if math.IsNaN(s) {
		return nil, valueErrorf("Invalid value NaN (not a number)")
	}
	if s < 0 {
		return nil, valueErrorf("sleep length must be non-negative")
	}
	if s > math.MaxInt64/1e9 {
		return nil, overflowErrorf("sleep length is too large")
	}
	th.Sleep(time.Duration(s * 1e9))
	return None, nil
}
