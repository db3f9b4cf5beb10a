package vm

// staticmethod, classmethod and property: the three descriptors handler
// code uses as decorators in class bodies. Attribute lookup through an
// instance or the class applies them (see bindClassAttr).

// staticMethod wraps a function called without self or class.
type staticMethod struct{ fn Value }

// classMethod wraps a function called with the class as first argument.
type classMethod struct{ fn Value }

// propertyObj is a read-only computed attribute (a getter), with an
// optional setter added by @name.setter.
type propertyObj struct {
	fget, fset Value
}

func (*staticMethod) Type() string { return "staticmethod" }
func (*classMethod) Type() string  { return "classmethod" }
func (*propertyObj) Type() string  { return "property" }

func init() {
	registerBuiltin(NewBuiltin("staticmethod", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var fn Value
		if err := UnpackPositional("staticmethod", args, kwargs, 1, &fn); err != nil {
			return nil, err
		}
		return &staticMethod{fn}, nil
	}))
	registerBuiltin(NewBuiltin("classmethod", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var fn Value
		if err := UnpackPositional("classmethod", args, kwargs, 1, &fn); err != nil {
			return nil, err
		}
		return &classMethod{fn}, nil
	}))
	registerBuiltin(NewBuiltin("property", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var fget Value = None
		if err := UnpackArgs("property", args, kwargs, "fget?", &fget); err != nil {
			return nil, err
		}
		return &propertyObj{fget: fget}, nil
	}))
}

// bindClassAttr turns a value found in a class chain into the attribute
// value seen through self (an instance, or nil for access through the
// class cls).
func (th *Thread) bindClassAttr(v Value, self Value, cls *Class) (Value, error) {
	switch d := v.(type) {
	case *Function:
		if self == nil {
			return d, nil
		}
		return &BoundMethod{self: self, fn: d}, nil
	case *staticMethod:
		return d.fn, nil
	case *classMethod:
		if f, ok := d.fn.(*Function); ok {
			return &BoundMethod{self: cls, fn: f}, nil
		}
		return d.fn, nil
	case *propertyObj:
		if self == nil {
			return d, nil
		}
		if d.fget == None {
			return nil, attributeErrorf("unreadable attribute")
		}
		return th.Call(d.fget, []Value{self}, nil)
	}
	return v, nil
}

// propertySetter handles `@name.setter` on a property.
func propertyAttr(p *propertyObj, name string) (Value, bool) {
	switch name {
	case "setter":
		return NewBuiltin("setter", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			var fn Value
			if err := UnpackPositional("setter", args, kwargs, 1, &fn); err != nil {
				return nil, err
			}
			return &propertyObj{fget: p.fget, fset: fn}, nil
		}), true
	case "fget":
		return p.fget, true
	}
	return nil, false
}
