package vm

import (
	"strings"
	"sync"
	"unsafe"
	"weak"
)

// Methods of dict, and the dict_keys / dict_values / dict_items views.

func init() {
	for name, fn := range map[string]func(*Thread, Value, []Value, []KeywordArg) (Value, error){
		"get": dictGet, "keys": dictKeys, "values": dictValues, "items": dictItems, "pop": dictPop,
		"popitem": dictPopitem, "setdefault": dictSetdefault, "update": dictUpdateMethod,
		"clear": dictClear, "copy": dictCopy,
	} {
		registerMethod(dictMethods, name, fn)
	}
	typeDict.dict["fromkeys"] = NewBuiltin("fromkeys", dictFromkeys)
}

func dictGet(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(kwargs) != 0 || len(args) < 1 || len(args) > 2 {
		if err := positional("get", args, kwargs, 1, 2); err != nil {
			return nil, err
		}
	}
	v, ok, err := recv.(*Dict).Get(th, args[0])
	if err != nil {
		return nil, err
	}
	if ok {
		return v, nil
	}
	if len(args) == 2 {
		return args[1], nil
	}
	return None, nil
}

// dict views: an object of a per-view class whose methods close over the
// dict, so that len(), in, iteration and repr work through the core's
// dunder dispatch. Views are live: they see later changes to the dict.
const (
	viewKeys = iota
	viewValues
	viewItems
)

var viewNames = [...]string{"dict_keys", "dict_values", "dict_items"}
var viewIterNames = [...]string{"dict_keyiterator", "dict_valueiterator", "dict_itemiterator"}

// viewMethods are the dunder methods of the views, shared: each view's
// class binds them to the view object as receiver, so that one view costs
// a class, its method map and one bound builtin per method.
var viewMethods []*NativeMethod

func viewOf(recv Value) (*Dict, int, error) {
	o, ok := recv.(*Object)
	if !ok || len(o.attrs) == 0 {
		return nil, 0, typeErrorf("descriptor requires a dict view")
	}
	d, ok := o.attrs[0].value.(*Dict)
	if !ok || o.attrs[0].name != "mapping" {
		return nil, 0, typeErrorf("dict view lost its mapping")
	}
	kind := viewKeys
	switch strings.TrimPrefix(o.class.name, "o") { // "o": collections.OrderedDict's views
	case "dict_values":
		kind = viewValues
	case "dict_items":
		kind = viewItems
	}
	return d, kind, nil
}

func init() {
	add := func(name string, fn func(th *Thread, d *Dict, kind int, args []Value) (Value, error)) {
		viewMethods = append(viewMethods, &NativeMethod{Name: name, Fn: func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
			if err := noKwargs(name, kwargs); err != nil {
				return nil, err
			}
			d, kind, err := viewOf(recv)
			if err != nil {
				return nil, err
			}
			return fn(th, d, kind, args)
		}})
	}
	add("__iter__", func(th *Thread, d *Dict, kind int, args []Value) (Value, error) {
		return NewDictIterator(d, kind, viewIterNames[kind]), nil
	})
	add("__len__", func(th *Thread, d *Dict, kind int, args []Value) (Value, error) {
		return MakeInt(int64(d.Len())), nil
	})
	add("__contains__", func(th *Thread, d *Dict, kind int, args []Value) (Value, error) {
		if len(args) != 1 {
			return nil, typeErrorf("__contains__ expected 1 argument, got %d", len(args))
		}
		switch kind {
		case viewKeys:
			_, ok, err := d.Get(th, args[0])
			return Bool(ok), err
		case viewItems:
			t, ok := args[0].(Tuple)
			if !ok || len(t) != 2 {
				return False, nil
			}
			v, ok, err := d.Get(th, t[0])
			if err != nil || !ok {
				return False, err
			}
			eq, err := th.Equal(v, t[1])
			return Bool(eq), err
		}
		for _, v := range d.Values() {
			eq, err := th.Equal(v, args[0])
			if err != nil {
				return nil, err
			}
			if eq {
				return True, nil
			}
		}
		return False, nil
	})
	add("__repr__", func(th *Thread, d *Dict, kind int, args []Value) (Value, error) {
		var sb strings.Builder
		if d.sub != nil && d.sub.kind == kindOrderedDict { // collections.OrderedDict's views
			sb.WriteString("o")
		}
		sb.WriteString(viewNames[kind])
		sb.WriteString("([")
		for i, e := range viewElems(d, kind) {
			if i > 0 {
				sb.WriteString(", ")
			}
			s, err := th.Repr(e)
			if err != nil {
				return nil, err
			}
			sb.WriteString(s)
		}
		sb.WriteString("])")
		return String(sb.String()), nil
	})
	add("__reversed__", func(th *Thread, d *Dict, kind int, args []Value) (Value, error) {
		elems := viewElems(d, kind)
		i := len(elems)
		return newIter(th, "dict_reverse"+viewIterNames[kind][5:], func(th *Thread) (Value, bool, error) {
			if i <= 0 {
				return nil, false, nil
			}
			i--
			return elems[i], true, nil
		})
	})
	for _, op := range []struct {
		name string
		fn   func(th *Thread, a, b *Set) (*Set, error)
	}{{"__and__", setAnd}, {"__or__", setOr}, {"__sub__", setSub}, {"__xor__", setXor}} {
		op := op
		add(op.name, func(th *Thread, d *Dict, kind int, args []Value) (Value, error) {
			if kind == viewValues || len(args) != 1 {
				return nil, typeErrorf("unsupported operand type(s) for %s: '%s'", op.name, viewNames[kind])
			}
			a, err := setOfElems(th, viewElems(d, kind))
			if err != nil {
				return nil, err
			}
			b, err := setFromIterable(th, args[0])
			if err != nil {
				return nil, err
			}
			return op.fn(th, a, b)
		})
	}
}

