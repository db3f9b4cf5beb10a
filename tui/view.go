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
		body := []string{"", m.waitingLine()}
		return fit(append(append(head, body...), foot...), w, h)
	}
	fleet := m.fleetLines()
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
	parts := []string{s.title.Render("nl top"), addr}
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
	if m.snap != nil {
		parts = append(parts, "fleet time "+m.snap.Time.Format("15:04:05"))
	}
	if m.filterDevice != "" {
		parts = append(parts, "device="+m.filterDevice)
	}
	if m.filterFunction != "" {
		parts = append(parts, "function="+m.filterFunction)
	}
	return strings.Join(parts, " · ")
}

func (m Model) waitingLine() string {
	if m.err != nil {
		return "No fleet yet: " + m.err.Error() + ". Start one with `nl dev --demo`."
	}
	return "Waiting for the fleet…"
}

func kb(n int64) string { return fmt.Sprintf("%.1f", float64(n)/1024) }

func (m Model) fleetLines() []string {
	s := m.styles
	lines := []string{
		s.section.Render(fmt.Sprintf("FLEET (%d devices)", len(m.snap.Devices))),
		s.header.Render(fmt.Sprintf("  %-10s %-9s %-8s %-20s %10s %5s %-16s %s",
			"DEVICE", "PROFILE", "POLICY", "HEAP KB now/peak/max", "ENERGY mJ", "EV/S", "DEVICE/EDGE/CLOUD", "FAIL")),
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
		line := fmt.Sprintf("%s%-10s %-9s %-8s %-20s %10s %5.1f %-16s %d",
			mark, d.Name, d.Profile, d.Policy, heap, energy, d.EventsPerSec, placed, d.Failures)
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
		line := fmt.Sprintf("  %-6s %7.0f ms (base %.0f)  loss %3.0f%%", n.Tier, n.RTTMS, n.BaseRTTMS, 100*n.Loss)
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
	sw := max(6, min(24, (w-16)/3-14))
	for _, n := range names {
		var cells []string
		for _, t := range tiers {
			l := m.latency[n][t]
			if len(l) == 0 {
				cells = append(cells, fmt.Sprintf("%s %s", s.tierStyle(t).Render(t), strings.Repeat(" ", sw)+"     -"))
				continue
			}
			cells = append(cells, fmt.Sprintf("%s %-*s %5.0f", s.tierStyle(t).Render(t), sw, Sparkline(l, sw, 0, 0), l[len(l)-1]))
		}
		lines = append(lines, fmt.Sprintf("  %-12s %s", n, strings.Join(cells, "  ")))
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
	lines = append(lines, s.header.Render(fmt.Sprintf("%-10s %-10s %-12s %-13s %7s %7s %7s  %s",
		"TIME", "DEVICE", "FUNCTION", "TIER", "PRED ms", "ACT ms", "mJ", "REASON")))
	for _, ev := range m.visible(rows - 2) {
		lines = append(lines, m.decisionLine(ev))
	}
	return lines
}

func (m Model) decisionLine(ev events.Event) string {
	s := m.styles
	d := ev.Decision
	tier := d.Tier
	if d.RanOn != "" && d.RanOn != d.Tier {
		tier += "→" + d.RanOn
	}
	if d.Explore {
		tier += "?"
	}
	pad := max(0, 13-ansi.StringWidth(tier))
	tierCell := s.tierStyle(d.RanOn).Render(tier) + strings.Repeat(" ", pad)
	pred := "-"
	if d.PredictedMS > 0 {
		pred = fmt.Sprintf("%.0f", d.PredictedMS)
	}
	reason := d.Reason
	if d.Error != "" {
		reason = s.err.Render("FAILED: " + d.Error)
	}
	return fmt.Sprintf("%-10s %-10s %-12s %s %7s %7.0f %7.2f  %s",
		ev.Time.Format("15:04:05.0"), d.Device, d.Function, tierCell, pred, d.ActualMS, d.EnergyMJ, reason)
}

// Render returns a plain text picture of a snapshot at the given width, for
// `nl top --once` without --json.
func Render(s *events.Snapshot, width int) string {
	m := New(Options{NoColor: true})
	m.width, m.height = width, 1000
	m.setSnapshot(s)
	m.connected = true
	m.selected = -1
	lines := []string{}
	lines = append(lines, m.fleetLines()...)
	lines = append(lines, m.networkLines(width)...)
	lines = append(lines, m.latencyLines(width)...)
	return fit(lines, width, len(lines)+1) + "\n"
}
