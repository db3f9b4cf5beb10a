package tui

import (
	"context"
	"flag"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/charmbracelet/x/ansi"
	"github.com/nanolambda/nl/fleet"
	"github.com/nanolambda/nl/fleet/events"
)

var update = flag.Bool("update", false, "rewrite golden files")

var fixedRemote = fleet.RemoteFunc(func(ctx context.Context, fn string, payload []byte) ([]byte, time.Duration, error) {
	out, err := fleet.VibrationRMS(payload)
	return out, 2 * time.Millisecond, err
})

// newFleet returns a demo fleet stepped n times and served over loopback.
func newFleet(t *testing.T, n int) (*fleet.Fleet, *httptest.Server, *events.Client) {
	t.Helper()
	cfg, err := fleet.Demo(fixedRemote, nil)
	if err != nil {
		t.Fatal(err)
	}
	f, err := fleet.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for i := 0; i < n; i++ {
		if _, err := f.Step(context.Background()); err != nil {
			t.Fatal(err)
		}
	}
	srv := httptest.NewServer(f.Handler())
	t.Cleanup(srv.Close)
	c, err := events.NewClient(srv.URL, nil)
	if err != nil {
		t.Fatal(err)
	}
	return f, srv, c
}

// run executes a Cmd and returns its message, unwrapping a batch into the
// first message that satisfies want.
func run(t *testing.T, cmd tea.Cmd, want func(tea.Msg) bool) tea.Msg {
	t.Helper()
	if cmd == nil {
		t.Fatal("no command")
	}
	msg := cmd()
	if b, ok := msg.(tea.BatchMsg); ok {
		for _, c := range b {
			if c == nil {
				continue
			}
			if m := c(); want(m) {
				return m
			}
		}
		t.Fatalf("no command of the batch gave the wanted message")
	}
	if !want(msg) {
		t.Fatalf("got %T %+v", msg, msg)
	}
	return msg
}

func is[T tea.Msg](m tea.Msg) bool { _, ok := m.(T); return ok }

func keyPress(s string) tea.KeyMsg {
	switch s {
	case "esc":
		return tea.KeyMsg{Type: tea.KeyEsc}
	case "down":
		return tea.KeyMsg{Type: tea.KeyDown}
	}
	return tea.KeyMsg{Type: tea.KeyRunes, Runes: []rune(s)}
}

func update_(t *testing.T, m Model, msg tea.Msg) (Model, tea.Cmd) {
	t.Helper()
	nm, cmd := m.Update(msg)
	return nm.(Model), cmd
}

// connect runs Init's command against the server and applies it.
func connect(t *testing.T, c *events.Client) (Model, tea.Cmd) {
	t.Helper()
	m := New(Options{Client: c, NoColor: true})
	msg := run(t, m.Init(), is[connectedMsg])
	return update_(t, m, msg)
}

