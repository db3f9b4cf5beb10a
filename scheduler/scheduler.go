package scheduler

import (
	"fmt"
	"math"
	"time"
)

// Policy names accepted by Config.Policy and SetPolicy.
const (
	PolicyLocal   = "local"
	PolicyRemote  = "remote"
	PolicyHistory = "history"
	PolicyCost    = "cost"
)

// Policies lists every policy, in the order the documentation gives them.
var Policies = []string{PolicyLocal, PolicyRemote, PolicyHistory, PolicyCost}

// Objectives of the cost policy and of the simulator's hindsight optimum.
const (
	ObjectiveLatency = "latency"
	ObjectiveEnergy  = "energy"
)

// Defaults used when the matching Config field is zero.
const (
	DefaultAlpha         = 0.3
	DefaultExploreEvery  = 10
	DefaultRemoteTimeout = 2 * time.Second
	DefaultLowBattery    = 0.2
	DefaultHistoryWindow = 5
	DefaultRetryEvery    = 10
	// heapMargin inflates the predicted peak heap: placing a function that
	// then dies of MemoryError costs far more than offloading it.
	heapMargin = 1.05
	// maxBackoff caps how far exploration of a tier that keeps losing is
	// spread out, as a multiple of ExploreEvery; it bounds recovery time.
	maxBackoff = 2
)

// Config sets up a Scheduler for one device.
type Config struct {
	Policy  string     // one of Policies; "" means cost
	Device  DeviceSpec // the device the invocations arrive at
	Remotes []Tier     // remote tiers it can reach, nearest first; nil means edge and cloud
	// Objective is what the cost policy minimises: "latency" (default) or
	// "energy" (device-side energy).
	Objective string
	// Deadline > 0 turns on deadline mode: the least energy that meets it.
	Deadline      time.Duration
	Alpha         float64       // weight of a new sample in every estimate
	ExploreEvery  int           // re-try an option not observed for this many decisions
	RemoteTimeout time.Duration // a lost remote call costs this long
	LowBattery    float64       // below this fraction of capacity, save energy
	HistoryWindow int           // history policy: samples per side
	RetryEvery    int           // history policy: try the other side every n decisions
}

func (c *Config) fill() error {
	if c.Policy == "" {
		c.Policy = PolicyCost
	}
	if !validPolicy(c.Policy) {
		return fmt.Errorf("unknown policy %q (want local, remote, history or cost)", c.Policy)
	}
	if c.Objective == "" {
		c.Objective = ObjectiveLatency
	}
	if c.Objective != ObjectiveLatency && c.Objective != ObjectiveEnergy {
		return fmt.Errorf("unknown objective %q (want latency or energy)", c.Objective)
	}
	if err := c.Device.Validate(); err != nil {
		return err
	}
	if c.Remotes == nil {
		c.Remotes = []Tier{Edge, Cloud}
	}
	seen := map[Tier]bool{}
	for _, t := range c.Remotes {
		if t != Edge && t != Cloud {
			return fmt.Errorf("remote tier must be edge or cloud, not %s", t)
		}
		if seen[t] {
			return fmt.Errorf("remote tier %s listed twice", t)
		}
		seen[t] = true
	}
	if c.Deadline < 0 || c.RemoteTimeout < 0 || c.ExploreEvery < 0 || c.HistoryWindow < 0 || c.RetryEvery < 0 {
		return fmt.Errorf("deadline, remote timeout, explore_every, history window and retry_every must not be negative")
	}
	if c.Alpha == 0 {
		c.Alpha = DefaultAlpha
	}
	if !(c.Alpha > 0 && c.Alpha <= 1) {
		return fmt.Errorf("ewma alpha %g is outside (0, 1]", c.Alpha)
	}
	if c.ExploreEvery == 0 {
		c.ExploreEvery = DefaultExploreEvery
	}
	if c.RemoteTimeout == 0 {
		c.RemoteTimeout = DefaultRemoteTimeout
	}
	if c.LowBattery == 0 {
		c.LowBattery = DefaultLowBattery
	}
	if c.HistoryWindow == 0 {
		c.HistoryWindow = DefaultHistoryWindow
	}
	if c.RetryEvery == 0 {
		c.RetryEvery = DefaultRetryEvery
	}
	return nil
}

