package wire

import (
	"context"
	"testing"
	"time"

	"github.com/nanolambda/nl/fleet"
	"github.com/nanolambda/nl/fleet/events"
)

// fixedRemote answers with the vibration result after a fixed 2 ms.
var fixedRemote = fleet.RemoteFunc(func(ctx context.Context, fn string, payload []byte) ([]byte, time.Duration, error) {
	out, err := fleet.VibrationRMS(payload)
	return out, 2 * time.Millisecond, err
})

func demoFleet(t testing.TB, remote fleet.Remote) *fleet.Fleet {
	t.Helper()
	cfg, err := fleet.Demo(remote, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := fleet.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	return f
}

func steps(t testing.TB, f *fleet.Fleet, n int) []events.Event {
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
