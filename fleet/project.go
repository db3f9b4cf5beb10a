package fleet

import (
	"fmt"

	"github.com/nanolambda/nl/config"
)

// DefaultRateHz is a [[fleet]] member's event rate when rate_hz is 0.
const DefaultRateHz = 1.0

// FromProject builds a fleet from nanolambda.toml: one device per [[fleet]]
// entry (its profile, function, sensor, rate and battery), placed by
// [scheduler] with [device.NAME] policy overrides, offloading to remote on
// the edge and the cloud (DemoTiers) with no scheduled spikes. local builds
// each device's executor (the emulator with the function's image); remote
// runs functions off the device (the local Lambda stack).
//
// A sensor that names a built-in Source produces the events. Any other
// sensor is a device sensor spec that local must attach to the emulated
// device (and reject if it is not valid); that device's events are then
// Ticks.
func FromProject(p *config.Project, remote Remote,
	local func(m config.FleetMember, prof config.Profile) (Executor, error)) (Config, error) {
	if len(p.Fleet) == 0 {
		return Config{}, fmt.Errorf("%s has no [[fleet]] entries: add some, or run nl dev --demo", p.Path)
	}
	cfg := Config{Scheduler: SchedulerConfig(p.Scheduler), Seed: 1}
	for _, t := range DemoTiers {
		cfg.Tiers = append(cfg.Tiers, TierConfig{Tier: t.Tier, RTTMS: t.RTTMS, Remote: remote})
	}
	for i, m := range p.Fleet {
		where := fmt.Sprintf("%s: [[fleet]] %d (%s)", p.Path, i+1, m.Name)
		prof, err := p.Profile(m.Profile)
		if err != nil {
			return Config{}, fmt.Errorf("%s: %w", where, err)
		}
		sensor := m.Sensor
		if sensor == "" {
			sensor = "vibration"
		}
		var src Source = Tick{}
		if mk, ok := Sources[sensor]; ok {
			src = mk()
		}
		rate := m.RateHz
		if rate == 0 {
			rate = DefaultRateHz
		}
		ex, err := local(m, prof)
		if err != nil {
			return Config{}, fmt.Errorf("%s: %w", where, err)
		}
		policy := ""
		if d, ok := p.Devices[m.Profile]; ok && d.Policy != "" {
			policy = d.Policy
		}
		if m.Policy != "" {
			policy = m.Policy
		}
		cfg.Devices = append(cfg.Devices, DeviceConfig{
			Name: m.Name, Profile: prof.Name, Spec: SpecFromProfile(prof, m.BatteryMJ), Function: m.Function,
			RateHz: rate, Policy: policy, Source: src, Local: ex,
		})
	}
	return cfg, nil
}
