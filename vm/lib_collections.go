package vm

import (
	"sort"
	"strings"
)

// The collections module. defaultdict, Counter and OrderedDict are dicts
// (a *Dict whose sub field names the subclass), so every dict operation,
// isinstance(x, dict), iteration and json work on them unchanged; the
// hooks in items.go (__missing__), repr.go, ops.go (==, operators), attr.go
// (methods, default_factory) and interp.go (in-place operators) consult
// sub. deque is its own type (lib_collections_deque.go).

// dictKind describes one dict subclass.
type dictKind struct {
	tpName  string // name in error messages (CPython's tp_name)
	class   *Class
	methods map[string]*NativeMethod // looked up before dict's methods
}

// dictSub is the subclass state of a dict.
type dictSub struct {
	kind    *dictKind
	factory Value // defaultdict's default_factory (None or a callable)
}

// sizeDictSub is the heap size of a subclass header (kind + factory).
const sizeDictSub = 8

var (
	kindDefaultdict = newDictKind("defaultdict", "collections.defaultdict")
	kindCounter     = newDictKind("Counter", "Counter")
	kindOrderedDict = newDictKind("OrderedDict", "collections.OrderedDict")
)

func newDictKind(name, tpName string) *dictKind {
	c := newBuiltinType(name, typeDict)
	c.module = "collections"
	return &dictKind{tpName: tpName, class: c, methods: map[string]*NativeMethod{}}
}

func init() {
	kindDefaultdict.class.construct = constructDefaultdict
	kindCounter.class.construct = constructCounter
	kindOrderedDict.class.construct = constructOrderedDict
	registerMethod(kindDefaultdict.methods, "__missing__", func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
		if err := positional("__missing__", args, kwargs, 1, 1); err != nil {
			return nil, err
		}
		return th.dictSubMissing(recv.(*Dict), args[0])
	})
	for name, fn := range map[string]func(*Thread, Value, []Value, []KeywordArg) (Value, error){
		"most_common": counterMostCommon, "elements": counterElements, "update": counterUpdateMethod,
		"subtract": counterSubtractMethod, "total": counterTotal,
	} {
		registerMethod(kindCounter.methods, name, fn)
	}
	for _, k := range []*dictKind{kindDefaultdict, kindOrderedDict} {
		kind := k
		kind.class.dict["fromkeys"] = NewBuiltin("fromkeys", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			r, err := dictFromkeys(th, args, kwargs)
			if err != nil {
				return nil, err
			}
			return r, th.setDictSub(r.(*Dict), kind, None)
		})
	}
	kindCounter.class.dict["fromkeys"] = NewBuiltin("fromkeys", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		return nil, newError(excNotImplementedError, "Counter.fromkeys() is undefined.  Use Counter(iterable) instead.")
	})
	registerMethod(kindOrderedDict.methods, "move_to_end", odictMoveToEnd)
	registerMethod(kindOrderedDict.methods, "popitem", odictPopitem)
	registerModule("collections", func() *Module {
		return NewModule("collections", map[string]Value{
			"defaultdict": kindDefaultdict.class,
			"Counter":     kindCounter.class,
			"OrderedDict": kindOrderedDict.class,
			"deque":       typeDeque,
			"namedtuple":  NewBuiltin("namedtuple", collectionsNamedtuple),
		})
	})
}

func isDictSub(v Value) bool {
	d, ok := v.(*Dict)
	return ok && d.sub != nil
}

func isCounter(v Value) bool {
	d, ok := v.(*Dict)
	return ok && d.sub != nil && d.sub.kind == kindCounter
}

// setDictSub makes d an instance of kind, charged.
func (th *Thread) setDictSub(d *Dict, kind *dictKind, factory Value) error {
	if err := th.charge(sizeDictSub); err != nil {
		return err
	}
	d.sub = &dictSub{kind: kind, factory: factory}
	return nil
}

