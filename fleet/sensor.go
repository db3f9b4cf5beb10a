package fleet

import (
	"encoding/json"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strconv"
)

// Source produces the events of one device. Next is called once per event
// with the device's own seeded generator, so a fleet replays identically.
type Source interface {
	Next(rng *rand.Rand, device string, seq uint64) []byte
}

// Sources are the built-in sensor sources by name, as used in
// `[[fleet]] sensor`.
var Sources = map[string]func() Source{
	"vibration":   func() Source { return &Vibration{} },
	"temperature": func() Source { return Temperature{} },
}

// SourceNames lists the built-in sources.
func SourceNames() []string {
	names := make([]string, 0, len(Sources))
	for n := range Sources {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

// NewSource returns the built-in source called name.
func NewSource(name string) (Source, error) {
	mk, ok := Sources[name]
	if !ok {
		return nil, fmt.Errorf("unknown sensor source %q (known: %v)", name, SourceNames())
	}
	return mk(), nil
}

// Vibration produces accelerometer batches in the vibration template's
// event format, {"motor": ..., "readings": [[x, y, z], ...]}: usually 8–64
// readings, and now and then a gateway's backlog of 400–700 readings, too
// big for a small device's heap. Every FaultEvery-th stretch of 20 events the
// motor vibrates five times harder.
type Vibration struct {
	FaultEvery int // 0 = every 10th stretch
}

// Next returns one batch.
func (v *Vibration) Next(rng *rand.Rand, device string, seq uint64) []byte {
	n := 8 + rng.IntN(57)
	if rng.IntN(25) == 0 {
		n = 400 + rng.IntN(301)
	}
	every := v.FaultEvery
	if every <= 0 {
		every = 10
	}
	amp := 0.045
	if (seq/20)%uint64(every) == uint64(every-1) {
		amp *= 5
	}
	b := make([]byte, 0, 32+n*28)
	b = append(b, `{"motor":`...)
	b = strconv.AppendQuote(b, device)
	b = append(b, `,"readings":[`...)
	for i := 0; i < n; i++ {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '[')
		b = appendReading(b, amp*rng.NormFloat64())
		b = append(b, ',')
		b = appendReading(b, amp*rng.NormFloat64())
		b = append(b, ',')
		b = appendReading(b, 1+amp*rng.NormFloat64())
		b = append(b, ']')
	}
	return append(b, "]}"...)
}

func appendReading(b []byte, x float64) []byte {
	return strconv.AppendFloat(b, math.Round(x*1e4)/1e4, 'f', -1, 64)
}

// Temperature produces one small reading per event.
type Temperature struct{}

// Next returns {"sensor": ..., "celsius": ...}.
func (Temperature) Next(rng *rand.Rand, device string, seq uint64) []byte {
	b, _ := json.Marshal(map[string]any{"sensor": device, "celsius": math.Round((21+2*rng.NormFloat64())*100) / 100})
	return b
}

// Tick is the source of a device whose handler reads its sensors itself
// (through the device module): each event only says which device and which
// event it is, {"device": ..., "seq": N}.
type Tick struct{}

// Next returns {"device": ..., "seq": N}.
func (Tick) Next(_ *rand.Rand, device string, seq uint64) []byte {
	b := append([]byte(`{"device":`), strconv.Quote(device)...)
	b = append(b, `,"seq":`...)
	b = strconv.AppendUint(b, seq, 10)
	return append(b, '}')
}

// VibrationRMS is the vibration handler's arithmetic in Go: the RMS of the
// readings about their mean, and "alert" above 2.5 × 0.045 g. ModelExecutor
// uses it so that a device run returns what the Python handler would.
func VibrationRMS(event []byte) ([]byte, error) {
	var ev struct {
		Readings [][3]float64 `json:"readings"`
	}
	if err := json.Unmarshal(event, &ev); err != nil {
		return nil, fmt.Errorf("ValueError: bad event: %v", err)
	}
	n := float64(len(ev.Readings))
	if n == 0 {
		return []byte(`{"status":"warming_up","readings":0}`), nil
	}
	var m [3]float64
	for _, r := range ev.Readings {
		for i := range m {
			m[i] += r[i] / n
		}
	}
	var total float64
	for _, r := range ev.Readings {
		for i := range m {
			total += (r[i] - m[i]) * (r[i] - m[i])
		}
	}
	rms := math.Sqrt(total / n)
	status := "ok"
	if rms > 2.5*0.045 {
		status = "alert"
	}
	return json.Marshal(map[string]any{"status": status, "rms": math.Round(rms*1e4) / 1e4})
}