func validPolicy(p string) bool {
	for _, q := range Policies {
		if p == q {
			return true
		}
	}
	return false
}

// Request is one invocation waiting for a placement.
type Request struct {
	Function     string
	PayloadBytes int
	// BatteryMJ is the energy left; ignored when the device has no battery.
	BatteryMJ float64
}

// Outcome is what happened to an invocation; feeding it back with Observe is
// how every estimate learns.
type Outcome struct {
	Function     string
	Tier         Tier
	PayloadBytes int
	Latency      time.Duration // end to end, as the device saw it
	Exec         time.Duration // execution time on the tier; 0 if unknown
	RTT          time.Duration // network round trip (remote tiers); 0 if unknown
	BytesPerSec  float64       // measured transfer rate; 0 if unknown
	Steps        uint64        // VM instructions; the same on every tier
	PeakHeap     int64         // bytes under the VM's size model; the same on every tier
	ResultBytes  int
	EnergyMJ     float64 // device-side energy
	Lost         bool    // remote call lost or timed out
	OutOfMemory  bool    // MemoryError on this tier
}

// Option is the prediction for one tier.
type Option struct {
	Tier      Tier    `json:"tier"`
	LatencyMS float64 `json:"latency_ms"`
	EnergyMJ  float64 `json:"energy_mj"`
	Known     bool    `json:"known"`    // enough history to predict
	Feasible  bool    `json:"feasible"` // false: the function cannot run there
	Note      string  `json:"note,omitempty"`
}

// Decision is a placement with the prediction of every option and the
// reason in words.
type Decision struct {
	Function string   `json:"function"`
	Tier     Tier     `json:"tier"`
	Policy   string   `json:"policy"`
	Explore  bool     `json:"explore,omitempty"` // chosen to refresh an estimate
	Reason   string   `json:"reason"`
	Options  []Option `json:"options"`
}

// Option returns the prediction for tier t.
func (d Decision) Option(t Tier) (Option, bool) {
	for _, o := range d.Options {
		if o.Tier == t {
			return o, true
		}
	}
	return Option{}, false
}

type netState struct {
	rtt    ewma // seconds
	minRTT float64
	// lastSeen is the scheduler-wide decision count at the last observation:
	// a sample arriving after ExploreEvery decisions without one replaces the
	// estimate instead of nudging it, because the old value describes a
	// network that may be gone (the end of a spike, say).
	lastSeen int
	bw       ewma // bytes per second
	loss     ewma // 0..1
}

// exploredCost is the best option's cost when another tier was explored:
// energy in mJ when the decision minimised energy (deadline, energy
// objective or low battery), else latency in seconds.
type exploredCost struct {
	cost   float64
	energy bool
}

type fnState struct {
	steps  linear // steps over payload bytes
	heap   linear // peak heap over payload bytes
	result ewma   // result bytes
	exec   [numTiers]linear
	// decisions counts Decide calls; lastSeen the decision count at which
	// each tier was last observed; interval the current exploration spacing.
	decisions int
	lastSeen  [numTiers]int
	observed  [numTiers]bool
	interval  [numTiers]int
	// explored holds, for a tier being explored, the cost of the best option
	// at the time, so Observe can tell whether the tier is still losing.
	explored map[Tier]exploredCost
	// history policy: recent latencies of the device and the remote side.
	hist [2][]float64
}

// Scheduler places the invocations of one device. It is not safe for
// concurrent use; callers serialise Decide and Observe.
type Scheduler struct {
	cfg       Config
	fns       map[string]*fnState
	net       [numTiers]netState
	decisions int
}

// New checks cfg, fills its defaults and returns a Scheduler.
func New(cfg Config) (*Scheduler, error) {
	if err := cfg.fill(); err != nil {
		return nil, err
	}
	return &Scheduler{cfg: cfg, fns: map[string]*fnState{}}, nil
}

