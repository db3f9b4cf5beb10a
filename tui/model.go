package tui

import (
	"context"
	"fmt"
	"time"

	"github.com/charmbracelet/bubbles/help"
	"github.com/charmbracelet/bubbles/key"
	tea "github.com/charmbracelet/bubbletea"
	"github.com/nanolambda/nl/fleet/events"
)

// Options configure a Model.
type Options struct {
	Client  *events.Client // nil: the model only shows what it is sent (tests, --once)
	Context context.Context
	NoColor bool
	// Spike and Outage are what the s and o keys inject.
	Spike, Outage events.SpikeRequest
}

// Default injected faults: 10 s of +800 ms on every tier, 10 s with every
// edge call lost.
var (
	DefaultSpike  = events.SpikeRequest{RTTMS: 800, DurationMS: 10_000}
	DefaultOutage = events.SpikeRequest{Tier: "edge", Loss: 1, DurationMS: 10_000}
)

// maxDecisions is how many decisions the model keeps; maxBackoff caps the
// reconnection delay.
const (
	maxDecisions = 500
	maxBackoff   = 5 * time.Second
)

// Model is the `nl top` screen.
type Model struct {
	opts   Options
	ctx    context.Context
	keys   keyMap
	help   help.Model
	styles styles

	width, height int

	snap      *events.Snapshot
	decisions []events.Event // newest last
	held      []events.Event // arrived while paused
	latency   map[string]map[string][]float64
	lastSeq   uint64
	lastTime  time.Time // fleet time of the newest event or snapshot

	paused         bool
	filterDevice   string
	filterFunction string
	selected       int

	connected bool
	gen       int // connection generation, see cmds.go
	stream    *events.Stream
	err       error
	status    string // result of the last action
	attempts  int
	showHelp  bool
}

// New returns the model; Init connects if a client is set.
func New(opts Options) Model {
	if opts.Context == nil {
		opts.Context = context.Background()
	}
	if opts.Spike.DurationMS == 0 {
		opts.Spike = DefaultSpike
	}
	if opts.Outage.DurationMS == 0 {
		opts.Outage = DefaultOutage
	}
	h := help.New()
	st := newStyles(opts.NoColor)
	if opts.NoColor {
		h.Styles = help.Styles{}
	}
	return Model{opts: opts, ctx: opts.Context, keys: defaultKeys(), help: h, styles: st,
		width: 80, height: 24, latency: map[string]map[string][]float64{}}
}

// Init starts connecting.
func (m Model) Init() tea.Cmd {
	if m.opts.Client == nil {
		return nil
	}
	return connectCmd(m.ctx, m.opts.Client, 0, time.Time{}, m.gen)
}

// Update handles one message.
func (m Model) Update(msg tea.Msg) (tea.Model, tea.Cmd) {
	switch msg := msg.(type) {
	case tea.WindowSizeMsg:
		m.width, m.height = msg.Width, msg.Height
		m.help.Width = msg.Width
		return m, nil
	case tea.KeyMsg:
		return m.updateKey(msg)
	case connectedMsg:
		if msg.gen != m.gen {
			msg.stream.Close()
			return m, nil
		}
		m.connected, m.err, m.attempts = true, nil, 0
		m.stream = msg.stream
		if msg.restarted {
			m.decisions, m.held, m.lastSeq, m.lastTime = nil, nil, 0, time.Time{}
			m.latency = map[string]map[string][]float64{}
			m.status = "nl dev restarted: following the new fleet"
		}
		m.setSnapshot(msg.snap)
		return m, tea.Batch(nextEventCmd(msg.stream, m.gen), tickCmd(m.gen))
	case eventMsg:
		if msg.gen != m.gen {
			msg.stream.Close()
			return m, nil
		}
		m.addEvent(msg.ev)
		return m, nextEventCmd(msg.stream, m.gen)
	case snapshotMsg:
		if msg.gen == m.gen {
			m.setSnapshot(msg.snap)
		}
		return m, nil
	case tickMsg:
		if msg.gen != m.gen || !m.connected || m.opts.Client == nil {
			return m, nil
		}
		return m, tea.Batch(snapshotCmd(m.ctx, m.opts.Client, m.gen), tickCmd(m.gen))
	case connErrMsg:
		if msg.gen != m.gen {
			return m, nil
		}
		if m.stream != nil {
			m.stream.Close()
			m.stream = nil
		}
		m.connected, m.err = false, msg.err
		m.gen++
		m.attempts++
		return m, reconnectCmd(backoff(m.attempts), m.gen)
	case reconnectMsg:
		if msg.gen != m.gen || m.connected || m.opts.Client == nil {
			return m, nil
		}
		return m, connectCmd(m.ctx, m.opts.Client, m.lastSeq, m.lastTime, m.gen)
	case policyMsg:
		if msg.err != nil {
			m.status = fmt.Sprintf("policy of %s not changed: %v", msg.device, msg.err)
		} else {
			m.status = fmt.Sprintf("%s now uses the %s policy", msg.device, msg.state.Policy)
			m.updateDevice(*msg.state)
		}
		return m, nil
	case spikeMsg:
		if msg.err != nil {
			m.status = fmt.Sprintf("spike not injected: %v", msg.err)
		} else {
			m.status = describeSpike(msg.req) + " injected"
			if m.snap != nil {
				m.mergeNetwork(msg.states)
			}
		}
		return m, nil
	}
	return m, nil
}

