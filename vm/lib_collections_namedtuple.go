package vm

import (
	"strings"
)

// collections.namedtuple: a class whose instances are tuples with named
// fields. The class is a *Class (base tuple) whose dict holds _fields,
// _field_defaults and _make; instances are *NamedTuple values, which the
// tuple code paths (indexing, len, iteration, ==, <, hash, in, +, json)
// treat as their underlying tuple.

// NamedTuple is an instance of a namedtuple class.
type NamedTuple struct {
	cls *Class
	t   Tuple
}

func (n *NamedTuple) Type() string { return n.cls.name }

// ntFields returns the field names of a namedtuple class.
func ntFields(c *Class) Tuple {
	f, _ := c.dict["_fields"].(Tuple)
	return f
}

// unwrapNT returns the tuple of a namedtuple, or v unchanged.
func unwrapNT(v Value) Value {
	if n, ok := v.(*NamedTuple); ok {
		return n.t
	}
	return v
}

var pyKeywords = map[string]bool{
	"False": true, "None": true, "True": true, "and": true, "as": true, "assert": true, "async": true,
	"await": true, "break": true, "class": true, "continue": true, "def": true, "del": true, "elif": true,
	"else": true, "except": true, "finally": true, "for": true, "from": true, "global": true, "if": true,
	"import": true, "in": true, "is": true, "lambda": true, "nonlocal": true, "not": true, "or": true,
	"pass": true, "raise": true, "return": true, "try": true, "while": true, "with": true, "yield": true,
}

func isIdentifier(th *Thread, s string) bool {
	r, _ := strIsidentifier(th, String(s), nil, nil)
	return r == True
}

func collectionsNamedtuple(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var typename, fieldNames Value
	var rename, defaults Value = False, None
	if len(args) > 2 {
		return nil, typeErrorf("namedtuple() takes 2 positional arguments but %d were given", len(args))
	}
	if len(args) > 0 {
		typename = args[0]
	}
	if len(args) > 1 {
		fieldNames = args[1]
	}
	for _, kw := range kwargs {
		switch {
		case kw.Name == "typename" && typename == nil:
			typename = kw.Value
		case kw.Name == "field_names" && fieldNames == nil:
			fieldNames = kw.Value
		case kw.Name == "typename" || kw.Name == "field_names":
			return nil, typeErrorf("namedtuple() got multiple values for argument '%s'", kw.Name)
		case kw.Name == "rename":
			rename = kw.Value
		case kw.Name == "defaults":
			defaults = kw.Value
		case kw.Name == "module":
		default:
			return nil, typeErrorf("namedtuple() got an unexpected keyword argument '%s'", kw.Name)
		}
	}
	if typename == nil || fieldNames == nil {
		missing := []string{}
		if typename == nil {
			missing = append(missing, "'typename'")
		}
		if fieldNames == nil {
			missing = append(missing, "'field_names'")
		}
		if len(missing) == 2 {
			return nil, typeErrorf("namedtuple() missing 2 required positional arguments: 'typename' and 'field_names'")
		}
		return nil, typeErrorf("namedtuple() missing 1 required positional argument: %s", missing[0])
	}
	var names []string
	if s, ok := fieldNames.(String); ok {
		names = strings.Fields(strings.ReplaceAll(string(s), ",", " "))
	} else {
		err := forEach(th, fieldNames, func(v Value) error {
			s, err := th.Str(v)
			names = append(names, s)
			return err
		})
		if err != nil {
			return nil, err
		}
	}
	tn, err := th.Str(typename)
	if err != nil {
		return nil, err
	}
	doRename, err := th.Truth(rename)
	if err != nil {
		return nil, err
	}
	if doRename {
		seen := map[string]bool{}
		for i, n := range names {
			if !isIdentifier(th, n) || pyKeywords[n] || strings.HasPrefix(n, "_") || seen[n] {
				names[i] = "_" + itoa(int64(i))
			}
			seen[names[i]] = true
		}
	}
	for _, n := range append([]string{tn}, names...) {
		if !isIdentifier(th, n) {
			return nil, valueErrorf("Type names and field names must be valid identifiers: %s", pyStrRepr(n))
		}
		if pyKeywords[n] {
			return nil, valueErrorf("Type names and field names cannot be a keyword: %s", pyStrRepr(n))
		}
	}
	seen := map[string]bool{}
	for _, n := range names {
		if strings.HasPrefix(n, "_") && !doRename {
			return nil, valueErrorf("Field names cannot start with an underscore: %s", pyStrRepr(n))
		}
		if seen[n] {
			return nil, valueErrorf("Encountered duplicate field name: %s", pyStrRepr(n))
		}
		seen[n] = true
	}
	var defs []Value
	if defaults != None {
		if defs, err = th.IterateAll(defaults); err != nil {
			return nil, err
		}
		if len(defs) > len(names) {
			return nil, typeErrorf("Got more default values than field names")
		}
	}
	fields := make(Tuple, len(names))
	for i, n := range names {
		fields[i] = String(n)
	}
	fd, err := th.NewDict()
	if err != nil {
		return nil, err
	}
	for i, d := range defs {
		if err := fd.Set(th, fields[len(names)-len(defs)+i], d); err != nil {
			return nil, err
		}
	}
	if err := th.charge(sizeClass + sizeOfTuple(len(fields)) + sizeOfStr(len(tn))); err != nil {
		return nil, err
	}
	c := &Class{name: tn, base: typeTuple, dict: map[string]Value{}, module: "__main__"}
	c.dict["_fields"] = fields
	c.dict["_field_defaults"] = fd
	c.dict["_make"] = NewBuiltin("_make", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var it Value
		if err := UnpackPositional(tn+"._make", args, kwargs, 1, &it); err != nil {
			return nil, err
		}
		elems, err := th.IterateAll(it)
		if err != nil {
			return nil, err
		}
		if len(elems) != len(fields) {
			return nil, typeErrorf("Expected %d arguments, got %d", len(fields), len(elems))
		}
		return th.newNamedTuple(c, elems)
	})
	c.names = []string{"_fields", "_field_defaults", "_make"}
	defTuple := Tuple(defs)
	c.construct = func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		return th.ntConstruct(c, defTuple, args, kwargs)
	}
	return c, nil
}

