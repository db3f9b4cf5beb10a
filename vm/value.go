package vm

import (
	"fmt"
	"unsafe"
)

// Value is a Python value. The concrete types are the ones in this file;
// code outside package vm builds values with the constructors (Int, Float,
// Str, Bool, BytesValue, FromGo, NewBuiltin, NewModule, NewObject) and
// inspects them with a type switch or ToGo.
//
// Behaviour (equality, hashing, ordering, arithmetic, attributes,
// iteration) is not a method set: it lives in functions on *Thread
// (th.Equal, th.Hash, th.Binary, ...) that switch on the concrete type, so
// the interpreter's hot paths inline and no per-value vtable is needed.
type Value interface {
	// Type returns the Python type name, as type(v).__name__.
	Type() string
}

// NoneType is the type of None.
type NoneType struct{}

// Boolean is a Python bool. Like CPython, bool is a subtype of int for
// arithmetic and comparison (True + 1 == 2).
type Boolean bool

// Int64 is a Python int. nl ints are exactly 64-bit signed: a result that
// does not fit raises OverflowError (the semantics every nl VM follows).
// Boxing an Int64 into a Value allocates only for values outside 0..255,
// so the interpreter keeps a table of preboxed small ints (MakeInt).
type Int64 int64

// Float64 is a Python float.
type Float64 float64

// String is a Python str. It holds UTF-8 text; len() and indexing count
// code points, with an ASCII fast path.
type String string

// Bytes is a Python bytes value (immutable; held as a Go string so that it
// is hashable and cheap to slice).
type Bytes string

// Tuple is a Python tuple. Never mutate a Tuple after it is shared.
type Tuple []Value

// List is a Python list.
type List struct {
	elems []Value
	mcap  int // capacity under the 32-bit memory model (charged)
	iters int // live iterators; mutation of size while > 0 is allowed but noted
}

// Dict is a Python dict: insertion-ordered, keyed by hashable values with
// Python's equality (1, 1.0 and True are the same key).
type Dict struct {
	ht  hashtable
	sub *dictSub // non-nil for the collections subclasses (lib_collections.go)
}

// Set is a Python set, or a frozenset when frozen is set. Elements are kept
// in insertion order; iteration order follows CPython's for sets whose
// elements are all non-negative ints (by value modulo the table size, which
// for small ints means ascending order) and insertion order otherwise
// (CPython's order for str is randomized per process anyway).
type Set struct {
	ht     hashtable
	frozen bool
	py     pySetTable // the size CPython's table would have (setorder.go)
	// order caches iterOrder while ht.version is orderAt: laying out the
	// table again on every iteration of an unchanged set is wasted work.
	order   []Value
	orderAt uint32
}

// Range is a Python range object (lazy).
type Range struct {
	start, stop, step int64
}

// Cell is a closure cell holding one variable shared between a function and
// the functions nested in it. v is nil while the variable is unbound.
type Cell struct {
	v Value
}

// Function is a Python function defined by def or lambda.
type Function struct {
	code     *funcode // the compiled code, decoded once at Load
	module   *module  // globals of the defining module
	defaults Tuple    // defaults of the trailing positional parameters
	kwdefs   []Value  // per keyword-only parameter: default or nil (required)
	freevars []*Cell  // closure cells, in Funcode free-variable order
	class    *Class   // the class whose body defined this function (zero-arg super)
	name     string
	qualname string
	attrs    []attr // attributes assigned to the function (f.__doc__ = …, f.cache = …)
}

// Builtin is a native (Go) function value. Methods of built-in types are
// Builtins bound to a receiver (see NativeMethod); module functions and the
// functions an embedder registers are plain Builtins.
type Builtin struct {
	name   string
	fn     func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error)
	method *NativeMethod // non-nil for a bound method of a built-in type
	recv   Value         // receiver of a bound method
	attrs  []attr        // attributes set on it (functools wrappers: __wrapped__, cache_clear, …)
}

// NativeMethod is a method of a built-in type (str.upper, list.append, ...),
// stored in the per-type method tables (strMethods, listMethods, ...). The
// receiver arrives separately so that calling o.m(...) needs no binding.
type NativeMethod struct {
	Name string
	Fn   func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error)
}

// KeywordArg is one name=value argument of a call.
type KeywordArg struct {
	Name  string
	Value Value
}

// Class is a Python class: a user class built by a class statement, a
// built-in type (int, str, list, ... — used by type(), isinstance and as
// constructors), a built-in exception class, or the synthetic class of an
// embedder object (NewObject). Single inheritance: base is the whole MRO.
type Class struct {
	name  string
	base  *Class
	dict  map[string]Value // class attributes and methods
	names []string         // keys of dict in definition order (for determinism)

	// construct implements calling a built-in type (int("3"), list(x));
	// user classes leave it nil and are called through __init__.
	construct func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error)

	module      string // collections types: "collections"; namedtuple classes: "__main__" (repr, __module__)
	builtin     bool   // a built-in type: instances are not *Object
	userDefined bool   // made by a class statement
	exc         bool   // BaseException or a subclass
	hasSetattr  bool   // the class or a base defines __setattr__
}

