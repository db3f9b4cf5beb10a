package fleet

import (
	"fmt"
	"math/rand/v2"
	"time"

	"github.com/nanolambda/nl/fleet/events"
	"github.com/nanolambda/nl/scheduler"
)

// TierConfig is one remote tier the fleet can offload to.
type TierConfig struct {
	Tier   scheduler.Tier // Edge or Cloud
	RTTMS  float64        // round trip beyond each device's radio round trip
	Remote Remote
}

// SpikeConfig is a recurring network spike: starting At after the fleet
// starts, then every Every (0: once), for Duration, round trips to Tier
// (Device = every remote tier) grow by RTTMS and a fraction Loss of calls
// is lost.
type SpikeConfig struct {
	Tier      scheduler.Tier
	At, Every time.Duration
	Duration  time.Duration
	RTTMS     float64
	Loss      float64
}

type spike struct {
	tier        scheduler.Tier // Device = all
	from, until time.Time
	rttMS, loss float64
}

// network is the fleet's model of the links to the remote tiers.
type network struct {
	start     time.Time
	base      map[scheduler.Tier]float64
	order     []scheduler.Tier
	scheduled []SpikeConfig
	injected  []spike
	jitter    float64
	rng       *rand.Rand
	recent    map[scheduler.Tier][]float64
	wasSpike  map[scheduler.Tier]bool
}

// recentRTTs is how many measured round trips NetworkState keeps.
const recentRTTs = 60

func newNetwork(start time.Time, tiers []TierConfig, spikes []SpikeConfig, seed int64) (*network, error) {
	n := &network{
		start: start, base: map[scheduler.Tier]float64{}, scheduled: spikes, jitter: 0.1,
		rng:    rand.New(rand.NewPCG(uint64(seed), 0x6e65)),
		recent: map[scheduler.Tier][]float64{}, wasSpike: map[scheduler.Tier]bool{},
	}
	for _, t := range tiers {
		if t.Tier != scheduler.Edge && t.Tier != scheduler.Cloud {
			return nil, fmt.Errorf("remote tier must be edge or cloud, not %s", t.Tier)
		}
		if _, dup := n.base[t.Tier]; dup {
			return nil, fmt.Errorf("remote tier %s configured twice", t.Tier)
		}
		if t.RTTMS < 0 || t.Remote == nil {
			return nil, fmt.Errorf("remote tier %s: needs a Remote and rtt_ms >= 0", t.Tier)
		}
		n.base[t.Tier] = t.RTTMS
		n.order = append(n.order, t.Tier)
	}
	for i, s := range spikes {
		if s.Duration <= 0 || s.At < 0 || s.Every < 0 || !(s.RTTMS >= 0) || !(s.Loss >= 0 && s.Loss <= 1) {
			return nil, fmt.Errorf("spike %d: need duration > 0, at and every >= 0, rtt_ms >= 0, loss in [0, 1]", i+1)
		}
		if s.Every > 0 && s.Every < s.Duration {
			return nil, fmt.Errorf("spike %d: every (%s) is shorter than its duration (%s)", i+1, s.Every, s.Duration)
		}
	}
	return n, nil
}

func (n *network) inject(now time.Time, r events.SpikeRequest) error {
	t := scheduler.Device
	if r.Tier != "" {
		tt, err := scheduler.ParseTier(r.Tier)
		if err != nil {
			return err
		}
		if _, ok := n.base[tt]; !ok {
			return fmt.Errorf("tier %q is not a remote tier of this fleet", r.Tier)
		}
		t = tt
	}
	// Written as ranges that NaN fails, so that a NaN is refused too.
	if !(r.DurationMS > 0 && r.DurationMS <= 3_600_000) || !(r.RTTMS >= 0 && r.RTTMS <= 600_000) || !(r.Loss >= 0 && r.Loss <= 1) {
		return fmt.Errorf("spike: need 0 < duration_ms <= 3600000, 0 <= rtt_ms <= 600000, loss in [0, 1]")
	}
	n.injected = append(n.injected, spike{tier: t, from: now,
		until: now.Add(time.Duration(r.DurationMS * float64(time.Millisecond))), rttMS: r.RTTMS, loss: r.Loss})
	return nil
}

// at returns the conditions to tier t at now (spikes add up; losses take
// the largest).
func (n *network) at(t scheduler.Tier, now time.Time) (rttMS, loss float64, until time.Time) {
	rttMS = n.base[t]
	el := now.Sub(n.start)
	for _, s := range n.scheduled {
		if s.Tier != scheduler.Device && s.Tier != t || el < s.At {
			continue
		}
		off := el - s.At
		if s.Every > 0 {
			off %= s.Every
		}
		if off < s.Duration {
			rttMS += s.RTTMS
			loss = max(loss, s.Loss)
			if u := now.Add(s.Duration - off); u.After(until) {
				until = u
			}
		}
	}
	keep := n.injected[:0]
	for _, s := range n.injected {
		if !now.Before(s.until) {
			continue // over
		}
		keep = append(keep, s)
		if (s.tier == scheduler.Device || s.tier == t) && !now.Before(s.from) {
			rttMS += s.rttMS
			loss = max(loss, s.loss)
			if s.until.After(until) {
				until = s.until
			}
		}
	}
	n.injected = keep
	return rttMS, loss, until
}

// sample draws one call's conditions: round trip with ±10% jitter (ms) and
// whether it is lost.
func (n *network) sample(t scheduler.Tier, radioRTTMS float64, now time.Time) (rttMS float64, lost bool) {
	base, loss, _ := n.at(t, now)
	j := 1 + n.jitter*(2*n.rng.Float64()-1)
	lost = n.rng.Float64() < loss
	return (radioRTTMS + base) * j, lost
}

func (n *network) record(t scheduler.Tier, rttMS float64) {
	r := append(n.recent[t], rttMS)
	if len(r) > recentRTTs {
		r = r[len(r)-recentRTTs:]
	}
	n.recent[t] = r
}

func (n *network) state(t scheduler.Tier, now time.Time) events.NetworkState {
	rtt, loss, until := n.at(t, now)
	s := events.NetworkState{
		Tier: t.String(), BaseRTTMS: n.base[t], RTTMS: rtt, Loss: loss,
		Spike: !until.IsZero(), RecentRTTMS: append([]float64{}, n.recent[t]...),
	}
	if s.Spike {
		s.SpikeUntil = until
	}
	return s
}

// changes returns the state of every tier whose spike started or ended
// since the last call.
func (n *network) changes(now time.Time) []events.NetworkState {
	var out []events.NetworkState
	for _, t := range n.order {
		s := n.state(t, now)
		if s.Spike != n.wasSpike[t] {
			n.wasSpike[t] = s.Spike
			out = append(out, s)
		}
	}
	return out
}
