package scheduler

import (
	"fmt"
	"strings"
)

// decideHistory is the NanoLambda paper's policy: compare the mean latency
// of the last few runs on the device with that of the last few offloaded
// runs, take the faster side, and every RetryEvery decisions take the other
// side instead so that a side that was slow during a spike gets measured
// again. It knows nothing of memory, energy or payload size.
func (s *Scheduler) decideHistory(f *fnState, d *Decision) {
	remote := s.nearestRemote()
	if remote == Device {
		d.Tier, d.Reason = Device, "history policy: no remote tier configured"
		return
	}
	side := func(i int) Tier {
		if i == 0 {
			return Device
		}
		return remote
	}
	for i := 0; i < 2; i++ {
		if len(f.hist[i]) == 0 {
			d.Tier, d.Explore = side(i), true
			d.Reason = fmt.Sprintf("history policy: no runs on %s yet", side(i))
			return
		}
	}
	m0, m1 := mean(f.hist[0]), mean(f.hist[1])
	better := 0
	if m1 < m0 {
		better = 1
	}
	if f.decisions%s.cfg.RetryEvery == 0 {
		d.Tier, d.Explore = side(1-better), true
		d.Reason = fmt.Sprintf("history policy: periodic re-try of %s (every %d)", side(1-better), s.cfg.RetryEvery)
		return
	}
	d.Tier = side(better)
	d.Reason = fmt.Sprintf("history policy: recent mean %s %.0f ms vs %s %.0f ms",
		side(better), 1e3*[]float64{m0, m1}[better], side(1-better), 1e3*[]float64{m0, m1}[1-better])
}

func mean(xs []float64) float64 {
	var s float64
	for _, x := range xs {
		s += x
	}
	return s / float64(len(xs))
}

// decideCost is nl's policy. In order: an option with no history is tried
// (remote tiers first, so the function's heap need is known before it is
// ever run on the device); otherwise the best option is chosen by the
// objective; then, if a feasible option has not been observed for its
// exploration interval, it is re-tried instead, so estimates made stale by a
// network spike recover.
func (s *Scheduler) decideCost(f *fnState, r Request, d *Decision) {
	opts := d.Options
	order := append(append([]Tier{}, s.cfg.Remotes...), Device)
	for _, t := range order {
		if o, _ := d.Option(t); o.Feasible && !o.Known {
			d.Tier, d.Explore = t, true
			d.Reason = fmt.Sprintf("no history on %s yet: trying it", t)
			return
		}
	}

	energyMode, why := false, ""
	switch {
	case s.cfg.Deadline > 0:
		energyMode, why = true, fmt.Sprintf("least energy within the %d ms deadline", s.cfg.Deadline.Milliseconds())
	case s.cfg.Objective == ObjectiveEnergy:
		energyMode, why = true, "least energy"
	case s.cfg.Device.BatteryMJ > 0 && r.BatteryMJ < s.cfg.LowBattery*s.cfg.Device.BatteryMJ:
		energyMode, why = true, fmt.Sprintf("battery at %.0f%%: least energy", 100*r.BatteryMJ/s.cfg.Device.BatteryMJ)
	default:
		why = "fastest"
	}
	cost := func(o Option) float64 {
		if energyMode {
			return o.EnergyMJ
		}
		return o.LatencyMS
	}

	best := -1
	deadlineMS := float64(s.cfg.Deadline.Milliseconds())
	for i, o := range opts {
		if !o.Feasible || (s.cfg.Deadline > 0 && o.LatencyMS > deadlineMS) {
			continue
		}
		if best < 0 || cost(o) < cost(opts[best]) {
			best = i
		}
	}
	if best < 0 && s.cfg.Deadline > 0 {
		// Nothing meets the deadline: miss it by as little as possible.
		why = fmt.Sprintf("nothing meets the %d ms deadline: fastest", s.cfg.Deadline.Milliseconds())
		for i, o := range opts {
			if o.Feasible && (best < 0 || o.LatencyMS < opts[best].LatencyMS) {
				best = i
			}
		}
	}
	if best < 0 {
		d.Tier = Device
		d.Reason = "no feasible option: running on the device anyway"
		return
	}
	d.Tier = opts[best].Tier
	d.Reason = fmt.Sprintf("%s: %s (%s)", d.Tier, why, summarize(opts, best, energyMode))

	// Exploration: the most overdue feasible option other than the best, if
	// at the network's best it would clearly win; an option that would lose
	// even then is not worth a run.
	devLat := opts[0].LatencyMS / 1e3
	stalest, age := -1, 0
	for i, o := range opts {
		if i == best || !o.Feasible {
			continue
		}
		a := f.decisions - f.lastSeen[o.Tier]
		if a < f.interval[o.Tier] || a <= age {
			continue
		}
		if o.Tier != Device {
			o = s.predictRemote(f, float64(r.PayloadBytes), o.Tier, devLat, opts[0], true)
		}
		if cost(o) < 0.9*cost(opts[best]) && (s.cfg.Deadline <= 0 || o.LatencyMS <= deadlineMS) {
			stalest, age = i, a
		}
	}
	if stalest >= 0 {
		t := opts[stalest].Tier
		ec := exploredCost{cost: cost(opts[best]), energy: energyMode}
		if !energyMode {
			ec.cost /= 1e3 // Observe compares seconds
		}
		f.explored[t] = ec
		d.Tier, d.Explore = t, true
		d.Reason = fmt.Sprintf("%s estimate is stale (last observed %d decisions ago) and could win: re-trying it instead of %s",
			t, age, opts[best].Tier)
	}
}

// summarize lists the predictions, the chosen one first, e.g.
// "edge 42 ms 3.1 mJ; device 180 ms 43.2 mJ; cloud: needs …".
func summarize(opts []Option, best int, energyFirst bool) string {
	var b strings.Builder
	write := func(o Option) {
		if b.Len() > 0 {
			b.WriteString("; ")
		}
		switch {
		case !o.Feasible:
			fmt.Fprintf(&b, "%s: %s", o.Tier, o.Note)
		case energyFirst:
			fmt.Fprintf(&b, "%s %.1f mJ %.0f ms", o.Tier, o.EnergyMJ, o.LatencyMS)
		default:
			fmt.Fprintf(&b, "%s %.0f ms %.1f mJ", o.Tier, o.LatencyMS, o.EnergyMJ)
		}
	}
	write(opts[best])
	for i, o := range opts {
		if i != best {
			write(o)
		}
	}
	return b.String()
}
