package vm

import (
	"strings"
)

// GetAttr returns v.name.
func (th *Thread) GetAttr(v Value, name string) (Value, error) {
	r, ok, err := th.getAttr(v, name)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, th.noAttr(v, name)
	}
	return r, nil
}

// HasAttr reports whether v has attribute name (errors other than
// AttributeError propagate, as in Python).
func (th *Thread) HasAttr(v Value, name string) (bool, error) {
	_, ok, err := th.getAttr(v, name)
	return ok, err
}

func (th *Thread) noAttr(v Value, name string) error {
	switch x := v.(type) {
	case *Class:
		return attributeErrorf("type object '%s' has no attribute '%s'", x.name, name)
	case *Module:
		return attributeErrorf("module '%s' has no attribute '%s'", x.name, name)
	}
	return attributeErrorf("'%s' object has no attribute '%s'", v.Type(), name)
}

// getAttr looks up an attribute; ok=false means AttributeError.
func (th *Thread) getAttr(v Value, name string) (Value, bool, error) {
	var table map[string]*NativeMethod
	switch x := v.(type) {
	case *Object:
		return th.objectAttr(x, name)
	case String:
		table = strMethods
	case *List:
		table = listMethods
	case *Dict:
		if x.sub != nil { // collections subclass: its own attributes first
			if r, ok, err := th.dictSubAttr(x, name); ok || err != nil {
				return r, ok, err
			}
		}
		table = dictMethods
	case Tuple:
		table = tupleMethods
	case *Set:
		table = setMethods
	case Bytes:
		table = bytesMethods
	case Int64, Boolean:
		table = intMethods
		if name == "real" || name == "numerator" {
			i, _ := asInt(x)
			return MakeInt(i), true, nil
		}
		if name == "imag" {
			return MakeInt(0), true, nil
		}
		if name == "denominator" {
			return MakeInt(1), true, nil
		}
	case Float64:
		table = floatMethods
		if name == "real" {
			return x, true, nil
		}
		if name == "imag" {
			return Float64(0), true, nil
		}
	case *Range:
		switch name {
		case "start":
			return MakeInt(x.start), true, nil
		case "stop":
			return MakeInt(x.stop), true, nil
		case "step":
			return MakeInt(x.step), true, nil
		}
		table = rangeMethods
	case *Slice:
		switch name {
		case "start":
			return x.start, true, nil
		case "stop":
			return x.stop, true, nil
		case "step":
			return x.step, true, nil
		}
		table = sliceMethods
	case *Module:
		m, ok := x.members[name]
		if !ok && name == "__name__" {
			return String(x.name), true, nil
		}
		return m, ok, nil
	case *Class:
		return th.classAttr(x, name)
	case *Function:
		if v, ok := findAttr(x.attrs, name); ok {
			return v, true, nil
		}
		switch name {
		case "__dict__":
			d, err := th.attrDict(x.attrs)
			return d, err == nil, err
		case "__name__":
			return String(x.name), true, nil
		case "__qualname__":
			return String(x.qualname), true, nil
		case "__defaults__":
			if x.defaults == nil {
				return None, true, nil
			}
			return x.defaults, true, nil
		case "__doc__":
			return None, true, nil
		}
	case *Builtin:
		if v, ok := findAttr(x.attrs, name); ok {
			return v, true, nil
		}
		switch name {
		case "__name__":
			return String(x.Name()), true, nil
		case "__self__":
			if x.recv != nil {
				return x.recv, true, nil
			}
			return None, true, nil
		}
	case *BoundMethod:
		switch name {
		case "__self__":
			return x.self, true, nil
		case "__func__":
			return x.fn, true, nil
		case "__name__":
			return String(x.fn.name), true, nil
		}
	case *superObj:
		return th.superAttr(x, name)
	case *propertyObj:
		v, ok := propertyAttr(x, name)
		return v, ok, nil
	case *Generator:
		table = generatorMethods
	case *NamedTuple: // collections.namedtuple: fields, then tuple's methods
		if r, ok, err := th.ntAttr(x, name); ok || err != nil {
			return r, ok, err
		}
		table, v = tupleMethods, x.t
	case *Deque: // collections.deque
		if name == "maxlen" {
			if x.maxlen < 0 {
				return None, true, nil
			}
			return MakeInt(int64(x.maxlen)), true, nil
		}
		table = dequeMethods
	case *RePattern, *ReMatch: // re module: data attributes, then methods
		if r, ok, err := th.reAttr(x, name); ok || err != nil {
			return r, ok, err
		}
		if _, ok := x.(*RePattern); ok {
			table = rePatternMethods
		} else {
			table = reMatchMethods
		}
	}
	if table != nil {
		if m, ok := table[name]; ok {
			return &Builtin{method: m, recv: v}, true, nil
		}
	}
	if name == "__class__" {
		return TypeOf(v), true, nil
	}
	return nil, false, nil
}

