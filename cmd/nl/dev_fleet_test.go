package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/spf13/pflag"

	"github.com/nanolambda/nl/fleet/events"
	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/localstack/pyrt"
	"github.com/nanolambda/nl/localstack/store"
)

// syncBuffer is a buffer the fleet's goroutine and the test share.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

// devFleetOpts parses nl dev's fleet flags from args.
func devFleetOpts(t *testing.T, args ...string) *DevOptions {
	t.Helper()
	opts := &DevOptions{AccessKey: "test", SecretKey: "test", Region: "us-east-1"}
	fs := pflag.NewFlagSet("dev", pflag.ContinueOnError)
	addFleetFlags(fs, opts)
	if err := fs.Parse(args); err != nil {
		t.Fatal(err)
	}
	return opts
}

// devStack is what devRun sets up around the fleet: nl's local stack with
// the fleet API mounted, serving on loopback.
type devStack struct {
	url     string
	fleet   *devFleet
	out     *syncBuffer
	errOut  *syncBuffer
	stop    func()        // cancels the context, as SIGINT does
	stopped chan struct{} // closed when Serve has returned and the fleet has stopped
}

func startDevStack(t *testing.T, dir string, args ...string) *devStack {
	t.Helper()
	out, errOut := &syncBuffer{}, &syncBuffer{}
	f := &Factory{IO: &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut},
		Getenv: func(string) string { return "" }, WorkDir: dir}
	opts := devFleetOpts(t, args...)
	sopts := []localstack.Option{localstack.WithStore(store.NewMem()), localstack.WithRuntime(pyrt.New()),
		localstack.WithCredentials(map[string]string{"test": "test"})}
	df, sopts, err := prepareDevFleet(f, opts, sopts)
	if err != nil {
		t.Fatal(err)
	}
	if df == nil {
		t.Fatal("no fleet prepared")
	}
	srv, err := localstack.New(sopts...)
	if err != nil {
		t.Fatal(err)
	}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	s := &devStack{url: "http://" + ln.Addr().String(), fleet: df, out: out, errOut: errOut, stop: cancel,
		stopped: make(chan struct{})}
	// The order of devRun: the fleet starts (deploying through the API)
	// before Serve runs.
	df.start(ctx, s.url, opts, f.IO)
	go func() {
		defer close(s.stopped)
		srv.Serve(ctx, ln)
		df.wait()
	}()
	t.Cleanup(func() {
		cancel()
		<-s.stopped
	})
	return s
}

// waitSnapshot polls the fleet API until ok accepts a snapshot.
func waitSnapshot(t *testing.T, url string, ok func(*events.Snapshot) bool) *events.Snapshot {
	t.Helper()
	c, err := events.NewClient(url, nil)
	if err != nil {
		t.Fatal(err)
	}
	var last error
	for deadline := time.Now().Add(30 * time.Second); time.Now().Before(deadline); time.Sleep(50 * time.Millisecond) {
		s, err := c.Snapshot(context.Background())
		if err == nil && ok(s) {
			return s
		}
		last = err
	}
	t.Fatalf("the fleet never reached the expected state (last error %v)", last)
	return nil
}

// nl dev --demo: the demo fleet runs on the emulator and on the stack's own
// Lambda API, is announced with its URLs, and stops promptly with the
// server even while a client follows its stream.
func TestDevFleetDemo(t *testing.T) {
	s := startDevStack(t, t.TempDir(), "--demo", "--fleet-speed", "20")
	for _, want := range []string{"fleet: demo: 3 emulated esp8266", s.url + "/_nl/fleet/v1/snapshot",
		s.url + "/_nl/fleet/v1/events", "nl top --addr " + strings.TrimPrefix(s.url, "http://"), "20× the wall clock"} {
		if !strings.Contains(s.out.String(), want) {
			t.Errorf("start-up output lacks %q:\n%s", want, s.out.String())
		}
	}
	snap := waitSnapshot(t, s.url, func(s *events.Snapshot) bool {
		remote, device := 0, 0
		for _, d := range s.Devices {
			remote += d.PerTier["edge"] + d.PerTier["cloud"]
			device += d.PerTier["device"]
		}
		return s.Running && len(s.Devices) == 3 && remote > 0 && device > 0
	})
	if !strings.Contains(s.out.String(), "fleet: running\n") {
		t.Errorf("no running line:\n%s", s.out.String())
	}
	for _, d := range snap.Devices {
		if d.Failures != 0 {
			t.Errorf("%s failed %d events", d.Name, d.Failures)
		}
	}
	if e := s.errOut.String(); e != "" {
		t.Errorf("stderr: %s", e)
	}

	resp, err := http.Get(s.url + events.PathEvents)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var first events.Event
	if err := json.NewDecoder(resp.Body).Decode(&first); err != nil || first.Seq != 1 {
		t.Fatalf("first event %+v, %v", first, err)
	}
	start := time.Now()
	s.stop()
	select {
	case <-s.stopped:
	case <-time.After(10 * time.Second):
		t.Fatal("nl dev did not stop within 10 s with a stream attached")
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("stopping took %v", d)
	}
}

