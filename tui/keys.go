package tui

import "github.com/charmbracelet/bubbles/key"

// keyMap lists the keys of `nl top`; the help line is generated from it.
type keyMap struct {
	Quit, Pause, Device, Function, Clear, Up, Down, Policy, Spike, Outage, Help key.Binding
}

func defaultKeys() keyMap {
	return keyMap{
		Quit:     key.NewBinding(key.WithKeys("q", "ctrl+c"), key.WithHelp("q", "quit")),
		Pause:    key.NewBinding(key.WithKeys("p", " "), key.WithHelp("p", "pause")),
		Device:   key.NewBinding(key.WithKeys("d"), key.WithHelp("d", "filter device")),
		Function: key.NewBinding(key.WithKeys("f"), key.WithHelp("f", "filter function")),
		Clear:    key.NewBinding(key.WithKeys("esc"), key.WithHelp("esc", "clear filters")),
		Up:       key.NewBinding(key.WithKeys("up", "k"), key.WithHelp("↑/k", "select")),
		Down:     key.NewBinding(key.WithKeys("down", "j"), key.WithHelp("↓/j", "select")),
		Policy:   key.NewBinding(key.WithKeys("c"), key.WithHelp("c", "change policy")),
		Spike:    key.NewBinding(key.WithKeys("s"), key.WithHelp("s", "inject spike")),
		Outage:   key.NewBinding(key.WithKeys("o"), key.WithHelp("o", "inject outage")),
		Help:     key.NewBinding(key.WithKeys("?"), key.WithHelp("?", "more keys")),
	}
}

// ShortHelp is the one-line help.
func (k keyMap) ShortHelp() []key.Binding {
	return []key.Binding{k.Pause, k.Device, k.Policy, k.Spike, k.Help, k.Quit}
}

// FullHelp is the expanded help.
func (k keyMap) FullHelp() [][]key.Binding {
	return [][]key.Binding{
		{k.Pause, k.Device, k.Function, k.Clear},
		{k.Up, k.Down, k.Policy},
		{k.Spike, k.Outage, k.Help, k.Quit},
	}
}
