// Package events defines what a running fleet (`nl dev`) publishes over
// HTTP, and a client for it. It is the only thing `nl top` and other clients
// need to import: the wire types, the endpoint paths, and Client.
//
// The API, all JSON, served by fleet.Fleet.Handler:
//
//	GET  /_nl/fleet/v1/snapshot                 Snapshot of the whole fleet
//	GET  /_nl/fleet/v1/events[?since=SEQ]       the event stream, newline-delimited
//	                                        JSON (application/x-ndjson): the
//	                                        backlog after SEQ, then live events
//	POST /_nl/fleet/v1/devices/{name}/policy    PolicyRequest → DeviceState
//	POST /_nl/fleet/v1/network/spike            SpikeRequest → NetworkState list
//
// Errors are {"error": "..."} with a 4xx status.
package events

import "time"

// Endpoint paths.
const (
	PathSnapshot = "/_nl/fleet/v1/snapshot"
	PathEvents   = "/_nl/fleet/v1/events"
	PathPolicy   = "/_nl/fleet/v1/devices/{name}/policy"
	PathSpike    = "/_nl/fleet/v1/network/spike"
)

// ContentTypeNDJSON is the stream's media type.
const ContentTypeNDJSON = "application/x-ndjson"

// Kinds of Event.
const (
	KindDecision  = "decision"  // a placement and its outcome
	KindNetwork   = "network"   // a remote tier's conditions changed (spike start or end)
	KindPolicy    = "policy"    // a device's policy was switched
	KindHeartbeat = "heartbeat" // sent when nothing else happened for a while
)

// Event is one line of the stream. Seq increases by one per event, so a
// client that reconnects with ?since=Seq misses nothing still in the
// server's backlog.
type Event struct {
	Seq      uint64        `json:"seq"`
	Time     time.Time     `json:"time"` // the fleet's clock (virtual time)
	Kind     string        `json:"kind"`
	Decision *Decision     `json:"decision,omitempty"`
	Network  *NetworkState `json:"network,omitempty"`
	Policy   *PolicyChange `json:"policy,omitempty"`
}

// Decision is a placement and what happened.
type Decision struct {
	Device       string   `json:"device"`
	Function     string   `json:"function"`
	Policy       string   `json:"policy"`
	Tier         string   `json:"tier"`   // device, edge or cloud: where it was placed
	RanOn        string   `json:"ran_on"` // where it finally ran (differs after a fallback)
	Explore      bool     `json:"explore,omitempty"`
	Reason       string   `json:"reason"`
	PayloadBytes int      `json:"payload_bytes"`
	PredictedMS  float64  `json:"predicted_ms"` // the chosen option's prediction; 0 if unknown
	ActualMS     float64  `json:"actual_ms"`
	EnergyMJ     float64  `json:"energy_mj"` // device-side
	PeakHeap     int64    `json:"peak_heap"`
	Fallback     bool     `json:"fallback,omitempty"`
	Error        string   `json:"error,omitempty"` // the invocation failed everywhere
	Options      []Option `json:"options"`
}

// Option is the scheduler's prediction for one tier.
type Option struct {
	Tier      string  `json:"tier"`
	LatencyMS float64 `json:"latency_ms"`
	EnergyMJ  float64 `json:"energy_mj"`
	Known     bool    `json:"known"`
	Feasible  bool    `json:"feasible"`
	Note      string  `json:"note,omitempty"`
}

// PolicyChange records a switch of a device's policy.
type PolicyChange struct {
	Device string `json:"device"`
	From   string `json:"from"`
	To     string `json:"to"`
}

// Snapshot is the fleet's current state.
type Snapshot struct {
	Time      time.Time       `json:"time"`
	Seq       uint64          `json:"seq"` // last event published
	Running   bool            `json:"running"`
	Policies  []string        `json:"policies"`
	Devices   []DeviceState   `json:"devices"`
	Network   []NetworkState  `json:"network"`
	Functions []FunctionState `json:"functions"`
}

// DeviceState is one emulated device.
type DeviceState struct {
	Name         string         `json:"name"`
	Profile      string         `json:"profile"`
	Function     string         `json:"function"`
	Policy       string         `json:"policy"`
	RateHz       float64        `json:"rate_hz"`
	HeapUsed     int64          `json:"heap_used"` // peak heap of the last run on the device
	HeapPeak     int64          `json:"heap_peak"` // highest since start
	HeapBudget   int64          `json:"heap_budget"`
	EnergyMJ     float64        `json:"energy_mj"` // spent on invocations since start
	BatteryMJ    float64        `json:"battery_mj,omitempty"`
	BatteryLeft  float64        `json:"battery_left_mj,omitempty"`
	Events       uint64         `json:"events"`
	EventsPerSec float64        `json:"events_per_sec"` // over the last 10 s of fleet time
	PerTier      map[string]int `json:"per_tier"`
	Failures     int            `json:"failures"`
}

// NetworkState is the current model of the network to one remote tier.
type NetworkState struct {
	Tier       string    `json:"tier"`
	BaseRTTMS  float64   `json:"base_rtt_ms"`
	RTTMS      float64   `json:"rtt_ms"` // now, spikes included
	Loss       float64   `json:"loss"`
	Spike      bool      `json:"spike"`
	SpikeUntil time.Time `json:"spike_until,omitzero"`
	// RecentRTTMS are the last measured round trips, oldest first.
	RecentRTTMS []float64 `json:"recent_rtt_ms"`
}

// FunctionState keeps recent latencies per tier, for sparklines.
type FunctionState struct {
	Name      string               `json:"name"`
	LatencyMS map[string][]float64 `json:"latency_ms"` // tier → last latencies, oldest first
}

// PolicyRequest is the body of POST /_nl/fleet/v1/devices/{name}/policy.
type PolicyRequest struct {
	Policy string `json:"policy"`
}

// SpikeRequest is the body of POST /_nl/fleet/v1/network/spike: for DurationMS
// of fleet time, round trips to Tier ("" = every remote tier) grow by RTTMS
// and a fraction Loss of calls is lost.
type SpikeRequest struct {
	Tier       string  `json:"tier,omitempty"`
	RTTMS      float64 `json:"rtt_ms"`
	Loss       float64 `json:"loss,omitempty"`
	DurationMS float64 `json:"duration_ms"`
}

// ErrorBody is the body of every error response.
type ErrorBody struct {
	Error string `json:"error"`
}