func (th *Thread) newDictSub(kind *dictKind, factory Value) (*Dict, error) {
	d, err := th.NewDict()
	if err != nil {
		return nil, err
	}
	return d, th.setDictSub(d, kind, factory)
}

func setDefaultFactory(d *Dict, f Value) error {
	d.sub.factory = f
	return nil
}

// dictSubAttr finds an attribute specific to d's subclass.
func (th *Thread) dictSubAttr(d *Dict, name string) (Value, bool, error) {
	if m, ok := d.sub.kind.methods[name]; ok {
		return &Builtin{method: m, recv: d}, true, nil
	}
	if d.sub.kind == kindDefaultdict && name == "default_factory" {
		return d.sub.factory, true, nil
	}
	if b, ok := d.sub.kind.class.dict[name].(*Builtin); ok { // fromkeys
		return b, true, nil
	}
	return nil, false, nil
}

// dictSubMissing is d[k] for a key d lacks.
func (th *Thread) dictSubMissing(d *Dict, k Value) (Value, error) {
	switch d.sub.kind {
	case kindDefaultdict:
		if d.sub.factory == nil || d.sub.factory == None {
			return nil, keyError(k)
		}
		v, err := th.Call(d.sub.factory, nil, nil)
		if err != nil {
			return nil, err
		}
		return v, d.Set(th, k, v)
	case kindCounter:
		return MakeInt(0), nil
	}
	return nil, keyError(k)
}

// dictSubRepr writes the repr of a collections dict.
func (th *Thread) dictSubRepr(sb *strings.Builder, d *Dict, depth int) error {
	kind := d.sub.kind
	if kind == kindDefaultdict {
		// defaultdict(factory, {...}): the recursion guard is dict's.
		sb.WriteString("defaultdict(")
		f := d.sub.factory
		if f == nil {
			f = None
		}
		if err := th.writeRepr(sb, f, depth+1); err != nil {
			return err
		}
		sb.WriteString(", ")
		if th.reprEnter(d) {
			sb.WriteString("{...})")
			return nil
		}
		defer th.reprLeave()
		if err := th.writeItemsRepr(sb, d.Items(), depth); err != nil {
			return err
		}
		sb.WriteByte(')')
		return nil
	}
	if th.reprEnter(d) {
		sb.WriteString("...")
		return nil
	}
	defer th.reprLeave()
	switch kind {
	case kindCounter:
		if d.ht.n == 0 {
			sb.WriteString("Counter()")
			return nil
		}
		items, err := th.counterSorted(d)
		if err != nil {
			// CPython falls back to dict order when counts do not compare.
			if ex, ok := err.(*Exception); !ok || ex.Type != "TypeError" {
				return err
			}
			items = d.Items()
		}
		sb.WriteString("Counter(")
		if err := th.writeItemsRepr(sb, items, depth); err != nil {
			return err
		}
		sb.WriteByte(')')
	case kindOrderedDict:
		if d.ht.n == 0 {
			sb.WriteString("OrderedDict()")
			return nil
		}
		sb.WriteString("OrderedDict([")
		for i, it := range d.Items() {
			if i > 0 {
				sb.WriteString(", ")
			}
			if err := th.writeRepr(sb, it, depth+1); err != nil {
				return err
			}
		}
		sb.WriteString("])")
	}
	return nil
}

// dictSubEqual is x == y when either is a collections dict.
func (th *Thread) dictSubEqual(x, y *Dict) (bool, error) {
	if isCounter(x) && isCounter(y) {
		// Counter.__eq__ (3.10+): missing elements count as zero.
		for _, p := range [2][2]*Dict{{x, y}, {y, x}} {
			for _, e := range p[0].ht.entries {
				if e.key == nil {
					continue
				}
				o, ok, err := p[1].ht.get(th, e.key)
				if err != nil {
					return false, err
				}
				if !ok {
					o = MakeInt(0)
				}
				eq, err := th.Equal(e.value, o)
				if err != nil || !eq {
					return false, err
				}
			}
		}
		return true, nil
	}
	eq, err := th.dictEqual(x, y)
	if err != nil || !eq {
		return false, err
	}
	if x.sub != nil && y.sub != nil && x.sub.kind == kindOrderedDict && y.sub.kind == kindOrderedDict {
		// Two OrderedDicts are equal only in the same order.
		kx, ky := x.Keys(), y.Keys()
		for i := range kx {
			eq, err := th.Equal(kx[i], ky[i])
			if err != nil || !eq {
				return false, err
			}
		}
	}
	return true, nil
}

