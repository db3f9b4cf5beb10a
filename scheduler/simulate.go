package scheduler

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Step is one simulated invocation.
type Step struct {
	Index        int      `json:"i"`
	PayloadBytes int      `json:"payload_bytes"`
	Decision     Decision `json:"decision"`
	// What actually happened, fallbacks included.
	LatencyMS float64 `json:"latency_ms"`
	EnergyMJ  float64 `json:"energy_mj"`
	Fallback  bool    `json:"fallback,omitempty"` // the first tier failed and another ran it
	Failed    bool    `json:"failed,omitempty"`   // no tier completed it
	Missed    bool    `json:"missed,omitempty"`   // deadline missed
	// The hindsight-optimal tier, knowing the event's true costs.
	Optimal Tier `json:"optimal"`
	Agree   bool `json:"agree"`
}

// Result summarises a simulation.
type Result struct {
	Scenario       string         `json:"scenario"`
	Policy         string         `json:"policy"`
	Objective      string         `json:"objective"`
	Events         int            `json:"events"`
	TotalLatencyMS float64        `json:"total_latency_ms"`
	MeanLatencyMS  float64        `json:"mean_latency_ms"`
	TotalEnergyMJ  float64        `json:"total_energy_mj"`
	DeadlineMisses int            `json:"deadline_misses"`
	Failures       int            `json:"failures"`
	Fallbacks      int            `json:"fallbacks"`
	Agreement      float64        `json:"agreement"` // fraction of decisions agreeing with the hindsight optimum
	PerTier        map[string]int `json:"per_tier"`
	// Cost is the objective's total: latency in ms or energy in mJ.
	Cost float64 `json:"cost"`
	// BatteryLeftMJ and DepletedAt (-1 if never) for battery-powered devices.
	BatteryLeftMJ float64 `json:"battery_left_mj,omitempty"`
	DepletedAt    int     `json:"depleted_at"`
	// Recovery[i] is how many invocations after spike i ended the policy
	// took to choose the optimal tier again (-1 if it never did).
	Recovery []int `json:"recovery"`
	// Steps is every decision; callers that want only the totals may
	// drop it (nl sched simulate --summary), and JSON then omits it.
	Steps []Step `json:"steps,omitempty"`
}

// truth is an event's real conditions, drawn once per event so that every
// policy sees the same trace.
type truth struct {
	payload int
	steps   float64
	heap    float64
	net     [numTiers]struct {
		rtt, bw float64 // seconds, bytes per second
		lost    bool
	}
}

type run struct {
	lat, energy      float64 // seconds, mJ
	fallback, failed bool
	outcomes         []Outcome
}

type simulator struct {
	sc    *Scenario
	dev   DeviceSpec
	tiers map[Tier]ScenarioTier
	near  Tier // nearest remote, Device if none
}

