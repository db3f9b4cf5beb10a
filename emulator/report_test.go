package emulator

import (
	"math"
	"testing"
	"time"
)

func TestStreamClockQueues(t *testing.T) {
	c := newStreamClock(5) // an event every 200 ms
	tests := []struct {
		run                    time.Duration
		wantArrival, wantStart time.Duration
	}{
		{50 * time.Millisecond, 0, 0},
		{300 * time.Millisecond, 200 * time.Millisecond, 200 * time.Millisecond},
		{10 * time.Millisecond, 400 * time.Millisecond, 500 * time.Millisecond}, // waits for the slow one
		{10 * time.Millisecond, 600 * time.Millisecond, 600 * time.Millisecond},
	}
	for i, tt := range tests {
		a, s := c.next(i)
		if a != tt.wantArrival || s != tt.wantStart {
			t.Errorf("event %d: arrival %v start %v, want %v %v", i, a, s, tt.wantArrival, tt.wantStart)
		}
		c.done(s, tt.run)
	}
}

func TestSummarize(t *testing.T) {
	ev := func(i int, d time.Duration, status string, queued bool) EventReport {
		return EventReport{Index: i, Start: time.Duration(i) * time.Second, Status: status, Queued: queued, Latency: d,
			Report: Report{Device: "esp8266", DeviceTime: d, Steps: uint64(d / time.Microsecond), EnergyMJ: 50 * d.Seconds(), PeakHeap: int64(i * 100), HeapBudget: 65536, HostTime: time.Millisecond}}
	}
	events := []EventReport{
		ev(0, 100*time.Millisecond, "ok", false),
		ev(1, 200*time.Millisecond, "ok", false),
		ev(2, 300*time.Millisecond, "ValueError", true),
		ev(3, 400*time.Millisecond, "ok", false),
	}
	s := summarize(events, 1, 3)
	if s.Events != 4 || s.Errors != 1 || s.Queued != 1 || s.StatusCounts["ok"] != 3 {
		t.Errorf("counts: %+v", s)
	}
	if s.VirtualTime != 4*time.Second || s.BusyTime != time.Second {
		t.Errorf("virtual %v busy %v, want 4s and 1s", s.VirtualTime, s.BusyTime)
	}
	if s.P50Time != 200*time.Millisecond || s.P95Time != 400*time.Millisecond || s.MaxTime != 400*time.Millisecond || s.MeanTime != 250*time.Millisecond {
		t.Errorf("times: p50 %v p95 %v max %v mean %v", s.P50Time, s.P95Time, s.MaxTime, s.MeanTime)
	}
	// active 50 mW × 1 s = 50 mJ; idle 3 mW × 3 s = 9 mJ.
	if math.Abs(s.ActiveMJ-50) > 1e-9 || math.Abs(s.IdleMJ-9) > 1e-9 || math.Abs(s.AvgPowerMW-59.0/4) > 1e-9 {
		t.Errorf("energy: active %v idle %v avg %v", s.ActiveMJ, s.IdleMJ, s.AvgPowerMW)
	}
	if s.PeakHeap != 300 || s.DutyCycle != 0.25 || s.HostPerEvent != time.Millisecond {
		t.Errorf("peak %d duty %v host %v", s.PeakHeap, s.DutyCycle, s.HostPerEvent)
	}
	if got := resultStatus([]byte(`{"status": "alert", "x": 1}`)); got != "alert" {
		t.Errorf("resultStatus = %q", got)
	}
	for _, out := range []string{`[1]`, `{"status": 3}`, `"ok"`, ``, `{bad`} {
		if got := resultStatus([]byte(out)); got != "" {
			t.Errorf("resultStatus(%s) = %q, want empty", out, got)
		}
	}
	if z := summarize(nil, 5, 3); z.Events != 0 || z.EnergyMJ != 0 {
		t.Errorf("empty summary = %+v", z)
	}
}
