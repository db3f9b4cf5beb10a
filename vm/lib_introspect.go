package vm

// delattr, vars and dir.

func init() {
	for _, b := range []*Builtin{
		NewBuiltin("delattr", builtinDelattr),
		NewBuiltin("vars", builtinVars),
		NewBuiltin("dir", builtinDir),
	} {
		registerBuiltin(b)
	}
}

func builtinDelattr(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var obj, name Value
	if err := UnpackPositional("delattr", args, kwargs, 2, &obj, &name); err != nil {
		return nil, err
	}
	n, err := attrName("delattr", name)
	if err != nil {
		return nil, err
	}
	return None, th.DelAttr(obj, n)
}

// hasInstanceDict reports whether o has a __dict__ in CPython: instances
// of user classes, exceptions and embedder objects (whose Python
// counterparts, such as a Lambda context, are plain instances), but not
// the dict views, which are objects of library classes here.
func hasInstanceDict(o *Object) bool {
	if o.exc != nil || o.class.userDefined {
		return true
	}
	if _, _, err := viewOf(o); err == nil {
		return false
	}
	return !o.class.builtin
}

// builtinVars returns a new dict of the attributes: CPython returns the
// live __dict__, nl a snapshot (documented in docs/python-subset.md).
func builtinVars(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var obj Value
	if err := UnpackPositional("vars", args, kwargs, 0, &obj); err != nil {
		return nil, err
	}
	if obj == nil {
		return nil, typeErrorf("vars() without an argument is not supported by nl")
	}
	switch x := obj.(type) {
	case *Object:
		if !hasInstanceDict(x) {
			return nil, typeErrorf("vars() argument must have __dict__ attribute")
		}
		return th.attrDict(x.attrs)
	case *Function:
		return th.attrDict(x.attrs)
	}
	d, err := th.NewDict()
	if err != nil {
		return nil, err
	}
	var names []string
	var get func(string) Value
	switch x := obj.(type) {
	case *Module:
		names = sortedKeys(x.members)
		get = func(k string) Value { return x.members[k] }
	case *Class:
		if !x.userDefined {
			return nil, typeErrorf("vars() of a built-in type is not supported by nl")
		}
		names = x.names
		get = func(k string) Value { return x.dict[k] }
	default:
		return nil, typeErrorf("vars() argument must have __dict__ attribute")
	}
	for _, k := range names {
		if err := d.Set(th, String(k), get(k)); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// objectDunders are the attributes every object inherits from object in
// CPython 3.11; userDunders are those a class statement adds.
var (
	objectDunders = []string{"__class__", "__delattr__", "__dir__", "__doc__", "__eq__", "__format__",
		"__ge__", "__getattribute__", "__getstate__", "__gt__", "__hash__", "__init__", "__init_subclass__",
		"__le__", "__lt__", "__ne__", "__new__", "__reduce__", "__reduce_ex__", "__repr__", "__setattr__",
		"__sizeof__", "__str__", "__subclasshook__"}
	userDunders = []string{"__dict__", "__module__", "__weakref__"}
)

// setMutators are the set methods a frozenset lacks (the two share one
// method table).
var setMutators = map[string]bool{"add": true, "clear": true, "discard": true, "pop": true, "remove": true,
	"update": true, "difference_update": true, "intersection_update": true, "symmetric_difference_update": true}

// methodTableOf returns the native method table and the data attributes
// of a built-in type, for dir().
func methodTableOf(c *Class) (map[string]*NativeMethod, []string) {
	switch c {
	case typeStr:
		return strMethods, nil
	case typeBytes:
		return bytesMethods, nil
	case typeList:
		return listMethods, nil
	case typeTuple:
		return tupleMethods, nil
	case typeDict:
		return dictMethods, nil
	case typeSet, typeFrozenset:
		return setMethods, nil
	case typeInt, typeBool:
		return intMethods, []string{"real", "imag", "numerator", "denominator"}
	case typeFloat:
		return floatMethods, []string{"real", "imag"}
	case typeRange:
		return rangeMethods, []string{"start", "stop", "step"}
	case typeSlice:
		return sliceMethods, []string{"start", "stop", "step"}
	case typeGenerator:
		return generatorMethods, nil
	}
	return collectionsMethodTable(c) // collections types (lib_collections.go)
}

// classNames adds the attributes of class c and its bases to names.
func classNames(names map[string]bool, c *Class) {
	for k := c; k != nil; k = k.base {
		for n := range k.dict {
			names[n] = true
		}
		if k.userDefined {
			for _, n := range userDunders {
				names[n] = true
			}
		}
		table, data := methodTableOf(k)
		for n := range table {
			if k != typeFrozenset || !setMutators[n] {
				names[n] = true
			}
		}
		for _, n := range data {
			names[n] = true
		}
		if k.exc {
			for n := range exceptionMethods {
				names[n] = true
			}
			names["args"] = true
		}
	}
	for _, n := range objectDunders {
		names[n] = true
	}
}

func builtinDir(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var obj Value
	if err := UnpackPositional("dir", args, kwargs, 0, &obj); err != nil {
		return nil, err
	}
	if obj == nil {
		return nil, typeErrorf("dir() without an argument is not supported by nl")
	}
	if o, ok := obj.(*Object); ok && !o.class.builtin {
		if m, _ := o.class.lookup("__dir__"); m != nil {
			return customDir(th, o, m)
		}
	}
	names := map[string]bool{}
	switch x := obj.(type) {
	case *Module:
		for n := range x.members {
			names[n] = true
		}
		names["__name__"] = true
	case *Class:
		classNames(names, x)
	case *Object:
		for _, a := range x.attrs {
			names[a.name] = true
		}
		classNames(names, x.class)
	case *Function:
		for _, a := range x.attrs {
			names[a.name] = true
		}
		classNames(names, TypeOf(obj))
	default:
		classNames(names, TypeOf(obj))
	}
	return newStrList(th, sortedKeys(names))
}

// customDir calls a user __dir__ and sorts its result, as CPython does.
func customDir(th *Thread, o *Object, m Value) (Value, error) {
	r, err := th.callMethod(o, m, nil)
	if err != nil {
		return nil, err
	}
	var elems []Value
	if err := forEach(th, r, func(v Value) error {
		elems = append(elems, v)
		return nil
	}); err != nil {
		return nil, err
	}
	l, err := th.NewList(elems)
	if err != nil {
		return nil, err
	}
	return l, sortList(th, l, nil)
}
