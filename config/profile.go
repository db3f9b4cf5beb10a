package config

import (
	"fmt"
	"sort"
	"time"
)

// Radio is the link model of a device: how fast and at what energy cost it
// moves bytes to the next tier, and the round trip a request pays before the
// first byte comes back. The scheduler uses it to price remote execution.
type Radio struct {
	BytesPerSec float64 // sustained application-level throughput
	MJPerByte   float64 // energy per byte sent or received, millijoules
	RTTMillis   float64 // round-trip time to the next tier
}

// Profile describes one device tier: the limits a handler runs under and the
// numbers that turn VM instruction counts into time and energy.
type Profile struct {
	Name        string
	Description string

	// ClockHz and CyclesPerInstr are the time model: a run of N VM
	// instructions takes N × CyclesPerInstr / ClockHz seconds.
	ClockHz        int64
	CyclesPerInstr float64

	HeapBytes          int64 // VM heap budget, under the 32-bit size model
	FlashBytes         int64 // total flash of the part
	BytecodeFlashBytes int64 // share of flash reserved for function images
	MaxDepth           int   // Python call depth

	ActivePowerMW float64 // CPU running the VM
	IdlePowerMW   float64 // waiting between events (light sleep on MCUs)

	Radio Radio
}

// Duration is the device time for steps VM instructions under the profile's
// time model.
func (p Profile) Duration(steps uint64) time.Duration {
	if p.ClockHz <= 0 {
		return 0
	}
	sec := float64(steps) * p.CyclesPerInstr / float64(p.ClockHz)
	return time.Duration(sec * float64(time.Second))
}

// ActiveEnergyMJ is the energy, in millijoules, spent running for d at
// ActivePowerMW (mW × s = mJ).
func (p Profile) ActiveEnergyMJ(d time.Duration) float64 {
	return p.ActivePowerMW * d.Seconds()
}

// IdleEnergyMJ is the energy spent idling for d.
func (p Profile) IdleEnergyMJ(d time.Duration) float64 {
	return p.IdlePowerMW * d.Seconds()
}

// TransferTime is how long moving n bytes over the radio takes, including one
// round trip.
func (r Radio) TransferTime(n int64) time.Duration {
	sec := r.RTTMillis / 1000
	if r.BytesPerSec > 0 {
		sec += float64(n) / r.BytesPerSec
	}
	return time.Duration(sec * float64(time.Second))
}

// TransferEnergyMJ is the radio energy for n bytes.
func (r Radio) TransferEnergyMJ(n int64) float64 { return float64(n) * r.MJPerByte }

// Validate reports the first field that cannot describe a real device.
func (p Profile) Validate() error {
	switch {
	case p.ClockHz <= 0:
		return fmt.Errorf("profile %s: clock_hz must be positive, got %d", p.Name, p.ClockHz)
	case p.CyclesPerInstr <= 0:
		return fmt.Errorf("profile %s: cycles_per_instr must be positive, got %g", p.Name, p.CyclesPerInstr)
	case p.HeapBytes <= 0:
		return fmt.Errorf("profile %s: heap_bytes must be positive, got %d", p.Name, p.HeapBytes)
	case p.FlashBytes <= 0:
		return fmt.Errorf("profile %s: flash_bytes must be positive, got %d", p.Name, p.FlashBytes)
	case p.BytecodeFlashBytes <= 0 || p.BytecodeFlashBytes > p.FlashBytes:
		return fmt.Errorf("profile %s: bytecode_flash_bytes must be between 1 and flash_bytes (%d), got %d", p.Name, p.FlashBytes, p.BytecodeFlashBytes)
	case p.MaxDepth <= 0:
		return fmt.Errorf("profile %s: max_depth must be positive, got %d", p.Name, p.MaxDepth)
	case p.ActivePowerMW < 0 || p.IdlePowerMW < 0:
		return fmt.Errorf("profile %s: power figures must not be negative", p.Name)
	case p.Radio.BytesPerSec < 0 || p.Radio.MJPerByte < 0 || p.Radio.RTTMillis < 0:
		return fmt.Errorf("profile %s: radio figures must not be negative", p.Name)
	}
	return nil
}

const (
	kib = 1024
	mib = 1024 * kib
)