// dictSubBinary implements binary operators where x or b is a collections
// dict; done=false leaves the operation to the plain dict code.
func (th *Thread) dictSubBinary(op BinaryOp, x *Dict, b Value) (Value, error, bool) {
	if isCounter(x) {
		switch op {
		case BinAdd, BinSub, BinOr, BinAnd:
			if isCounter(b) {
				r, err := th.counterBinary(op, x, b.(*Dict))
				return r, err, true
			}
		}
		if !isDictSub(b) {
			return nil, nil, false // Counter | dict is dict's |: a plain dict
		}
	}
	y, ok := b.(*Dict)
	if !ok || op != BinOr {
		return nil, nil, false
	}
	// dict | defaultdict/OrderedDict (or the reverse): the subclass's
	// __or__/__ror__, whose result has the subclass's type.
	src := x
	if x.sub == nil || x.sub.kind == kindCounter {
		src = y // the right operand's __ror__
	}
	if src.sub == nil || src.sub.kind == kindCounter {
		return nil, nil, false
	}
	d, err := x.Copy(th)
	if err == nil {
		err = th.setDictSub(d, src.sub.kind, src.sub.factory)
	}
	for _, e := range y.ht.entries {
		if err != nil {
			break
		}
		if e.key != nil {
			err = d.Set(th, e.key, e.value)
		}
	}
	if err != nil {
		return nil, err, true
	}
	return d, nil, true
}

// dictSubInplace implements Counter's in-place operators (+=, -=, |=, &=),
// which accept any mapping on the right.
func (th *Thread) dictSubInplace(op BinaryOp, a *Dict, y Value) (Value, error, bool) {
	b, ok := y.(*Dict)
	if !ok || a.sub.kind != kindCounter {
		return nil, nil, false
	}
	switch op {
	case BinAdd, BinSub, BinOr, BinAnd:
	default:
		return nil, nil, false
	}
	r, err := th.counterBinary(op, a, b)
	if err != nil {
		return nil, err, true
	}
	version := a.ht.version
	a.ht = r.(*Dict).ht
	a.ht.version = version + 1 // live iterators of a see the change
	return a, nil, true
}

// --- defaultdict, OrderedDict ---

func constructDefaultdict(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var factory Value = None
	if len(args) > 0 {
		factory = args[0]
		if factory != None && !isCallable(factory) {
			return nil, typeErrorf("first argument must be callable or None")
		}
		args = args[1:]
	}
	if len(args) > 1 {
		return nil, typeErrorf("dict expected at most 1 argument, got %d", len(args))
	}
	d, err := th.newDictSub(kindDefaultdict, factory)
	if err != nil {
		return nil, err
	}
	return d, dictUpdate(th, d, args, kwargs)
}

func constructOrderedDict(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(args) > 1 {
		return nil, typeErrorf("expected at most 1 arguments, got %d", len(args))
	}
	d, err := th.newDictSub(kindOrderedDict, nil)
	if err != nil {
		return nil, err
	}
	return d, dictUpdate(th, d, args, kwargs)
}

