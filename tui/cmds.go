package tui

import (
	"context"
	"time"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/nanolambda/nl/fleet/events"
)

// Messages. Each Cmd returns exactly one of these.
type (
	// connectedMsg: a snapshot was fetched and the stream opened.
	connectedMsg struct {
		gen       int
		snap      *events.Snapshot
		stream    *events.Stream
		restarted bool // the fleet's sequence went backwards: nl dev restarted
	}
	// connErrMsg: connecting, or reading the stream, failed.
	connErrMsg struct {
		gen int
		err error
	}
	// eventMsg is one event from the stream.
	eventMsg struct {
		gen    int
		ev     events.Event
		stream *events.Stream
	}
	// snapshotMsg is a periodic refresh.
	snapshotMsg struct {
		gen  int
		snap *events.Snapshot
	}
	// tickMsg asks for a snapshot refresh; reconnectMsg for a new attempt.
	tickMsg      struct{ gen int }
	reconnectMsg struct{ gen int }
	// policyMsg and spikeMsg are the answers to the actions.
	policyMsg struct {
		device string
		state  *events.DeviceState
		err    error
	}
	spikeMsg struct {
		req    events.SpikeRequest
		states []events.NetworkState
		err    error
	}
)

// refreshEvery is the snapshot refresh period; callTimeout bounds one API
// call (the stream has no timeout).
const (
	refreshEvery = time.Second
	callTimeout  = 5 * time.Second
)

// Every connection has a generation number; messages of an older
// generation are ignored, so a failure reported twice (by the stream and by
// a snapshot) starts one reconnection, not two.

// connectCmd fetches a snapshot and opens the stream after since; if the
// fleet's sequence is behind since, or its clock behind seen (the fleet time
// last shown), nl dev restarted and the stream starts from its beginning.
// The clock catches a restarted fleet that has already published more
// events than the old one had when the connection dropped.
func connectCmd(ctx context.Context, c *events.Client, since uint64, seen time.Time, gen int) tea.Cmd {
	return func() tea.Msg {
		cctx, cancel := context.WithTimeout(ctx, callTimeout)
		snap, err := c.Snapshot(cctx)
		cancel()
		if err != nil {
			return connErrMsg{gen, err}
		}
		restarted := snap.Seq < since || (since > 0 && snap.Time.Before(seen))
		if restarted {
			since = 0
		}
		st, err := c.Stream(ctx, since)
		if err != nil {
			return connErrMsg{gen, err}
		}
		return connectedMsg{gen: gen, snap: snap, stream: st, restarted: restarted}
	}
}

// nextEventCmd waits for one event; Update issues it again after each.
func nextEventCmd(st *events.Stream, gen int) tea.Cmd {
	return func() tea.Msg {
		ev, err := st.Next()
		if err != nil {
			st.Close()
			return connErrMsg{gen, err}
		}
		return eventMsg{gen: gen, ev: ev, stream: st}
	}
}

func snapshotCmd(ctx context.Context, c *events.Client, gen int) tea.Cmd {
	return func() tea.Msg {
		cctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		snap, err := c.Snapshot(cctx)
		if err != nil {
			return connErrMsg{gen, err}
		}
		return snapshotMsg{gen, snap}
	}
}

func tickCmd(gen int) tea.Cmd {
	return tea.Tick(refreshEvery, func(time.Time) tea.Msg { return tickMsg{gen} })
}

func reconnectCmd(after time.Duration, gen int) tea.Cmd {
	return tea.Tick(after, func(time.Time) tea.Msg { return reconnectMsg{gen} })
}

func setPolicyCmd(ctx context.Context, c *events.Client, device, policy string) tea.Cmd {
	return func() tea.Msg {
		cctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		st, err := c.SetPolicy(cctx, device, policy)
		return policyMsg{device: device, state: st, err: err}
	}
}

func spikeCmd(ctx context.Context, c *events.Client, req events.SpikeRequest) tea.Cmd {
	return func() tea.Msg {
		cctx, cancel := context.WithTimeout(ctx, callTimeout)
		defer cancel()
		ns, err := c.Spike(cctx, req)
		return spikeMsg{req: req, states: ns, err: err}
	}
}
