package emulator

import (
	"fmt"
	"time"

	"github.com/nanolambda/nl/vm"
)

// MaxGPIO is the highest pin number the device module accepts.
const MaxGPIO = 63

// deviceModule is the `device` module handlers import:
//
//	device.accelerometer() -> (x, y, z) in g
//	device.temperature()   -> °C
//	device.read(channel)   -> float, any channel of the sensor source
//	device.channels()      -> list of channel names
//	device.gpio_write(pin, value); device.gpio_read(pin) -> 0 or 1
//	device.ticks_ms()      -> virtual milliseconds since boot
//	device.sleep_ms(ms)    -> idle for ms of virtual time
//	device.name            -> the profile name
//
// Sensor reads happen at the virtual time the handler has reached: the
// invocation's start plus the device time of the instructions run so far.
func (d *Device) deviceModule() *vm.Module {
	at := func(th *vm.Thread) time.Duration {
		return d.callStart + d.profile.Duration(th.Steps()) + d.slept
	}
	read := func(th *vm.Thread, ch string) (float64, error) {
		v, err := d.sensors.Read(ch, at(th))
		if err != nil {
			return 0, vm.NewException("OSError", err.Error())
		}
		return v, nil
	}
	noArgs := func(name string, fn func(th *vm.Thread) (vm.Value, error)) *vm.Builtin {
		return vm.NewBuiltin(name, func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
			if len(args) != 0 || len(kwargs) != 0 {
				return nil, vm.NewException("TypeError", fmt.Sprintf("%s() takes no arguments (%d given)", name, len(args)+len(kwargs)))
			}
			return fn(th)
		})
	}
	intArg := func(name string, args []vm.Value, i int) (int64, error) {
		x, err := vm.ToGo(args[i])
		if err != nil {
			return 0, err
		}
		switch n := x.(type) {
		case int64:
			return n, nil
		case bool:
			if n {
				return 1, nil
			}
			return 0, nil
		}
		return 0, vm.NewException("TypeError", fmt.Sprintf("%s() argument %d must be int, not %s", name, i+1, args[i].Type()))
	}
	pinArg := func(name string, args []vm.Value) (int, error) {
		p, err := intArg(name, args, 0)
		if err != nil {
			return 0, err
		}
		if p < 0 || p > MaxGPIO {
			return 0, vm.NewException("ValueError", fmt.Sprintf("%s(): pin %d out of range 0..%d", name, p, MaxGPIO))
		}
		return int(p), nil
	}
	return vm.NewModule("device", map[string]vm.Value{
		"name": vm.Str(d.profile.Name),
		"accelerometer": noArgs("accelerometer", func(th *vm.Thread) (vm.Value, error) {
			xyz := make([]vm.Value, 3)
			for i, ch := range []string{ChanAccelX, ChanAccelY, ChanAccelZ} {
				v, err := read(th, ch)
				if err != nil {
					return nil, err
				}
				xyz[i] = vm.Float(v)
			}
			return th.NewTuple(xyz)
		}),
		"temperature": noArgs("temperature", func(th *vm.Thread) (vm.Value, error) {
			v, err := read(th, ChanTemp)
			if err != nil {
				return nil, err
			}
			return vm.Float(v), nil
		}),
		"read": vm.NewBuiltin("read", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
			if len(args) != 1 || len(kwargs) != 0 {
				return nil, vm.NewException("TypeError", "read() takes exactly one argument (the channel name)")
			}
			ch, err := vm.ToGo(args[0])
			name, ok := ch.(string)
			if err != nil || !ok {
				return nil, vm.NewException("TypeError", "read() argument must be str, not "+args[0].Type())
			}
			v, err := read(th, name)
			if err != nil {
				return nil, err
			}
			return vm.Float(v), nil
		}),
		"channels": noArgs("channels", func(th *vm.Thread) (vm.Value, error) {
			var out []any
			for _, c := range d.sensors.Channels() {
				out = append(out, c)
			}
			return vm.FromGo(out)
		}),
		"gpio_write": vm.NewBuiltin("gpio_write", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
			if len(args) != 2 || len(kwargs) != 0 {
				return nil, vm.NewException("TypeError", "gpio_write() takes exactly 2 arguments (pin, value)")
			}
			pin, err := pinArg("gpio_write", args)
			if err != nil {
				return nil, err
			}
			v, err := intArg("gpio_write", args, 1)
			if err != nil {
				return nil, err
			}
			if v != 0 {
				v = 1
			}
			d.gpio[pin] = int(v)
			return vm.None, nil
		}),
		"gpio_read": vm.NewBuiltin("gpio_read", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
			if len(args) != 1 || len(kwargs) != 0 {
				return nil, vm.NewException("TypeError", "gpio_read() takes exactly one argument (pin)")
			}
			pin, err := pinArg("gpio_read", args)
			if err != nil {
				return nil, err
			}
			return vm.Int(int64(d.gpio[pin])), nil
		}),
		"ticks_ms": noArgs("ticks_ms", func(th *vm.Thread) (vm.Value, error) {
			return vm.Int(at(th).Milliseconds()), nil
		}),
		"sleep_ms": vm.NewBuiltin("sleep_ms", func(th *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
			if len(args) != 1 || len(kwargs) != 0 {
				return nil, vm.NewException("TypeError", "sleep_ms() takes exactly one argument")
			}
			ms, err := intArg("sleep_ms", args, 0)
			if err != nil {
				return nil, err
			}
			if ms < 0 {
				return nil, vm.NewException("ValueError", "sleep_ms(): negative duration")
			}
			d.slept += time.Duration(ms) * time.Millisecond
			return vm.None, nil
		}),
	})
}