// boolArg reads an optional last=True argument (positional or keyword).
func boolArg(th *Thread, fname string, args []Value, kwargs []KeywordArg, min int) ([]Value, bool, error) {
	last := true
	n := min + 1
	if len(args) > n {
		return nil, false, typeErrorf("%s() takes at most %d argument%s (%d given)", fname, n, plural(n), len(args))
	}
	var lv Value
	if len(args) == n {
		lv = args[min]
		args = args[:min]
	}
	for _, kw := range kwargs {
		if kw.Name != "last" {
			return nil, false, typeErrorf("%s() got an unexpected keyword argument '%s'", fname, kw.Name)
		}
		if lv != nil {
			return nil, false, typeErrorf("argument for %s() given by name ('last') and position (%d)", fname, n)
		}
		lv = kw.Value
	}
	if len(args) < min {
		return nil, false, typeErrorf("%s() missing required argument 'key' (pos 1)", fname)
	}
	if lv != nil {
		t, err := th.Truth(lv)
		if err != nil {
			return nil, false, err
		}
		last = t
	}
	return args, last, nil
}

func odictMoveToEnd(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	args, last, err := boolArg(th, "move_to_end", args, kwargs, 1)
	if err != nil {
		return nil, err
	}
	d := recv.(*Dict)
	v, ok, err := d.Delete(th, args[0])
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, keyError(args[0])
	}
	if last {
		return None, d.Set(th, args[0], v)
	}
	rest := d.Items()
	d.Clear()
	if err := d.Set(th, args[0], v); err != nil {
		return nil, err
	}
	for _, it := range rest {
		if err := d.Set(th, it[0], it[1]); err != nil {
			return nil, err
		}
	}
	return None, nil
}

func odictPopitem(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	_, last, err := boolArg(th, "popitem", args, kwargs, 0)
	if err != nil {
		return nil, err
	}
	d := recv.(*Dict)
	keys := d.Keys()
	if len(keys) == 0 {
		return nil, keyError(String("dictionary is empty"))
	}
	k := keys[0]
	if last {
		k = keys[len(keys)-1]
	}
	v, _, err := d.Delete(th, k)
	if err != nil {
		return nil, err
	}
	return th.NewTuple([]Value{k, v})
}

// --- Counter ---

func constructCounter(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(args) > 1 {
		return nil, typeErrorf("Counter.__init__() takes from 1 to 2 positional arguments but %d were given", len(args)+1)
	}
	d, err := th.newDictSub(kindCounter, nil)
	if err != nil {
		return nil, err
	}
	return d, th.counterUpdate(d, "update", args, kwargs, false)
}

func counterUpdateMethod(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return None, th.counterUpdate(recv.(*Dict), "update", args, kwargs, false)
}

func counterSubtractMethod(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return None, th.counterUpdate(recv.(*Dict), "subtract", args, kwargs, true)
}

// counterUpdate is Counter.update (sub=false) or Counter.subtract.
func (th *Thread) counterUpdate(c *Dict, fname string, args []Value, kwargs []KeywordArg, sub bool) error {
	if len(args) > 1 {
		return typeErrorf("expected at most 1 arguments, got %d", len(args))
	}
	op := BinAdd
	if sub {
		op = BinSub
	}
	// add sets c[k] = c[k] op n; update from a mapping computes n + c[k]
	// (CPython's operand order, which shows in error messages).
	add := func(k, n Value, fromMapping bool) error {
		old, ok, err := c.Get(th, k)
		if err != nil {
			return err
		}
		if !ok {
			old = MakeInt(0)
		}
		a, b := old, n
		if fromMapping && !sub {
			a, b = n, old
		}
		v, err := th.Binary(op, a, b)
		if err != nil {
			return err
		}
		return c.Set(th, k, v)
	}
	mapping := func(m *Dict) error {
		if c.ht.n == 0 && !sub {
			// An empty Counter takes a mapping's counts as they are.
			return dictUpdate(th, c, []Value{m}, nil)
		}
		for _, it := range m.Items() {
			if err := add(it[0], it[1], true); err != nil {
				return err
			}
		}
		return nil
	}
	if len(args) == 1 && args[0] != None {
		if m, ok := args[0].(*Dict); ok {
			if err := mapping(m); err != nil {
				return err
			}
		} else {
			one := MakeInt(1)
			if err := forEach(th, args[0], func(e Value) error { return add(e, one, false) }); err != nil {
				return err
			}
		}
	}
	if len(kwargs) > 0 {
		// Keyword counts are one more mapping (self.update(kwds) in CPython).
		m, err := th.NewDict()
		if err != nil {
			return err
		}
		if err := dictUpdate(th, m, nil, kwargs); err != nil {
			return err
		}
		return mapping(m)
	}
	return nil
}

