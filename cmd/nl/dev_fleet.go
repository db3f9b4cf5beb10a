package main

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"os"
	"strings"
	"sync"
	"time"

	"github.com/spf13/pflag"

	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/fleet"
	"github.com/nanolambda/nl/fleet/events"
	"github.com/nanolambda/nl/fleet/wire"
	"github.com/nanolambda/nl/localstack"
)

// devFleetOptions are the flags of `nl dev` that choose its emulated fleet.
type devFleetOptions struct {
	Demo    bool
	NoFleet bool
	Speed   float64
}

// fleetMount is where nl dev serves the fleet API (package fleet/events).
const fleetMount = "/_nl/fleet/"

// fleetStartTimeout bounds deploying the fleet's functions at start-up.
const fleetStartTimeout = time.Minute

// devFleetFlags holds the fleet flags of each nl dev command by its
// options, so that dev.go needs only two calls (addFleetFlags and
// prepareDevFleet) and no field of its own for them.
var devFleetFlags struct {
	sync.Mutex
	m map[*DevOptions]*devFleetOptions
}

// addFleetFlags registers nl dev's fleet flags for the command whose
// options are opts.
func addFleetFlags(fl *pflag.FlagSet, opts *DevOptions) {
	o := &devFleetOptions{}
	devFleetFlags.Lock()
	if devFleetFlags.m == nil {
		devFleetFlags.m = map[*DevOptions]*devFleetOptions{}
	}
	devFleetFlags.m[opts] = o
	devFleetFlags.Unlock()
	fl.BoolVar(&o.Demo, "demo", false, "run the demo fleet: three emulated ESP8266s and a network with spikes (implies --quiet; watch with nl top)")
	fl.BoolVar(&o.NoFleet, "no-fleet", false, "do not run the project's [[fleet]] devices")
	fl.Float64Var(&o.Speed, "fleet-speed", 1, "fleet seconds per wall-clock second (2 runs the fleet twice as fast)")
}

// devFleet is the emulated fleet nl dev runs beside its Lambda and S3 APIs.
// Its functions are deployed through that very Lambda API, so start-up goes
// mount → serve → deploy → hand over: the API is mounted before the server
// is built and answers 503 until the fleet is running.
type devFleet struct {
	opts    devFleetOptions
	project *config.Project // the [[fleet]] source; nil for --demo

	mu      sync.Mutex
	handler http.Handler    // the fleet's API once it runs
	failed  error           // why it will not run
	ctx     context.Context // ends when nl dev stops

	cancel context.CancelFunc
	done   chan struct{}
}

// prepareDevFleet decides which fleet nl dev runs, if any, and returns the
// server options with the fleet API mounted. No fleet (nil) when there is
// neither --demo nor a project with [[fleet]] tables, or with --no-fleet.
func prepareDevFleet(f *Factory, opts *DevOptions, sopts []localstack.Option) (*devFleet, []localstack.Option, error) {
	devFleetFlags.Lock()
	po := devFleetFlags.m[opts]
	devFleetFlags.Unlock()
	o := devFleetOptions{Speed: 1}
	if po != nil {
		o = *po
	}
	if o.Demo && o.NoFleet {
		return nil, sopts, &FlagError{err: errors.New("--demo and --no-fleet cannot be used together")}
	}
	if !(o.Speed > 0 && o.Speed <= 1000) {
		return nil, sopts, &FlagError{err: fmt.Errorf("--fleet-speed must be in (0, 1000], got %g", o.Speed)}
	}
	df := &devFleet{opts: o}
	switch {
	case o.NoFleet:
		return nil, sopts, nil
	case o.Demo:
		// The invocation lines would drown the terminal; nl top shows them.
		opts.Quiet = true
	default:
		p, err := devProject(f)
		if err != nil || p == nil || len(p.Fleet) == 0 {
			return nil, sopts, err
		}
		df.project = p
	}
	return df, append(sopts, localstack.WithExtraHandler(fleetMount, df)), nil
}

// devProject loads the project around the working directory; nil outside one.
func devProject(f *Factory) (*config.Project, error) {
	dir := f.WorkDir
	if dir == "" {
		dir, _ = os.Getwd()
	}
	path, err := config.Find(dir)
	if errors.Is(err, config.ErrNotFound) {
		return nil, nil
	}
	if err != nil {
		return nil, err
	}
	return config.Load(path)
}

