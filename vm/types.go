package vm

import (
	"sort"
	"sync"
)

// Built-in type objects. They are *Class values so that type(x),
// isinstance(x, int) and calling int(...) all work on one representation.
// The VM-library engineer sets the construct hook of most of them from an
// init function in a lib_*.go file (see doc.go); the core sets range,
// object and type, and the exception classes.
var (
	typeObject    = newBuiltinType("object", nil)
	typeType      = newBuiltinType("type", typeObject)
	typeNoneType  = newBuiltinType("NoneType", typeObject)
	typeInt       = newBuiltinType("int", typeObject)
	typeBool      = newBuiltinType("bool", typeInt)
	typeFloat     = newBuiltinType("float", typeObject)
	typeStr       = newBuiltinType("str", typeObject)
	typeBytes     = newBuiltinType("bytes", typeObject)
	typeList      = newBuiltinType("list", typeObject)
	typeTuple     = newBuiltinType("tuple", typeObject)
	typeDict      = newBuiltinType("dict", typeObject)
	typeSet       = newBuiltinType("set", typeObject)
	typeFrozenset = newBuiltinType("frozenset", typeObject)
	typeRange     = newBuiltinType("range", typeObject)
	typeFunction  = newBuiltinType("function", typeObject)
	typeBuiltinFn = newBuiltinType("builtin_function_or_method", typeObject)
	typeMethod    = newBuiltinType("method", typeObject)
	typeModule    = newBuiltinType("module", typeObject)
	typeGenerator = newBuiltinType("generator", typeObject)
	typeCell      = newBuiltinType("cell", typeObject)
)

func newBuiltinType(name string, base *Class) *Class {
	return &Class{name: name, base: base, dict: map[string]Value{}, builtin: true}
}

// Method tables of the built-in types: method name → implementation. The
// VM-library engineer fills them from init functions in lib_*.go files.
// Attribute lookup on a value of the type finds its methods here.
var (
	strMethods       = map[string]*NativeMethod{}
	bytesMethods     = map[string]*NativeMethod{}
	listMethods      = map[string]*NativeMethod{}
	tupleMethods     = map[string]*NativeMethod{}
	dictMethods      = map[string]*NativeMethod{}
	setMethods       = map[string]*NativeMethod{} // also used for frozenset (mutators check s.frozen)
	intMethods       = map[string]*NativeMethod{}
	floatMethods     = map[string]*NativeMethod{}
	rangeMethods     = map[string]*NativeMethod{}
	exceptionMethods = map[string]*NativeMethod{}
)

// builtins maps the names of built-in functions, types and exception
// classes to their values. Fill it with registerBuiltin (functions) — the
// types and exception classes are entered by the core.
var builtins = map[string]Value{}

// registerBuiltin makes b a built-in function, visible to every program
// under b's name. Registering a name twice panics at init time, so two
// files cannot silently fight over a builtin.
func registerBuiltin(b *Builtin) {
	if _, dup := builtins[b.name]; dup {
		panic("vm: builtin " + b.name + " registered twice")
	}
	builtins[b.name] = b
}

// registerMethod adds a method to one of the method tables.
func registerMethod(table map[string]*NativeMethod, name string, fn func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error)) {
	if _, dup := table[name]; dup {
		panic("vm: method " + name + " registered twice")
	}
	table[name] = &NativeMethod{Name: name, Fn: fn}
}

// builtinModules maps a module name to the function creating it. Each
// Instance creates its own copy on first import, so programs cannot see
// each other's changes to module attributes.
var builtinModules = map[string]func() *Module{}

// registerModule makes a built-in module importable. make is called once
// per Instance, on the first import of the module.
func registerModule(name string, make func() *Module) {
	if _, dup := builtinModules[name]; dup {
		panic("vm: module " + name + " registered twice")
	}
	builtinModules[name] = make
}

func init() {
	for _, c := range []*Class{typeObject, typeType, typeInt, typeBool, typeFloat, typeStr,
		typeBytes, typeList, typeTuple, typeDict, typeSet, typeFrozenset, typeRange} {
		builtins[c.name] = c
	}
}

// TypeOf returns the class of v (type(v)).
func TypeOf(v Value) *Class {
	switch v := v.(type) {
	case NoneType:
		return typeNoneType
	case Boolean:
		return typeBool
	case Int64:
		return typeInt
	case Float64:
		return typeFloat
	case String:
		return typeStr
	case Bytes:
		return typeBytes
	case *List:
		return typeList
	case Tuple:
		return typeTuple
	case *Dict:
		if v.sub != nil { // collections subclass
			return v.sub.kind.class
		}
		return typeDict
	case *Set:
		if v.frozen {
			return typeFrozenset
		}
		return typeSet
	case *Range:
		return typeRange
	case *Object:
		return v.class
	case *Class:
		return typeType
	case *Function:
		return typeFunction
	case *Builtin:
		return typeBuiltinFn
	case *BoundMethod:
		return typeMethod
	case *Module:
		return typeModule
	case *Generator:
		return typeGenerator
	case *Cell:
		return typeCell
	case *Deque: // collections.deque
		return typeDeque
	case *RePattern: // re.Pattern
		return typeRePattern
	case *ReMatch: // re.Match
		return typeReMatch
	case *NamedTuple: // collections.namedtuple instance
		return v.cls
	}
	// Other iterators get a class per type name, created on demand.
	return iteratorClass(v.Type())
}

// iterClasses holds the classes of Go iterators, created on first use.
// Instances may run on concurrent goroutines, hence the lock.
var iterClasses struct {
	sync.Mutex
	m map[string]*Class
}

func iteratorClass(name string) *Class {
	iterClasses.Lock()
	defer iterClasses.Unlock()
	if c, ok := iterClasses.m[name]; ok {
		return c
	}
	if iterClasses.m == nil {
		iterClasses.m = map[string]*Class{}
	}
	c := newBuiltinType(name, typeObject)
	iterClasses.m[name] = c
	return c
}

// IsSubclass reports whether c is sub or one of its bases (bool counts as
// a subclass of int, as in Python).
func IsSubclass(c, of *Class) bool {
	for ; c != nil; c = c.base {
		if c == of {
			return true
		}
	}
	return false
}

// IsInstance reports whether v is an instance of class c (or a subclass).
func IsInstance(v Value, c *Class) bool {
	if c == typeObject {
		return true
	}
	return IsSubclass(TypeOf(v), c)
}

// lookup finds an attribute in the class chain.
func (c *Class) lookup(name string) (Value, *Class) {
	for k := c; k != nil; k = k.base {
		if v, ok := k.dict[name]; ok {
			return v, k
		}
	}
	return nil, nil
}

func sortedKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
