package fleet

import (
	"context"
	"errors"
	"fmt"
	"math/rand/v2"
	"sort"
	"sync"
	"time"

	"github.com/nanolambda/nl/fleet/events"
	"github.com/nanolambda/nl/scheduler"
)

// DeviceConfig is one emulated device.
type DeviceConfig struct {
	Name     string
	Profile  string               // profile name, for display
	Spec     scheduler.DeviceSpec // the profile's figures
	Function string
	RateHz   float64 // events per second of fleet time
	Policy   string  // "" = Config.Scheduler.Policy
	Source   Source
	Local    Executor
}

// Config sets up a fleet.
type Config struct {
	Devices []DeviceConfig
	Tiers   []TierConfig // remote tiers, nearest first
	Spikes  []SpikeConfig
	// Scheduler is the template for every device's scheduler: policy,
	// objective, deadline, alpha, exploration. Device and Remotes are filled
	// per device.
	Scheduler scheduler.Config
	Seed      int64
	// Speed is fleet seconds per wall-clock second for Run; 0 means 1.
	Speed float64
	// Start is the fleet clock's origin; zero means 2026-01-01 UTC, so that
	// runs are reproducible.
	Start time.Time
	// RemoteTimeout bounds a remote call, in wall time and in the model; 0
	// means scheduler.DefaultRemoteTimeout.
	RemoteTimeout time.Duration
	Backlog       int // events kept for reconnecting clients; 0 = 1000
}

// Fleet is a running set of emulated devices. Its methods are safe for
// concurrent use: Run (or Step) in one goroutine, HTTP handlers in others.
type Fleet struct {
	mu      sync.Mutex
	cfg     Config
	now     time.Time
	devices []*device
	byName  map[string]*device
	net     *network
	remotes map[scheduler.Tier]Remote
	funcs   map[string]*funcState
	broker  *broker
	running bool
}

type device struct {
	cfg      DeviceConfig
	sched    *scheduler.Scheduler
	rng      *rand.Rand
	next     time.Time
	interval time.Duration
	seq      uint64
	state    events.DeviceState
	recent   []time.Time // event times in the last rateWindow
}

type funcState struct {
	latency map[string][]float64
}

// rateWindow is the span events/s is measured over; sparkLen the number of
// latencies kept per function and tier.
const (
	rateWindow = 10 * time.Second
	sparkLen   = 60
)

// DefaultStart is the fleet clock's default origin.
var DefaultStart = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// New checks cfg and builds the fleet; it starts nothing.
func New(cfg Config) (*Fleet, error) {
	if len(cfg.Devices) == 0 {
		return nil, errors.New("fleet has no devices: add [[fleet]] entries to nanolambda.toml or use --demo")
	}
	if cfg.Start.IsZero() {
		cfg.Start = DefaultStart
	}
	if cfg.Speed < 0 {
		return nil, fmt.Errorf("speed %g must not be negative", cfg.Speed)
	}
	if cfg.Speed == 0 {
		cfg.Speed = 1
	}
	if cfg.RemoteTimeout == 0 {
		cfg.RemoteTimeout = scheduler.DefaultRemoteTimeout
	}
	net, err := newNetwork(cfg.Start, cfg.Tiers, cfg.Spikes, cfg.Seed)
	if err != nil {
		return nil, err
	}
	f := &Fleet{cfg: cfg, now: cfg.Start, byName: map[string]*device{}, net: net,
		remotes: map[scheduler.Tier]Remote{}, funcs: map[string]*funcState{}, broker: newBroker(cfg.Backlog)}
	remotes := make([]scheduler.Tier, 0, len(cfg.Tiers))
	for _, t := range cfg.Tiers {
		f.remotes[t.Tier] = t.Remote
		remotes = append(remotes, t.Tier)
	}
	for i, dc := range cfg.Devices {
		if dc.Name == "" {
			return nil, fmt.Errorf("fleet device %d has no name", i+1)
		}
		if _, dup := f.byName[dc.Name]; dup {
			return nil, fmt.Errorf("fleet device %q listed twice", dc.Name)
		}
		if dc.Function == "" || dc.Local == nil || dc.Source == nil {
			return nil, fmt.Errorf("fleet device %q: needs a function, an executor and a sensor source", dc.Name)
		}
		if !(dc.RateHz > 0 && dc.RateHz <= 1000) {
			return nil, fmt.Errorf("fleet device %q: rate_hz must be in (0, 1000], got %g", dc.Name, dc.RateHz)
		}
		sc := cfg.Scheduler
		sc.Device = dc.Spec
		if sc.Device.Name == "" {
			sc.Device.Name = dc.Name
		}
		sc.Remotes = remotes
		if dc.Policy != "" {
			sc.Policy = dc.Policy
		}
		if sc.RemoteTimeout == 0 {
			sc.RemoteTimeout = cfg.RemoteTimeout
		}
		s, err := scheduler.New(sc)
		if err != nil {
			return nil, fmt.Errorf("fleet device %q: %w", dc.Name, err)
		}
		iv := time.Duration(float64(time.Second) / dc.RateHz)
		d := &device{
			cfg: dc, sched: s, interval: iv,
			rng: rand.New(rand.NewPCG(uint64(cfg.Seed), uint64(i+1))),
			// Stagger first events so devices at one rate interleave.
			next: cfg.Start.Add(iv * time.Duration(i+1) / time.Duration(len(cfg.Devices)+1)),
			state: events.DeviceState{
				Name: dc.Name, Profile: dc.Profile, Function: dc.Function, Policy: s.Policy(),
				RateHz: dc.RateHz, HeapBudget: dc.Spec.HeapBytes, BatteryMJ: dc.Spec.BatteryMJ,
				BatteryLeft: dc.Spec.BatteryMJ, PerTier: map[string]int{},
			},
		}
		f.devices = append(f.devices, d)
		f.byName[dc.Name] = d
	}
	return f, nil
}