// ServeHTTP answers the fleet API, or 503 while the fleet starts or after
// it failed to.
func (df *devFleet) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	df.mu.Lock()
	h, failed, ctx := df.handler, df.failed, df.ctx
	df.mu.Unlock()
	if h != nil {
		// The server's shutdown waits for open requests but does not cancel
		// them: end event streams when nl dev stops, or it would wait for
		// every attached nl top.
		rctx, cancel := context.WithCancel(r.Context())
		defer cancel()
		stop := context.AfterFunc(ctx, cancel)
		defer stop()
		h.ServeHTTP(w, r.WithContext(rctx))
		return
	}
	msg := "the fleet is starting; try again in a moment"
	if failed != nil {
		msg = "the fleet did not start: " + failed.Error()
	}
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Retry-After", "1")
	w.WriteHeader(http.StatusServiceUnavailable)
	_ = json.NewEncoder(w).Encode(events.ErrorBody{Error: msg})
}

// describe is the start-up line saying which fleet runs.
func (df *devFleet) describe() string {
	if df.project == nil {
		// The demo's layout, without its executors.
		cfg, err := fleet.Demo(nil, nil)
		if err != nil || len(cfg.Devices) == 0 {
			return "demo"
		}
		names := make([]string, len(cfg.Devices))
		for i, d := range cfg.Devices {
			names[i] = d.Name
		}
		return fmt.Sprintf("demo: %d emulated %s (%s) running %s, a network with spikes",
			len(names), cfg.Devices[0].Profile, strings.Join(names, ", "), fleet.DemoFunction)
	}
	parts := make([]string, len(df.project.Fleet))
	for i, m := range df.project.Fleet {
		parts[i] = fmt.Sprintf("%s (%s, %s)", m.Name, m.Profile, m.Function)
	}
	noun := "devices"
	if len(parts) == 1 {
		noun = "device"
	}
	return fmt.Sprintf("%d emulated %s from %s: %s", len(parts), noun, df.project.Path, strings.Join(parts, ", "))
}

// start announces the fleet and starts it in the background: deploy its
// functions through nl dev's Lambda API at url (the server must be about
// to serve), build the emulated devices, then run until ctx ends or wait is
// called. Problems are printed and reported by the fleet API; nl dev keeps
// serving S3 and Lambda. A nil fleet does nothing.
func (df *devFleet) start(ctx context.Context, url string, opts *DevOptions, ios *IOStreams) {
	if df == nil {
		return
	}
	out := ios.Out
	fmt.Fprintf(out, "fleet: %s\n", df.describe())
	if df.opts.Speed != 1 {
		fmt.Fprintf(out, "fleet: time runs at %g× the wall clock\n", df.opts.Speed)
	}
	fmt.Fprintf(out, "fleet: snapshot %s%s, event stream %s%s (newline-delimited JSON)\n",
		url, events.PathSnapshot, url, events.PathEvents)
	fmt.Fprintf(out, "fleet: watch it with: nl top --addr %s\n", strings.TrimPrefix(url, "http://"))

	ctx, df.cancel = context.WithCancel(ctx)
	df.done = make(chan struct{})
	df.mu.Lock()
	df.ctx = ctx
	df.mu.Unlock()
	remote := wire.NewLambdaRemote(url, opts.AccessKey, opts.SecretKey, opts.Region)
	go func() {
		defer close(df.done)
		fl, err := df.build(ctx, remote)
		if err != nil {
			if ctx.Err() != nil {
				return
			}
			df.mu.Lock()
			df.failed = err
			df.mu.Unlock()
			fmt.Fprintf(ios.ErrOut, "nl dev: the fleet did not start: %v\n", err)
			return
		}
		// The server has answered the deploy, so this comes after "ready:".
		fmt.Fprintln(out, "fleet: running")
		df.mu.Lock()
		df.handler = fl.Handler()
		df.mu.Unlock()
		if err := fl.Run(ctx); err != nil {
			fmt.Fprintf(ios.ErrOut, "nl dev: the fleet stopped: %v\n", err)
		}
	}()
}

// build deploys the fleet's functions and builds its devices.
func (df *devFleet) build(ctx context.Context, remote *wire.LambdaRemote) (*fleet.Fleet, error) {
	dctx, cancel := context.WithTimeout(ctx, fleetStartTimeout)
	defer cancel()
	var cfg fleet.Config
	var err error
	if df.project == nil {
		cfg, err = wire.DemoFleetConfig(dctx, remote)
	} else {
		cfg, err = wire.ProjectFleetConfig(dctx, df.project, remote)
	}
	if err != nil {
		return nil, err
	}
	cfg.Speed = df.opts.Speed
	return fleet.New(cfg)
}

// wait stops the fleet and waits until it has. A nil fleet does nothing.
func (df *devFleet) wait() {
	if df == nil || df.done == nil {
		return
	}
	df.cancel()
	<-df.done
}