// Level (a): each command returns its message from a real fleet server.
func TestCommands(t *testing.T) {
	_, _, c := newFleet(t, 12)
	ctx := context.Background()
	cm := run(t, connectCmd(ctx, c, 0, time.Time{}, 7), is[connectedMsg]).(connectedMsg)
	if cm.gen != 7 || len(cm.snap.Devices) != 3 || cm.stream == nil || cm.restarted {
		t.Fatalf("connectCmd: %+v", cm)
	}
	ev := run(t, nextEventCmd(cm.stream, 7), is[eventMsg]).(eventMsg)
	if ev.ev.Seq != 1 || ev.gen != 7 {
		t.Errorf("first event %+v", ev)
	}
	cm.stream.Close()
	if m := run(t, connectCmd(ctx, c, 1000, time.Time{}, 1), is[connectedMsg]).(connectedMsg); !m.restarted {
		t.Error("a fleet behind our last event should count as restarted")
	} else {
		m.stream.Close()
	}
	// A restarted fleet that has already published more events than we saw
	// is told by its clock, which began again.
	later := cm.snap.Time.Add(time.Hour)
	if m := run(t, connectCmd(ctx, c, 3, later, 1), is[connectedMsg]).(connectedMsg); !m.restarted {
		t.Error("a fleet whose clock is behind the last fleet time shown should count as restarted")
	} else {
		m.stream.Close()
	}
	if m := run(t, connectCmd(ctx, c, 3, cm.snap.Time, 1), is[connectedMsg]).(connectedMsg); m.restarted {
		t.Error("a fleet that is ahead in events and time counted as restarted")
	} else {
		m.stream.Close()
	}
	pm := run(t, setPolicyCmd(ctx, c, "esp-2", "local"), is[policyMsg]).(policyMsg)
	if pm.err != nil || pm.state.Policy != "local" {
		t.Errorf("setPolicyCmd: %+v", pm)
	}
	if pm := run(t, setPolicyCmd(ctx, c, "nope", "local"), is[policyMsg]).(policyMsg); pm.err == nil {
		t.Error("setPolicyCmd on an unknown device succeeded")
	}
	sm := run(t, spikeCmd(ctx, c, DefaultSpike), is[spikeMsg]).(spikeMsg)
	if sm.err != nil || len(sm.states) != 2 || !sm.states[0].Spike {
		t.Errorf("spikeCmd: %+v", sm)
	}
	if sn := run(t, snapshotCmd(ctx, c, 3), is[snapshotMsg]).(snapshotMsg); sn.gen != 3 || !sn.snap.Network[0].Spike {
		t.Errorf("snapshotCmd: %+v", sn)
	}
	dead, _ := events.NewClient("127.0.0.1:1", nil)
	if em := run(t, connectCmd(ctx, dead, 0, time.Time{}, 2), is[connErrMsg]).(connErrMsg); em.gen != 2 || em.err == nil {
		t.Errorf("connectCmd to nowhere: %+v", em)
	}
}

func decision(seq uint64, device, tier string) events.Event {
	return events.Event{Seq: seq, Kind: events.KindDecision, Time: fleet.DefaultStart.Add(time.Duration(seq) * time.Second),
		Decision: &events.Decision{Device: device, Function: "vibration", Policy: "cost", Tier: tier, RanOn: tier,
			Reason: "because " + device, ActualMS: float64(seq), PredictedMS: float64(seq)}}
}

// Level (b): scripted messages on Update.
func TestUpdatePauseAndFilters(t *testing.T) {
	_, _, c := newFleet(t, 6)
	m, _ := connect(t, c)
	defer m.stream.Close()
	m, _ = update_(t, m, tea.WindowSizeMsg{Width: 160, Height: 40})
	for i := uint64(10); i < 14; i++ {
		m, _ = update_(t, m, eventMsg{gen: m.gen, ev: decision(i, "esp-1", "edge"), stream: m.stream})
	}
	if len(m.decisions) != 4 || m.lastSeq != 13 {
		t.Fatalf("%d decisions, last seq %d", len(m.decisions), m.lastSeq)
	}
	m, _ = update_(t, m, keyPress("p"))
	m, _ = update_(t, m, eventMsg{gen: m.gen, ev: decision(14, "esp-2", "device"), stream: m.stream})
	if !m.paused || len(m.decisions) != 4 || len(m.held) != 1 || !strings.Contains(m.View(), "PAUSED (1 held)") {
		t.Fatalf("paused: %v, %d shown, %d held", m.paused, len(m.decisions), len(m.held))
	}
	m, _ = update_(t, m, keyPress("p"))
	if m.paused || len(m.decisions) != 5 || len(m.held) != 0 {
		t.Fatalf("resumed: %v, %d shown, %d held", m.paused, len(m.decisions), len(m.held))
	}
	m, _ = update_(t, m, keyPress("d"))
	if m.filterDevice != "esp-1" || len(m.visible(100)) != 4 {
		t.Errorf("filter %q shows %d", m.filterDevice, len(m.visible(100)))
	}
	m, _ = update_(t, m, keyPress("d"))
	if m.filterDevice != "esp-2" || len(m.visible(100)) != 1 || !strings.Contains(m.View(), "because esp-2") || strings.Contains(m.View(), "because esp-1") {
		t.Errorf("filter %q: view\n%s", m.filterDevice, m.View())
	}
	m, _ = update_(t, m, keyPress("f"))
	if m.filterFunction != "vibration" {
		t.Errorf("function filter %q", m.filterFunction)
	}
	m, _ = update_(t, m, keyPress("esc"))
	if m.filterDevice != "" || m.filterFunction != "" {
		t.Error("esc did not clear the filters")
	}
	// A stale stream's event is dropped.
	m, cmd := update_(t, m, eventMsg{gen: m.gen - 1, ev: decision(99, "esp-3", "cloud"), stream: m.stream})
	if cmd != nil || m.lastSeq == 99 {
		t.Error("an event of an old connection was taken")
	}
}

