package tui

import (
	"fmt"
	"sort"
	"strings"

	"github.com/charmbracelet/x/ansi"
	"github.com/nanolambda/nl/fleet/events"
)

var tiers = []string{"device", "edge", "cloud"}

// View renders the screen: never more lines than the terminal has, none
// wider than it.
func (m Model) View() string {
	w, h := max(m.width, 20), max(m.height, 3)
	head := []string{m.headerLine()}
	foot := []string{}
	if m.status != "" {
		foot = append(foot, m.status)
	}
	if m.showHelp {
		foot = append(foot, strings.Split(m.help.FullHelpView(m.keys.FullHelp()), "\n")...)
	} else {
		foot = append(foot, m.help.ShortHelpView(m.keys.ShortHelp()))
	}
	if m.snap == nil {
		// Wrapped, not cut: the error says what to do.
		body := append([]string{""}, wrapWords(m.waitingLine(), w)...)
		return fit(append(append(head, body...), foot...), w, h)
	}
	fleet := m.fleetLines(w)
	network := m.networkLines(w)
	latency := m.latencyLines(w)
	room := h - len(head) - len(foot)
	// Decisions need a header and a few rows; the other panels give way in
	// order: latency, then network, then the fleet table's rows.
	const minDecisions = 4
	if room-len(fleet)-len(network)-len(latency) < minDecisions {
		latency = nil
	}
	if room-len(fleet)-len(network) < minDecisions {
		network = compactNetwork(network)
	}
	if room-len(fleet)-len(network) < minDecisions {
		network = nil
	}
	if extra := len(fleet) + minDecisions - room; extra > 0 {
		fleet = fleet[:max(1, len(fleet)-extra)]
	}
	body := append(append(append([]string{}, fleet...), network...), latency...)
	rows := room - len(body)
	if rows > 0 {
		body = append(body, m.decisionLines(rows, w)...)
	}
	return fit(append(append(head, body...), foot...), w, h)
}

// wrapWords breaks plain text into lines of at most w cells at spaces only
// (a flag like --demo must stay whole); a longer word is left for fit to cut.
func wrapWords(text string, w int) []string {
	var lines []string
	cur := ""
	for _, word := range strings.Fields(text) {
		switch {
		case cur == "":
			cur = word
		case ansi.StringWidth(cur)+1+ansi.StringWidth(word) <= w:
			cur += " " + word
		default:
			lines = append(lines, cur)
			cur = word
		}
	}
	return append(lines, cur)
}

// fit truncates every line to w cells and keeps at most h lines (the first
// ones, but always the last: the key help).
func fit(lines []string, w, h int) string {
	if len(lines) > h {
		lines = append(lines[:h-1], lines[len(lines)-1])
	}
	for i, l := range lines {
		lines[i] = ansi.Truncate(l, w, "…")
	}
	return strings.Join(lines, "\n")
}

func (m Model) headerLine() string {
	s := m.styles
	addr := "(no address)"
	if m.opts.Client != nil {
		addr = m.opts.Client.Addr()
	}
	// On a narrow terminal the line is cut from the right, so the parts go
	// in order of importance: state, filters, clock, address.
	parts := []string{s.title.Render("nl top")}
	switch {
	case m.connected && m.paused:
		parts = append(parts, s.spike.Render("PAUSED")+fmt.Sprintf(" (%d held)", len(m.held)))
	case m.connected:
		parts = append(parts, s.ok.Render("live"))
	case m.err != nil:
		parts = append(parts, s.err.Render(fmt.Sprintf("reconnecting (attempt %d): %v", m.attempts, m.err)))
	case m.opts.Client != nil:
		parts = append(parts, "connecting…")
	}
	if m.filterDevice != "" {
		parts = append(parts, "device="+m.filterDevice)
	}
	if m.filterFunction != "" {
		parts = append(parts, "function="+m.filterFunction)
	}
	if m.snap != nil {
		parts = append(parts, "fleet time "+m.snap.Time.Format("15:04:05"))
	}
	parts = append(parts, addr)
	return strings.Join(parts, " · ")
}

func (m Model) waitingLine() string {
	if m.err != nil {
		return "No fleet yet: " + m.err.Error() + ". Start one with `nl dev --demo`."
	}
	return "Waiting for the fleet…"
}

func kb(n int64) string { return fmt.Sprintf("%.1f", float64(n)/1024) }

