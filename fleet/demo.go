package fleet

import (
	"fmt"
	"time"

	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/scheduler"
)

// SpecFromProfile converts a device profile into the scheduler's view of
// it. batteryMJ is the battery capacity (0 = mains powered).
func SpecFromProfile(p config.Profile, batteryMJ float64) scheduler.DeviceSpec {
	return scheduler.DeviceSpec{
		Name: p.Name, ClockHz: p.ClockHz, CyclesPerInstr: p.CyclesPerInstr, HeapBytes: p.HeapBytes,
		ActivePowerMW: p.ActivePowerMW, IdlePowerMW: p.IdlePowerMW, BatteryMJ: batteryMJ,
		Radio: scheduler.Radio{BytesPerSec: p.Radio.BytesPerSec, MJPerByte: p.Radio.MJPerByte, RTTMillis: p.Radio.RTTMillis},
	}
}

// SchedulerConfig converts nanolambda.toml's [scheduler] table.
func SchedulerConfig(s config.Scheduler) scheduler.Config {
	return scheduler.Config{
		Policy:       s.Policy,
		Deadline:     time.Duration(s.DeadlineMS) * time.Millisecond,
		Alpha:        s.EWMAAlpha,
		ExploreEvery: s.ExploreEvery,
	}
}

// VibrationCost is the demo's cost model of the vibration handler on the
// device, measured from wire.DemoHandler (a 32-bin spectrum of the batch)
// on the emulated ESP8266: about 48 VM steps and 7 bytes of heap per byte
// of event, so a typical batch takes 10–55 ms there, and a gateway's backlog
// of several hundred readings does not fit its heap.
var VibrationCost = Cost{Steps: 500, StepsPerByte: 48, Heap: 3_300, HeapPerByte: 7}

// Demo network: the edge 2 ms beyond the radio, the cloud 60 ms; every
// 60 s (from 20 s) a 15 s spike of +600 ms on every tier, and every 120 s
// (from 50 s) a 10 s edge outage.
var (
	DemoTiers = []struct {
		Tier  scheduler.Tier
		RTTMS float64
	}{{scheduler.Edge, 2}, {scheduler.Cloud, 60}}
	DemoSpikes = []SpikeConfig{
		{Tier: scheduler.Device, At: 20 * time.Second, Every: 60 * time.Second, Duration: 15 * time.Second, RTTMS: 600},
		{Tier: scheduler.Edge, At: 50 * time.Second, Every: 120 * time.Second, Duration: 10 * time.Second, Loss: 1},
	}
)

// DemoFunction is the function name the demo invokes: the vibration
// template's handler, which remote must be able to run.
const DemoFunction = "vibration"

// Demo returns the `nl dev --demo` fleet: three ESP8266s sending vibration
// batches at 2 Hz, two placed by the cost policy and one by history, with
// remote running the function for the edge and the cloud. local, if not
// nil, builds each device's executor (the emulator); nil uses ModelExecutor
// with VibrationCost.
func Demo(remote Remote, local func(name string, spec scheduler.DeviceSpec) (Executor, error)) (Config, error) {
	prof, ok := config.BuiltinProfiles()["esp8266"]
	if !ok {
		return Config{}, fmt.Errorf("built-in profile esp8266 is missing")
	}
	spec := SpecFromProfile(prof, 0)
	cfg := Config{
		Scheduler: scheduler.Config{Policy: scheduler.PolicyCost},
		Spikes:    DemoSpikes,
		Seed:      1,
	}
	for _, t := range DemoTiers {
		cfg.Tiers = append(cfg.Tiers, TierConfig{Tier: t.Tier, RTTMS: t.RTTMS, Remote: remote})
	}
	for i, pol := range []string{scheduler.PolicyCost, scheduler.PolicyCost, scheduler.PolicyHistory} {
		name := fmt.Sprintf("esp-%d", i+1)
		var ex Executor = &ModelExecutor{Spec: spec, Cost: VibrationCost, Handler: VibrationRMS}
		if local != nil {
			var err error
			if ex, err = local(name, spec); err != nil {
				return Config{}, fmt.Errorf("demo device %s: %w", name, err)
			}
		}
		cfg.Devices = append(cfg.Devices, DeviceConfig{
			Name: name, Profile: prof.Name, Spec: spec, Function: DemoFunction, RateHz: 2,
			Policy: pol, Source: &Vibration{}, Local: ex,
		})
	}
	return cfg, nil
}