// Simulate runs policy over the scenario and compares each decision with the
// hindsight optimum. It is deterministic: the same scenario and policy give
// the same Result.
func Simulate(sc *Scenario, policy string) (*Result, error) {
	s, err := New(sc.SchedulerConfig(policy))
	if err != nil {
		return nil, fmt.Errorf("scenario %s: %w", sc.Name, err)
	}
	sim := &simulator{sc: sc, dev: sc.deviceSpec(), tiers: map[Tier]ScenarioTier{}, near: Device}
	for i, t := range sc.Tiers {
		sim.tiers[t.tier] = t
		if i == 0 {
			sim.near = t.tier
		}
	}
	events := sim.draw()
	res := &Result{
		Scenario: sc.Name, Policy: s.Policy(), Objective: sc.Objective, Events: sc.Events,
		PerTier: map[string]int{}, DepletedAt: -1, Steps: make([]Step, 0, sc.Events),
	}
	battery := sim.dev.BatteryMJ
	idle := sim.dev.IdlePowerMW * sc.IntervalMS / 1e3
	deadline := sc.DeadlineMS / 1e3
	agree := 0
	candidates := append([]Tier{Device}, s.cfg.Remotes...)
	for i := range events {
		ev := &events[i]
		d := s.Decide(Request{Function: sc.Function.Name, PayloadBytes: ev.payload, BatteryMJ: battery})
		r := sim.execute(ev, d.Tier, true)
		for _, o := range r.outcomes {
			s.Observe(o)
		}
		// Hindsight: every tier's real cost for this very event.
		all := make([]run, len(candidates))
		for j, t := range candidates {
			all[j] = sim.execute(ev, t, true)
		}
		opt := sim.best(candidates, all)
		chosen := sim.objectiveCost(r)
		optCost := sim.objectiveCost(all[opt])
		// Agreement: the optimal tier, or one that did as well (a tie).
		ok := d.Tier == candidates[opt] || chosen <= optCost*1.01+1e-12
		if deadline > 0 && r.lat > deadline && all[opt].lat <= deadline {
			ok = false
		}
		if ok {
			agree++
		}
		st := Step{
			Index: i, PayloadBytes: ev.payload, Decision: d,
			LatencyMS: r.lat * 1e3, EnergyMJ: r.energy,
			Fallback: r.fallback, Failed: r.failed,
			Missed:  deadline > 0 && r.lat > deadline,
			Optimal: candidates[opt], Agree: ok,
		}
		res.Steps = append(res.Steps, st)
		res.TotalLatencyMS += st.LatencyMS
		res.TotalEnergyMJ += st.EnergyMJ
		res.PerTier[d.Tier.String()]++
		if st.Missed {
			res.DeadlineMisses++
		}
		if st.Failed {
			res.Failures++
		}
		if st.Fallback {
			res.Fallbacks++
		}
		if sim.dev.BatteryMJ > 0 {
			battery -= r.energy + idle
			if battery <= 0 && res.DepletedAt < 0 {
				res.DepletedAt = i
			}
		}
	}
	res.MeanLatencyMS = res.TotalLatencyMS / float64(sc.Events)
	res.Agreement = float64(agree) / float64(sc.Events)
	res.Cost = res.TotalLatencyMS
	if sc.Objective == ObjectiveEnergy || sc.DeadlineMS > 0 {
		res.Cost = res.TotalEnergyMJ
	}
	if sim.dev.BatteryMJ > 0 {
		res.BatteryLeftMJ = math.Max(battery, 0)
	}
	res.Recovery = make([]int, len(sc.Spikes))
	for k, sp := range sc.Spikes {
		res.Recovery[k] = -1
		for i := sp.To; i < len(res.Steps); i++ {
			st := res.Steps[i]
			if !st.Decision.Explore && st.Decision.Tier == st.Optimal {
				res.Recovery[k] = i - sp.To
				break
			}
		}
	}
	return res, nil
}

// draw generates every event's true conditions from the scenario's seed.
func (sim *simulator) draw() []truth {
	sc := sim.sc
	rng := rand.New(rand.NewPCG(uint64(sc.Seed), 0x6e6c))
	out := make([]truth, sc.Events)
	phase := 0
	f := sc.Function
	for i := range out {
		for phase+1 < len(sc.Payload) && sc.Payload[phase+1].From <= i {
			phase++
		}
		ph := sc.Payload[phase]
		p := ph.Bytes
		u := rng.Float64() // always drawn, so phases do not shift later draws
		if ph.MaxBytes > ph.Bytes {
			p = ph.Bytes + int(u*float64(ph.MaxBytes-ph.Bytes+1))
		}
		ev := &out[i]
		ev.payload = p
		ev.steps = (f.Steps + f.StepsPerByte*float64(p)) * (1 + f.Jitter*(2*rng.Float64()-1))
		ev.heap = f.HeapBytes + f.HeapPerByte*float64(p)
		for t := Edge; t < numTiers; t++ {
			jit := 1 + 0.1*(2*rng.Float64()-1) // ±10% round-trip jitter
			lossDraw := rng.Float64()
			tt, ok := sim.tiers[t]
			if !ok {
				continue
			}
			n := &ev.net[t]
			rtt := (sc.Device.Radio.RTTMillis + tt.RTTMillis) * jit
			n.bw = sc.Device.Radio.BytesPerSec
			loss := 0.0
			for _, sp := range sc.Spikes {
				if i >= sp.From && i < sp.To && (sp.Tier == "" || sp.Tier == t.String()) {
					rtt += sp.RTTMillis * jit
					loss = math.Max(loss, sp.Loss)
					if sp.BytesPerSec > 0 {
						n.bw = math.Min(n.bw, sp.BytesPerSec)
					}
				}
			}
			n.rtt = rtt / 1e3
			n.lost = lossDraw < loss
		}
	}
	return out
}

