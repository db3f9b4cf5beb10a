package fleet

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"io"
	"math"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/fleet/events"
	"github.com/nanolambda/nl/scheduler"
)

// httpRemote is a real remote: an HTTP server that runs the vibration
// arithmetic, called over loopback. It reports a fixed 2 ms of execution
// (as Lambda reports a function's duration) rather than the wall time of
// the call, so that placements do not depend on how loaded the machine
// running the tests is.
func httpRemote(t testing.TB) Remote {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		body, err := io.ReadAll(r.Body)
		if err != nil {
			http.Error(w, err.Error(), 500)
			return
		}
		out, err := VibrationRMS(body)
		if err != nil {
			http.Error(w, err.Error(), 400)
			return
		}
		w.Write(out)
	}))
	t.Cleanup(srv.Close)
	return RemoteFunc(func(ctx context.Context, fn string, payload []byte) ([]byte, time.Duration, error) {
		req, err := http.NewRequestWithContext(ctx, http.MethodPost, srv.URL+"/invoke/"+fn, bytes.NewReader(payload))
		if err != nil {
			return nil, 0, err
		}
		resp, err := srv.Client().Do(req)
		if err != nil {
			return nil, 0, err
		}
		defer resp.Body.Close()
		out, err := io.ReadAll(resp.Body)
		if resp.StatusCode != 200 {
			return nil, 0, errors.New(strings.TrimSpace(string(out)))
		}
		return out, 2 * time.Millisecond, err
	})
}

// fixedRemote answers with the vibration result after a fixed 2 ms, so
// that runs are reproducible.
var fixedRemote = RemoteFunc(func(ctx context.Context, fn string, payload []byte) ([]byte, time.Duration, error) {
	out, err := VibrationRMS(payload)
	return out, 2 * time.Millisecond, err
})

