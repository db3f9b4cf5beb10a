package fleet

import (
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
)

func serve(t *testing.T, f *Fleet) *events.Client {
	t.Helper()
	srv := httptest.NewServer(f.Handler())
	t.Cleanup(srv.Close)
	c, err := events.NewClient(srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// A real HTTP client follows the stream while the fleet steps: every event
// arrives once, in order; a reconnect with ?since= resumes without a gap.
func TestStreamFollowsFleet(t *testing.T) {
	f := demoFleet(t, fixedRemote)
	c := serve(t, f)
	ctx, cancel := context.WithTimeout(context.Background(), 20*time.Second)
	defer cancel()
	st, err := c.Stream(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	go func() {
		for i := 0; i < 120; i++ {
			if _, err := f.Step(ctx); err != nil {
				return
			}
		}
	}()
	var seqs []uint64
	decisions := 0
	for decisions < 60 {
		ev, err := st.Next()
		if err != nil {
			t.Fatalf("after %d events: %v", len(seqs), err)
		}
		if ev.Kind == events.KindHeartbeat {
			continue
		}
		seqs = append(seqs, ev.Seq)
		if ev.Kind == events.KindDecision {
			decisions++
			if ev.Decision.Device == "" || ev.Decision.Tier == "" || ev.Decision.Reason == "" || len(ev.Decision.Options) != 3 {
				t.Fatalf("incomplete decision: %+v", ev.Decision)
			}
		}
	}
	st.Close()
	for i := 1; i < len(seqs); i++ {
		if seqs[i] != seqs[i-1]+1 {
			t.Fatalf("sequence jumps from %d to %d", seqs[i-1], seqs[i])
		}
	}
	// Reconnect where we stopped: the next event is the one after.
	st2, err := c.Stream(ctx, seqs[len(seqs)-1])
	if err != nil {
		t.Fatal(err)
	}
	defer st2.Close()
	ev, err := st2.Next()
	if err != nil {
		t.Fatal(err)
	}
	if ev.Seq != seqs[len(seqs)-1]+1 {
		t.Fatalf("after reconnecting got event %d, want %d", ev.Seq, seqs[len(seqs)-1]+1)
	}
}

func TestStreamHeartbeat(t *testing.T) {
	f := demoFleet(t, fixedRemote)
	c := serve(t, f)
	ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
	defer cancel()
	st, err := c.Stream(ctx, 0)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	ev, err := st.Next() // nothing happens: a heartbeat must come
	if err != nil || ev.Kind != events.KindHeartbeat {
		t.Fatalf("idle stream gave %+v, %v; want a heartbeat", ev, err)
	}
}

func TestSnapshotEndpoint(t *testing.T) {
	f := demoFleet(t, fixedRemote)
	steps(t, f, 30)
	c := serve(t, f)
	s, err := c.Snapshot(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(s.Devices) != 3 || len(s.Network) != 2 || s.Seq < 30 || len(s.Policies) != 4 {
		t.Fatalf("snapshot: %d devices, %d tiers, seq %d, policies %v", len(s.Devices), len(s.Network), s.Seq, s.Policies)
	}
	if s.Devices[0].Name != "esp-1" || s.Devices[0].Events != 10 || s.Devices[0].HeapBudget != 64<<10 {
		t.Errorf("device 0: %+v", s.Devices[0])
	}
	if s.Network[0].Tier != "edge" || len(s.Network[0].RecentRTTMS) == 0 {
		t.Errorf("edge network: %+v", s.Network[0])
	}
}

func TestPolicyEndpoint(t *testing.T) {
	f := demoFleet(t, fixedRemote)
	c := serve(t, f)
	ctx := context.Background()
	d, err := c.SetPolicy(ctx, "esp-3", "local")
	if err != nil || d.Policy != "local" || d.Name != "esp-3" {
		t.Fatalf("SetPolicy = %+v, %v", d, err)
	}
	for _, ev := range steps(t, f, 9) {
		if ev.Decision.Device == "esp-3" && ev.Decision.Tier != "device" {
			t.Errorf("esp-3 under local placed on %s", ev.Decision.Tier)
		}
	}
	backlog, _, cancel := f.Subscribe(0)
	cancel()
	if backlog[0].Kind != events.KindPolicy || backlog[0].Policy.From != "history" || backlog[0].Policy.To != "local" {
		t.Errorf("first event %+v, want the policy change", backlog[0])
	}
	tests := []struct {
		device, policy string
		code           int
		want           string
	}{
		{"esp-9", "cost", 404, `no such device "esp-9"`},
		{"esp-1", "random", 400, `unknown policy "random"`},
	}
	for _, tt := range tests {
		_, err := c.SetPolicy(ctx, tt.device, tt.policy)
		var se *events.StatusError
		if !errors.As(err, &se) || se.Code != tt.code || !strings.Contains(se.Msg, tt.want) {
			t.Errorf("SetPolicy(%s, %s) = %v, want HTTP %d %q", tt.device, tt.policy, err, tt.code, tt.want)
		}
	}
}

func TestSpikeEndpoint(t *testing.T) {
	f := demoFleet(t, fixedRemote)
	c := serve(t, f)
	ctx := context.Background()
	ns, err := c.Spike(ctx, events.SpikeRequest{Tier: "edge", RTTMS: 800, DurationMS: 5000})
	if err != nil {
		t.Fatal(err)
	}
	if len(ns) != 1 || ns[0].Tier != "edge" || !ns[0].Spike || ns[0].RTTMS != 802 {
		t.Fatalf("spike response %+v", ns)
	}
	s, _ := c.Snapshot(ctx)
	if !s.Network[0].Spike || s.Network[1].Spike {
		t.Errorf("after an edge spike: %+v", s.Network)
	}
	steps(t, f, 6*6) // 6 s: the spike is over
	if s, _ := c.Snapshot(ctx); s.Network[0].Spike {
		t.Errorf("spike still on after its duration: %+v", s.Network[0])
	}
	for _, bad := range []events.SpikeRequest{{Tier: "fog", DurationMS: 1}, {DurationMS: 0}, {DurationMS: 10, Loss: 2}} {
		if _, err := c.Spike(ctx, bad); err == nil {
			t.Errorf("spike %+v accepted", bad)
		}
	}
	if _, err := f.InjectSpike(events.SpikeRequest{DurationMS: math.NaN()}); err == nil {
		t.Error("a NaN duration was accepted")
	}
}

func TestBadRequests(t *testing.T) {
	f := demoFleet(t, fixedRemote)
	srv := httptest.NewServer(f.Handler())
	defer srv.Close()
	tests := []struct {
		method, path, body string
		code               int
		want               string
	}{
		{"POST", "/_nl/fleet/v1/devices/esp-1/policy", `{"policy": 3}`, 400, "bad request body"},
		{"POST", "/_nl/fleet/v1/devices/esp-1/policy", `{"polcy": "cost"}`, 400, "unknown field"},
		{"GET", "/_nl/fleet/v1/events?since=x", "", 400, "since must be an event sequence number"},
		{"GET", "/_nl/fleet/v1/devices/esp-1/policy", "", 405, "use POST"},
		{"DELETE", "/_nl/fleet/v1/snapshot", "", 405, "use GET"},
		{"GET", "/_nl/fleet/v1/nope", "", 404, "no fleet endpoint GET /_nl/fleet/v1/nope"},
	}
	for _, tt := range tests {
		t.Run(tt.method+" "+tt.path, func(t *testing.T) {
			req, _ := http.NewRequest(tt.method, srv.URL+tt.path, strings.NewReader(tt.body))
			resp, err := srv.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			defer resp.Body.Close()
			b, _ := io.ReadAll(resp.Body)
			if resp.StatusCode != tt.code {
				t.Fatalf("status %d, want %d: %s", resp.StatusCode, tt.code, b)
			}
			if tt.want != "" {
				var e events.ErrorBody
				if json.Unmarshal(b, &e) != nil || !strings.Contains(e.Error, tt.want) {
					t.Errorf("body %s does not mention %q", b, tt.want)
				}
			}
		})
	}
}

func TestClientConnectError(t *testing.T) {
	c, err := events.NewClient("127.0.0.1:1", nil)
	if err != nil {
		t.Fatal(err)
	}
	_, err = c.Snapshot(context.Background())
	if err == nil || !strings.Contains(err.Error(), "is `nl dev` running") {
		t.Fatalf("err = %v", err)
	}
	if _, err := events.NewClient("http://", nil); err == nil {
		t.Error("NewClient accepted an address without a host")
	}
}

// A subscriber that stops reading is cut off, and the fleet keeps going.
func TestSlowSubscriberIsCutOff(t *testing.T) {
	b := newBroker(10)
	_, ch, cancel := b.subscribe(0)
	defer cancel()
	for i := 0; i < subBuffer+5; i++ {
		b.publish(events.Event{Kind: events.KindHeartbeat})
	}
	n := 0
	for range ch {
		n++
	}
	if n != subBuffer {
		t.Fatalf("read %d events before the channel closed, want %d", n, subBuffer)
	}
	backlog, _, c2 := b.subscribe(0)
	c2()
	if len(backlog) != 10 || backlog[0].Seq != uint64(subBuffer+5-9) {
		t.Fatalf("backlog %d events from %d, want the last 10", len(backlog), backlog[0].Seq)
	}
}