// Slice is a slice object (x[a:b:c]); missing parts are None.
type Slice struct {
	start, stop, step Value
}

func (*Slice) Type() string { return "slice" }

// superObj is the result of zero-argument super(): attribute lookup starts
// after class in self's class chain.
type superObj struct {
	class *Class
	self  Value
}

func (*superObj) Type() string { return "super" }

// Object is an instance of a user class, an exception, or an embedder's
// attribute bag (NewObject).
type Object struct {
	class *Class
	attrs []attr   // instance attributes, few enough that a scan beats a map
	exc   *excInfo // non-nil for exception instances
}

type attr struct {
	name  string
	value Value
}

// excInfo is the exception-specific state of an exception Object.
type excInfo struct {
	args     Tuple
	cause    Value     // __cause__ (raise ... from ...), or nil
	context  Value     // __context__, or nil
	suppress bool      // __suppress_context__: raised with "from"
	tb       []tbEntry // traceback entries, innermost first
	// MemoryError details, copied into the Go-side *Exception.
	heapLimit, requested int64
}

// BoundMethod is a Python function bound to an instance (obj.method).
type BoundMethod struct {
	self Value
	fn   *Function
}

// Module is a module object: a built-in module (math, json, time), an
// embedder module passed in Options.Modules, or created with NewModule.
type Module struct {
	name    string
	members map[string]Value
}

// Iterator is the Go side of a Python iterator. Next returns the next
// element, or ok=false when exhausted. Iterators are Values (iter(x)
// returns them) whose type names follow CPython ("list_iterator", ...).
type Iterator interface {
	Value
	Next(th *Thread) (v Value, ok bool, err error)
}

// Generator is the iterator returned by calling a generator function. Its
// frame is suspended at a yield between calls to Next.
type Generator struct {
	fr      *frame
	name    string
	running bool
	started bool
	done    bool
	retval  Value // the generator's return value once done
}

// NativeIterator is an iterator implemented in Go (enumerate, zip, map,
// filter, reversed, dict views' iterators, ...). Build one with
// NewIterator.
type NativeIterator struct {
	typeName string
	next     func(th *Thread) (Value, bool, error)
}

// None is the Python None value.
var None Value = NoneType{}

// True and False are the two Boolean values as Values.
var (
	True  Value = Boolean(true)
	False Value = Boolean(false)
)

// Int returns a Python int.
func Int(i int64) Value { return MakeInt(i) }

// Float returns a Python float.
func Float(f float64) Value { return Float64(f) }

// Str returns a Python str.
func Str(s string) Value { return String(s) }

// Bool returns a Python bool.
func Bool(b bool) Value {
	if b {
		return True
	}
	return False
}

// BytesValue returns a Python bytes value holding a copy of b.
func BytesValue(b []byte) Value { return Bytes(string(b)) }

// smallInts holds preboxed ints so that the common small values never
// allocate when stored in a Value.
const (
	smallIntMin = -1024
	smallIntMax = 1 << 14
)

var smallInts [smallIntMax - smallIntMin]Value

func init() {
	for i := range smallInts {
		smallInts[i] = Int64(int64(i) + smallIntMin)
	}
}

// MakeInt returns i as a Value, without allocating for small values.
func MakeInt(i int64) Value {
	if i >= smallIntMin && i < smallIntMax {
		return smallInts[i-smallIntMin]
	}
	return Int64(i)
}

// NewList returns a list holding elems (which it takes ownership of). It is
// not charged to any heap; inside a run use th.NewList.
func NewList(elems []Value) *List { return &List{elems: elems, mcap: len(elems)} }

// NewDict returns an empty dict (not charged; inside a run use th.NewDict).
func NewDict() *Dict { return &Dict{} }

// NewSet returns an empty set (not charged; inside a run use th.NewSet).
func NewSet() *Set { return &Set{} }

// NewBuiltin returns a native function value. fn receives the running
// thread, the positional arguments and the keyword arguments; it returns
// the result, or an error: a Python exception from NewException (or the
// helpers in errors.go), which the VM raises at the call site. Any other
// error becomes a RuntimeError carrying its text.
func NewBuiltin(name string, fn func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error)) *Builtin {
	return &Builtin{name: name, fn: fn}
}

// Name returns the function's name.
func (b *Builtin) Name() string {
	if b.method != nil {
		return b.method.Name
	}
	return b.name
}

// Receiver returns the receiver of a bound built-in method, or nil.
func (b *Builtin) Receiver() Value { return b.recv }