// hasAttr reports whether the object has an instance attribute name.
func (o *Object) hasAttr(name string) bool {
	for i := range o.attrs {
		if o.attrs[i].name == name {
			return true
		}
	}
	return false
}

// generatorMethods holds send/close of generators (core).
var generatorMethods = map[string]*NativeMethod{}

func (th *Thread) objectAttr(o *Object, name string) (Value, bool, error) {
	for i := range o.attrs {
		if o.attrs[i].name == name {
			return o.attrs[i].value, true, nil
		}
	}
	if o.exc != nil {
		switch name {
		case "args":
			return o.exc.args, true, nil
		case "__cause__":
			if o.exc.cause == nil {
				return None, true, nil
			}
			return o.exc.cause, true, nil
		case "__context__":
			if o.exc.context == nil {
				return None, true, nil
			}
			return o.exc.context, true, nil
		case "__traceback__":
			return None, true, nil
		case "value", "code":
			// StopIteration.value: the generator's return value;
			// SystemExit.code: the exit status or message.
			if name == "value" && IsSubclass(o.class, excStopIteration) ||
				name == "code" && IsSubclass(o.class, excSystemExit) {
				switch len(o.exc.args) {
				case 0:
					return None, true, nil
				case 1:
					return o.exc.args[0], true, nil
				}
				if name == "code" {
					return o.exc.args, true, nil
				}
				return o.exc.args[0], true, nil
			}
		}
		if m, ok := exceptionMethods[name]; ok {
			return &Builtin{method: m, recv: o}, true, nil
		}
	}
	if v, _ := o.class.lookup(name); v != nil {
		r, err := th.bindClassAttr(v, o, o.class)
		return r, err == nil, err
	}
	if name == "__class__" {
		return o.class, true, nil
	}
	if name == "__dict__" && o.class.userDefined {
		d, err := th.attrDict(o.attrs)
		return d, err == nil, err
	}
	if m, _ := o.class.lookup("__getattr__"); m != nil {
		r, err := th.callMethod(o, m, []Value{String(name)})
		if err != nil {
			if e, ok := err.(*Exception); ok && e.value != nil && IsSubclass(e.value.class, excAttributeError) {
				return nil, false, nil
			}
			return nil, false, err
		}
		return r, true, nil
	}
	return nil, false, nil
}

func (th *Thread) classAttr(c *Class, name string) (Value, bool, error) {
	if v, _ := c.lookup(name); v != nil {
		r, err := th.bindClassAttr(v, nil, c)
		return r, err == nil, err
	}
	switch name {
	case "__name__", "__qualname__":
		return String(c.name), true, nil
	case "__base__":
		if c.base == nil {
			return None, true, nil
		}
		return c.base, true, nil
	case "__bases__":
		if c.base == nil {
			return Tuple{}, true, nil
		}
		return Tuple{c.base}, true, nil
	case "__mro__":
		var mro Tuple
		for k := c; k != nil; k = k.base {
			mro = append(mro, k)
		}
		return mro, true, nil
	case "__module__":
		if c.userDefined {
			return String("__main__"), true, nil
		}
		if c.module != "" { // collections types and namedtuple classes
			return String(c.module), true, nil
		}
		return String("builtins"), true, nil
	case "__doc__":
		return None, true, nil
	}
	// Unbound methods of built-in types: str.upper, list.append, ...
	var table map[string]*NativeMethod
	switch c {
	case typeStr:
		table = strMethods
	case typeList:
		table = listMethods
	case typeDict:
		table = dictMethods
	case typeTuple:
		table = tupleMethods
	case typeSet, typeFrozenset:
		table = setMethods
	case typeBytes:
		table = bytesMethods
	case typeInt, typeBool:
		table = intMethods
	case typeFloat:
		table = floatMethods
	}
	if m, ok := table[name]; ok {
		mm := m
		cls := c
		return NewBuiltin(m.Name, func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			if len(args) == 0 || !IsInstance(args[0], cls) {
				return nil, typeErrorf("descriptor '%s' of '%s' object needs an argument", mm.Name, cls.name)
			}
			return mm.Fn(th, args[0], args[1:], kwargs)
		}), true, nil
	}
	return nil, false, nil
}

