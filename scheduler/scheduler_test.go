package scheduler

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"time"
)

func esp8266() DeviceSpec {
	return DeviceSpec{Name: "esp8266", ClockHz: 80_000_000, CyclesPerInstr: 60, HeapBytes: 64 << 10,
		ActivePowerMW: 50, IdlePowerMW: 3, Radio: Radio{BytesPerSec: 100_000, MJPerByte: 0.0056, RTTMillis: 20}}
}

func newSched(t testing.TB, policy string) *Scheduler {
	t.Helper()
	s, err := New(Config{Policy: policy, Device: esp8266()})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestNewRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
		want string
	}{
		{"policy", Config{Policy: "random", Device: esp8266()}, `unknown policy "random"`},
		{"objective", Config{Objective: "money", Device: esp8266()}, `unknown objective "money"`},
		{"clock", Config{Device: DeviceSpec{Name: "x", CyclesPerInstr: 1, Radio: Radio{BytesPerSec: 1}}}, "clock_hz must be positive"},
		{"remote", Config{Device: esp8266(), Remotes: []Tier{Device}}, "remote tier must be edge or cloud"},
		{"twice", Config{Device: esp8266(), Remotes: []Tier{Edge, Edge}}, "listed twice"},
		{"alpha", Config{Device: esp8266(), Alpha: 1.5}, "ewma alpha"},
		{"nan alpha", Config{Device: esp8266(), Alpha: math.NaN()}, "ewma alpha"},
		{"nan cpi", Config{Device: DeviceSpec{Name: "x", ClockHz: 1, CyclesPerInstr: math.NaN(), Radio: Radio{BytesPerSec: 1}}}, "cycles_per_instr must be positive"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := New(tt.cfg)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("New: err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestFixedPolicies(t *testing.T) {
	for _, tt := range []struct {
		policy string
		want   Tier
	}{{PolicyLocal, Device}, {PolicyRemote, Edge}} {
		t.Run(tt.policy, func(t *testing.T) {
			s := newSched(t, tt.policy)
			for i := 0; i < 5; i++ {
				d := s.Decide(Request{Function: "f", PayloadBytes: 100})
				if d.Tier != tt.want || d.Policy != tt.policy || d.Reason == "" {
					t.Fatalf("decision %d = %+v, want %s with a reason", i, d, tt.want)
				}
				s.Observe(Outcome{Function: "f", Tier: d.Tier, Latency: 50 * time.Millisecond, Steps: 1000})
			}
		})
	}
}

// history tries both sides, then keeps the faster and re-tries the other
// every RetryEvery decisions.
func TestHistoryPolicy(t *testing.T) {
	s := newSched(t, PolicyHistory)
	lat := map[Tier]time.Duration{Device: 200 * time.Millisecond, Edge: 40 * time.Millisecond}
	var got []Tier
	for i := 0; i < 20; i++ {
		d := s.Decide(Request{Function: "f"})
		got = append(got, d.Tier)
		s.Observe(Outcome{Function: "f", Tier: d.Tier, Latency: lat[d.Tier]})
	}
	if got[0] != Device || got[1] != Edge {
		t.Errorf("first two placements %v %v, want device then edge", got[0], got[1])
	}
	for i := 2; i < 20; i++ {
		want := Edge
		if (i+1)%DefaultRetryEvery == 0 {
			want = Device
		}
		if got[i] != want {
			t.Errorf("decision %d on %s, want %s", i+1, got[i], want)
		}
	}
}

func TestCostExploresRemoteFirst(t *testing.T) {
	s := newSched(t, PolicyCost)
	d := s.Decide(Request{Function: "f", PayloadBytes: 64})
	if d.Tier != Edge || !d.Explore {
		t.Fatalf("first decision %s (explore %v), want edge: the heap need is learned off the device", d.Tier, d.Explore)
	}
	if len(d.Options) != 3 {
		t.Fatalf("want an option per tier, got %+v", d.Options)
	}
}

// A function whose observed heap exceeds the device's is never placed
// there, even though the device would be fastest.
func TestCostRespectsHeap(t *testing.T) {
	s := newSched(t, PolicyCost)
	heap := int64(100 << 10)
	for i := 0; i < 50; i++ {
		d := s.Decide(Request{Function: "big", PayloadBytes: 10})
		if d.Tier == Device {
			t.Fatalf("decision %d placed a %d B function on a %d B device: %s", i, heap, esp8266().HeapBytes, d.Reason)
		}
		s.Observe(Outcome{Function: "big", Tier: d.Tier, PayloadBytes: 10, Steps: 100,
			PeakHeap: heap, Latency: 2 * time.Second, Exec: time.Second, RTT: time.Second})
	}
	d := s.Decide(Request{Function: "big", PayloadBytes: 10})
	o, _ := d.Option(Device)
	if o.Feasible || !strings.Contains(o.Note, "heap") {
		t.Errorf("device option %+v should be infeasible for lack of heap", o)
	}
}

func TestCostDeadlineMode(t *testing.T) {
	s, err := New(Config{Device: esp8266(), Deadline: 100 * time.Millisecond, Remotes: []Tier{Edge}})
	if err != nil {
		t.Fatal(err)
	}
	// Device: 1000 steps = 0.75 ms, 0.04 mJ. Edge: 30 ms but 4 KB of radio
	// (22 mJ). Both meet the deadline; the device uses less energy.
	for i := 0; i < 5; i++ {
		d := s.Decide(Request{Function: "f", PayloadBytes: 4000})
		out := Outcome{Function: "f", Tier: d.Tier, PayloadBytes: 4000, Steps: 1000, ResultBytes: 10}
		if d.Tier == Edge {
			out.Latency, out.RTT, out.Exec = 30*time.Millisecond, 20*time.Millisecond, time.Millisecond
		} else {
			out.Latency = 750 * time.Microsecond
		}
		s.Observe(out)
	}
	d := s.Decide(Request{Function: "f", PayloadBytes: 4000})
	if d.Tier != Device || !strings.Contains(d.Reason, "deadline") {
		t.Errorf("deadline mode chose %s (%s), want the device", d.Tier, d.Reason)
	}
}

func TestSetPolicy(t *testing.T) {
	s := newSched(t, PolicyCost)
	if err := s.SetPolicy("local"); err != nil || s.Policy() != "local" {
		t.Fatalf("SetPolicy(local) = %v, policy %s", err, s.Policy())
	}
	if err := s.SetPolicy("nope"); err == nil || s.Policy() != "local" {
		t.Fatalf("SetPolicy(nope) = %v, policy now %s", err, s.Policy())
	}
}

func TestTierText(t *testing.T) {
	b, err := json.Marshal(Decision{Tier: Cloud, Options: []Option{{Tier: Edge}}})
	if err != nil || !strings.Contains(string(b), `"tier":"cloud"`) || !strings.Contains(string(b), `"tier":"edge"`) {
		t.Fatalf("json = %s, %v", b, err)
	}
	var d Decision
	if err := json.Unmarshal(b, &d); err != nil || d.Tier != Cloud {
		t.Fatalf("round trip: %+v, %v", d, err)
	}
	if _, err := ParseTier("fog"); err == nil {
		t.Error("ParseTier(fog) succeeded")
	}
}

func TestLinearFit(t *testing.T) {
	var l linear
	for x := 0.0; x < 100; x += 7 {
		l.add(x, 50+3*x, 0.1)
	}
	if got := l.predict(200); got < 640 || got > 660 {
		t.Errorf("predict(200) = %.1f, want 650", got)
	}
	var flat linear
	flat.add(10, 5, 0.3)
	flat.add(10, 7, 0.3)
	if got := flat.predict(1000); got < 5 || got > 7 {
		t.Errorf("one payload size: predict = %.2f, want the mean", got)
	}
}

// BenchmarkDecide measures decisions per second of each policy with three
// tiers and learned estimates: Decide plus Observe, as the fleet calls them.
func BenchmarkDecide(b *testing.B) {
	for _, p := range []string{PolicyCost, PolicyHistory} {
		b.Run(p, func(b *testing.B) {
			s := newSched(b, p)
			out := Outcome{Function: "f", PayloadBytes: 512, Steps: 300000, PeakHeap: 9000, ResultBytes: 64,
				Latency: 40 * time.Millisecond, Exec: 15 * time.Millisecond, RTT: 22 * time.Millisecond}
			for b.Loop() {
				d := s.Decide(Request{Function: "f", PayloadBytes: 512})
				out.Tier = d.Tier
				s.Observe(out)
			}
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "decisions/s")
		})
	}
}

// FuzzDecideObserve: any sequence of outcomes, however odd, leaves every
// policy deciding a valid tier with finite predictions.
func FuzzDecideObserve(f *testing.F) {
	f.Add([]byte{0, 10, 200, 3, 1, 255, 7, 0, 0, 9})
	f.Add([]byte{1, 1, 1, 1, 2, 2, 2, 2, 3, 3, 3, 3})
	f.Fuzz(func(t *testing.T, data []byte) {
		for _, p := range Policies {
			s := newSched(t, p)
			for i := 0; i+4 <= len(data) && i < 400; i += 4 {
				payload := int(data[i]) * 37
				d := s.Decide(Request{Function: "f", PayloadBytes: payload, BatteryMJ: float64(data[i+1])})
				if d.Tier < 0 || d.Tier >= numTiers || d.Reason == "" {
					t.Fatalf("%s: decision %+v", p, d)
				}
				for _, o := range d.Options {
					if math.IsNaN(o.LatencyMS) || math.IsNaN(o.EnergyMJ) || math.IsInf(o.LatencyMS, 0) {
						t.Fatalf("%s: option %+v", p, o)
					}
				}
				b := data[i+2]
				s.Observe(Outcome{Function: "f", Tier: Tier(b % 3), PayloadBytes: payload,
					Latency: time.Duration(data[i+3]) * time.Millisecond, Exec: time.Duration(b) * time.Microsecond,
					Steps: uint64(b) * 1000, PeakHeap: int64(data[i+3]) * 512, ResultBytes: int(b),
					Lost: b%7 == 0, OutOfMemory: b%11 == 0, RTT: time.Duration(b%5) * time.Millisecond})
			}
		}
	})
}

// On a low battery the cost policy minimises energy even under the latency
// objective; a re-try of a tier that still costs far more energy must then
// back the exploration off, which needs Observe to compare energy, not
// latency, with the cost the re-try was chosen against.
func TestLowBatteryExplorationBacksOff(t *testing.T) {
	s, err := New(Config{Policy: PolicyCost, Remotes: []Tier{Edge}, Device: DeviceSpec{
		Name: "slow", ClockHz: 1_000_000, CyclesPerInstr: 1, ActivePowerMW: 50, IdlePowerMW: 3,
		BatteryMJ: 1000, Radio: Radio{BytesPerSec: 1e6},
	}})
	if err != nil {
		t.Fatal(err)
	}
	const steps = 100_000                                           // 0.1 s and 5 mJ on the device
	req := Request{Function: "f", PayloadBytes: 100, BatteryMJ: 10} // 1%: low
	edge := func(rtt time.Duration) Outcome {
		lat := rtt + time.Millisecond
		return Outcome{Function: "f", Tier: Edge, PayloadBytes: 100, Latency: lat, Exec: time.Millisecond,
			RTT: rtt, Steps: steps, PeakHeap: 1000, EnergyMJ: 3 * lat.Seconds()}
	}
	d := s.Decide(req)
	if d.Tier != Edge {
		t.Fatalf("first decision %s, want edge (no history)", d.Tier)
	}
	s.Observe(edge(10 * time.Millisecond)) // the edge at its best: 0.03 mJ
	sawDevice := false
	for i := 0; i < 100; i++ {
		d := s.Decide(req)
		switch {
		case d.Tier == Device:
			sawDevice = true
			s.Observe(Outcome{Function: "f", Tier: Device, PayloadBytes: 100, Latency: 100 * time.Millisecond,
				Steps: steps, PeakHeap: 1000, EnergyMJ: 5})
		case d.Explore && sawDevice:
			if !strings.Contains(d.Reason, "least energy") && !strings.Contains(d.Reason, "stale") {
				t.Fatalf("exploration reason %q", d.Reason)
			}
			// Still in the spike: 3 s round trip, 9 mJ against the
			// device's 5 mJ. The re-try lost, so it must come less often.
			s.Observe(edge(3 * time.Second))
			if got := s.fns["f"].interval[Edge]; got != 2*DefaultExploreEvery {
				t.Fatalf("after a losing re-try the edge's exploration interval is %d, want %d", got, 2*DefaultExploreEvery)
			}
			return
		default:
			s.Observe(edge(3 * time.Second)) // a spike: 9 mJ per call
		}
	}
	t.Fatalf("no exploration of the edge after the device took over (saw device: %v)", sawDevice)
}

// The other half of deadline mode: when the cheaper option misses the
// deadline, the dearer one that meets it is chosen.
func TestCostDeadlineModeRejectsLateOption(t *testing.T) {
	s, err := New(Config{Device: esp8266(), Deadline: 100 * time.Millisecond, Remotes: []Tier{Edge}})
	if err != nil {
		t.Fatal(err)
	}
	// Device: 266 667 steps = 200 ms, 10 mJ: too slow. Edge: 30 ms but 4 KB
	// of radio (22 mJ): dearer, and on time.
	const steps = 266_667
	for i := 0; i < 5; i++ {
		d := s.Decide(Request{Function: "f", PayloadBytes: 4000})
		out := Outcome{Function: "f", Tier: d.Tier, PayloadBytes: 4000, Steps: steps, ResultBytes: 10}
		if d.Tier == Edge {
			out.Latency, out.RTT, out.Exec = 30*time.Millisecond, 20*time.Millisecond, time.Millisecond
		} else {
			out.Latency = 200 * time.Millisecond
		}
		s.Observe(out)
	}
	d := s.Decide(Request{Function: "f", PayloadBytes: 4000})
	dev, _ := d.Option(Device)
	edge, _ := d.Option(Edge)
	if !(dev.EnergyMJ < edge.EnergyMJ) || dev.LatencyMS <= 100 {
		t.Fatalf("setup: device %.1f mJ %.0f ms, edge %.1f mJ: want the device cheaper but late", dev.EnergyMJ, dev.LatencyMS, edge.EnergyMJ)
	}
	if d.Tier != Edge || !strings.Contains(d.Reason, "deadline") {
		t.Errorf("deadline mode chose %s (%s), want the edge: the device misses the deadline", d.Tier, d.Reason)
	}
}