// fleetLines is the fleet table. Columns give way as the terminal narrows:
// below 100 the failures, below 80 the profile, below 70 where the events
// ran, so that policy, heap, energy and events/s are never cut off.
func (m Model) fleetLines(w int) []string {
	s := m.styles
	wide := w >= 100
	row := func(mark, name, profile, policy, heap, energy, evs, placed, fail string) string {
		switch {
		case wide:
			return fmt.Sprintf("%s%-10s %-9s %-8s %-20s %10s %5s %-17s %s", mark, name, profile, policy, heap, energy, evs, placed, fail)
		case w >= 80:
			return fmt.Sprintf("%s%-8s %-8s %-7s %-18s %9s %4s %s", mark, name, profile, policy, heap, energy, evs, placed)
		case w >= 70:
			return fmt.Sprintf("%s%-8s %-7s %-18s %9s %4s %s", mark, name, policy, heap, energy, evs, placed)
		}
		return fmt.Sprintf("%s%-8s %-7s %-18s %9s %4s", mark, name, policy, heap, energy, evs)
	}
	heapHead := "HEAP KB now/peak/max"
	if !wide {
		heapHead = "HEAP KB now/pk/max"
	}
	lines := []string{
		s.section.Render(fmt.Sprintf("FLEET (%d devices)", len(m.snap.Devices))),
		s.header.Render(row("  ", "DEVICE", "PROFILE", "POLICY", heapHead, "ENERGY mJ", "EV/S", "DEVICE/EDGE/CLOUD", "FAIL")),
	}
	for i, d := range m.snap.Devices {
		mark := "  "
		if i == m.selected {
			mark = "> "
		}
		heap := fmt.Sprintf("%s/%s/%s", kb(d.HeapUsed), kb(d.HeapPeak), kb(d.HeapBudget))
		if d.HeapBudget > 0 && d.HeapPeak*10 > d.HeapBudget*9 {
			heap += "!"
		}
		energy := fmt.Sprintf("%.1f", d.EnergyMJ)
		if d.BatteryMJ > 0 {
			energy += fmt.Sprintf(" (%.0f%%)", 100*d.BatteryLeft/d.BatteryMJ)
		}
		placed := fmt.Sprintf("%d/%d/%d", d.PerTier["device"], d.PerTier["edge"], d.PerTier["cloud"])
		line := row(mark, d.Name, d.Profile, d.Policy, heap, energy, fmt.Sprintf("%.1f", d.EventsPerSec), placed, fmt.Sprint(d.Failures))
		if i == m.selected {
			line = s.selected.Render(line)
		}
		lines = append(lines, line)
	}
	return lines
}

func (m Model) networkLines(w int) []string {
	s := m.styles
	if len(m.snap.Network) == 0 {
		return nil
	}
	lines := []string{s.section.Render("NETWORK (round trip beyond the radio; recent measured)")}
	for _, n := range m.snap.Network {
		base := fmt.Sprintf("(base %.0f)", n.BaseRTTMS)
		line := fmt.Sprintf("  %-6s %7.0f ms %-11s loss %3.0f%%", n.Tier, n.RTTMS, base, 100*n.Loss)
		if n.Spike {
			what := fmt.Sprintf("+%.0f ms", n.RTTMS-n.BaseRTTMS)
			if n.Loss >= 1 {
				what = "OUTAGE"
			}
			until := ""
			if !n.SpikeUntil.IsZero() {
				until = " until " + n.SpikeUntil.Format("15:04:05")
			}
			line += "  " + s.spike.Render("!! SPIKE "+what+until)
		}
		line += "  " + Sparkline(n.RecentRTTMS, min(40, max(8, w-80)), 0, 0)
		lines = append(lines, line)
	}
	return lines
}

// compactNetwork keeps the network panel to one line per tier, no title.
func compactNetwork(lines []string) []string {
	if len(lines) <= 1 {
		return lines
	}
	return lines[1:]
}

