package fleet

import (
	"sync"

	"github.com/nanolambda/nl/fleet/events"
)

// broker numbers events, keeps the last backlog of them for clients that
// (re)connect with ?since=, and fans them out to subscribers. A subscriber
// that falls a whole buffer behind is cut off rather than slowing the fleet;
// its client reconnects with the last sequence number it saw.
type broker struct {
	mu      sync.Mutex
	seq     uint64
	backlog []events.Event // ring, oldest first once full
	next    int
	full    bool
	subs    map[chan events.Event]struct{}
}

// subBuffer is how many events a subscriber may lag before it is cut off.
const subBuffer = 256

func newBroker(size int) *broker {
	if size <= 0 {
		size = 1000
	}
	return &broker{backlog: make([]events.Event, size), subs: map[chan events.Event]struct{}{}}
}

func (b *broker) publish(ev events.Event) events.Event {
	b.mu.Lock()
	defer b.mu.Unlock()
	b.seq++
	ev.Seq = b.seq
	b.backlog[b.next] = ev
	b.next = (b.next + 1) % len(b.backlog)
	if b.next == 0 {
		b.full = true
	}
	for ch := range b.subs {
		select {
		case ch <- ev:
		default:
			delete(b.subs, ch)
			close(ch)
		}
	}
	return ev
}

func (b *broker) last() uint64 {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.seq
}

// subscribe returns the kept events after since and a channel of the ones
// that follow; cancel unsubscribes. The channel is closed if the subscriber
// is cut off.
func (b *broker) subscribe(since uint64) (backlog []events.Event, ch <-chan events.Event, cancel func()) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var ordered []events.Event
	if b.full {
		ordered = append(append(ordered, b.backlog[b.next:]...), b.backlog[:b.next]...)
	} else {
		ordered = b.backlog[:b.next]
	}
	for _, ev := range ordered {
		if ev.Seq > since {
			backlog = append(backlog, ev)
		}
	}
	c := make(chan events.Event, subBuffer)
	b.subs[c] = struct{}{}
	return backlog, c, func() {
		b.mu.Lock()
		defer b.mu.Unlock()
		if _, ok := b.subs[c]; ok {
			delete(b.subs, c)
			close(c)
		}
	}
}