func demoFleet(t testing.TB, remote Remote) *Fleet {
	t.Helper()
	cfg, err := Demo(remote, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func steps(t testing.TB, f *Fleet, n int) []events.Event {
	t.Helper()
	out := make([]events.Event, 0, n)
	for i := 0; i < n; i++ {
		ev, err := f.Step(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ev)
	}
	return out
}

func TestStepIsDeterministic(t *testing.T) {
	a := steps(t, demoFleet(t, fixedRemote), 300)
	b := steps(t, demoFleet(t, fixedRemote), 300)
	for i := range a {
		ja, _ := json.Marshal(a[i])
		jb, _ := json.Marshal(b[i])
		if !bytes.Equal(ja, jb) {
			t.Fatalf("event %d differs:\n%s\n%s", i, ja, jb)
		}
	}
}

// The demo over a real HTTP remote: the cost devices leave the network
// during the spike, come back after it, and never run a gateway backlog
// on the device for lack of heap.
func TestDemoPlacement(t *testing.T) {
	f := demoFleet(t, httpRemote(t))
	evs := steps(t, f, 6*70) // 70 s of fleet time: the first spike (20–35 s) and outage (50–60 s)
	start := DefaultStart
	var inSpike, inSpikeDevice, after, afterEdge, ooms int
	for _, ev := range evs {
		d := ev.Decision
		if d.Policy != scheduler.PolicyCost {
			continue
		}
		el := ev.Time.Sub(start)
		switch {
		case el >= 22*time.Second && el < 35*time.Second:
			inSpike++
			if d.RanOn == "device" {
				inSpikeDevice++
			}
		case el >= 40*time.Second && el < 50*time.Second:
			// The spike is forgotten: the edge is priced as before it, and
			// large batches (slow to parse on the device) go there.
			after++
			for _, o := range d.Options {
				if o.Tier == "edge" && o.LatencyMS < 100 && (d.PayloadBytes < 1400 || d.RanOn == "edge") {
					afterEdge++
				}
			}
		}
		if d.Fallback && d.Tier == "device" { // a MemoryError on the device
			ooms++
		}
		if d.Error != "" {
			t.Errorf("event %d failed: %s", ev.Seq, d.Error)
		}
	}
	if inSpikeDevice < inSpike*3/4 {
		t.Errorf("during the spike only %d of %d cost-placed events ran on the device", inSpikeDevice, inSpike)
	}
	if afterEdge < after*3/4 {
		t.Errorf("after the spike only %d of %d cost-placed events were back off the device or small", afterEdge, after)
	}
	if ooms > 2 {
		t.Errorf("%d MemoryErrors on cost devices: heap is not being respected", ooms)
	}
	snap := f.Snapshot()
	for _, d := range snap.Devices {
		if d.HeapPeak > d.HeapBudget {
			t.Errorf("%s: peak heap %d over budget %d", d.Name, d.HeapPeak, d.HeapBudget)
		}
		sum := 0
		for _, n := range d.PerTier {
			sum += n
		}
		if uint64(sum) != d.Events || d.Events != 140 {
			t.Errorf("%s: %d events, per tier %v", d.Name, d.Events, d.PerTier)
		}
		if d.EventsPerSec < 1.8 || d.EventsPerSec > 2.2 {
			t.Errorf("%s: %.2f events/s, want 2", d.Name, d.EventsPerSec)
		}
	}
	if len(snap.Functions) != 1 || len(snap.Functions[0].LatencyMS["device"]) == 0 || len(snap.Functions[0].LatencyMS["edge"]) == 0 {
		t.Errorf("snapshot lacks per-tier latencies: %+v", snap.Functions)
	}
}

func TestNetworkEventsAtSpikeEdges(t *testing.T) {
	f := demoFleet(t, fixedRemote)
	var net []events.NetworkState
	for _, ev := range steps(t, f, 6*40) {
		_ = ev
	}
	backlog, _, cancel := f.Subscribe(0)
	cancel()
	for _, ev := range backlog {
		if ev.Kind == events.KindNetwork {
			net = append(net, *ev.Network)
		}
	}
	// Spike on both tiers at 20 s, over at 35 s.
	if len(net) != 4 || !net[0].Spike || net[2].Spike || net[0].RTTMS < 600 {
		t.Fatalf("network events %+v, want spike start and end on edge and cloud", net)
	}
}

func TestNewRejectsBadConfig(t *testing.T) {
	good, err := Demo(fixedRemote, nil)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		change func(c *Config)
		want   string
	}{
		{"no devices", func(c *Config) { c.Devices = nil }, "fleet has no devices"},
		{"dup", func(c *Config) { c.Devices[1].Name = c.Devices[0].Name }, "listed twice"},
		{"rate", func(c *Config) { c.Devices[0].RateHz = 0 }, "rate_hz must be in (0, 1000]"},
		{"policy", func(c *Config) { c.Devices[0].Policy = "coin" }, `fleet device "esp-1": unknown policy "coin"`},
		{"tier", func(c *Config) { c.Tiers[0].Tier = scheduler.Device }, "remote tier must be edge or cloud"},
		{"remote", func(c *Config) { c.Tiers[0].Remote = nil }, "needs a Remote"},
		{"spike", func(c *Config) { c.Spikes = []SpikeConfig{{Duration: time.Second, Every: time.Millisecond}} }, "shorter than its duration"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c := good
			c.Devices = append([]DeviceConfig{}, good.Devices...)
			c.Tiers = append([]TierConfig{}, good.Tiers...)
			tt.change(&c)
			_, err := New(c)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

func TestModelExecutorOutOfMemory(t *testing.T) {
	cfg, _ := Demo(fixedRemote, nil)
	ex := cfg.Devices[0].Local
	big := (&Vibration{}).Next(nil2rng(), "m", 1)
	for len(big) < 12000 {
		big = append(big[:len(big)-2], `,[0,0,1]]}`...)
	}
	r, err := ex.Invoke(context.Background(), "vibration", big)
	if err != nil {
		t.Fatal(err)
	}
	if !r.OutOfMemory || !strings.HasPrefix(r.Error, "MemoryError") || r.PeakHeap != cfg.Devices[0].Spec.HeapBytes {
		t.Fatalf("a %d B event on a 64 KB device: %+v", len(big), r)
	}
	small, _ := ex.Invoke(context.Background(), "vibration", []byte(`{"readings":[[0,0,1],[0.3,0,1]]}`))
	if small.OutOfMemory || !strings.Contains(string(small.Output), `"rms"`) || small.Duration <= 0 || small.EnergyMJ <= 0 {
		t.Fatalf("small event: %+v (%s)", small, small.Output)
	}
}

// The fleet never runs ahead of the wall clock at its speed.
func TestRunPacesFleetTime(t *testing.T) {
	cfg, _ := Demo(fixedRemote, nil)
	cfg.Speed = 20
	f, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	start := time.Now()
	go func() { done <- f.Run(ctx) }()
	time.Sleep(300 * time.Millisecond)
	if err := f.Run(ctx); err == nil || !strings.Contains(err.Error(), "already running") {
		t.Errorf("second Run: %v", err)
	}
	if !f.Snapshot().Running {
		t.Error("snapshot does not say running")
	}
	cancel()
	if err := <-done; err != nil {
		t.Fatal(err)
	}
	wall := time.Since(start)
	fleet := f.Now().Sub(DefaultStart)
	if fleet > time.Duration(float64(wall)*cfg.Speed)+time.Second {
		t.Errorf("fleet time %s after %s of wall time at speed %g: ran ahead", fleet, wall, cfg.Speed)
	}
	if f.Snapshot().Seq == 0 {
		t.Error("no events in 300 ms at 20× speed")
	}
}

// BenchmarkStep measures fleet events per second with the model executor
// and an in-process remote: the fleet's own overhead per event (scheduling,
// network model, accounting, publishing).
func BenchmarkStep(b *testing.B) {
	f := demoFleet(b, fixedRemote)
	ctx := context.Background()
	for b.Loop() {
		if _, err := f.Step(ctx); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
}

// A remote that answers with an error (the function cannot run there, say
// an import fails) costs the device a round trip, not the whole timeout; the
// event then runs on the device and the scheduler learns to keep it there.
func TestRemoteErrorCostsARoundTrip(t *testing.T) {
	failing := RemoteFunc(func(ctx context.Context, fn string, payload []byte) ([]byte, time.Duration, error) {
		return nil, time.Millisecond, errors.New("Unhandled: Runtime.ImportModuleError: No module named 'device'")
	})
	f := demoFleet(t, failing)
	offloads, remoteLater := 0, 0
	for i, ev := range steps(t, f, 60) {
		d := ev.Decision
		if d.Error != "" && !strings.Contains(d.Error, "MemoryError") {
			t.Fatalf("event %d failed: %s", ev.Seq, d.Error)
		}
		if d.Tier != "device" && d.Error == "" {
			offloads++
			if !d.Fallback || d.RanOn != "device" || d.ActualMS > 500 {
				t.Errorf("event %d offloaded to a failing remote: %+v", ev.Seq, d)
			}
			if i >= 30 && d.Policy == scheduler.PolicyCost && !d.Explore {
				remoteLater++
			}
		}
	}
	if offloads == 0 {
		t.Fatal("nothing was tried remotely")
	}
	if remoteLater > 0 {
		t.Errorf("%d late cost decisions still offloaded to the failing remote without exploring", remoteLater)
	}
}

// A fallback's latency (the lost call's timeout plus the device run) is
// charged to the tier the scheduler chose, not to the device, so an edge
// outage shows up on the edge sparkline and leaves the device's alone.
func TestFallbackLatencyCountsAgainstChosenTier(t *testing.T) {
	f := demoFleet(t, fixedRemote)
	steps(t, f, 30)
	if _, err := f.InjectSpike(events.SpikeRequest{Tier: "edge", Loss: 1, DurationMS: 20_000}); err != nil {
		t.Fatal(err)
	}
	fallbacks := 0
	for range 60 {
		d := steps(t, f, 1)[0].Decision
		if d == nil || !d.Fallback || d.Tier != "edge" || d.RanOn != "device" {
			continue
		}
		fallbacks++
		lat := f.Snapshot().Functions[0].LatencyMS
		if edge := lat["edge"]; len(edge) == 0 || math.Abs(edge[len(edge)-1]-d.ActualMS) > 0.01 {
			t.Errorf("edge→device fallback of %.0f ms: edge latencies end %v", d.ActualMS, edge)
		}
		if dev := lat["device"]; len(dev) > 0 && math.Abs(dev[len(dev)-1]-d.ActualMS) < 0.01 {
			t.Errorf("edge→device fallback of %.0f ms charged to the device", d.ActualMS)
		}
	}
	if fallbacks == 0 {
		t.Fatal("no edge→device fallback during an edge outage: the test checks nothing")
	}
}