// builtinProfiles is the device table. docs/devices.md gives the source of
// every figure; change both together.
var builtinProfiles = []Profile{
	{
		Name:        "esp8266",
		Description: "Espressif ESP8266: Xtensa LX106 at 80 MHz, ~80 KB user data RAM, 512 KB SPI flash, 802.11 b/g/n",
		ClockHz:     80_000_000,
		// The LX106 has no branch predictor and runs the VM from cached SPI
		// flash, so a bytecode dispatch costs tens of cycles.
		CyclesPerInstr:     60,
		HeapBytes:          64 * kib,
		FlashBytes:         512 * kib,
		BytecodeFlashBytes: 64 * kib,
		MaxDepth:           32,
		ActivePowerMW:      50, // ~15 mA at 3.3 V, CPU on, modem sleep
		IdlePowerMW:        3,  // light sleep ~0.9 mA at 3.3 V
		Radio:              Radio{BytesPerSec: 100_000, MJPerByte: 0.0056, RTTMillis: 20},
	},
	{
		Name:               "cc3220sf",
		Description:        "TI CC3220SF: Arm Cortex-M4 at 80 MHz, 256 KB RAM, 1 MB on-chip flash, Wi-Fi network processor",
		ClockHz:            80_000_000,
		CyclesPerInstr:     35,
		HeapBytes:          128 * kib,
		FlashBytes:         1 * mib,
		BytecodeFlashBytes: 256 * kib,
		MaxDepth:           64,
		ActivePowerMW:      50, // ~15 mA at 3.3 V, MCU active, NWP off
		IdlePowerMW:        0.4,
		Radio:              Radio{BytesPerSec: 100_000, MJPerByte: 0.0074, RTTMillis: 20},
	},
	{
		Name:               "lm3s6965",
		Description:        "TI Stellaris LM3S6965 (the board QEMU emulates as lm3s6965evb): Cortex-M3 at 50 MHz, 64 KB SRAM, 256 KB flash, 10/100 Ethernet",
		ClockHz:            50_000_000,
		CyclesPerInstr:     40,
		HeapBytes:          32 * kib,
		FlashBytes:         256 * kib,
		BytecodeFlashBytes: 64 * kib,
		MaxDepth:           32,
		ActivePowerMW:      350, // ~108 mA at 3.3 V with Ethernet on
		IdlePowerMW:        60,
		Radio:              Radio{BytesPerSec: 1_000_000, MJPerByte: 0.0001, RTTMillis: 1},
	},
	{
		Name:               "edge",
		Description:        "Raspberry-Pi-class Linux box (4 × Cortex-A72 at 1.5 GHz, 1 GB+ RAM) running the Go VM",
		ClockHz:            1_500_000_000,
		CyclesPerInstr:     30,
		HeapBytes:          128 * mib,
		FlashBytes:         8 * 1024 * mib,
		BytecodeFlashBytes: 64 * mib,
		MaxDepth:           100,
		ActivePowerMW:      6400,
		IdlePowerMW:        2700,
		Radio:              Radio{BytesPerSec: 10_000_000, MJPerByte: 0.0002, RTTMillis: 30},
	},
	{
		Name:               "cloud",
		Description:        "a cloud function (AWS Lambda class: 128 MB memory, ~3 GHz x86-64 core)",
		ClockHz:            3_000_000_000,
		CyclesPerInstr:     20,
		HeapBytes:          128 * mib,
		FlashBytes:         250 * mib,
		BytecodeFlashBytes: 50 * mib,
		MaxDepth:           100,
		ActivePowerMW:      15000,
		IdlePowerMW:        0,
		Radio:              Radio{BytesPerSec: 100_000_000, MJPerByte: 0.00001, RTTMillis: 50},
	},
}

// BuiltinProfiles returns a fresh copy of the devices nl ships, keyed by name.
func BuiltinProfiles() map[string]Profile {
	m := make(map[string]Profile, len(builtinProfiles))
	for _, p := range builtinProfiles {
		m[p.Name] = p
	}
	return m
}

// BuiltinProfile returns one built-in profile by name.
func BuiltinProfile(name string) (Profile, error) {
	for _, p := range builtinProfiles {
		if p.Name == name {
			return p, nil
		}
	}
	return Profile{}, fmt.Errorf("unknown device profile %q (built in: %s)", name, joinNames(BuiltinProfileNames()))
}

// BuiltinProfileNames lists the built-in profiles in table order, smallest
// device first.
func BuiltinProfileNames() []string {
	names := make([]string, len(builtinProfiles))
	for i, p := range builtinProfiles {
		names[i] = p.Name
	}
	return names
}

func joinNames(names []string) string {
	s := ""
	for i, n := range names {
		if i > 0 {
			s += ", "
		}
		s += n
	}
	return s
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