// NewModule returns a module with the given members (copied).
func NewModule(name string, members map[string]Value) *Module {
	m := &Module{name: name, members: make(map[string]Value, len(members))}
	for k, v := range members {
		m.members[k] = v
	}
	return m
}

// Name returns the module's name.
func (m *Module) Name() string { return m.name }

// Member returns a member of the module.
func (m *Module) Member(name string) (Value, bool) {
	v, ok := m.members[name]
	return v, ok
}

// NewObject returns an attribute bag whose type name is typeName: an object
// an embedder hands to Python (a Lambda context, an S3 client). Attributes
// that are *Builtin are callable as methods (they receive no self; close
// over what they need).
func NewObject(typeName string, attrs map[string]Value) Value {
	cls := &Class{name: typeName, base: typeObject, dict: map[string]Value{}}
	o := &Object{class: cls}
	for _, k := range sortedKeys(attrs) {
		o.attrs = append(o.attrs, attr{k, attrs[k]})
	}
	return o
}

// NewIterator returns a Go-implemented iterator with the given Python type
// name (e.g. "enumerate", "zip", "map"). next returns ok=false when done.
func NewIterator(typeName string, next func(th *Thread) (Value, bool, error)) *NativeIterator {
	return &NativeIterator{typeName: typeName, next: next}
}

// Next implements Iterator.
func (it *NativeIterator) Next(th *Thread) (Value, bool, error) { return it.next(th) }

// Class returns the object's class.
func (o *Object) Class() *Class { return o.class }

// Name returns the class's name.
func (c *Class) Name() string { return c.name }

// Base returns the class's base class (nil for object).
func (c *Class) Base() *Class { return c.base }

// Elems returns the list's elements. The slice aliases the list: copy it
// before the list can change.
func (l *List) Elems() []Value { return l.elems }

// Len returns the number of elements.
func (l *List) Len() int { return len(l.elems) }

// Type implementations: the names CPython's type(v).__name__ reports.
func (NoneType) Type() string           { return "NoneType" }
func (Boolean) Type() string            { return "bool" }
func (Int64) Type() string              { return "int" }
func (Float64) Type() string            { return "float" }
func (String) Type() string             { return "str" }
func (Bytes) Type() string              { return "bytes" }
func (Tuple) Type() string              { return "tuple" }
func (*List) Type() string              { return "list" }
func (*Range) Type() string             { return "range" }
func (*Cell) Type() string              { return "cell" }
func (*Function) Type() string          { return "function" }
func (*BoundMethod) Type() string       { return "method" }
func (*Class) Type() string             { return "type" }
func (*Module) Type() string            { return "module" }
func (*Generator) Type() string         { return "generator" }
func (it *NativeIterator) Type() string { return it.typeName }
func (o *Object) Type() string          { return o.class.name }

func (s *Set) Type() string {
	if s.frozen {
		return "frozenset"
	}
	return "set"
}

func (b *Builtin) Type() string { return "builtin_function_or_method" }

// Type of a dict is its tp_name: "dict", or a collections subclass's name.
func (d *Dict) Type() string {
	if d.sub != nil {
		return d.sub.kind.tpName
	}
	return "dict"
}

// identity returns a pointer usable as the identity of reference values
// (id(), `is`, default hash), or 0 for values without identity.
func identity(v Value) uintptr {
	switch v := v.(type) {
	case *List:
		return uintptr(unsafe.Pointer(v))
	case *Dict:
		return uintptr(unsafe.Pointer(v))
	case *Set:
		return uintptr(unsafe.Pointer(v))
	case *Object:
		return uintptr(unsafe.Pointer(v))
	case *Function:
		return uintptr(unsafe.Pointer(v))
	case *Builtin:
		return uintptr(unsafe.Pointer(v))
	case *Class:
		return uintptr(unsafe.Pointer(v))
	case *Module:
		return uintptr(unsafe.Pointer(v))
	case *Range:
		return uintptr(unsafe.Pointer(v))
	case *Generator:
		return uintptr(unsafe.Pointer(v))
	case *NativeIterator:
		return uintptr(unsafe.Pointer(v))
	case *BoundMethod:
		return uintptr(unsafe.Pointer(v))
	case *Cell:
		return uintptr(unsafe.Pointer(v))
	case *Deque: // collections.deque
		return uintptr(unsafe.Pointer(v))
	case *RePattern: // re.Pattern
		return uintptr(unsafe.Pointer(v))
	case *ReMatch: // re.Match
		return uintptr(unsafe.Pointer(v))
	case *NamedTuple: // collections.namedtuple instance
		return uintptr(unsafe.Pointer(v))
	}
	return 0
}

// goString is used in internal error messages about unexpected values.
func goString(v Value) string { return fmt.Sprintf("%T", v) }