// Now is the fleet clock.
func (f *Fleet) Now() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.now
}

// nextDevice is the device whose next event comes first (ties: config order).
func (f *Fleet) nextDevice() *device {
	var n *device
	for _, d := range f.devices {
		if n == nil || d.next.Before(n.next) {
			n = d
		}
	}
	return n
}

// NextAt is the fleet time of the next event.
func (f *Fleet) NextAt() time.Time {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.nextDevice().next
}

// Step processes the next event: advance the clock to it, place it, run it,
// feed the outcome back to the scheduler and publish the decision. It
// returns the published decision event.
func (f *Fleet) Step(ctx context.Context) (events.Event, error) {
	f.mu.Lock()
	d := f.nextDevice()
	f.now = d.next
	now := f.now
	d.next = d.next.Add(d.interval)
	for _, ns := range f.net.changes(now) {
		ns := ns
		f.broker.publish(events.Event{Time: now, Kind: events.KindNetwork, Network: &ns})
	}
	d.seq++
	payload := d.cfg.Source.Next(d.rng, d.cfg.Name, d.seq)
	req := scheduler.Request{Function: d.cfg.Function, PayloadBytes: len(payload), BatteryMJ: d.state.BatteryLeft}
	dec := d.sched.Decide(req)
	// Draw the network for every remote tier now, under the lock and in a
	// fixed order, so the draws do not depend on which tier was chosen.
	type draw struct {
		rttMS float64
		lost  bool
	}
	draws := map[scheduler.Tier]draw{}
	for _, t := range f.net.order {
		r, l := f.net.sample(t, d.cfg.Spec.Radio.RTTMillis, now)
		draws[t] = draw{r, l}
	}
	f.mu.Unlock()

	// Run without the lock: executors may take real time.
	ex := &execution{f: f, d: d, payload: payload}
	ex.run(ctx, dec.Tier, true, func(t scheduler.Tier) (float64, bool) { dr := draws[t]; return dr.rttMS, dr.lost })
	if err := ctx.Err(); err != nil {
		return events.Event{}, err
	}

	f.mu.Lock()
	defer f.mu.Unlock()
	for _, o := range ex.outcomes {
		d.sched.Observe(o)
		if o.Tier != scheduler.Device && !o.Lost && o.RTT > 0 {
			f.net.record(o.Tier, float64(o.RTT)/float64(time.Millisecond))
		}
	}
	ev := ex.decision(dec)
	f.account(d, ex, dec.Tier, now)
	return f.broker.publish(events.Event{Time: now, Kind: events.KindDecision, Decision: ev}), nil
}

// account updates the device's and the function's state after an event.
// account adds an execution to the device's counters and to the function's
// latencies on placed, the tier the scheduler chose: after a fallback the
// latency includes the failed call's timeout, which belongs to that choice,
// not to the tier that finally ran it.
func (f *Fleet) account(d *device, ex *execution, placed scheduler.Tier, now time.Time) {
	st := &d.state
	st.Events++
	st.EnergyMJ += ex.energy
	if st.BatteryMJ > 0 {
		st.BatteryLeft = max(0, st.BatteryLeft-ex.energy)
	}
	st.PerTier[ex.ranOn.String()]++
	if ex.err != "" {
		st.Failures++
	}
	if ex.deviceHeap > 0 {
		st.HeapUsed = ex.deviceHeap
		st.HeapPeak = max(st.HeapPeak, ex.deviceHeap)
	}
	d.recent = append(d.recent, now)
	cut := 0
	for cut < len(d.recent) && now.Sub(d.recent[cut]) >= rateWindow {
		cut++
	}
	d.recent = d.recent[cut:]
	fs := f.funcs[d.cfg.Function]
	if fs == nil {
		fs = &funcState{latency: map[string][]float64{}}
		f.funcs[d.cfg.Function] = fs
	}
	if ex.err == "" {
		l := append(fs.latency[placed.String()], ex.latency.Seconds()*1e3)
		if len(l) > sparkLen {
			l = l[len(l)-sparkLen:]
		}
		fs.latency[placed.String()] = l
	}
}

