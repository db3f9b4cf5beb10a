package scheduler

import (
	"bytes"
	"errors"
	"fmt"
	"math"
	"os"
	"sort"
	"strings"
	"time"

	"github.com/BurntSushi/toml"
)

// Scenario is a trace to simulate: one device running one function, the
// remote tiers it can reach, how the payload changes, and what goes wrong
// with the network. Event indices count invocations from 0. See
// docs/scheduler.md for the file format.
type Scenario struct {
	Name        string  `toml:"name"`
	Description string  `toml:"description"`
	Events      int     `toml:"events"`
	IntervalMS  float64 `toml:"interval_ms"` // time between invocations; idle power drains the battery meanwhile
	Seed        int64   `toml:"seed"`
	Objective   string  `toml:"objective"` // latency (default) or energy
	DeadlineMS  float64 `toml:"deadline_ms"`
	// RemoteTimeoutMS is how long a lost remote call takes to fail.
	RemoteTimeoutMS float64 `toml:"remote_timeout_ms"`
	EWMAAlpha       float64 `toml:"ewma_alpha"`
	ExploreEvery    int     `toml:"explore_every"`

	Device   ScenarioDevice   `toml:"device"`
	Function ScenarioFunction `toml:"function"`
	Tiers    []ScenarioTier   `toml:"tier"`
	Payload  []PayloadPhase   `toml:"payload"`
	Spikes   []Spike          `toml:"spike"`
}

// ScenarioDevice is the device half of a scenario (see DeviceSpec).
type ScenarioDevice struct {
	Profile        string  `toml:"profile"` // informational
	ClockHz        int64   `toml:"clock_hz"`
	CyclesPerInstr float64 `toml:"cycles_per_instr"`
	HeapBytes      int64   `toml:"heap_bytes"`
	ActivePowerMW  float64 `toml:"active_power_mw"`
	IdlePowerMW    float64 `toml:"idle_power_mw"`
	BatteryMJ      float64 `toml:"battery_mj"`
	Radio          struct {
		BytesPerSec float64 `toml:"bytes_per_sec"`
		MJPerByte   float64 `toml:"mj_per_byte"`
		RTTMillis   float64 `toml:"rtt_ms"`
	} `toml:"radio"`
}

// ScenarioFunction is the function's true cost: steps and heap grow
// linearly with the payload; Jitter spreads steps by ±that fraction.
type ScenarioFunction struct {
	Name         string  `toml:"name"`
	Steps        float64 `toml:"steps"`
	StepsPerByte float64 `toml:"steps_per_byte"`
	HeapBytes    float64 `toml:"heap_bytes"`
	HeapPerByte  float64 `toml:"heap_per_byte"`
	ResultBytes  int     `toml:"result_bytes"`
	Jitter       float64 `toml:"jitter"`
}

// ScenarioTier is one remote tier: its round trip beyond the radio's and
// how fast its VM runs.
type ScenarioTier struct {
	Name        string  `toml:"name"`
	RTTMillis   float64 `toml:"rtt_ms"`
	StepsPerSec float64 `toml:"steps_per_sec"`
	// ExtraMS is fixed per-call overhead (e.g. a runtime's dispatch).
	ExtraMS float64 `toml:"extra_ms"`
	tier    Tier
}

// PayloadPhase sets the payload size from event From on: Bytes, or uniformly
// drawn from [Bytes, MaxBytes] when MaxBytes is set.
type PayloadPhase struct {
	From     int `toml:"from"`
	Bytes    int `toml:"bytes"`
	MaxBytes int `toml:"max_bytes"`
}

// Spike degrades the network for events [From, To): round trips grow by
// RTTMillis, a fraction Loss of calls is lost (1 is an outage), and the
// radio's rate drops to BytesPerSec when set. Tier "" means every remote tier.
type Spike struct {
	From        int     `toml:"from"`
	To          int     `toml:"to"`
	Tier        string  `toml:"tier"`
	RTTMillis   float64 `toml:"rtt_ms"`
	Loss        float64 `toml:"loss"`
	BytesPerSec float64 `toml:"bytes_per_sec"`
}

// LoadScenario reads a scenario file.
func LoadScenario(path string) (*Scenario, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read scenario: %w", err)
	}
	return ParseScenario(path, data)
}