// viewCache remembers recent views by dict, weakly, so that a loop that
// calls d.items() on the same dict again and again reuses one view object
// instead of building a class for each call. Views are live, so sharing
// one is invisible except to `is`.
var viewCache struct {
	sync.Mutex
	e [64]struct {
		d weak.Pointer[Dict]
		v [3]weak.Pointer[Object]
	}
}

func newDictView(th *Thread, d *Dict, kind int) (Value, error) {
	// a device allocates a view per call: charge it either way
	if err := th.Alloc(sizeIterator); err != nil {
		return nil, err
	}
	slot := &viewCache.e[(uintptr(unsafe.Pointer(d))>>5)%uintptr(len(viewCache.e))]
	viewCache.Lock()
	if slot.d.Value() == d {
		if o := slot.v[kind].Value(); o != nil {
			viewCache.Unlock()
			return o, nil
		}
	}
	viewCache.Unlock()
	o := makeDictView(d, kind)
	viewCache.Lock()
	if slot.d.Value() != d {
		slot.d = weak.Make(d)
		slot.v = [3]weak.Pointer[Object]{}
	}
	slot.v[kind] = weak.Make(o)
	viewCache.Unlock()
	return o, nil
}

func makeDictView(d *Dict, kind int) *Object {
	name := viewNames[kind]
	if d.sub != nil && d.sub.kind == kindOrderedDict { // collections.OrderedDict's views
		name = "o" + name
	}
	cls := &Class{name: name, base: typeObject, dict: make(map[string]Value, len(viewMethods))}
	o := &Object{class: cls, attrs: []attr{{"mapping", d}}}
	bound := make([]Builtin, len(viewMethods))
	for i, m := range viewMethods {
		bound[i] = Builtin{name: m.Name, method: m, recv: o}
		cls.dict[m.Name] = &bound[i]
	}
	return o
}

// viewElems returns the elements a view would iterate.
func viewElems(d *Dict, kind int) []Value {
	switch kind {
	case viewKeys:
		return d.Keys()
	case viewValues:
		return d.Values()
	}
	items := d.Items()
	out := make([]Value, len(items))
	for i, t := range items {
		out[i] = t
	}
	return out
}

func dictKeys(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("keys", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	return newDictView(th, recv.(*Dict), viewKeys)
}

func dictValues(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("values", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	return newDictView(th, recv.(*Dict), viewValues)
}

func dictItems(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("items", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	return newDictView(th, recv.(*Dict), viewItems)
}

func dictPop(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("pop", args, kwargs, 1, 2); err != nil {
		return nil, err
	}
	v, ok, err := recv.(*Dict).Delete(th, args[0])
	if err != nil {
		return nil, err
	}
	if ok {
		return v, nil
	}
	if len(args) == 2 {
		return args[1], nil
	}
	return nil, keyError(args[0])
}

func dictPopitem(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("popitem", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	d := recv.(*Dict)
	keys := d.Keys()
	if len(keys) == 0 {
		return nil, keyError(String("popitem(): dictionary is empty"))
	}
	k := keys[len(keys)-1]
	v, _, err := d.Delete(th, k)
	if err != nil {
		return nil, err
	}
	return th.NewTuple([]Value{k, v})
}

func dictSetdefault(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("setdefault", args, kwargs, 1, 2); err != nil {
		return nil, err
	}
	d := recv.(*Dict)
	v, ok, err := d.Get(th, args[0])
	if err != nil {
		return nil, err
	}
	if ok {
		return v, nil
	}
	var def Value = None
	if len(args) == 2 {
		def = args[1]
	}
	return def, d.Set(th, args[0], def)
}

func dictUpdateMethod(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return None, dictUpdate(th, recv.(*Dict), args, kwargs)
}

func dictClear(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("clear", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	recv.(*Dict).Clear()
	return None, nil
}

func dictCopy(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("copy", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	d := recv.(*Dict)
	nd, err := d.Copy(th)
	if err != nil || d.sub == nil {
		return nd, err
	}
	return nd, th.setDictSub(nd, d.sub.kind, d.sub.factory) // collections subclass: same type
}

func dictFromkeys(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var it Value
	var v Value = None
	if err := UnpackPositional("fromkeys", args, kwargs, 1, &it, &v); err != nil {
		return nil, err
	}
	d, err := th.NewDict()
	if err != nil {
		return nil, err
	}
	err = forEach(th, it, func(k Value) error { return d.Set(th, k, v) })
	if err != nil {
		return nil, err
	}
	return d, nil
}
