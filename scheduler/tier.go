package scheduler

import (
	"fmt"
	"math"
)

// Tier is where an invocation runs.
type Tier int

// The tiers, nearest first.
const (
	Device Tier = iota
	Edge
	Cloud
	numTiers
)

var tierNames = [numTiers]string{"device", "edge", "cloud"}

// String returns the tier's lower-case name, as used in files and JSON.
func (t Tier) String() string {
	if t < 0 || t >= numTiers {
		return fmt.Sprintf("tier(%d)", int(t))
	}
	return tierNames[t]
}

// ParseTier is the inverse of Tier.String.
func ParseTier(s string) (Tier, error) {
	for i, n := range tierNames {
		if n == s {
			return Tier(i), nil
		}
	}
	return 0, fmt.Errorf("unknown tier %q (want device, edge or cloud)", s)
}

// MarshalText encodes the tier by name.
func (t Tier) MarshalText() ([]byte, error) {
	if t < 0 || t >= numTiers {
		return nil, fmt.Errorf("invalid tier %d", int(t))
	}
	return []byte(t.String()), nil
}

// UnmarshalText decodes a tier name.
func (t *Tier) UnmarshalText(b []byte) error {
	v, err := ParseTier(string(b))
	if err != nil {
		return err
	}
	*t = v
	return nil
}

// Radio describes the device's link to the remote tiers.
type Radio struct {
	BytesPerSec float64 // sustained throughput
	MJPerByte   float64 // energy to send or receive one byte
	RTTMillis   float64 // round trip to the nearest remote tier
}

// DeviceSpec is what the scheduler needs to know about a device: the subset
// of a device profile that enters its time, memory and energy models.
type DeviceSpec struct {
	Name           string
	ClockHz        int64
	CyclesPerInstr float64 // device time = steps × CyclesPerInstr / ClockHz
	HeapBytes      int64   // 0 = unknown, not enforced
	ActivePowerMW  float64 // while computing
	IdlePowerMW    float64 // while waiting for a remote result
	BatteryMJ      float64 // capacity; 0 = mains powered
	Radio          Radio
}

// Validate reports the first field that makes the spec unusable.
func (d DeviceSpec) Validate() error {
	// Conditions are written so that NaN fails them too.
	switch {
	case d.ClockHz <= 0:
		return fmt.Errorf("device %q: clock_hz must be positive", d.Name)
	case !(d.CyclesPerInstr > 0) || math.IsInf(d.CyclesPerInstr, 0):
		return fmt.Errorf("device %q: cycles_per_instr must be positive", d.Name)
	case d.HeapBytes < 0:
		return fmt.Errorf("device %q: heap_bytes must not be negative", d.Name)
	case !(d.ActivePowerMW >= 0) || !(d.IdlePowerMW >= 0):
		return fmt.Errorf("device %q: power must not be negative", d.Name)
	case !(d.BatteryMJ >= 0):
		return fmt.Errorf("device %q: battery_mj must not be negative", d.Name)
	case !(d.Radio.BytesPerSec > 0) || math.IsInf(d.Radio.BytesPerSec, 0):
		return fmt.Errorf("device %q: radio bytes_per_sec must be positive", d.Name)
	case !(d.Radio.MJPerByte >= 0) || !(d.Radio.RTTMillis >= 0):
		return fmt.Errorf("device %q: radio mj_per_byte and rtt_ms must not be negative", d.Name)
	}
	return nil
}

// secondsPerStep is the device's time model.
func (d DeviceSpec) secondsPerStep() float64 {
	return d.CyclesPerInstr / float64(d.ClockHz)
}