func (th *Thread) superAttr(s *superObj, name string) (Value, bool, error) {
	for k := s.class.base; k != nil; k = k.base {
		if v, ok := k.dict[name]; ok {
			cls, _ := s.self.(*Class)
			if o, ok := s.self.(*Object); ok {
				cls = o.class
			}
			r, err := th.bindClassAttr(v, s.self, cls)
			return r, err == nil, err
		}
		if k.exc && name == "__init__" {
			// BaseException.__init__ sets args.
			self := s.self
			return NewBuiltin("__init__", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
				if o, ok := self.(*Object); ok && o.exc != nil {
					o.exc.args = append(Tuple(nil), args...)
				}
				return None, nil
			}), true, nil
		}
		if k == typeObject && name == "__init__" {
			return NewBuiltin("__init__", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
				return None, nil
			}), true, nil
		}
	}
	if name == "__str__" || name == "__repr__" {
		self := s.self
		return NewBuiltin(name, func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			o, _ := self.(*Object)
			if o != nil && o.exc != nil && name == "__str__" {
				str, err := th.excStr(o)
				return String(str), err
			}
			var sb strings.Builder
			if o != nil {
				saved := o.class
				// Default repr of the object, skipping user __repr__.
				sb.WriteString("<__main__." + saved.name + " object>")
			}
			return String(sb.String()), nil
		}), true, nil
	}
	return nil, false, th.noAttr(s, name)
}

// SetAttr sets v.name = x.
func (th *Thread) SetAttr(v Value, name string, x Value) error {
	switch o := v.(type) {
	case *Object:
		if o.class.builtin {
			break
		}
		if !o.class.hasSetattr {
			return th.setObjectAttr(o, name, x)
		}
		if m, _ := o.class.lookup("__setattr__"); m != nil {
			_, err := th.callMethod(o, m, []Value{String(name), x})
			return err
		}
		return th.setObjectAttr(o, name, x)
	case *Class:
		if !o.userDefined {
			// Built-in types and exception classes are shared by every
			// Instance, so they are immutable.
			return typeErrorf("cannot set '%s' attribute of immutable type '%s'", name, o.name)
		}
		if _, ok := o.dict[name]; !ok {
			o.names = append(o.names, name)
		}
		o.dict[name] = x
		th.classChanged()
		if name == "__setattr__" {
			o.hasSetattr = true
		}
		return nil
	case *Module:
		o.members[name] = x
		return nil
	case *Function:
		return th.setFuncAttr(o, name, x)
	case *Builtin:
		if o.method == nil { // functions, not bound methods of built-in values
			return th.putAttr(&o.attrs, name, x)
		}
	case *Dict:
		if o.sub != nil && o.sub.kind == kindDefaultdict && name == "default_factory" {
			return setDefaultFactory(o, x)
		}
	case *NamedTuple:
		if _, ok, _ := th.ntAttr(o, name); ok { // collections.namedtuple
			return attributeErrorf("can't set attribute")
		}
	case *Deque:
		if name == "maxlen" { // collections.deque
			return attributeErrorf("attribute 'maxlen' of 'collections.deque' objects is not writable")
		}
	}
	if _, ok, _ := th.getAttr(v, name); ok {
		return attributeErrorf("'%s' object attribute '%s' is read-only", v.Type(), name)
	}
	return attributeErrorf("'%s' object has no attribute '%s'", v.Type(), name)
}

// classChanged invalidates the ATTR inline caches after a class changed.
func (th *Thread) classChanged() {
	if th.inst != nil {
		th.inst.classVersion++
	}
}

