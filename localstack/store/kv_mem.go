package store

import (
	"sort"
	"sync"
)

// MemKV is a KV held in memory, for --ephemeral and tests.
type MemKV struct {
	mu  sync.RWMutex
	nss map[string]*memNS
}

type memNS struct {
	vals   map[string][]byte
	sorted []string // keys in order, kept current by set and del
}

func (n *memNS) set(key string, val []byte) {
	if _, ok := n.vals[key]; !ok {
		i := sort.SearchStrings(n.sorted, key)
		n.sorted = append(n.sorted, "")
		copy(n.sorted[i+1:], n.sorted[i:])
		n.sorted[i] = key
	}
	n.vals[key] = val
}

func (n *memNS) del(key string) {
	if _, ok := n.vals[key]; !ok {
		return
	}
	delete(n.vals, key)
	i := sort.SearchStrings(n.sorted, key)
	if i < len(n.sorted) && n.sorted[i] == key {
		n.sorted = append(n.sorted[:i], n.sorted[i+1:]...)
	}
}

// NewMemKV returns an empty in-memory KV.
func NewMemKV() *MemKV { return &MemKV{nss: map[string]*memNS{}} }

type undo struct {
	ns, key string
	old     []byte
	had     bool
}

type memTx struct {
	kv       *MemKV
	writable bool
	log      []undo
	dropped  map[string]*memNS
}

// Update implements KV.
func (m *MemKV) Update(fn func(Tx) error) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	tx := &memTx{kv: m, writable: true}
	if err := fn(tx); err != nil {
		tx.rollback()
		return err
	}
	return nil
}

// View implements KV.
func (m *MemKV) View(fn func(Tx) error) error {
	m.mu.RLock()
	defer m.mu.RUnlock()
	return fn(&memTx{kv: m})
}

// Close implements KV.
func (m *MemKV) Close() error { return nil }

func (t *memTx) rollback() {
	for ns, n := range t.dropped {
		t.kv.nss[ns] = n
	}
	for i := len(t.log) - 1; i >= 0; i-- {
		u := t.log[i]
		n := t.kv.ns(u.ns, true)
		if u.had {
			n.set(u.key, u.old)
		} else {
			n.del(u.key)
		}
	}
}

func (m *MemKV) ns(name string, create bool) *memNS {
	n := m.nss[name]
	if n == nil && create {
		n = &memNS{vals: map[string][]byte{}}
		m.nss[name] = n
	}
	return n
}

func (t *memTx) Get(ns, key string) []byte {
	n := t.kv.ns(ns, false)
	if n == nil {
		return nil
	}
	return n.vals[key]
}

func (t *memTx) Put(ns, key string, val []byte) error {
	if !t.writable {
		return errReadOnly
	}
	n := t.kv.ns(ns, true)
	old, had := n.vals[key]
	t.log = append(t.log, undo{ns, key, old, had})
	n.set(key, append([]byte(nil), val...))
	return nil
}

func (t *memTx) Delete(ns, key string) error {
	if !t.writable {
		return errReadOnly
	}
	n := t.kv.ns(ns, false)
	if n == nil {
		return nil
	}
	old, had := n.vals[key]
	if !had {
		return nil
	}
	t.log = append(t.log, undo{ns, key, old, had})
	n.del(key)
	return nil
}

func (t *memTx) Scan(ns, start string, fn func(string, []byte) bool) error {
	n := t.kv.ns(ns, false)
	if n == nil {
		return nil
	}
	keys := n.sorted
	i := sort.SearchStrings(keys, start)
	for ; i < len(keys); i++ {
		v, ok := n.vals[keys[i]]
		if !ok {
			continue
		}
		if !fn(keys[i], v) {
			break
		}
	}
	return nil
}

func (t *memTx) DropNS(ns string) error {
	if !t.writable {
		return errReadOnly
	}
	if n := t.kv.nss[ns]; n != nil {
		if t.dropped == nil {
			t.dropped = map[string]*memNS{}
		}
		if _, ok := t.dropped[ns]; !ok {
			t.dropped[ns] = n
		}
		delete(t.kv.nss, ns)
	}
	return nil
}