// describeSpike names an injected fault for the status line, e.g. "edge
// outage for 10 s" or "+800 ms on every tier for 10 s".
func describeSpike(r events.SpikeRequest) string {
	where := "every tier"
	if r.Tier != "" {
		where = r.Tier
	}
	var what string
	switch {
	case r.Loss >= 1:
		what = where + " outage"
	case r.Loss > 0 && r.RTTMS > 0:
		what = fmt.Sprintf("+%.0f ms and %.0f%% loss on %s", r.RTTMS, 100*r.Loss, where)
	case r.Loss > 0:
		what = fmt.Sprintf("%.0f%% loss on %s", 100*r.Loss, where)
	default:
		what = fmt.Sprintf("+%.0f ms on %s", r.RTTMS, where)
	}
	return fmt.Sprintf("%s for %.0f s", what, r.DurationMS/1e3)
}

// backoff is the delay before reconnection attempt n: 250 ms doubling to
// maxBackoff.
func backoff(n int) time.Duration {
	d := 250 * time.Millisecond
	for i := 1; i < n && d < maxBackoff; i++ {
		d *= 2
	}
	return min(d, maxBackoff)
}

func (m Model) updateKey(msg tea.KeyMsg) (tea.Model, tea.Cmd) {
	k := m.keys
	switch {
	case key.Matches(msg, k.Quit):
		if m.stream != nil {
			m.stream.Close()
		}
		return m, tea.Quit
	case key.Matches(msg, k.Pause):
		m.paused = !m.paused
		if !m.paused {
			for _, ev := range m.held {
				m.appendDecision(ev)
			}
			m.held = nil
		}
	case key.Matches(msg, k.Device):
		m.filterDevice = cycle(m.deviceNames(), m.filterDevice)
	case key.Matches(msg, k.Function):
		m.filterFunction = cycle(m.functionNames(), m.filterFunction)
	case key.Matches(msg, k.Clear):
		m.filterDevice, m.filterFunction = "", ""
	case key.Matches(msg, k.Up):
		if m.selected > 0 {
			m.selected--
		}
	case key.Matches(msg, k.Down):
		if m.snap != nil && m.selected < len(m.snap.Devices)-1 {
			m.selected++
		}
	case key.Matches(msg, k.Policy):
		if m.snap == nil || len(m.snap.Devices) == 0 || m.opts.Client == nil {
			return m, nil
		}
		d := m.snap.Devices[m.selected]
		next := cycle(m.snap.Policies, d.Policy)
		if next == "" && len(m.snap.Policies) > 0 {
			next = m.snap.Policies[0]
		}
		m.status = fmt.Sprintf("switching %s to %s…", d.Name, next)
		return m, setPolicyCmd(m.ctx, m.opts.Client, d.Name, next)
	case key.Matches(msg, k.Spike), key.Matches(msg, k.Outage):
		if m.opts.Client == nil {
			return m, nil
		}
		req := m.opts.Spike
		if key.Matches(msg, k.Outage) {
			req = m.opts.Outage
		}
		m.status = "injecting…"
		return m, spikeCmd(m.ctx, m.opts.Client, req)
	case key.Matches(msg, k.Help):
		m.showHelp = !m.showHelp
	}
	return m, nil
}