func (th *Thread) setObjectAttr(o *Object, name string, x Value) error {
	if o.class.userDefined {
		if v, _ := o.class.lookup(name); v != nil {
			if p, ok := v.(*propertyObj); ok {
				if p.fset == nil {
					return attributeErrorf("property '%s' of '%s' object has no setter", name, o.class.name)
				}
				_, err := th.Call(p.fset, []Value{o, x}, nil)
				return err
			}
		}
	}
	if o.exc != nil && name == "args" {
		t, err := th.toTuple(x)
		if err != nil {
			return err
		}
		o.exc.args = t
		return nil
	}
	if o.exc != nil && name == "__cause__" {
		o.exc.suppress = true
		if x == None {
			o.exc.cause = nil
		} else {
			o.exc.cause = x
		}
		return nil
	}
	return th.putAttr(&o.attrs, name, x)
}

// putAttr sets name in an attribute table, charging its growth (the size
// model counts the table as a dict).
func (th *Thread) putAttr(attrs *[]attr, name string, x Value) error {
	as := *attrs
	for i := range as {
		if as[i].name == name {
			as[i].value = x
			return nil
		}
	}
	n := len(as)
	if n == 0 {
		if err := th.charge(sizeOfDictCap(dictCapFor(1))); err != nil {
			return err
		}
	} else if c := dictCapFor(n + 1); c > dictCapFor(n) {
		if err := th.charge(int64(c-dictCapFor(n)) * sizeDictSlot); err != nil {
			return err
		}
	}
	*attrs = append(as, attr{name, x})
	return nil
}

// dropAttr deletes name from an attribute table, reporting whether it was
// there.
func dropAttr(attrs *[]attr, name string) bool {
	for i, a := range *attrs {
		if a.name == name {
			*attrs = append((*attrs)[:i], (*attrs)[i+1:]...)
			return true
		}
	}
	return false
}

// findAttr looks name up in an attribute table.
func findAttr(attrs []attr, name string) (Value, bool) {
	for i := range attrs {
		if attrs[i].name == name {
			return attrs[i].value, true
		}
	}
	return nil, false
}

// attrDict is a new dict of an attribute table (__dict__, vars()).
func (th *Thread) attrDict(attrs []attr) (*Dict, error) {
	d, err := th.NewDict()
	if err != nil {
		return nil, err
	}
	for _, a := range attrs {
		if err := d.Set(th, String(a.name), a.value); err != nil {
			return nil, err
		}
	}
	return d, nil
}

// setFuncAttr assigns a function attribute: __name__ and __qualname__
// rename it (CPython requires strs), anything else goes to its table.
func (th *Thread) setFuncAttr(f *Function, name string, x Value) error {
	switch name {
	case "__name__", "__qualname__":
		s, ok := x.(String)
		if !ok {
			return typeErrorf("%s must be set to a string object", name)
		}
		if name == "__name__" {
			f.name = string(s)
		} else {
			f.qualname = string(s)
		}
		return nil
	case "__defaults__":
		switch d := x.(type) {
		case NoneType:
			f.defaults = nil
		case Tuple:
			if len(d) > f.code.nparams {
				return valueErrorf("%s() requires at most %d defaults", f.name, f.code.nparams)
			}
			f.defaults = d
		default:
			return typeErrorf("__defaults__ must be set to a tuple object")
		}
		return nil
	case "__dict__", "__class__", "__closure__", "__globals__", "__code__":
		return attributeErrorf("'function' object attribute '%s' is read-only in nl", name)
	}
	return th.putAttr(&f.attrs, name, x)
}

// DelAttr deletes v.name.
func (th *Thread) DelAttr(v Value, name string) error {
	switch o := v.(type) {
	case *Object:
		if dropAttr(&o.attrs, name) {
			return nil
		}
	case *Function:
		if dropAttr(&o.attrs, name) {
			return nil
		}
	case *Builtin:
		if dropAttr(&o.attrs, name) {
			return nil
		}
	case *Class:
		if o.userDefined {
			if _, ok := o.dict[name]; ok {
				delete(o.dict, name)
				th.classChanged()
				for i, k := range o.names {
					if k == name {
						o.names = append(o.names[:i], o.names[i+1:]...)
						break
					}
				}
				return nil
			}
		}
	case *Module:
		if _, ok := o.members[name]; ok {
			delete(o.members, name)
			return nil
		}
	}
	return th.noAttr(v, name)
}

// callMethod calls method m (from a class dict) on receiver o.
func (th *Thread) callMethod(o Value, m Value, args []Value) (Value, error) {
	switch f := m.(type) {
	case *Function:
		full := make([]Value, 0, len(args)+1)
		full = append(append(full, o), args...)
		return th.callFunction(f, full, nil)
	}
	return th.Call(m, args, nil)
}