// ParseScenario decodes and validates a scenario; name is used in errors.
// Unknown keys are errors, with their line, so a typo is never ignored.
func ParseScenario(name string, data []byte) (*Scenario, error) {
	var sc Scenario
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(&sc)
	if err != nil {
		var pe toml.ParseError
		if errors.As(err, &pe) {
			return nil, fmt.Errorf("%s:%d:%d: %s", name, pe.Position.Line, pe.Position.Col, pe.Message)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		return nil, unknownKeys(name, data, und)
	}
	if err := sc.validate(); err != nil {
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	return &sc, nil
}

// maxEvents bounds a scenario so that a typo cannot ask for a run that
// never ends.
const maxEvents = 100_000

// maxPayload bounds payload sizes (1 GiB) so that size arithmetic cannot
// overflow.
const maxPayload = 1 << 30

func (sc *Scenario) validate() error {
	if sc.Events <= 0 || sc.Events > maxEvents {
		return fmt.Errorf("events must be between 1 and %d, got %d", maxEvents, sc.Events)
	}
	if err := sc.finite(); err != nil {
		return err
	}
	if sc.Objective == "" {
		sc.Objective = ObjectiveLatency
	}
	if sc.Objective != ObjectiveLatency && sc.Objective != ObjectiveEnergy {
		return fmt.Errorf("objective %q: want latency or energy", sc.Objective)
	}
	if sc.IntervalMS < 0 || sc.DeadlineMS < 0 || sc.RemoteTimeoutMS < 0 || sc.ExploreEvery < 0 {
		return fmt.Errorf("interval_ms, deadline_ms, remote_timeout_ms and explore_every must not be negative")
	}
	if sc.EWMAAlpha < 0 || sc.EWMAAlpha > 1 {
		return fmt.Errorf("ewma_alpha %g is outside (0, 1]", sc.EWMAAlpha)
	}
	if sc.RemoteTimeoutMS == 0 {
		sc.RemoteTimeoutMS = float64(DefaultRemoteTimeout.Milliseconds())
	}
	if err := sc.deviceSpec().Validate(); err != nil {
		return fmt.Errorf("[device]: %w", err)
	}
	f := sc.Function
	if f.Name == "" {
		sc.Function.Name = "handler"
	}
	if f.Steps < 0 || f.StepsPerByte < 0 || f.HeapBytes < 0 || f.HeapPerByte < 0 || f.ResultBytes < 0 {
		return fmt.Errorf("[function]: costs must not be negative")
	}
	if f.Steps+f.StepsPerByte <= 0 {
		return fmt.Errorf("[function]: steps or steps_per_byte must be positive")
	}
	if f.Jitter < 0 || f.Jitter >= 1 {
		return fmt.Errorf("[function]: jitter %g is outside [0, 1)", f.Jitter)
	}
	seen := map[Tier]bool{}
	for i := range sc.Tiers {
		t := &sc.Tiers[i]
		tt, err := ParseTier(t.Name)
		if err != nil || tt == Device {
			return fmt.Errorf("[[tier]] %d: name %q: want edge or cloud", i+1, t.Name)
		}
		if seen[tt] {
			return fmt.Errorf("[[tier]] %d: %s listed twice", i+1, t.Name)
		}
		seen[tt] = true
		t.tier = tt
		if t.StepsPerSec <= 0 || t.RTTMillis < 0 || t.ExtraMS < 0 {
			return fmt.Errorf("[[tier]] %s: steps_per_sec must be positive, rtt_ms and extra_ms not negative", t.Name)
		}
	}
	if len(sc.Payload) == 0 {
		sc.Payload = []PayloadPhase{{}}
	}
	for i, p := range sc.Payload {
		if p.Bytes < 0 || (p.MaxBytes != 0 && p.MaxBytes < p.Bytes) || p.From < 0 || p.Bytes > maxPayload || p.MaxBytes > maxPayload {
			return fmt.Errorf("[[payload]] %d: need 0 <= bytes <= max_bytes <= %d and from >= 0", i+1, maxPayload)
		}
		if i > 0 && p.From <= sc.Payload[i-1].From {
			return fmt.Errorf("[[payload]] %d: from must increase", i+1)
		}
	}
	for i, s := range sc.Spikes {
		if s.From < 0 || s.To <= s.From {
			return fmt.Errorf("[[spike]] %d: need 0 <= from < to", i+1)
		}
		if s.Loss < 0 || s.Loss > 1 || s.RTTMillis < 0 || s.BytesPerSec < 0 {
			return fmt.Errorf("[[spike]] %d: loss must be in [0, 1], rtt_ms and bytes_per_sec not negative", i+1)
		}
		if s.Tier != "" {
			if tt, err := ParseTier(s.Tier); err != nil || !seen[tt] {
				return fmt.Errorf("[[spike]] %d: tier %q is not a [[tier]] of this scenario", i+1, s.Tier)
			}
		}
	}
	return nil
}

// finite rejects NaN and infinities, which TOML allows ("nan", "inf") but
// no model quantity can be.
func (sc *Scenario) finite() error {
	d, f := &sc.Device, &sc.Function
	vals := map[string]float64{
		"interval_ms": sc.IntervalMS, "deadline_ms": sc.DeadlineMS, "remote_timeout_ms": sc.RemoteTimeoutMS,
		"ewma_alpha": sc.EWMAAlpha, "device.cycles_per_instr": d.CyclesPerInstr,
		"device.active_power_mw": d.ActivePowerMW, "device.idle_power_mw": d.IdlePowerMW,
		"device.battery_mj": d.BatteryMJ, "device.radio.bytes_per_sec": d.Radio.BytesPerSec,
		"device.radio.mj_per_byte": d.Radio.MJPerByte, "device.radio.rtt_ms": d.Radio.RTTMillis,
		"function.steps": f.Steps, "function.steps_per_byte": f.StepsPerByte,
		"function.heap_bytes": f.HeapBytes, "function.heap_per_byte": f.HeapPerByte, "function.jitter": f.Jitter,
	}
	for i, t := range sc.Tiers {
		vals[fmt.Sprintf("tier[%d].rtt_ms", i+1)] = t.RTTMillis
		vals[fmt.Sprintf("tier[%d].steps_per_sec", i+1)] = t.StepsPerSec
		vals[fmt.Sprintf("tier[%d].extra_ms", i+1)] = t.ExtraMS
	}
	for i, sp := range sc.Spikes {
		vals[fmt.Sprintf("spike[%d].rtt_ms", i+1)] = sp.RTTMillis
		vals[fmt.Sprintf("spike[%d].loss", i+1)] = sp.Loss
		vals[fmt.Sprintf("spike[%d].bytes_per_sec", i+1)] = sp.BytesPerSec
	}
	keys := make([]string, 0, len(vals))
	for k := range vals {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		if v := vals[k]; math.IsNaN(v) || math.IsInf(v, 0) {
			return fmt.Errorf("%s must be a finite number, got %v", k, v)
		}
	}
	return nil
}

func (sc *Scenario) deviceSpec() DeviceSpec {
	d := sc.Device
	return DeviceSpec{
		Name: d.Profile, ClockHz: d.ClockHz, CyclesPerInstr: d.CyclesPerInstr,
		HeapBytes: d.HeapBytes, ActivePowerMW: d.ActivePowerMW, IdlePowerMW: d.IdlePowerMW,
		BatteryMJ: d.BatteryMJ,
		Radio:     Radio{BytesPerSec: d.Radio.BytesPerSec, MJPerByte: d.Radio.MJPerByte, RTTMillis: d.Radio.RTTMillis},
	}
}

// SchedulerConfig returns the Config the simulator gives a policy.
func (sc *Scenario) SchedulerConfig(policy string) Config {
	remotes := make([]Tier, 0, len(sc.Tiers))
	for _, t := range sc.Tiers {
		remotes = append(remotes, t.tier)
	}
	return Config{
		Policy:        policy,
		Device:        sc.deviceSpec(),
		Remotes:       remotes,
		Objective:     sc.Objective,
		Deadline:      time.Duration(sc.DeadlineMS * float64(time.Millisecond)),
		Alpha:         sc.EWMAAlpha,
		ExploreEvery:  sc.ExploreEvery,
		RemoteTimeout: time.Duration(sc.RemoteTimeoutMS * float64(time.Millisecond)),
	}
}

// keyLine finds the line that sets key, for error messages; the TOML
// decoder does not export key positions. It returns 1 if no line matches.
func keyLine(data []byte, key string) int {
	for i, line := range strings.Split(string(data), "\n") {
		line = strings.TrimSpace(line)
		if rest, ok := strings.CutPrefix(line, key); ok {
			rest = strings.TrimSpace(rest)
			if strings.HasPrefix(rest, "=") {
				return i + 1
			}
		}
	}
	return 1
}

// unknownKeys reports undecoded keys, leaving out tables whose own keys are
// listed too, with the line of the first one.
func unknownKeys(name string, data []byte, und []toml.Key) error {
	var leaves []toml.Key
	for _, k := range und {
		parent := false
		for _, o := range und {
			if len(o) > len(k) && strings.HasPrefix(o.String(), k.String()+".") {
				parent = true
			}
		}
		if !parent {
			leaves = append(leaves, k)
		}
	}
	sort.Slice(leaves, func(i, j int) bool { return leaves[i].String() < leaves[j].String() })
	names := make([]string, len(leaves))
	for i, k := range leaves {
		names[i] = k.String()
	}
	first := leaves[0]
	return fmt.Errorf("%s:%d: unknown key %s (see docs/scheduler.md for the scenario format)",
		name, keyLine(data, first[len(first)-1]), strings.Join(names, ", "))
}