func (m Model) latencyLines(w int) []string {
	s := m.styles
	names := make([]string, 0, len(m.latency))
	for n := range m.latency {
		if m.filterFunction == "" || n == m.filterFunction {
			names = append(names, n)
		}
	}
	if len(names) == 0 {
		return nil
	}
	sort.Strings(names)
	lines := []string{s.section.Render("LATENCY per tier (ms, last runs)")}
	// One line per function when three sparklines of at least minSpark
	// cells fit beside its name (15) and the tier labels and numbers (36+4);
	// otherwise one line per tier, so that no tier is cut off.
	const minSpark = 6
	sw := min(24, (w-55)/3)
	stacked := sw < minSpark
	if stacked {
		sw = min(40, w-28)
	}
	for _, n := range names {
		var cells []string
		for _, t := range tiers {
			l := m.latency[n][t]
			label := s.tierStyle(t).Render(t) + strings.Repeat(" ", len("device")-len(t))
			if !stacked {
				label = s.tierStyle(t).Render(t)
			}
			if len(l) == 0 {
				cells = append(cells, fmt.Sprintf("%s %s", label, strings.Repeat(" ", max(0, sw))+"     -"))
				continue
			}
			cells = append(cells, fmt.Sprintf("%s %-*s %5.0f", label, sw, Sparkline(l, max(1, sw), 0, 0), l[len(l)-1]))
		}
		if !stacked {
			lines = append(lines, fmt.Sprintf("  %-12s %s", n, strings.Join(cells, "  ")))
			continue
		}
		for i, c := range cells {
			name := ""
			if i == 0 {
				name = n
			}
			lines = append(lines, fmt.Sprintf("  %-12s %s", name, c))
		}
	}
	return lines
}

func (m Model) decisionLines(rows, w int) []string {
	s := m.styles
	title := "DECISIONS"
	if m.paused {
		title += " (paused)"
	}
	lines := []string{s.section.Render(title)}
	if rows < 2 {
		return lines[:rows]
	}
	lines = append(lines, s.header.Render(m.decisionRow(w, "TIME", "DEVICE", "FUNCTION", "TIER", "PRED ms", "ACT ms", "mJ", "REASON")))
	for _, ev := range m.visible(rows - 2) {
		lines = append(lines, m.decisionLine(ev, w))
	}
	return lines
}

// decisionRow lays out one row of the decision list; below 100 columns
// numbers get narrower, and the function is left out when the fleet runs
// only one (the latency panel names it), to leave room for the reason.
// tier may carry colour, so it is padded by its printed width.
func (m Model) decisionRow(w int, tm, device, function, tier, pred, act, mj, reason string) string {
	if w >= 100 {
		return fmt.Sprintf("%-10s %-10s %-12s %s %7s %7s %7s  %s", tm, device, function, padTo(tier, 13), pred, act, mj, reason)
	}
	if len(m.functionNames()) > 1 {
		return fmt.Sprintf("%-8s %-7s %-10s %s %5s %5s %5s %s", tm, device, function, padTo(tier, 13), pred, act, mj, reason)
	}
	// 13 cells fit the longest tier, "cloud→device?".
	return fmt.Sprintf("%-8s %-7s %s %5s %5s %5s %s", tm, device, padTo(tier, 13), pred, act, mj, reason)
}

func padTo(s string, n int) string {
	return s + strings.Repeat(" ", max(0, n-ansi.StringWidth(s)))
}

func (m Model) decisionLine(ev events.Event, w int) string {
	s := m.styles
	d := ev.Decision
	tier := d.Tier
	if d.RanOn != "" && d.RanOn != d.Tier {
		tier += "→" + d.RanOn
	}
	if d.Explore {
		tier += "?"
	}
	pred := "-"
	if d.PredictedMS > 0 {
		pred = fmt.Sprintf("%.0f", d.PredictedMS)
	}
	reason := d.Reason
	if d.Error != "" {
		reason = s.err.Render("FAILED: " + d.Error)
	}
	tm := ev.Time.Format("15:04:05.0")
	mj := fmt.Sprintf("%.2f", d.EnergyMJ)
	if w < 100 {
		tm = ev.Time.Format("15:04:05")
		mj = fmt.Sprintf("%.1f", d.EnergyMJ)
	}
	return m.decisionRow(w, tm, d.Device, d.Function, s.tierStyle(d.RanOn).Render(tier), pred,
		fmt.Sprintf("%.0f", d.ActualMS), mj, reason)
}

// Render returns a plain text picture of a snapshot at the given width, for
// `nl top --once` without --json.
func Render(s *events.Snapshot, width int) string {
	m := New(Options{NoColor: true})
	m.width, m.height = width, 1000
	m.setSnapshot(s)
	m.connected = true
	m.selected = -1
	// A first line says when the picture was taken, so that two outputs of
	// a script can be told apart.
	lines := []string{fmt.Sprintf("nl top · fleet time %s · event %d", s.Time.Format("15:04:05.0"), s.Seq)}
	lines = append(lines, m.fleetLines(width)...)
	lines = append(lines, m.networkLines(width)...)
	lines = append(lines, m.latencyLines(width)...)
	return fit(lines, width, len(lines)+1) + "\n"
}