func TestUpdatePolicyAndSpikeKeys(t *testing.T) {
	f, _, c := newFleet(t, 6)
	m, _ := connect(t, c)
	defer m.stream.Close()
	m, _ = update_(t, m, keyPress("down"))
	m, _ = update_(t, m, keyPress("down")) // esp-3, which runs history
	m, cmd := update_(t, m, keyPress("c"))
	pm := run(t, cmd, is[policyMsg]).(policyMsg)
	if pm.device != "esp-3" || pm.err != nil || pm.state.Policy != "cost" {
		t.Fatalf("c on esp-3 (history) gave %+v", pm)
	}
	m, _ = update_(t, m, pm)
	if m.snap.Devices[2].Policy != "cost" || !strings.Contains(m.status, "esp-3 now uses the cost policy") {
		t.Errorf("after the switch: %q, %+v", m.status, m.snap.Devices[2])
	}
	if f.Snapshot().Devices[2].Policy != "cost" {
		t.Error("the fleet did not switch")
	}
	m, cmd = update_(t, m, keyPress("s"))
	sm := run(t, cmd, is[spikeMsg])
	m, _ = update_(t, m, sm)
	v := m.View()
	if !strings.Contains(v, "!! SPIKE +800 ms until") {
		t.Errorf("no spike shown after injecting one:\n%s", v)
	}
	if m.status != "+800 ms on every tier for 10 s injected" {
		t.Errorf("status after s: %q", m.status)
	}
	m, cmd = update_(t, m, keyPress("o"))
	m, _ = update_(t, m, run(t, cmd, is[spikeMsg]))
	if !strings.Contains(m.View(), "OUTAGE") {
		t.Errorf("no outage shown:\n%s", m.View())
	}
	if m.status != "edge outage for 10 s injected" {
		t.Errorf("status after o: %q", m.status)
	}
	if _, cmd := update_(t, m, keyPress("q")); cmd == nil || !is[tea.QuitMsg](cmd()) {
		t.Error("q does not quit")
	}
}