// cycle returns the name after cur in names, "" (= all) after the last.
func cycle(names []string, cur string) string {
	if cur == "" {
		if len(names) == 0 {
			return ""
		}
		return names[0]
	}
	for i, n := range names {
		if n == cur && i+1 < len(names) {
			return names[i+1]
		}
	}
	return ""
}

func (m *Model) deviceNames() []string {
	if m.snap == nil {
		return nil
	}
	out := make([]string, len(m.snap.Devices))
	for i, d := range m.snap.Devices {
		out[i] = d.Name
	}
	return out
}

func (m *Model) functionNames() []string {
	seen := map[string]bool{}
	var out []string
	if m.snap != nil {
		for _, d := range m.snap.Devices {
			if !seen[d.Function] {
				seen[d.Function] = true
				out = append(out, d.Function)
			}
		}
	}
	return out
}

func (m *Model) setSnapshot(s *events.Snapshot) {
	m.snap = s
	if s.Time.After(m.lastTime) {
		m.lastTime = s.Time
	}
	if m.selected >= len(s.Devices) {
		m.selected = max(0, len(s.Devices)-1)
	}
	// Seed the sparklines from the snapshot until the stream has filled them.
	for _, f := range s.Functions {
		if len(m.latency[f.Name]) == 0 {
			m.latency[f.Name] = map[string][]float64{}
			for t, l := range f.LatencyMS {
				m.latency[f.Name][t] = append([]float64{}, l...)
			}
		}
	}
}

func (m *Model) updateDevice(st events.DeviceState) {
	if m.snap == nil {
		return
	}
	for i := range m.snap.Devices {
		if m.snap.Devices[i].Name == st.Name {
			m.snap.Devices[i].Policy = st.Policy
		}
	}
}

func (m *Model) mergeNetwork(states []events.NetworkState) {
	for _, ns := range states {
		for i := range m.snap.Network {
			if m.snap.Network[i].Tier == ns.Tier {
				m.snap.Network[i] = ns
			}
		}
	}
}

// addEvent takes one stream event.
func (m *Model) addEvent(ev events.Event) {
	if ev.Kind != events.KindHeartbeat {
		m.lastSeq = ev.Seq
	}
	if ev.Time.After(m.lastTime) {
		m.lastTime = ev.Time
	}
	switch ev.Kind {
	case events.KindDecision:
		d := ev.Decision
		if d == nil {
			return
		}
		if d.Error == "" {
			byTier := m.latency[d.Function]
			if byTier == nil {
				byTier = map[string][]float64{}
				m.latency[d.Function] = byTier
			}
			// Latency counts against the tier the scheduler chose: after a
			// fallback it includes the failed call's timeout, which says
			// how that choice went, not how fast the fallback tier is.
			l := append(byTier[d.Tier], d.ActualMS)
			if len(l) > maxSpark {
				l = l[len(l)-maxSpark:]
			}
			byTier[d.Tier] = l
		}
		if m.paused {
			m.held = append(m.held, ev)
			if len(m.held) > maxDecisions {
				m.held = m.held[len(m.held)-maxDecisions:]
			}
			return
		}
		m.appendDecision(ev)
	case events.KindNetwork:
		if m.snap != nil && ev.Network != nil {
			m.mergeNetwork([]events.NetworkState{*ev.Network})
		}
	case events.KindPolicy:
		if ev.Policy != nil {
			m.updateDevice(events.DeviceState{Name: ev.Policy.Device, Policy: ev.Policy.To})
		}
	}
}

// maxSpark is how many latencies a sparkline keeps.
const maxSpark = 120

func (m *Model) appendDecision(ev events.Event) {
	m.decisions = append(m.decisions, ev)
	if len(m.decisions) > maxDecisions {
		m.decisions = m.decisions[len(m.decisions)-maxDecisions:]
	}
}

// visible returns the decisions that pass the filters, newest first, at
// most n.
func (m *Model) visible(n int) []events.Event {
	var out []events.Event
	for i := len(m.decisions) - 1; i >= 0 && len(out) < n; i-- {
		d := m.decisions[i].Decision
		if m.filterDevice != "" && d.Device != m.filterDevice {
			continue
		}
		if m.filterFunction != "" && d.Function != m.filterFunction {
			continue
		}
		out = append(out, m.decisions[i])
	}
	return out
}