func pyStrRepr(s string) string {
	var sb strings.Builder
	writeStrRepr(&sb, s)
	return sb.String()
}

func (th *Thread) newNamedTuple(c *Class, elems []Value) (*NamedTuple, error) {
	if err := th.charge(sizeOfTuple(len(elems)) + sizeHeader); err != nil {
		return nil, err
	}
	return &NamedTuple{cls: c, t: Tuple(elems)}, nil
}

// ntConstruct is Point(...) with CPython's __new__ argument errors.
func (th *Thread) ntConstruct(c *Class, defs Tuple, args []Value, kwargs []KeywordArg) (Value, error) {
	fields := ntFields(c)
	n := len(fields)
	fname := c.name + ".__new__()"
	if len(args) > n {
		if len(defs) == 0 {
			return nil, typeErrorf("%s takes %d positional argument%s but %d were given", fname, n+1, plural(n+1), len(args)+1)
		}
		return nil, typeErrorf("%s takes from %d to %d positional arguments but %d were given", fname, n-len(defs)+1, n+1, len(args)+1)
	}
	elems := make([]Value, n)
	copy(elems, args)
	for _, kw := range kwargs {
		i := -1
		for j, f := range fields {
			if string(f.(String)) == kw.Name {
				i = j
				break
			}
		}
		if i < 0 {
			return nil, typeErrorf("%s got an unexpected keyword argument '%s'", fname, kw.Name)
		}
		if elems[i] != nil {
			return nil, typeErrorf("%s got multiple values for argument '%s'", fname, kw.Name)
		}
		elems[i] = kw.Value
	}
	var missing []string
	for i := range elems {
		if elems[i] == nil {
			if j := i - (n - len(defs)); j >= 0 {
				elems[i] = defs[j]
				continue
			}
			missing = append(missing, "'"+string(fields[i].(String))+"'")
		}
	}
	if len(missing) > 0 {
		var list string
		switch len(missing) {
		case 1:
			list = missing[0]
		case 2:
			list = missing[0] + " and " + missing[1]
		default:
			list = strings.Join(missing[:len(missing)-1], ", ") + ", and " + missing[len(missing)-1]
		}
		return nil, typeErrorf("%s missing %d required positional argument%s: %s", fname, len(missing), plural(len(missing)), list)
	}
	return th.newNamedTuple(c, elems)
}

// ntAttr finds a namedtuple instance's own attributes.
func (th *Thread) ntAttr(x *NamedTuple, name string) (Value, bool, error) {
	for i, f := range ntFields(x.cls) {
		if string(f.(String)) == name {
			return x.t[i], true, nil
		}
	}
	switch name {
	case "_asdict":
		return NewBuiltin("_asdict", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			if err := UnpackPositional(x.cls.name+"._asdict", args, kwargs, 0); err != nil {
				return nil, err
			}
			d, err := th.NewDict()
			if err != nil {
				return nil, err
			}
			for i, f := range ntFields(x.cls) {
				if err := d.Set(th, f, x.t[i]); err != nil {
					return nil, err
				}
			}
			return d, nil
		}), true, th.charge(sizeBound)
	case "_replace":
		return NewBuiltin("_replace", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			if len(args) > 0 {
				return nil, typeErrorf("%s._replace() takes 1 positional argument but %d were given", x.cls.name, len(args)+1)
			}
			elems := append([]Value(nil), x.t...)
			var bad []Value
			for _, kw := range kwargs {
				i := -1
				for j, f := range ntFields(x.cls) {
					if string(f.(String)) == kw.Name {
						i = j
					}
				}
				if i < 0 {
					bad = append(bad, String(kw.Name))
					continue
				}
				elems[i] = kw.Value
			}
			if len(bad) > 0 {
				r, err := th.Repr(NewList(bad))
				if err != nil {
					return nil, err
				}
				return nil, valueErrorf("Got unexpected field names: %s", r)
			}
			return th.newNamedTuple(x.cls, elems)
		}), true, th.charge(sizeBound)
	case "__class__":
		return x.cls, true, nil
	}
	if v, ok := x.cls.dict[name]; ok {
		return v, true, nil
	}
	return nil, false, nil
}

func (th *Thread) ntRepr(sb *strings.Builder, x *NamedTuple, depth int) error {
	sb.WriteString(x.cls.name)
	sb.WriteByte('(')
	for i, f := range ntFields(x.cls) {
		if i > 0 {
			sb.WriteString(", ")
		}
		sb.WriteString(string(f.(String)))
		sb.WriteByte('=')
		if err := th.writeRepr(sb, x.t[i], depth+1); err != nil {
			return err
		}
	}
	sb.WriteByte(')')
	return nil
}

// isTupleLike reports whether v is a tuple or a namedtuple.
func isTupleLike(v Value) bool {
	switch v.(type) {
	case Tuple, *NamedTuple:
		return true
	}
	return false
}

// isIntLike reports whether v is an int (or bool), the right operand of
// sequence repetition.
func isIntLike(v Value) bool {
	_, ok := asInt(v)
	return ok
}
