package wire

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/fleet"
	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/localstack/pyrt"
	"github.com/nanolambda/nl/localstack/store"
)

// localLambda starts nl's local stack with rmsHandler deployed as vibration.
func localLambda(t *testing.T) *LambdaRemote {
	t.Helper()
	srv, err := localstack.New(localstack.WithStore(store.NewMem()), localstack.WithRuntime(pyrt.New()),
		localstack.WithCredentials(map[string]string{"test": "test"}))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() { ts.Close(); srv.Close() })
	r := NewLambdaRemote(ts.URL, "test", "test", "")
	if err := DeployDemo(context.Background(), r); err != nil {
		t.Fatalf("deploy the demo function on the local stack: %v", err)
	}
	// Deploying again updates it in place.
	if err := DeployDemo(context.Background(), r); err != nil {
		t.Fatalf("deploy again: %v", err)
	}
	return r
}

// The demo fleet offloading to nl's real local Lambda stack through the
// AWS SDK.
func TestDemoOnLocalLambda(t *testing.T) {
	r := localLambda(t)
	out, dur, err := r.Invoke(context.Background(), fleet.DemoFunction, []byte(`{"readings": [[0,0,1],[0.5,0,1]]}`))
	if err != nil || !strings.Contains(string(out), `"alert"`) || dur <= 0 {
		t.Fatalf("Invoke = %s, %s, %v", out, dur, err)
	}
	if _, _, err := r.Invoke(context.Background(), fleet.DemoFunction, []byte(`{"readings": "x"}`)); err == nil ||
		!strings.Contains(err.Error(), "Unhandled") {
		t.Errorf("a raising handler gave %v", err)
	}
	if _, _, err := r.Invoke(context.Background(), "nope", []byte(`{}`)); err == nil {
		t.Error("invoking a missing function succeeded")
	}

	f := demoFleet(t, r)
	remote := 0
	for _, ev := range steps(t, f, 90) {
		d := ev.Decision
		if d.Error != "" {
			t.Fatalf("event %d: %s", ev.Seq, d.Error)
		}
		if d.RanOn != "device" {
			remote++
		}
	}
	if remote == 0 {
		t.Error("nothing ran on the local Lambda stack")
	}
}

// The whole demo on nl's parts: emulated ESP8266s running DemoHandler, the
// edge and cloud on the local Lambda stack through the AWS SDK. Small
// batches stay on the devices, large ones go out, the spike (20–35 s)
// brings the cost devices home, and nothing fails.
func TestDemoFleetOnNLParts(t *testing.T) {
	f, err := DemoFleet(context.Background(), localLambda(t))
	if err != nil {
		t.Fatal(err)
	}
	var normal, normalOut, spike, spikeHome int
	for _, ev := range steps(t, f, 6*40) {
		d := ev.Decision
		if d.Error != "" {
			t.Fatalf("event %d at %s: %s", ev.Seq, ev.Time.Format("15:04:05"), d.Error)
		}
		if d.Policy != "cost" || d.Explore {
			continue
		}
		el := ev.Time.Sub(fleet.DefaultStart)
		switch {
		case el > 5*time.Second && el < 20*time.Second:
			normal++
			if d.RanOn != "device" {
				normalOut++
			}
		case el > 22*time.Second && el < 35*time.Second && d.PayloadBytes < 4000:
			spike++
			if d.RanOn == "device" {
				spikeHome++
			}
		}
	}
	if normalOut == 0 || normalOut == normal {
		t.Errorf("before the spike %d of %d events left the device: want a mix", normalOut, normal)
	}
	if spikeHome < spike*9/10 {
		t.Errorf("during the spike only %d of %d batches stayed on the device", spikeHome, spike)
	}
	s := f.Snapshot()
	for _, d := range s.Devices {
		if d.HeapPeak == 0 || d.HeapPeak > d.HeapBudget || d.EnergyMJ <= 0 {
			t.Errorf("%s: heap peak %d of %d, energy %.1f", d.Name, d.HeapPeak, d.HeapBudget, d.EnergyMJ)
		}
	}
}
