package emulator

import (
	"encoding/json"
	"math"
	"sort"
	"time"
)

// Report is what one invocation cost on the device.
type Report struct {
	Device      string        `json:"device"`
	ImageBytes  int64         `json:"image_bytes"`
	FlashBudget int64         `json:"flash_budget_bytes"` // the profile's bytecode flash
	PeakHeap    int64         `json:"peak_heap_bytes"`
	HeapBudget  int64         `json:"heap_budget_bytes"`
	Steps       uint64        `json:"instructions"`
	DeviceTime  time.Duration `json:"device_time_ns"`
	EnergyMJ    float64       `json:"energy_mj"`
	// HostTime is the wall time the emulator took; not a device figure.
	HostTime time.Duration `json:"host_time_ns"`
}

// EventReport is one event of a stream, placed in virtual time.
type EventReport struct {
	Index   int           `json:"index"`
	Arrival time.Duration `json:"arrival_ns"` // when the event arrived (index / rate)
	Start   time.Duration `json:"start_ns"`   // when the device got to it
	Latency time.Duration `json:"latency_ns"` // arrival to result: queueing plus device time
	Queued  bool          `json:"queued"`     // arrived while the device was still busy
	Status  string        `json:"status"`     // "ok", or the Python exception type
	// Result is the "status" field of the handler's result when it returns
	// an object with one (the vibration example's "ok"/"alert"), else "".
	Result string `json:"result_status,omitempty"`
	// Error is the exception's message when Status is not "ok".
	Error string `json:"error,omitempty"`
	// Logs are the lines the handler printed for this event.
	Logs   []string `json:"logs,omitempty"`
	Output []byte   `json:"-"`
	Report Report   `json:"report"`
}

// StreamSummary is the aggregate of a stream of events.
type StreamSummary struct {
	Device       string         `json:"device"`
	Events       int            `json:"events"`
	RateHz       float64        `json:"rate_hz"`
	Errors       int            `json:"errors"` // events whose handler raised
	Queued       int            `json:"queued"` // events that waited for the previous one
	VirtualTime  time.Duration  `json:"virtual_time_ns"`
	BusyTime     time.Duration  `json:"busy_time_ns"`
	DutyCycle    float64        `json:"duty_cycle"` // busy / virtual time
	MeanTime     time.Duration  `json:"mean_device_time_ns"`
	P50Time      time.Duration  `json:"p50_device_time_ns"`
	P95Time      time.Duration  `json:"p95_device_time_ns"`
	MaxTime      time.Duration  `json:"max_device_time_ns"`
	MaxLatency   time.Duration  `json:"max_latency_ns"`
	MeanSteps    float64        `json:"mean_instructions"`
	MaxSteps     uint64         `json:"max_instructions"`
	PeakHeap     int64          `json:"peak_heap_bytes"`
	HeapBudget   int64          `json:"heap_budget_bytes"`
	ActiveMJ     float64        `json:"active_energy_mj"`
	IdleMJ       float64        `json:"idle_energy_mj"`
	EnergyMJ     float64        `json:"energy_mj"`
	AvgPowerMW   float64        `json:"average_power_mw"`
	HostTime     time.Duration  `json:"host_time_ns"`
	HostPerEvent time.Duration  `json:"host_time_per_event_ns"`
	StatusCounts map[string]int `json:"status_counts"`
	// ResultCounts counts EventReport.Result values.
	ResultCounts map[string]int `json:"result_status_counts,omitempty"`
}

// streamClock places events in virtual time: event i arrives at i/rate; the
// device takes them one at a time, so an event that arrives while the
// previous one is running waits.
type streamClock struct {
	period time.Duration
	free   time.Duration // when the device finishes its current event
}

func newStreamClock(rateHz float64) *streamClock {
	p := time.Duration(0)
	if rateHz > 0 && !math.IsInf(rateHz, 0) {
		p = time.Duration(float64(time.Second) / rateHz)
	}
	return &streamClock{period: p}
}

// next returns when event i arrives and when the device starts it.
func (c *streamClock) next(i int) (arrival, start time.Duration) {
	arrival = time.Duration(i) * c.period
	start = arrival
	if c.free > start {
		start = c.free
	}
	return arrival, start
}

// done records that the event started at start took d.
func (c *streamClock) done(start, d time.Duration) { c.free = start + d }

// summarize aggregates event reports; idle energy covers the virtual time
// the device was not running a handler.
func summarize(events []EventReport, rateHz float64, idleMW float64) StreamSummary {
	s := StreamSummary{Events: len(events), RateHz: rateHz, StatusCounts: map[string]int{}, ResultCounts: map[string]int{}}
	if len(events) == 0 {
		return s
	}
	times := make([]time.Duration, len(events))
	var end time.Duration
	var steps float64
	for i, e := range events {
		r := e.Report
		s.Device = r.Device
		times[i] = r.DeviceTime
		s.BusyTime += r.DeviceTime
		s.ActiveMJ += r.EnergyMJ
		steps += float64(r.Steps)
		s.MaxSteps = max(s.MaxSteps, r.Steps)
		s.PeakHeap = max(s.PeakHeap, r.PeakHeap)
		s.HeapBudget = r.HeapBudget
		s.MaxLatency = max(s.MaxLatency, e.Latency)
		s.HostTime += r.HostTime
		if e.Queued {
			s.Queued++
		}
		if e.Status != "ok" {
			s.Errors++
		}
		s.StatusCounts[e.Status]++
		if e.Result != "" {
			s.ResultCounts[e.Result]++
		}
		end = max(end, e.Start+r.DeviceTime)
	}
	// The stream lasts until the last event's period is over or its run
	// ends, whichever is later.
	period := time.Duration(0)
	if rateHz > 0 {
		period = time.Duration(float64(time.Second) / rateHz)
	}
	s.VirtualTime = max(end, time.Duration(len(events))*period)
	sort.Slice(times, func(i, j int) bool { return times[i] < times[j] })
	s.MeanTime = s.BusyTime / time.Duration(len(events))
	s.P50Time = percentile(times, 0.50)
	s.P95Time = percentile(times, 0.95)
	s.MaxTime = times[len(times)-1]
	s.MeanSteps = steps / float64(len(events))
	idle := s.VirtualTime - s.BusyTime
	if idle < 0 {
		idle = 0
	}
	s.IdleMJ = idleMW * idle.Seconds()
	s.EnergyMJ = s.ActiveMJ + s.IdleMJ
	if s.VirtualTime > 0 {
		s.DutyCycle = float64(s.BusyTime) / float64(s.VirtualTime)
		s.AvgPowerMW = s.EnergyMJ / s.VirtualTime.Seconds()
	}
	s.HostPerEvent = s.HostTime / time.Duration(len(events))
	return s
}

// percentile of sorted values, nearest-rank.
func percentile(sorted []time.Duration, q float64) time.Duration {
	if len(sorted) == 0 {
		return 0
	}
	rank := int(math.Ceil(q*float64(len(sorted)))) - 1
	rank = max(0, min(rank, len(sorted)-1))
	return sorted[rank]
}

// resultStatus extracts the "status" string of a JSON object result.
func resultStatus(output []byte) string {
	if len(output) == 0 || output[0] != '{' {
		return ""
	}
	var v struct {
		Status any `json:"status"`
	}
	if json.Unmarshal(output, &v) != nil {
		return ""
	}
	s, _ := v.Status.(string)
	return s
}
