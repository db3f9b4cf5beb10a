package tui

import "github.com/charmbracelet/lipgloss"

// styles holds every style the view uses; with NoColor they are all plain.
type styles struct {
	title, section, header, selected, dim, spike, err, ok lipgloss.Style
	tier                                                  map[string]lipgloss.Style
}

func newStyles(noColor bool) styles {
	p := lipgloss.NewStyle()
	if noColor {
		return styles{title: p, section: p, header: p, selected: p, dim: p, spike: p, err: p, ok: p,
			tier: map[string]lipgloss.Style{}}
	}
	return styles{
		title:    p.Bold(true),
		section:  p.Bold(true).Foreground(lipgloss.Color("12")),
		header:   p.Faint(true),
		selected: p.Reverse(true),
		dim:      p.Faint(true),
		spike:    p.Bold(true).Foreground(lipgloss.Color("9")),
		err:      p.Foreground(lipgloss.Color("9")),
		ok:       p.Foreground(lipgloss.Color("10")),
		tier: map[string]lipgloss.Style{
			"device": p.Foreground(lipgloss.Color("11")),
			"edge":   p.Foreground(lipgloss.Color("14")),
			"cloud":  p.Foreground(lipgloss.Color("13")),
		},
	}
}

func (s styles) tierStyle(t string) lipgloss.Style {
	if st, ok := s.tier[t]; ok {
		return st
	}
	return lipgloss.NewStyle()
}