// Config returns the configuration in effect, defaults filled in.
func (s *Scheduler) Config() Config { return s.cfg }

// Policy returns the current policy's name.
func (s *Scheduler) Policy() string { return s.cfg.Policy }

// SetPolicy switches policy; learned estimates are kept.
func (s *Scheduler) SetPolicy(p string) error {
	if !validPolicy(p) {
		return fmt.Errorf("unknown policy %q (want local, remote, history or cost)", p)
	}
	s.cfg.Policy = p
	return nil
}

func (s *Scheduler) fn(name string) *fnState {
	f := s.fns[name]
	if f == nil {
		f = &fnState{explored: map[Tier]exploredCost{}}
		for i := range f.interval {
			f.interval[i] = s.cfg.ExploreEvery
		}
		s.fns[name] = f
	}
	return f
}

func (s *Scheduler) nearestRemote() Tier {
	if len(s.cfg.Remotes) == 0 {
		return Device
	}
	return s.cfg.Remotes[0]
}

// Decide places one invocation.
func (s *Scheduler) Decide(r Request) Decision {
	f := s.fn(r.Function)
	f.decisions++
	s.decisions++
	opts := s.predict(f, r)
	d := Decision{Function: r.Function, Policy: s.cfg.Policy, Options: opts}
	switch s.cfg.Policy {
	case PolicyLocal:
		d.Tier, d.Reason = Device, "local policy: always on the device"
	case PolicyRemote:
		t := s.nearestRemote()
		d.Tier, d.Reason = t, fmt.Sprintf("remote policy: always offload to %s", t)
	case PolicyHistory:
		s.decideHistory(f, &d)
	default:
		s.decideCost(f, r, &d)
	}
	return d
}

// predict computes an Option for the device and every remote tier.
func (s *Scheduler) predict(f *fnState, r Request) []Option {
	p := float64(r.PayloadBytes)
	dev := s.cfg.Device
	opts := make([]Option, 0, 1+len(s.cfg.Remotes))

	o := Option{Tier: Device, Feasible: true}
	var devLat float64
	switch {
	case f.steps.known():
		devLat = f.steps.predict(p) * dev.secondsPerStep()
		o.Known = true
	case f.exec[Device].known():
		devLat = f.exec[Device].predict(p)
		o.Known = true
	}
	if o.Known {
		o.LatencyMS = devLat * 1e3
		o.EnergyMJ = dev.ActivePowerMW * devLat
	}
	if f.heap.known() && dev.HeapBytes > 0 {
		need := f.heap.predict(p) * heapMargin
		if need > float64(dev.HeapBytes) {
			o.Feasible = false
			o.Note = fmt.Sprintf("needs ~%d B heap, device has %d B", int64(need), dev.HeapBytes)
		}
	}
	opts = append(opts, o)

	for _, t := range s.cfg.Remotes {
		opts = append(opts, s.predictRemote(f, p, t, devLat, opts[0], false))
	}
	return opts
}

// predictRemote prices running on remote tier t. With best, the network is
// taken at its best observed round trip and without loss: the optimistic
// price that decides whether re-trying a stale option could pay off.
func (s *Scheduler) predictRemote(f *fnState, p float64, t Tier, devLat float64, dev Option, best bool) Option {
	n := &s.net[t]
	spec := s.cfg.Device
	o := Option{Tier: t, Feasible: true, Known: f.exec[t].known() && n.rtt.known()}
	if !o.Known {
		return o
	}
	bw := spec.Radio.BytesPerSec
	if n.bw.known() {
		bw = n.bw.value
	}
	rtt, loss := n.rtt.value, n.loss.value
	if best {
		rtt, loss = n.minRTT, 0
	}
	bytes := p + f.result.value
	lat := rtt + bytes/bw + f.exec[t].predict(p)
	energy := spec.Radio.MJPerByte*bytes + spec.IdlePowerMW*lat
	if loss > 0 {
		// A lost call costs the timeout, then the device runs it.
		to := s.cfg.RemoteTimeout.Seconds()
		fb, fbEnergy := to+devLat, spec.IdlePowerMW*to+spec.Radio.MJPerByte*p+spec.ActivePowerMW*devLat
		if !dev.Feasible || !dev.Known {
			fb, fbEnergy = to+lat, spec.IdlePowerMW*to+spec.Radio.MJPerByte*p+energy
		}
		lat = (1-loss)*lat + loss*fb
		energy = (1-loss)*energy + loss*fbEnergy
		if loss >= 0.05 {
			o.Note = fmt.Sprintf("%.0f%% of calls lost", loss*100)
		}
	}
	o.LatencyMS = lat * 1e3
	o.EnergyMJ = energy
	return o
}