// The connection drops, the model shows it and reconnects to a restarted
// nl dev on the same address, following the new fleet from its start.
func TestReconnectsAfterRestart(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	first, _, _ := newFleet(t, 30)
	srv := &http.Server{Handler: first.Handler()}
	go srv.Serve(ln)
	c, _ := events.NewClient(addr, nil)
	m, _ := connect(t, c)
	var msg tea.Msg
	for m.lastSeq < 30 {
		msg = run(t, nextEventCmd(m.stream, m.gen), is[eventMsg])
		m, _ = update_(t, m, msg)
	}
	srv.Close() // nl dev stops
	msg = run(t, nextEventCmd(m.stream, m.gen), is[connErrMsg])
	gen := m.gen
	m, cmd := update_(t, m, msg)
	if m.connected || m.gen != gen+1 || !strings.Contains(m.View(), "reconnecting (attempt 1)") {
		t.Fatalf("after the drop: connected %v, gen %d, view\n%s", m.connected, m.gen, m.View())
	}
	// A second report of the same failure does not start a second attempt.
	if _, c2 := update_(t, m, connErrMsg{gen: gen, err: msg.(connErrMsg).err}); c2 != nil {
		t.Error("a stale failure started another reconnection")
	}

	second, _, _ := newFleet(t, 5) // nl dev restarts with a fresh fleet
	ln2, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("cannot listen on %s again: %v", addr, err)
	}
	srv2 := &http.Server{Handler: second.Handler()}
	go srv2.Serve(ln2)
	defer srv2.Close()
	rm := run(t, cmd, is[reconnectMsg])
	m, cmd = update_(t, m, rm)
	cm := run(t, cmd, is[connectedMsg])
	m, _ = update_(t, m, cm)
	defer m.stream.Close()
	if !m.connected || !cm.(connectedMsg).restarted || len(m.decisions) != 0 || m.lastSeq != 0 {
		t.Fatalf("after restart: connected %v, %d decisions, last %d", m.connected, len(m.decisions), m.lastSeq)
	}
	msg = run(t, nextEventCmd(m.stream, m.gen), is[eventMsg])
	if msg.(eventMsg).ev.Seq != 1 {
		t.Errorf("first event after restart is %d, want 1", msg.(eventMsg).ev.Seq)
	}
}

// The view never exceeds the terminal, at any size, and has no escape
// codes without colour.
func TestViewFitsTerminal(t *testing.T) {
	_, _, c := newFleet(t, 60)
	m, _ := connect(t, c)
	defer m.stream.Close()
	for m.lastSeq < 60 {
		m, _ = update_(t, m, run(t, nextEventCmd(m.stream, m.gen), is[eventMsg]))
	}
	for _, sz := range [][2]int{{20, 3}, {40, 8}, {60, 12}, {80, 24}, {120, 40}, {200, 60}} {
		m, _ = update_(t, m, tea.WindowSizeMsg{Width: sz[0], Height: sz[1]})
		v := m.View()
		lines := strings.Split(v, "\n")
		if len(lines) > sz[1] {
			t.Errorf("%dx%d: %d lines", sz[0], sz[1], len(lines))
		}
		for _, l := range lines {
			if ansi.StringWidth(l) > sz[0] {
				t.Errorf("%dx%d: line %q is %d wide", sz[0], sz[1], l, ansi.StringWidth(l))
			}
		}
		if strings.Contains(v, "\x1b[") {
			t.Errorf("%dx%d: escape codes in a no-colour view", sz[0], sz[1])
		}
		if sz[1] >= 12 && !strings.Contains(v, "esp-1") {
			t.Errorf("%dx%d: the fleet is not shown:\n%s", sz[0], sz[1], v)
		}
		if sz[1] >= 24 && (!strings.Contains(v, "DECISIONS") || !strings.Contains(v, "NETWORK") || !strings.Contains(v, "LATENCY")) {
			t.Errorf("%dx%d: a panel is missing:\n%s", sz[0], sz[1], v)
		}
	}
}

func TestViewColour(t *testing.T) {
	m := New(Options{})
	m.connected = true
	m.snap = &events.Snapshot{Network: []events.NetworkState{{Tier: "edge", RTTMS: 800, BaseRTTMS: 2, Spike: true}}}
	if got := m.networkLines(80); !strings.Contains(strings.Join(got, ""), "!! SPIKE +798 ms") {
		t.Errorf("network lines %q", got)
	}
}

// A golden picture of `nl top --once` on a fixed fleet.
func TestRenderGolden(t *testing.T) {
	f, _, _ := newFleet(t, 6*30)
	s := f.Snapshot()
	got := Render(&s, 100)
	path := filepath.Join("testdata", "render.golden")
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, []byte(got), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./tui -run Golden -update)", err)
	}
	if got != string(want) {
		t.Errorf("Render differs from %s (rerun with -update if intended):\n%s", path, got)
	}
}

