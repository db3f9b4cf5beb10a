package emulator

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"
)

// Fault kinds an accelerometer can develop.
const (
	// FaultImbalance multiplies the vibration amplitude by Gain (default 4),
	// as a motor with a loose or unbalanced rotor does.
	FaultImbalance = "imbalance"
	// FaultBearing adds impacts: on about one sample in six, a spike of Gain
	// g (default 0.8) on a random axis, as a damaged bearing does.
	FaultBearing = "bearing"
	// FaultStuck freezes the sensor's output at the value it had at the
	// fault's start: the sensor failed, not the motor.
	FaultStuck = "stuck"
)

// Fault is a change injected into a generator at a virtual time.
type Fault struct {
	Kind string
	At   time.Duration
	Gain float64 // 0 means the kind's default
}

// AccelOptions configure the accelerometer generator. Zero values take the
// defaults, which model a healthy motor seen by a 3-axis MEMS accelerometer
// mounted with z up.
type AccelOptions struct {
	Seed      int64
	Amplitude float64 // vibration amplitude, g (default 0.05)
	Noise     float64 // sensor noise, standard deviation in g (default 0.01)
	Faults    []Fault
}

// Default accelerometer figures.
const (
	DefaultAccelAmplitude = 0.05
	DefaultAccelNoise     = 0.01
	defaultImbalanceGain  = 4
	defaultBearingSpikeG  = 0.8
	bearingSpikeChance    = 1.0 / 6
)

type accelerometer struct{ o AccelOptions }

// NewAccelerometer returns a seeded accelerometer on channels ax, ay, az (g).
// Vibration is sampled at a random phase each sample, since the motor turns
// far faster than the sensor is read: x = A·sin φ, y = A/2·cos φ, z = 1 g,
// each plus Gaussian noise.
func NewAccelerometer(o AccelOptions) SensorSource {
	if o.Amplitude == 0 {
		o.Amplitude = DefaultAccelAmplitude
	}
	if o.Noise == 0 {
		o.Noise = DefaultAccelNoise
	}
	faults := append([]Fault(nil), o.Faults...)
	sort.SliceStable(faults, func(i, j int) bool { return faults[i].At < faults[j].At })
	o.Faults = faults
	return &accelerometer{o}
}

func (a *accelerometer) Channels() []string { return []string{ChanAccelX, ChanAccelY, ChanAccelZ} }

func (a *accelerometer) Read(channel string, t time.Duration) (float64, error) {
	axis := 0
	switch channel {
	case ChanAccelX:
	case ChanAccelY:
		axis = 1
	case ChanAccelZ:
		axis = 2
	default:
		return 0, &NoChannelError{Channel: channel, Source: "accelerometer", Channels: a.Channels()}
	}
	for _, f := range a.o.Faults {
		if f.Kind == FaultStuck && t >= f.At {
			t = f.At // frozen output
		}
	}
	idx := sampleIndex(t)
	amp := a.o.Amplitude
	spike := 0.0
	for _, f := range a.o.Faults {
		if t < f.At {
			continue
		}
		switch f.Kind {
		case FaultImbalance:
			g := f.Gain
			if g == 0 {
				g = defaultImbalanceGain
			}
			amp *= g
		case FaultBearing:
			g := f.Gain
			if g == 0 {
				g = defaultBearingSpikeG
			}
			if uniform(a.o.Seed, streamID("bearing"), idx) < bearingSpikeChance &&
				int(uniform(a.o.Seed, streamID("bearing-axis"), idx)*3) == axis {
				spike = g
				if uniform(a.o.Seed, streamID("bearing-sign"), idx) < 0.5 {
					spike = -g
				}
			}
		}
	}
	phi := 2 * math.Pi * uniform(a.o.Seed, streamID("phase"), idx)
	noise := a.o.Noise * gauss(a.o.Seed, streamID(channel), idx)
	var v float64
	switch axis {
	case 0:
		v = amp * math.Sin(phi)
	case 1:
		v = amp / 2 * math.Cos(phi)
	case 2:
		v = 1
	}
	return v + noise + spike, nil
}

// TempOptions configure the temperature generator.
type TempOptions struct {
	Seed   int64
	Base   float64 // °C at boot (default 21)
	Drift  float64 // °C per hour (default 0.5)
	Noise  float64 // standard deviation, °C (default 0.05)
	Faults []Fault // FaultOverheat
}

// FaultOverheat makes the temperature climb by Gain °C per minute (default 2)
// from the fault's start.
const FaultOverheat = "overheat"

type temperature struct{ o TempOptions }

// NewTemperature returns a seeded temperature sensor on channel temp: a slow
// linear drift plus noise, and optional overheating.
func NewTemperature(o TempOptions) SensorSource {
	if o.Base == 0 {
		o.Base = 21
	}
	if o.Drift == 0 {
		o.Drift = 0.5
	}
	if o.Noise == 0 {
		o.Noise = 0.05
	}
	return &temperature{o}
}

func (s *temperature) Channels() []string { return []string{ChanTemp} }

func (s *temperature) Read(channel string, t time.Duration) (float64, error) {
	if channel != ChanTemp {
		return 0, &NoChannelError{Channel: channel, Source: "temperature", Channels: s.Channels()}
	}
	v := s.o.Base + s.o.Drift*t.Hours() + s.o.Noise*gauss(s.o.Seed, streamID(ChanTemp), sampleIndex(t))
	for _, f := range s.o.Faults {
		if f.Kind == FaultOverheat && t > f.At {
			g := f.Gain
			if g == 0 {
				g = 2
			}
			v += g * (t - f.At).Minutes()
		}
	}
	return v, nil
}

// parseFaults reads "imbalance@20s", "bearing@1m30s*1.2", several joined by "+".
func parseFaults(s string, kinds ...string) ([]Fault, error) {
	var out []Fault
	for _, part := range strings.Split(s, "+") {
		f := Fault{}
		kind, rest, ok := strings.Cut(part, "@")
		if !ok {
			return nil, fmt.Errorf("fault %q: want KIND@TIME, e.g. %s@20s", part, kinds[0])
		}
		known := false
		for _, k := range kinds {
			known = known || k == kind
		}
		if !known {
			return nil, fmt.Errorf("fault %q: unknown kind %q (one of %s)", part, kind, strings.Join(kinds, ", "))
		}
		f.Kind = kind
		at, gain, hasGain := strings.Cut(rest, "*")
		d, err := time.ParseDuration(at)
		if err != nil || d < 0 {
			return nil, fmt.Errorf("fault %q: time %q is not a duration like 20s or 1m30s", part, at)
		}
		f.At = d
		if hasGain {
			g, err := strconv.ParseFloat(gain, 64)
			if err != nil || g <= 0 || math.IsInf(g, 0) {
				return nil, fmt.Errorf("fault %q: gain %q is not a positive number", part, gain)
			}
			f.Gain = g
		}
		out = append(out, f)
	}
	return out, nil
}