const devProjectTOML = `name = "p"
[[function]]
name = "temp"
handler = "temp.handler"
[[fleet]]
name = "room"
profile = "cc3220sf"
function = "temp"
sensor = "temperature"
rate_hz = 4.0
battery_mj = 100000.0
`

func writeDevProject(t *testing.T, toml, handler string) string {
	t.Helper()
	dir := t.TempDir()
	for name, src := range map[string]string{"nanolambda.toml": toml, "temp.py": handler} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// A project's [[fleet]] runs with its battery, its function deployed to the
// stack.
func TestDevFleetProject(t *testing.T) {
	dir := writeDevProject(t, devProjectTOML, "def handler(event, context):\n    return {\"hot\": event[\"celsius\"] > 25}\n")
	s := startDevStack(t, dir, "--fleet-speed", "20")
	if !strings.Contains(s.out.String(), "fleet: 1 emulated device from "+filepath.Join(dir, "nanolambda.toml")+": room (cc3220sf, temp)") {
		t.Errorf("start-up output:\n%s", s.out.String())
	}
	snap := waitSnapshot(t, s.url, func(s *events.Snapshot) bool {
		return len(s.Devices) == 1 && s.Devices[0].Events >= 10
	})
	if d := snap.Devices[0]; d.BatteryMJ != 100000 || d.BatteryLeft >= 100000 || d.Failures != 0 || d.Policy != "cost" {
		t.Errorf("room: %+v", d)
	}
}

// Until the fleet runs, and when it cannot, its API says why with 503.
func TestDevFleetNotRunning(t *testing.T) {
	df := &devFleet{}
	rec := httptestRecorder(df, events.PathSnapshot)
	if rec.code != http.StatusServiceUnavailable || !strings.Contains(rec.body, "the fleet is starting") {
		t.Errorf("before start: %d %s", rec.code, rec.body)
	}

	dir := writeDevProject(t, devProjectTOML, "def handler(event, context):\n    return (\n")
	s := startDevStack(t, dir)
	c, _ := events.NewClient(s.url, nil)
	var err error
	for deadline := time.Now().Add(20 * time.Second); time.Now().Before(deadline); time.Sleep(20 * time.Millisecond) {
		_, err = c.Snapshot(context.Background())
		if err != nil && strings.Contains(err.Error(), "did not start") {
			break
		}
	}
	var se *events.StatusError
	if !errors.As(err, &se) || se.Code != http.StatusServiceUnavailable ||
		!strings.Contains(err.Error(), "the fleet did not start: function temp: temp.py:") {
		t.Errorf("snapshot of a failed fleet: %v", err)
	}
	if e := s.errOut.String(); !strings.Contains(e, "nl dev: the fleet did not start: function temp: temp.py:") {
		t.Errorf("stderr: %q", e)
	}
}

type recorded struct {
	code int
	body string
}

func httptestRecorder(h http.Handler, path string) recorded {
	rec := &responseRecorder{header: http.Header{}}
	req, _ := http.NewRequest(http.MethodGet, path, nil)
	h.ServeHTTP(rec, req)
	return recorded{rec.code, rec.body.String()}
}

type responseRecorder struct {
	header http.Header
	code   int
	body   bytes.Buffer
}

func (r *responseRecorder) Header() http.Header         { return r.header }
func (r *responseRecorder) Write(p []byte) (int, error) { return r.body.Write(p) }
func (r *responseRecorder) WriteHeader(code int)        { r.code = code }

// Which fleet nl dev runs, from the flags and the project.
func TestPrepareDevFleet(t *testing.T) {
	withFleet := writeDevProject(t, devProjectTOML, "")
	noFleet := writeDevProject(t, "name = \"p\"\n", "")
	tests := []struct {
		name    string
		dir     string
		args    []string
		want    string // "none", "demo", "project" or an error
		quieted bool
	}{
		{"no project", t.TempDir(), nil, "none", false},
		{"project without fleet", noFleet, nil, "none", false},
		{"project fleet", withFleet, nil, "project", false},
		{"no-fleet", withFleet, []string{"--no-fleet"}, "none", false},
		{"demo outside a project", t.TempDir(), []string{"--demo"}, "demo", true},
		{"demo wins over the project", withFleet, []string{"--demo"}, "demo", true},
		{"demo and no-fleet", t.TempDir(), []string{"--demo", "--no-fleet"}, "--demo and --no-fleet cannot be used together", false},
		{"speed zero", t.TempDir(), []string{"--demo", "--fleet-speed", "0"}, "--fleet-speed must be in (0, 1000], got 0", false},
		{"speed huge", t.TempDir(), []string{"--fleet-speed", "1e6"}, "--fleet-speed must be in (0, 1000]", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, _ := testFactory()
			f.WorkDir = tt.dir
			opts := devFleetOpts(t, tt.args...)
			df, sopts, err := prepareDevFleet(f, opts, nil)
			got := "none"
			switch {
			case err != nil:
				got = err.Error()
				var fe *FlagError
				if !errors.As(err, &fe) {
					t.Errorf("%v is not a usage error", err)
				}
			case df != nil && df.project == nil:
				got = "demo"
			case df != nil:
				got = "project"
			}
			if !strings.Contains(got, tt.want) {
				t.Fatalf("got %q, want %q", got, tt.want)
			}
			if (df != nil) != (len(sopts) == 1) {
				t.Errorf("fleet %v but %d server options", df != nil, len(sopts))
			}
			if opts.Quiet != tt.quieted {
				t.Errorf("quiet = %v", opts.Quiet)
			}
		})
	}
}

