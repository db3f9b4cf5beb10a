package vm_test

import (
	"errors"
	"testing"

	"github.com/nanolambda/nl/vm"
)

// liveAfter calls fn in a fresh instance of src and returns the live heap
// afterwards (the collector traces the module's globals).
func liveAfter(t *testing.T, src, fn string) int64 {
	t.Helper()
	_, in, err := runPy(t, src, vm.Options{HeapLimit: 4 << 20})
	if err != nil {
		t.Fatal(err)
	}
	if _, err := in.Call(fn); err != nil {
		t.Fatalf("%s: %v", fn, err)
	}
	return in.Stats().Heap
}

const collectionsMemSrc = `
from collections import defaultdict, Counter, OrderedDict, deque, namedtuple
P = namedtuple("P", "a b")
keep = None
def words():
    return ["word-%d" % i for i in range(300)]
def none():
    global keep
    keep = None
def plain_dict():
    global keep
    keep = {w: [w] for w in words()}
def plain_dict_append():
    global keep
    keep = {}
    for w in words():
        keep.setdefault(w, []).append(w)
def dd():
    global keep
    keep = defaultdict(list)
    for w in words():
        keep[w].append(w)
def plain_counts():
    global keep
    keep = {w: 1 for w in words()}
def counter():
    global keep
    keep = Counter(words())
def odict():
    global keep
    keep = OrderedDict((w, [w]) for w in words())
    keep.move_to_end("word-0")
def plain_list():
    global keep
    keep = list(words())
def dq():
    global keep
    keep = deque(words())
def tuples():
    global keep
    keep = [(w, w) for w in words()]
def ntuples():
    global keep
    keep = [P(w, w) for w in words()]
def factory():
    global keep
    big = words()
    keep = defaultdict(lambda: big)
def factory_none():
    global keep
    keep = defaultdict(None)
`

// TestCollectionsLiveHeap: the collector traces the collections types
// (their elements, a defaultdict's factory, a namedtuple's class) and sizes
// them like the equivalent dict, list or tuple.
func TestCollectionsLiveHeap(t *testing.T) {
	base := liveAfter(t, collectionsMemSrc, "none")
	words := liveAfter(t, collectionsMemSrc, "plain_list") - base
	if words < 300*16 {
		t.Fatalf("a list of 300 strs holds only %d bytes", words)
	}
	for _, c := range []struct {
		got, want string
		slack     int64
	}{
		{"dd", "plain_dict_append", 64},
		{"counter", "plain_counts", 64},
		{"odict", "plain_dict", 64},
		{"dq", "plain_list", 256},
		{"ntuples", "tuples", 300*4 + 512},
	} {
		got := liveAfter(t, collectionsMemSrc, c.got)
		want := liveAfter(t, collectionsMemSrc, c.want)
		t.Logf("%s: %d bytes, %s: %d", c.got, got-base, c.want, want-base)
		if got < want || got > want+c.slack {
			t.Errorf("%s holds %d bytes, %s %d (want within +%d)", c.got, got-base, c.want, want-base, c.slack)
		}
	}
	// A defaultdict keeps its factory (and what the factory closes over).
	withBig := liveAfter(t, collectionsMemSrc, "factory")
	without := liveAfter(t, collectionsMemSrc, "factory_none")
	if withBig-without < words-512 {
		t.Errorf("factory closure adds %d bytes, want about %d", withBig-without, words)
	}
}

// TestCollectionsCharged: growing a collections value is charged, so it
// ends in MemoryError under a small budget and the garbage is reclaimed.
func TestCollectionsCharged(t *testing.T) {
	src := `
from collections import defaultdict, Counter, OrderedDict, deque, namedtuple
P = namedtuple("P", "a b")
def grow_deque(n):
    d = deque()
    for i in range(n):
        d.append("x%d" % i)
    return len(d)
def grow_deque_left(n):
    d = deque()
    for i in range(n):
        d.appendleft(i * 1000003)
    return len(d)
def grow_counter(n):
    c = Counter()
    for i in range(n):
        c["k%d" % i] += 1
    return len(c)
def grow_dd(n):
    d = defaultdict(list)
    for i in range(n):
        d[i].append(i)
    return len(d)
def grow_nt(n):
    return len([P(i, i) for i in range(n)])
def grow_od(n):
    return len(OrderedDict((i, i) for i in range(n)))
`
	_, in, err := runPy(t, src, vm.Options{HeapLimit: 48 << 10})
	if err != nil {
		t.Fatal(err)
	}
	for _, fn := range []string{"grow_deque", "grow_deque_left", "grow_counter", "grow_dd", "grow_nt", "grow_od"} {
		if _, err := in.Call(fn, vm.Int(100)); err != nil {
			t.Fatalf("%s(100): %v", fn, err)
		}
		_, err := in.Call(fn, vm.Int(50000))
		var e *vm.Exception
		if !errors.As(err, &e) || e.Type != "MemoryError" {
			t.Fatalf("%s(50000): got %v, want MemoryError", fn, err)
		}
		if p := in.Stats().PeakHeap; p > 48<<10 {
			t.Errorf("%s: peak heap %d over the limit", fn, p)
		}
		if h := in.Stats().Heap; h > 8<<10 {
			t.Errorf("%s: heap after MemoryError = %d, want the garbage collected", fn, h)
		}
	}
}