// execution is one event's run, fallbacks included.
type execution struct {
	f          *Fleet
	d          *device
	payload    []byte
	outcomes   []scheduler.Outcome
	latency    time.Duration
	energy     float64
	ranOn      scheduler.Tier
	fallback   bool
	err        string
	deviceHeap int64
}

// run executes on tier t; after a failure it falls back once: a lost or
// failed remote call to the device, a MemoryError to the nearest remote.
func (ex *execution) run(ctx context.Context, t scheduler.Tier, fallback bool, net func(scheduler.Tier) (float64, bool)) {
	spec := ex.d.cfg.Spec
	fn := ex.d.cfg.Function
	ex.ranOn = t
	if t == scheduler.Device {
		r, err := ex.d.cfg.Local.Invoke(ctx, fn, ex.payload)
		if err != nil {
			ex.err = fmt.Sprintf("device %s: %v", ex.d.cfg.Name, err)
			return
		}
		energy := r.EnergyMJ
		if energy == 0 {
			energy = spec.ActivePowerMW * r.Duration.Seconds()
		}
		ex.latency += r.Duration
		ex.energy += energy
		ex.deviceHeap = r.PeakHeap
		ex.outcomes = append(ex.outcomes, scheduler.Outcome{
			Function: fn, Tier: t, PayloadBytes: len(ex.payload), Latency: r.Duration, Exec: r.Duration,
			Steps: r.Steps, PeakHeap: r.PeakHeap, ResultBytes: len(r.Output), EnergyMJ: energy, OutOfMemory: r.OutOfMemory,
		})
		if r.OutOfMemory && fallback && len(ex.f.net.order) > 0 {
			ex.fallback = true
			ex.run(ctx, ex.f.net.order[0], false, net)
			return
		}
		ex.err = r.Error
		return
	}
	rttMS, lost := net(t)
	rtt := time.Duration(rttMS * float64(time.Millisecond))
	timeout := ex.f.cfg.RemoteTimeout
	var result []byte
	var dur time.Duration
	var err error
	if !lost {
		cctx, cancel := context.WithTimeout(ctx, timeout)
		result, dur, err = ex.f.remotes[t].Invoke(cctx, fn, ex.payload)
		cancel()
		if ctx.Err() != nil {
			return
		}
	}
	if lost || err != nil {
		// A lost call costs the device the whole timeout; one the remote
		// answered with an error (the function cannot run there) only the
		// round trip. Either way the scheduler learns that the tier failed.
		wait := timeout
		if !lost && !errors.Is(err, context.DeadlineExceeded) && dur < timeout {
			wait = min(timeout, rtt+time.Duration(float64(len(ex.payload))/spec.Radio.BytesPerSec*float64(time.Second))+dur)
		}
		ex.latency += wait
		e := spec.IdlePowerMW*wait.Seconds() + spec.Radio.MJPerByte*float64(len(ex.payload))
		ex.energy += e
		ex.outcomes = append(ex.outcomes, scheduler.Outcome{Function: fn, Tier: t, PayloadBytes: len(ex.payload),
			Latency: wait, EnergyMJ: e, Lost: true})
		if fallback {
			ex.fallback = true
			ex.run(ctx, scheduler.Device, false, net)
			return
		}
		if err != nil {
			ex.err = fmt.Sprintf("%s: %v", t, err)
		} else {
			ex.err = fmt.Sprintf("%s: call lost (network)", t)
		}
		return
	}
	bytes := float64(len(ex.payload) + len(result))
	lat := rtt + time.Duration(bytes/spec.Radio.BytesPerSec*float64(time.Second)) + dur
	e := spec.Radio.MJPerByte*bytes + spec.IdlePowerMW*lat.Seconds()
	ex.latency += lat
	ex.energy += e
	ex.outcomes = append(ex.outcomes, scheduler.Outcome{Function: fn, Tier: t, PayloadBytes: len(ex.payload),
		Latency: lat, Exec: dur, RTT: rtt, BytesPerSec: spec.Radio.BytesPerSec, ResultBytes: len(result), EnergyMJ: e})
}