// counterSorted returns c's items by count, descending; equal counts keep
// insertion order (CPython's sorted(..., reverse=True) is stable).
func (th *Thread) counterSorted(c *Dict) ([]Tuple, error) {
	items := c.Items()
	var err error
	sort.SliceStable(items, func(i, j int) bool {
		if err != nil {
			return false
		}
		lt, e := th.Less(items[j][1], items[i][1])
		if e != nil {
			err = e
		}
		return lt
	})
	return items, err
}

func counterMostCommon(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(args) > 1 {
		return nil, typeErrorf("Counter.most_common() takes from 1 to 2 positional arguments but %d were given", len(args)+1)
	}
	var nv Value = None
	if len(args) == 1 {
		nv = args[0]
	}
	for _, kw := range kwargs {
		if kw.Name != "n" || len(args) == 1 {
			if kw.Name == "n" {
				return nil, typeErrorf("Counter.most_common() got multiple values for argument 'n'")
			}
			return nil, typeErrorf("Counter.most_common() got an unexpected keyword argument '%s'", kw.Name)
		}
		nv = kw.Value
	}
	items, err := th.counterSorted(recv.(*Dict))
	if err != nil {
		return nil, err
	}
	if nv != None {
		n, ok := asInt(nv)
		if !ok {
			// The messages of heapq.nlargest, which most_common uses.
			f, isFloat := nv.(Float64)
			switch {
			case !isFloat:
				return nil, typeErrorf("'>=' not supported between instances of '%s' and 'int'", nv.Type())
			case float64(f) >= float64(len(items)):
				return nil, typeErrorf("slice indices must be integers or None or have an __index__ method")
			}
			return nil, typeErrorf("'float' object cannot be interpreted as an integer")
		}
		if n < 0 {
			n = 0
		}
		if int64(len(items)) > n {
			items = items[:n]
		}
	}
	if err := th.charge(sizeOfTuple(2) * int64(len(items))); err != nil {
		return nil, err
	}
	out := make([]Value, len(items))
	for i, it := range items {
		out[i] = it
	}
	return th.NewList(out)
}