// Observe feeds back what happened to an invocation.
func (s *Scheduler) Observe(o Outcome) {
	if o.Tier < 0 || o.Tier >= numTiers {
		return
	}
	a := s.cfg.Alpha
	f := s.fn(o.Function)
	p := float64(o.PayloadBytes)
	t := o.Tier
	f.lastSeen[t] = f.decisions
	f.observed[t] = true

	if t != Device {
		n := &s.net[t]
		if s.decisions-n.lastSeen >= s.cfg.ExploreEvery {
			n.rtt, n.loss = ewma{}, ewma{}
		}
		n.lastSeen = s.decisions
		if o.Lost {
			n.loss.add(1, a)
			// A timeout says the round trip is at least the timeout.
			n.rtt.add(math.Max(s.cfg.RemoteTimeout.Seconds(), n.rtt.value), a)
		} else {
			n.loss.add(0, a)
			rtt := o.RTT
			if rtt <= 0 && o.Latency > o.Exec {
				rtt = o.Latency - o.Exec
			}
			if rtt > 0 {
				n.rtt.add(rtt.Seconds(), a)
				if n.minRTT == 0 || rtt.Seconds() < n.minRTT {
					n.minRTT = rtt.Seconds()
				}
			}
			if o.BytesPerSec > 0 {
				n.bw.add(o.BytesPerSec, a)
			}
		}
	}
	if o.OutOfMemory {
		// The function asked for more than the device has at this payload
		// size: remember at least that much, so it is not placed here again.
		h := float64(o.PeakHeap)
		if hb := float64(s.cfg.Device.HeapBytes); h <= hb {
			h = hb + 1
		}
		f.heap.add(p, h, a)
	} else if !o.Lost {
		if o.Steps > 0 {
			f.steps.add(p, float64(o.Steps), a)
		}
		if o.PeakHeap > 0 {
			f.heap.add(p, float64(o.PeakHeap), a)
		}
		f.result.add(float64(o.ResultBytes), a)
		exec := o.Exec
		if exec == 0 && t == Device {
			exec = o.Latency
		}
		if exec > 0 || t != Device {
			f.exec[t].add(p, exec.Seconds(), a)
		}
	}

	// Exploration backoff: a tier re-tried and found still losing by more
	// than 10% is re-tried less often, up to maxBackoff × ExploreEvery.
	if best, ok := f.explored[t]; ok {
		delete(f.explored, t)
		// Compare in the unit the decision used: a low-battery decision
		// minimised energy even under the latency objective.
		got := o.Latency.Seconds()
		if best.energy {
			got = o.EnergyMJ
		}
		if got > best.cost*1.1 && !o.OutOfMemory {
			f.interval[t] = min(f.interval[t]*2, s.cfg.ExploreEvery*maxBackoff)
		} else {
			f.interval[t] = s.cfg.ExploreEvery
		}
	}

	side := 0
	if t != Device {
		side = 1
	}
	lat := o.Latency.Seconds()
	h := append(f.hist[side], lat)
	if len(h) > s.cfg.HistoryWindow {
		h = h[len(h)-s.cfg.HistoryWindow:]
	}
	f.hist[side] = h
}
