package fleet

import (
	"context"
	"net/http/httptest"
	"strings"
	"testing"

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
	out, dur, err := r.Invoke(context.Background(), DemoFunction, []byte(`{"readings": [[0,0,1],[0.5,0,1]]}`))
	if err != nil || !strings.Contains(string(out), `"alert"`) || dur <= 0 {
		t.Fatalf("Invoke = %s, %s, %v", out, dur, err)
	}
	if _, _, err := r.Invoke(context.Background(), DemoFunction, []byte(`{"readings": "x"}`)); err == nil ||
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
