package main

import (
	"context"
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/fleet"
	"github.com/nanolambda/nl/fleet/events"
)

// topFleet serves a demo fleet, stepped 60 times, over loopback.
func topFleet(t *testing.T) string {
	t.Helper()
	remote := fleet.RemoteFunc(func(ctx context.Context, fn string, p []byte) ([]byte, time.Duration, error) {
		out, err := fleet.VibrationRMS(p)
		return out, time.Millisecond, err
	})
	cfg, err := fleet.Demo(remote, nil)
	if err != nil {
		t.Fatal(err)
	}
	fl, err := fleet.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 60; i++ {
		if _, err := fl.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(fl.Handler())
	t.Cleanup(srv.Close)
	return srv.Listener.Addr().String()
}

func TestTopOnceJSON(t *testing.T) {
	addr := topFleet(t)
	f, out, errOut := testFactory()
	if code := Main([]string{"top", "--once", "--json", "--addr", addr}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var s events.Snapshot
	if err := json.Unmarshal(out.Bytes(), &s); err != nil {
		t.Fatalf("not a snapshot: %v\n%s", err, out)
	}
	if len(s.Devices) != 3 || s.Devices[0].Events != 20 || len(s.Network) != 2 || s.Seq < 60 {
		t.Errorf("snapshot: %+v", s)
	}
}

func TestTopOnceText(t *testing.T) {
	addr := topFleet(t)
	f, out, errOut := testFactory()
	if code := Main([]string{"top", "--once", "--addr", "http://" + addr, "--width", "90"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	for _, want := range []string{"FLEET (3 devices)", "esp-1", "NETWORK", "edge", "LATENCY"} {
		if !strings.Contains(out.String(), want) {
			t.Errorf("output lacks %q:\n%s", want, out)
		}
	}
	for _, l := range strings.Split(out.String(), "\n") {
		if len([]rune(l)) > 90 {
			t.Errorf("line wider than --width 90: %q", l)
		}
	}
}

func TestTopErrors(t *testing.T) {
	addr := topFleet(t)
	tests := []struct {
		name string
		args []string
		code int
		want string
	}{
		{"no server", []string{"top", "--once", "--addr", "127.0.0.1:1"}, 1, "is `nl dev` running"},
		{"json without once", []string{"top", "--json", "--addr", addr}, 2, "--json needs --once"},
		{"not a terminal", []string{"top", "--addr", addr}, 1, "nl top needs a terminal"},
		{"bad addr", []string{"top", "--once", "--addr", "http://"}, 2, "--addr"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, errOut := testFactory()
			if code := Main(tt.args, f); code != tt.code {
				t.Errorf("exit %d, want %d: %s", code, tt.code, errOut)
			}
			if !strings.Contains(errOut.String(), tt.want) {
				t.Errorf("stderr %q does not mention %q", errOut, tt.want)
			}
		})
	}
}

// Without --addr, top reads [dev] addr from nanolambda.toml.
func TestTopAddrFromProject(t *testing.T) {
	dir := t.TempDir()
	src := "name = \"p\"\n[dev]\naddr = \"127.0.0.1:1\"\n"
	if err := os.WriteFile(filepath.Join(dir, "nanolambda.toml"), []byte(src), 0o644); err != nil {
		t.Fatal(err)
	}
	f, _, _ := testFactory()
	f.WorkDir = dir
	var got *topOptions
	cmd := newCmdTopWith(f, func(o *topOptions) error { got = o; return nil })
	cmd.SetArgs([]string{"--once"})
	if err := cmd.Execute(); err != nil {
		t.Fatal(err)
	}
	if got == nil || got.Addr != "127.0.0.1:1" || !got.Once {
		t.Fatalf("options %+v", got)
	}
}