func TestSparkline(t *testing.T) {
	tests := []struct {
		in    []float64
		width int
		want  string
	}{
		{nil, 5, ""},
		{[]float64{1, 2, 3, 4, 5, 6, 7, 8}, 8, "▁▂▃▄▅▆▇█"},
		{[]float64{5, 5, 5}, 8, "▁▁▁"},
		{[]float64{1, 8, 1, 8}, 2, "▁█"},
	}
	for _, tt := range tests {
		if got := Sparkline(tt.in, tt.width, 0, 0); got != tt.want {
			t.Errorf("Sparkline(%v, %d) = %q, want %q", tt.in, tt.width, got, tt.want)
		}
	}
}

func TestBackoff(t *testing.T) {
	if backoff(1) != 250*time.Millisecond || backoff(2) != 500*time.Millisecond || backoff(20) != maxBackoff {
		t.Errorf("backoff: %s %s %s", backoff(1), backoff(2), backoff(20))
	}
}

// BenchmarkView measures one full render of a 120×40 screen with 500
// decisions kept.
func BenchmarkView(b *testing.B) {
	m := New(Options{NoColor: true})
	m.width, m.height = 120, 40
	cfg, _ := fleet.Demo(fixedRemote, nil)
	f, _ := fleet.New(cfg)
	for i := 0; i < 600; i++ {
		ev, _ := f.Step(context.Background())
		m.addEvent(ev)
	}
	s := f.Snapshot()
	m.setSnapshot(&s)
	m.connected = true
	for b.Loop() {
		_ = m.View()
	}
}

// On a small terminal every column the fleet panel must show survives, no
// tier's sparkline is cut off, and the filters stay in the header.
func TestViewSmallTerminalKeepsEssentials(t *testing.T) {
	_, _, c := newFleet(t, 60)
	m, _ := connect(t, c)
	defer m.stream.Close()
	for m.lastSeq < 60 {
		m, _ = update_(t, m, run(t, nextEventCmd(m.stream, m.gen), is[eventMsg]))
	}
	m, _ = update_(t, m, keyPress("d"))
	m, _ = update_(t, m, keyPress("f"))
	for _, w := range []int{60, 80, 100} {
		m, _ = update_(t, m, tea.WindowSizeMsg{Width: w, Height: 40})
		v := m.View()
		lines := strings.Split(v, "\n")
		if !strings.Contains(lines[0], "device=esp-1") || !strings.Contains(lines[0], "function=vibration") {
			t.Errorf("%d columns: filters cut from the header %q", w, lines[0])
		}
		for _, want := range []string{"EV/S", "ENERGY mJ", "HEAP KB", "POLICY", "PRED ms", "ACT ms"} {
			if !strings.Contains(v, want) {
				t.Errorf("%d columns: %q missing:\n%s", w, want, v)
			}
		}
		for _, tier := range tiers {
			if !strings.Contains(strings.Join(m.latencyLines(w), "\n"), tier+" ") {
				t.Errorf("%d columns: latency panel lacks %s:\n%s", w, tier, strings.Join(m.latencyLines(w), "\n"))
			}
		}
		// Fleet rows and latency lines are laid out to fit; only the
		// header's address, decision reasons and key help may be cut.
		for _, l := range append(m.fleetLines(w), m.latencyLines(w)...) {
			if ansi.StringWidth(l) > w {
				t.Errorf("%d columns: line %q is %d wide", w, l, ansi.StringWidth(l))
			}
		}
	}
}

