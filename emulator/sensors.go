package emulator

import (
	"fmt"
	"math"
	"sort"
	"strings"
	"time"
)

// SensorSource gives sensor readings as a function of virtual time since the
// device booted. A reading depends only on the channel and the time, never on
// how often or in what order it was read, so a seeded run is reproducible
// sample for sample.
type SensorSource interface {
	// Channels lists the channel names the source provides, sorted.
	Channels() []string
	// Read returns the value of channel at virtual time t.
	Read(channel string, t time.Duration) (float64, error)
}

// Channel names used by the device module.
const (
	ChanAccelX = "ax" // acceleration, g
	ChanAccelY = "ay"
	ChanAccelZ = "az"
	ChanTemp   = "temp" // temperature, °C
)

// NoChannelError is returned for a channel a source does not have.
type NoChannelError struct {
	Channel  string
	Source   string
	Channels []string
}

func (e *NoChannelError) Error() string {
	return fmt.Sprintf("sensor %s has no channel %q (channels: %s); choose a source with --sensor", e.Source, e.Channel, strings.Join(e.Channels, ", "))
}

// multi combines sources; the first that has a channel answers.
type multi []SensorSource

// Multi combines several sources into one, e.g. an accelerometer and a
// temperature sensor on the same board.
func Multi(sources ...SensorSource) SensorSource {
	if len(sources) == 1 {
		return sources[0]
	}
	return multi(sources)
}

func (m multi) Channels() []string {
	seen := map[string]bool{}
	var out []string
	for _, s := range m {
		for _, c := range s.Channels() {
			if !seen[c] {
				seen[c] = true
				out = append(out, c)
			}
		}
	}
	sort.Strings(out)
	return out
}

func (m multi) Read(channel string, t time.Duration) (float64, error) {
	for _, s := range m {
		for _, c := range s.Channels() {
			if c == channel {
				return s.Read(channel, t)
			}
		}
	}
	return 0, &NoChannelError{Channel: channel, Source: "set", Channels: m.Channels()}
}

// The generators draw their randomness from a hash of (seed, channel, sample
// time) instead of a stateful generator, which is what makes readings pure
// functions of time.

func splitmix(x uint64) uint64 {
	x += 0x9e3779b97f4a7c15
	x = (x ^ (x >> 30)) * 0xbf58476d1ce4e5b9
	x = (x ^ (x >> 27)) * 0x94d049bb133111eb
	return x ^ (x >> 31)
}

// uniform returns a value in [0, 1) for (seed, stream, index).
func uniform(seed int64, stream, index uint64) float64 {
	h := splitmix(uint64(seed) ^ splitmix(stream^splitmix(index)))
	return float64(h>>11) / (1 << 53)
}

// gauss returns a standard normal value for (seed, stream, index), by
// Box–Muller on two uniforms.
func gauss(seed int64, stream, index uint64) float64 {
	u1 := uniform(seed, stream, 2*index)
	u2 := uniform(seed, stream, 2*index+1)
	if u1 < 1e-300 {
		u1 = 1e-300
	}
	return math.Sqrt(-2*math.Log(u1)) * math.Cos(2*math.Pi*u2)
}

func streamID(name string) uint64 {
	var h uint64 = 14695981039346656037
	for i := 0; i < len(name); i++ {
		h ^= uint64(name[i])
		h *= 1099511628211
	}
	return h
}

// sampleIndex quantises time to the millisecond: reads within the same
// millisecond see the same sample, as from a real sensor's output register.
func sampleIndex(t time.Duration) uint64 {
	if t < 0 {
		return 0
	}
	return uint64(t / time.Millisecond)
}