func (ex *execution) decision(dec scheduler.Decision) *events.Decision {
	ev := &events.Decision{
		Device: ex.d.cfg.Name, Function: dec.Function, Policy: dec.Policy, Tier: dec.Tier.String(),
		RanOn: ex.ranOn.String(), Explore: dec.Explore, Reason: dec.Reason, PayloadBytes: len(ex.payload),
		ActualMS: ex.latency.Seconds() * 1e3, EnergyMJ: ex.energy, PeakHeap: ex.deviceHeap,
		Fallback: ex.fallback, Error: ex.err,
	}
	for _, o := range dec.Options {
		ev.Options = append(ev.Options, events.Option{Tier: o.Tier.String(), LatencyMS: o.LatencyMS,
			EnergyMJ: o.EnergyMJ, Known: o.Known, Feasible: o.Feasible, Note: o.Note})
		if o.Tier == dec.Tier && o.Known {
			ev.PredictedMS = o.LatencyMS
		}
	}
	for _, o := range ex.outcomes {
		if o.PeakHeap > ev.PeakHeap {
			ev.PeakHeap = o.PeakHeap
		}
	}
	return ev
}

// Run steps the fleet until ctx ends, pacing fleet time against the wall
// clock at Config.Speed. It returns nil when ctx is cancelled.
func (f *Fleet) Run(ctx context.Context) error {
	f.mu.Lock()
	if f.running {
		f.mu.Unlock()
		return errors.New("fleet is already running")
	}
	f.running = true
	wall0, fleet0 := time.Now(), f.now
	f.mu.Unlock()
	defer func() {
		f.mu.Lock()
		f.running = false
		f.mu.Unlock()
	}()
	for {
		next := f.NextAt()
		due := wall0.Add(time.Duration(float64(next.Sub(fleet0)) / f.cfg.Speed))
		if wait := time.Until(due); wait > 0 {
			t := time.NewTimer(wait)
			select {
			case <-ctx.Done():
				t.Stop()
				return nil
			case <-t.C:
			}
		}
		if _, err := f.Step(ctx); err != nil {
			if ctx.Err() != nil {
				return nil
			}
			return err
		}
	}
}

// Snapshot returns the fleet's current state.
func (f *Fleet) Snapshot() events.Snapshot {
	f.mu.Lock()
	defer f.mu.Unlock()
	s := events.Snapshot{Time: f.now, Seq: f.broker.last(), Running: f.running, Policies: scheduler.Policies}
	for _, d := range f.devices {
		st := d.state
		st.PerTier = make(map[string]int, len(d.state.PerTier))
		for k, v := range d.state.PerTier {
			st.PerTier[k] = v
		}
		st.EventsPerSec = float64(len(d.recent)) / rateWindow.Seconds()
		if el := f.now.Sub(f.cfg.Start); el > 0 && el < rateWindow {
			st.EventsPerSec = float64(len(d.recent)) / el.Seconds()
		}
		s.Devices = append(s.Devices, st)
	}
	for _, t := range f.net.order {
		s.Network = append(s.Network, f.net.state(t, f.now))
	}
	names := make([]string, 0, len(f.funcs))
	for n := range f.funcs {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fs := events.FunctionState{Name: n, LatencyMS: map[string][]float64{}}
		for t, l := range f.funcs[n].latency {
			fs.LatencyMS[t] = append([]float64{}, l...)
		}
		s.Functions = append(s.Functions, fs)
	}
	return s
}

// ErrNoDevice is returned for an unknown device name.
var ErrNoDevice = errors.New("no such device")

// SetPolicy switches one device's policy and publishes the change.
func (f *Fleet) SetPolicy(name, policy string) (events.DeviceState, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	d, ok := f.byName[name]
	if !ok {
		return events.DeviceState{}, fmt.Errorf("%w %q in this fleet", ErrNoDevice, name)
	}
	from := d.sched.Policy()
	if err := d.sched.SetPolicy(policy); err != nil {
		return events.DeviceState{}, err
	}
	d.state.Policy = policy
	f.broker.publish(events.Event{Time: f.now, Kind: events.KindPolicy,
		Policy: &events.PolicyChange{Device: name, From: from, To: policy}})
	return d.state, nil
}

// InjectSpike starts a network spike now, in fleet time.
func (f *Fleet) InjectSpike(r events.SpikeRequest) ([]events.NetworkState, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	if len(f.net.order) == 0 {
		return nil, errors.New("this fleet has no remote tier to spike")
	}
	if err := f.net.inject(f.now, r); err != nil {
		return nil, err
	}
	var out []events.NetworkState
	for _, ns := range f.net.changes(f.now) {
		ns := ns
		f.broker.publish(events.Event{Time: f.now, Kind: events.KindNetwork, Network: &ns})
		out = append(out, ns)
	}
	if out == nil {
		for _, t := range f.net.order {
			out = append(out, f.net.state(t, f.now))
		}
	}
	return out, nil
}

// Subscribe returns the kept events after since and a channel of the
// following ones; cancel when done. The channel closes if the subscriber
// falls too far behind.
func (f *Fleet) Subscribe(since uint64) ([]events.Event, <-chan events.Event, func()) {
	return f.broker.subscribe(since)
}