func counterElements(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("elements", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	items := recv.(*Dict).Items()
	i := 0
	var left int64 = -1
	it := NewIterator("itertools.chain", func(th *Thread) (Value, bool, error) {
		for i < len(items) {
			if left < 0 {
				n, ok := asInt(items[i][1])
				if !ok {
					return nil, false, typeErrorf("'%s' object cannot be interpreted as an integer", items[i][1].Type())
				}
				left = max(n, 0)
			}
			if left > 0 {
				left--
				return items[i][0], true, nil
			}
			i++
			left = -1
		}
		return nil, false, nil
	})
	return it, th.charge(sizeIterator)
}

func counterTotal(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("total", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	var sum Value = MakeInt(0)
	for _, v := range recv.(*Dict).Values() {
		var err error
		if sum, err = th.Binary(BinAdd, sum, v); err != nil {
			return nil, err
		}
	}
	return sum, nil
}

// counterBinary is x op y for Counters (+, -, |, &): a new Counter that
// keeps only positive counts.
func (th *Thread) counterBinary(op BinaryOp, x, y *Dict) (Value, error) {
	r, err := th.newDictSub(kindCounter, nil)
	if err != nil {
		return nil, err
	}
	zero := MakeInt(0)
	get := func(d *Dict, k Value) (Value, error) {
		v, ok, err := d.Get(th, k)
		if !ok && err == nil {
			v = zero
		}
		return v, err
	}
	// keep sets r[k] = v when v > 0.
	keep := func(k, v Value) error {
		pos, err := th.Compare(CmpGt, v, zero)
		if err != nil || !pos {
			return err
		}
		return r.Set(th, k, v)
	}
	for _, it := range x.Items() {
		k, count := it[0], it[1]
		other, err := get(y, k)
		if err != nil {
			return nil, err
		}
		var n Value
		switch op {
		case BinAdd, BinSub:
			n, err = th.Binary(op, count, other)
		case BinOr, BinAnd:
			var lt bool
			lt, err = th.Compare(CmpLt, count, other)
			if (op == BinOr) == lt {
				n = other
			} else {
				n = count
			}
		}
		if err == nil {
			err = keep(k, n)
		}
		if err != nil {
			return nil, err
		}
	}
	if op == BinAnd {
		return r, nil
	}
	for _, it := range y.Items() {
		k, count := it[0], it[1]
		_, in, err := x.Get(th, k)
		if err != nil {
			return nil, err
		}
		if in {
			continue
		}
		if op == BinSub {
			if err := th.setNegated(r, k, count); err != nil {
				return nil, err
			}
			continue
		}
		if err := keep(k, count); err != nil {
			return nil, err
		}
	}
	return r, nil
}

// setNegated stores -count under k in r when count is negative (a
// Counter keeps only positive results).
func (th *Thread) setNegated(r *Dict, k, count Value) error {
	zero := MakeInt(0)
	neg, err := th.Compare(CmpLt, count, zero)
	if err != nil || !neg {
		return err
	}
	n, err := th.Binary(BinSub, zero, count)
	if err != nil {
		return err
	}
	return r.Set(th, k, n)
}

// counterUnary is +c (positive counts) or -c (negated negative counts).
func (th *Thread) counterUnary(c *Dict, neg bool) (Value, error) {
	r, err := th.newDictSub(kindCounter, nil)
	if err != nil {
		return nil, err
	}
	zero := MakeInt(0)
	for _, it := range c.Items() {
		k, count := it[0], it[1]
		if neg {
			if err := th.setNegated(r, k, count); err != nil {
				return nil, err
			}
			continue
		}
		gt, err := th.Compare(CmpGt, count, zero)
		if err != nil {
			return nil, err
		}
		if gt {
			if err := r.Set(th, k, count); err != nil {
				return nil, err
			}
		}
	}
	return r, nil
}

// counterOrder orders two Counters by multiset inclusion (missing elements
// count as zero): -1 for a proper subset, 0 equal, 1 superset, 2 neither.
func (th *Thread) counterOrder(x, y *Dict) (int, bool, error) {
	le, ge := true, true
	zero := MakeInt(0)
	for _, p := range [2][2]*Dict{{x, y}, {y, x}} {
		for _, e := range p[0].ht.entries {
			if e.key == nil {
				continue
			}
			o, ok, err := p[1].ht.get(th, e.key)
			if err != nil {
				return 0, false, err
			}
			if !ok {
				o = zero
			}
			a, b := e.value, o
			if p[0] == y && p[0] != x {
				a, b = o, e.value
			}
			if le {
				if le, err = th.Compare(CmpLe, a, b); err != nil {
					return 0, false, err
				}
			}
			if ge {
				if ge, err = th.Compare(CmpGe, a, b); err != nil {
					return 0, false, err
				}
			}
		}
	}
	switch {
	case le && ge:
		return 0, true, nil
	case le:
		return -1, true, nil
	case ge:
		return 1, true, nil
	}
	return 2, true, nil
}

// collectionsMethodTable returns, for dir(), the methods and data
// attributes a collections type adds (its base adds dict's or object's).
func collectionsMethodTable(c *Class) (map[string]*NativeMethod, []string) {
	switch c {
	case kindDefaultdict.class:
		return kindDefaultdict.methods, []string{"default_factory"}
	case kindCounter.class:
		return kindCounter.methods, nil
	case kindOrderedDict.class:
		return kindOrderedDict.methods, nil
	case typeDeque:
		return dequeMethods, []string{"maxlen"}
	}
	return nil, nil
}
