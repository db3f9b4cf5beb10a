// Package vm runs nl bytecode images: the Python value model, the
// interpreter, built-in functions and modules, and memory accounting under
// the 32-bit size model of docs/memory-model.md.
//
// # Embedding
//
// Load verifies the program (Program.Verify), decodes
// each function's operands once into an internal instruction array, runs
// the module's top level, and returns an *Instance. Instance.Call calls a
// global function; the result is a Value or an error: a *Exception for an
// uncaught Python exception (with a CPython-style Traceback), or a
// *TimeoutError when the step budget or deadline ran out. A Go panic inside
// the VM is recovered at that boundary and returned as an internal error.
//
// One Instance runs one call at a time (calls on one Instance must not
// overlap); separate Instances may run on separate goroutines. Built-in
// types and exception classes are shared between Instances and immutable.
//
// Python calls between Python functions do not recurse in Go: the
// interpreter loop pushes a pooled frame and continues (see interp.go);
// calls from native code (th.Call) do recurse.
//
// # Known differences from CPython
//
// Ints are 64-bit (OverflowError beyond). A generator abandoned before it
// finishes never runs its finally blocks (CPython runs them when the
// generator is freed). `is` compares equal ints, floats and strs as the
// same object. Sets of non-negative ints iterate in CPython's order, other
// sets in insertion order. In o.m(args) with straight-line arguments the
// method is looked up after the arguments are evaluated (methodcall.go).
// Tracebacks carry no source lines.
//
// # Memory accounting
//
// Every object a run creates is charged to the Instance's heap at the size
// it would have on a 32-bit microcontroller VM. When a charge would exceed
// Options.HeapLimit, the VM traces the live Python object graph from its
// roots (globals, frames, operand stacks, pending values of native calls)
// to learn the live heap, like a device's garbage collector would, and
// raises MemoryError only if the live heap plus the request still exceeds
// the limit. Stats reports current and peak heap.
//
// # The core / library split (for the VM-library engineer)
//
// The core (value.go, types.go, errors.go, args.go, ops.go, repr.go,
// attr.go, iter.go, hashtable.go, call.go, interp.go, memory.go, embed.go,
// ...) owns the value model, the interpreter and these helpers, which
// library code calls. All of them run user Python code when the value is a
// user object with the matching dunder method, so they take the *Thread:
//
//	th.Repr(v) (string, error)          repr(v)
//	th.Str(v) (string, error)           str(v)
//	th.Equal(a, b) (bool, error)        a == b
//	th.Compare(op, a, b) (bool, error)  op is CmpLt, CmpLe, CmpEq, CmpNe, CmpGt, CmpGe;
//	                                    TypeError "'<' not supported between instances of 'str' and 'int'"
//	th.Less(a, b) (bool, error)         a < b (for sorted, min, max)
//	th.Hash(v) (uint64, error)          TypeError "unhashable type: 'list'"
//	th.Truth(v) (bool, error)           bool(v)
//	th.Len(v) (int, error)              len(v)
//	th.Iterate(v) (Iterator, error)     iter(v); then it.Next(th) → (v, ok, err)
//	th.GetAttr(v, name) (Value, error)  getattr(v, name); AttributeError as CPython
//	th.HasAttr(v, name) (bool, error)
//	th.SetAttr(v, name, x) error
//	th.GetItem(x, k) (Value, error)     x[k] (k may be a *Slice)
//	th.SetItem(x, k, v) error, th.DelItem(x, k) error
//	th.Contains(container, x) (bool, error)   x in container
//	th.IterateAll(v) ([]Value, error)   list(v) as a Go slice
//	th.Binary(op, a, b) (Value, error)  op is BinAdd, BinSub, BinMul, BinTrueDiv, BinFloorDiv,
//	                                    BinMod, BinPow, BinLShift, BinRShift, BinAnd, BinOr, BinXor
//	th.Call(fn, args, kwargs) (Value, error)   call any callable
//	th.Stdout() io.Writer               where print() writes
//	th.Now() time.Time, th.Sleep(d)      the embedder's clock (time module)
//
// Values that are not user objects never need the thread for these; free
// functions IsInstance(v, cls), IsSubclass(c, of), TypeOf(v), AsInt(v),
// MakeInt(i) (preboxed small ints), NewRange(start, stop, step),
// NewIterator(typeName, next) and NewDictIterator(d, mode, typeName)
// (keys 0, values 1, items 2; raises on change during iteration) are
// available too. Generators are *Generator (an Iterator; its send method
// is registered by the core).
//
// Allocation: charge what you create, so the heap budget sees it. Use
//
//	th.NewList(elems) (*List, error), th.NewTuple(elems) (Tuple, error),
//	th.NewDict() (*Dict, error), th.NewSet(frozen bool) (*Set, error),
//	th.NewStr(s) (Value, error), th.NewBytes(s) (Value, error),
//	th.NewFloat(f) (Value, error), th.NewInt(i) (Value, error),
//	th.Alloc(bytes) error (raw charge; see memory.go for the size functions)
//
// and the mutators that charge growth: l.Append(th, v) error,
// l.SetElems(th, elems) error, d.Set(th, k, v) error, d.Get(th, k)
// (Value, bool, error), d.Delete(th, k) (Value, bool, error), d.Len(),
// d.Keys(), d.Values(), d.Items() []Tuple, d.Clear(), s.Add(th, v) error,
// s.Has(th, v) (bool, error), s.Discard(th, v) (bool, error), s.Elems(),
// s.Len(). List elements: l.Elems() (aliases the list), l.Len().
//
// # How to add a built-in function
//
// In a lib_*.go file:
//
//	func init() { registerBuiltin(NewBuiltin("len", builtinLen)) }
//
//	func builtinLen(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
//		var x Value
//		if err := UnpackPositional("len", args, kwargs, 1, &x); err != nil {
//			return nil, err
//		}
//		n, err := th.Len(x)
//		if err != nil {
//			return nil, err
//		}
//		return MakeInt(int64(n)), nil
//	}
//
// UnpackArgs (named and optional parameters, CPython's messages) and
// UnpackPositional are in args.go. Return Python exceptions as errors:
// NewException("ValueError", msg), or typeErrorf / valueErrorf /
// indexErrorf / overflowErrorf / zeroDivisionErrorf / attributeErrorf /
// runtimeErrorf (printf-style), or keyError(key).
//
// The core registers: the type objects (object, type, int, bool, float,
// str, bytes, list, tuple, dict, set, frozenset, range), every built-in
// exception class, NotImplemented, __name__ ("__main__"), the functions
// isinstance, issubclass and super (builtins_core.go), and the decorators
// staticmethod, classmethod and property (descriptors.go). Everything else in the builtin
// list of issue 2 (print, len, repr, iter, next, getattr, hash, ...) is the
// library's; registering a name twice panics at init, so a clash shows at
// once.
//
// The args slice a native function receives aliases the caller's operand
// stack: read it during the call, but copy it (append([]Value(nil),
// args...)) before keeping it in anything that outlives the call (an
// iterator's state, a list, a closure).
//
// # How to add a method of a built-in type
//
//	func init() {
//		registerMethod(strMethods, "upper", strUpper)
//	}
//
//	func strUpper(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
//		s := recv.(String) // the table guarantees the receiver's type
//		...
//	}
//
// Tables: strMethods, bytesMethods, listMethods, tupleMethods, dictMethods,
// setMethods (set and frozenset; check s.frozen in mutators), intMethods,
// floatMethods, rangeMethods, exceptionMethods. o.m(...) calls Fn directly;
// o.m alone yields a bound *Builtin.
//
// # How to make a type callable (int(), str(), list(), ...)
//
// Set the construct hook of its type object in an init function:
//
//	func init() { typeInt.construct = constructInt }
//	func constructInt(th *Thread, args []Value, kwargs []KeywordArg) (Value, error)
//
// Type objects: typeInt, typeBool, typeFloat, typeStr, typeBytes, typeList,
// typeTuple, typeDict, typeSet, typeFrozenset (typeRange, typeObject,
// typeType are the core's).
//
// # How to add a built-in module
//
//	func init() {
//		registerModule("math", func() *Module {
//			return NewModule("math", map[string]Value{
//				"pi":   Float(math.Pi),
//				"sqrt": NewBuiltin("sqrt", mathSqrt),
//			})
//		})
//	}
//
// The make function runs once per Instance at the first import. Module
// functions read per-run settings from the thread (th.Now(), th.Sleep(d),
// th.Stdout()). Exception classes of a module: newExceptionClassIn(name,
// base) (e.g. json.JSONDecodeError with base excValueError).
//
// # Hooks the library sets (interpreter → library)
//
//	formatHook  func(th *Thread, v Value, spec string) (string, error)
//	    format(v, spec) and f-string {v:spec}; called for every non-empty spec.
//	percentHook func(th *Thread, format string, arg Value) (Value, error)
//	    str % arg.
//
// Until a hook is set the core raises NotImplementedError for it. Float
// repr is the library's pyFloatRepr (lib_floatrepr.go), which Repr calls.
package vm