// A fallback's latency goes to the tier that was chosen, and the columns
// after the tier stay aligned however long the tier cell is.
func TestFallbackDecisionLayout(t *testing.T) {
	m := New(Options{NoColor: true})
	m.connected = true
	m.snap = &events.Snapshot{}
	plain := decision(1, "esp-1", "edge")
	fb := decision(2, "esp-1", "cloud")
	fb.Decision.RanOn, fb.Decision.Fallback, fb.Decision.Explore = "device", true, true
	fb.Decision.ActualMS = 2040
	m.addEvent(plain)
	m.addEvent(fb)
	if got := m.latency["vibration"]["cloud"]; len(got) != 1 || got[0] != 2040 {
		t.Errorf("cloud latencies %v, want the fallback's 2040", got)
	}
	if got := m.latency["vibration"]["device"]; len(got) != 0 {
		t.Errorf("device latencies %v, want none: nothing was placed there", got)
	}
	for _, w := range []int{80, 120} {
		a, b := m.decisionLine(plain, w), m.decisionLine(fb, w)
		if !strings.Contains(b, "cloud→device?") {
			t.Errorf("%d columns: fallback row %q", w, b)
		}
		ia, ib := strings.Index(a, "because"), strings.Index(b, "because")
		if ansi.StringWidth(a[:ia]) != ansi.StringWidth(b[:ib]) {
			t.Errorf("%d columns: reasons not aligned:\n%s\n%s", w, a, b)
		}
	}
}

// At 80 columns the fleet table keeps the profile; the decision list shows
// the function once the fleet runs more than one.
func TestViewColumnsAt80(t *testing.T) {
	m := New(Options{NoColor: true})
	m.connected = true
	m.snap = &events.Snapshot{Devices: []events.DeviceState{
		{Name: "esp-1", Profile: "esp8266", Function: "vibration", Policy: "cost", HeapBudget: 65536},
	}}
	m.addEvent(decision(1, "esp-1", "edge"))
	if v := strings.Join(m.fleetLines(80), "\n"); !strings.Contains(v, "PROFILE") || !strings.Contains(v, "esp8266") {
		t.Errorf("80 columns: no profile in the fleet table:\n%s", v)
	}
	if v := strings.Join(m.fleetLines(79), "\n"); strings.Contains(v, "PROFILE") {
		t.Errorf("79 columns: the profile column should give way:\n%s", v)
	}
	if l := m.decisionLine(m.decisions[0], 80); strings.Contains(l, "vibration") {
		t.Errorf("one function: it need not be repeated on every row: %q", l)
	}
	m.snap.Devices = append(m.snap.Devices, events.DeviceState{Name: "t-1", Profile: "cc3220sf", Function: "temp", Policy: "cost"})
	if l := m.decisionLine(m.decisions[0], 80); !strings.Contains(l, "vibration") {
		t.Errorf("two functions: row lacks the function: %q", l)
	}
	if h := m.decisionRow(80, "TIME", "DEVICE", "FUNCTION", "TIER", "PRED ms", "ACT ms", "mJ", "REASON"); !strings.Contains(h, "FUNCTION") {
		t.Errorf("two functions: header %q lacks FUNCTION", h)
	}
}

// Before the first snapshot the error and the advice are wrapped to the
// width, not cut.
func TestWaitingScreenWraps(t *testing.T) {
	dead, _ := events.NewClient("127.0.0.1:1", nil)
	m := New(Options{Client: dead, NoColor: true})
	msg := run(t, m.Init(), is[connErrMsg])
	m, _ = update_(t, m, msg)
	m, _ = update_(t, m, tea.WindowSizeMsg{Width: 50, Height: 20})
	v := m.View()
	flat := strings.Join(strings.Fields(v), " ")
	if !strings.Contains(flat, "Start one with `nl dev --demo`.") {
		t.Errorf("the advice is cut:\n%s", v)
	}
	for _, l := range strings.Split(v, "\n") {
		if ansi.StringWidth(l) > 50 {
			t.Errorf("line %q is wider than 50", l)
		}
	}
}
