package vm

// The builtins that belong to the class machinery: isinstance, issubclass,
// super (two-argument form; zero-argument super() is the SUPER opcode),
// type(x) and object().

func init() {
	registerBuiltin(NewBuiltin("isinstance", builtinIsinstance))
	registerBuiltin(NewBuiltin("issubclass", builtinIssubclass))
	registerBuiltin(NewBuiltin("super", builtinSuper))
	// The loaded module is the program being run (`if __name__ ==
	// "__main__":` runs), as with `python3 handler.py`.
	builtins["__name__"] = String("__main__")
	typeType.construct = constructType
	typeObject.construct = func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		if len(args) > 0 || len(kwargs) > 0 {
			return nil, typeErrorf("object() takes no arguments")
		}
		return &Object{class: typeObject}, th.charge(sizeObject)
	}
}

// classInfo checks the second argument of isinstance/issubclass: a class
// or a (nested) tuple of classes.
func classInfoMatch(c *Class, info Value, fname string) (bool, error) {
	switch x := info.(type) {
	case *Class:
		return IsSubclass(c, x), nil
	case Tuple:
		for _, e := range x {
			ok, err := classInfoMatch(c, e, fname)
			if err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	}
	return false, typeErrorf("%s() arg 2 must be a type, a tuple of types, or a union", fname)
}

func builtinIsinstance(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x, info Value
	if err := UnpackPositional("isinstance", args, kwargs, 2, &x, &info); err != nil {
		return nil, err
	}
	if c, ok := info.(*Class); ok && c == typeObject {
		return True, nil
	}
	ok, err := classInfoMatch(TypeOf(x), info, "isinstance")
	return Bool(ok), err
}

func builtinIssubclass(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var x, info Value
	if err := UnpackPositional("issubclass", args, kwargs, 2, &x, &info); err != nil {
		return nil, err
	}
	c, ok := x.(*Class)
	if !ok {
		return nil, typeErrorf("issubclass() arg 1 must be a class")
	}
	r, err := classInfoMatch(c, info, "issubclass")
	return Bool(r), err
}

func builtinSuper(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var c, self Value
	if len(args) == 0 {
		return nil, runtimeErrorf("super(): no arguments")
	}
	if err := UnpackPositional("super", args, kwargs, 2, &c, &self); err != nil {
		return nil, err
	}
	cls, ok := c.(*Class)
	if !ok {
		return nil, typeErrorf("super() argument 1 must be a type, not %s", c.Type())
	}
	if !IsInstance(self, cls) {
		return nil, typeErrorf("super(type, obj): obj must be an instance or subtype of type")
	}
	return &superObj{class: cls, self: self}, nil
}

func constructType(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(args) == 1 && len(kwargs) == 0 {
		return TypeOf(args[0]), nil
	}
	if len(args) == 3 {
		return nil, typeErrorf("type() with three arguments is not supported by nl; use a class statement")
	}
	return nil, typeErrorf("type() takes 1 or 3 arguments")
}