// A usage mistake stops nl dev before it listens.
func TestDevFleetFlagErrorExitCode(t *testing.T) {
	f, _, errOut := testFactory()
	f.WorkDir = t.TempDir()
	if code := Main([]string{"dev", "--ephemeral", "--demo", "--no-fleet", "--addr", "127.0.0.1:0"}, f); code != 2 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	if !strings.Contains(errOut.String(), "--demo and --no-fleet cannot be used together") {
		t.Errorf("stderr: %s", errOut)
	}
}

// BenchmarkDevDemoStart measures nl dev --demo's start-up beyond the
// server: deploying the demo function through the Lambda API, compiling it
// for three emulated ESP8266s, until the fleet API answers with a running
// fleet.
func BenchmarkDevDemoStart(b *testing.B) {
	for i := 0; i < b.N; i++ {
		f, _, _ := testFactory()
		f.WorkDir = b.TempDir()
		opts := &DevOptions{AccessKey: "test", SecretKey: "test", Region: "us-east-1"}
		fs := pflag.NewFlagSet("dev", pflag.ContinueOnError)
		addFleetFlags(fs, opts)
		if err := fs.Parse([]string{"--demo"}); err != nil {
			b.Fatal(err)
		}
		df, sopts, err := prepareDevFleet(f, opts, []localstack.Option{localstack.WithStore(store.NewMem()),
			localstack.WithRuntime(pyrt.New()), localstack.WithCredentials(map[string]string{"test": "test"})})
		if err != nil {
			b.Fatal(err)
		}
		srv, err := localstack.New(sopts...)
		if err != nil {
			b.Fatal(err)
		}
		ln, err := net.Listen("tcp", "127.0.0.1:0")
		if err != nil {
			b.Fatal(err)
		}
		url := "http://" + ln.Addr().String()
		ctx, cancel := context.WithCancel(context.Background())
		served := make(chan struct{})
		df.start(ctx, url, opts, f.IO)
		go func() { srv.Serve(ctx, ln); close(served) }()
		c, _ := events.NewClient(url, nil)
		for {
			s, err := c.Snapshot(context.Background())
			if err == nil && s.Running {
				break
			}
			time.Sleep(time.Millisecond)
		}
		b.StopTimer()
		cancel()
		<-served
		df.wait()
		b.StartTimer()
	}
}