// execute returns what really happens when ev runs on t; with fallback, a
// failure on the first tier is followed by a run on the other side (the
// device after a lost call, the nearest remote after a MemoryError).
func (sim *simulator) execute(ev *truth, t Tier, fallback bool) run {
	sc, dev := sim.sc, sim.dev
	fn := sc.Function.Name
	steps := uint64(math.Round(ev.steps))
	base := Outcome{Function: fn, Tier: t, PayloadBytes: ev.payload, Steps: steps,
		PeakHeap: int64(ev.heap), ResultBytes: sc.Function.ResultBytes}
	var r run
	if t == Device {
		lat := ev.steps * dev.secondsPerStep()
		if dev.HeapBytes > 0 && ev.heap > float64(dev.HeapBytes) {
			// MemoryError part-way through: count half the run.
			lat /= 2
			o := base
			o.OutOfMemory, o.Steps, o.Latency, o.EnergyMJ = true, steps/2, secs(lat), dev.ActivePowerMW*lat
			r = run{lat: lat, energy: o.EnergyMJ, outcomes: []Outcome{o}, failed: true}
			if fallback && sim.near != Device {
				r2 := sim.execute(ev, sim.near, false)
				r.lat += r2.lat
				r.energy += r2.energy
				r.outcomes = append(r.outcomes, r2.outcomes...)
				r.failed, r.fallback = r2.failed, true
			}
			return r
		}
		o := base
		o.Latency, o.Exec, o.EnergyMJ = secs(lat), secs(lat), dev.ActivePowerMW*lat
		return run{lat: lat, energy: o.EnergyMJ, outcomes: []Outcome{o}}
	}
	tt := sim.tiers[t]
	n := ev.net[t]
	if n.lost {
		to := sc.RemoteTimeoutMS / 1e3
		o := base
		o.Lost, o.Steps, o.PeakHeap, o.ResultBytes = true, 0, 0, 0
		o.Latency = secs(to)
		o.EnergyMJ = dev.IdlePowerMW*to + dev.Radio.MJPerByte*float64(ev.payload)
		r = run{lat: to, energy: o.EnergyMJ, outcomes: []Outcome{o}, failed: true}
		if fallback {
			r2 := sim.execute(ev, Device, false)
			r.lat += r2.lat
			r.energy += r2.energy
			r.outcomes = append(r.outcomes, r2.outcomes...)
			r.failed, r.fallback = r2.failed, true
		}
		return r
	}
	exec := ev.steps/tt.StepsPerSec + tt.ExtraMS/1e3
	bytes := float64(ev.payload + sc.Function.ResultBytes)
	lat := n.rtt + bytes/n.bw + exec
	o := base
	o.Latency, o.Exec, o.RTT, o.BytesPerSec = secs(lat), secs(exec), secs(n.rtt), n.bw
	o.EnergyMJ = dev.Radio.MJPerByte*bytes + dev.IdlePowerMW*lat
	return run{lat: lat, energy: o.EnergyMJ, outcomes: []Outcome{o}}
}

func secs(s float64) time.Duration { return time.Duration(s * float64(time.Second)) }

// objectiveCost is what the hindsight optimum minimises for one run.
func (sim *simulator) objectiveCost(r run) float64 {
	if r.failed {
		return math.Inf(1)
	}
	if sim.sc.Objective == ObjectiveEnergy || sim.sc.DeadlineMS > 0 {
		return r.energy
	}
	return r.lat
}

// best picks the hindsight-optimal run: with a deadline, the least energy
// among runs meeting it (the fastest if none does); otherwise the least
// objective cost. Failed runs lose to any completed one.
func (sim *simulator) best(tiers []Tier, runs []run) int {
	deadline := sim.sc.DeadlineMS / 1e3
	b := -1
	for i, r := range runs {
		if r.failed || (deadline > 0 && r.lat > deadline) {
			continue
		}
		if b < 0 || sim.objectiveCost(r) < sim.objectiveCost(runs[b]) {
			b = i
		}
	}
	if b >= 0 {
		return b
	}
	for i, r := range runs {
		if b < 0 || (!r.failed && (runs[b].failed || r.lat < runs[b].lat)) {
			b = i
		}
	}
	return b
}
