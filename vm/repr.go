package vm

import (
	"fmt"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Repr returns repr(v), calling __repr__ of user objects.
func (th *Thread) Repr(v Value) (string, error) {
	var sb strings.Builder
	err := th.writeRepr(&sb, v, 0)
	return sb.String(), err
}

// Str returns str(v), calling __str__ (or __repr__) of user objects.
func (th *Thread) Str(v Value) (string, error) {
	switch x := v.(type) {
	case String:
		return string(x), nil
	case *Object:
		if x.class.builtin {
			break
		}
		if m, _ := x.class.lookup("__str__"); m != nil {
			return th.callStrMethod(x, m, "__str__")
		}
		if x.exc != nil {
			return th.excStr(x)
		}
		if m, _ := x.class.lookup("__repr__"); m != nil {
			return th.callStrMethod(x, m, "__repr__")
		}
	}
	return th.Repr(v)
}

func (th *Thread) callStrMethod(o *Object, m Value, name string) (string, error) {
	r, err := th.callMethod(o, m, nil)
	if err != nil {
		return "", err
	}
	s, ok := r.(String)
	if !ok {
		return "", typeErrorf("%s returned non-string (type %s)", name, r.Type())
	}
	return string(s), nil
}

// excStr is str() of an exception object: "" with no args, str(arg) with
// one (repr(key) for KeyError), str(args) with more.
func (th *Thread) excStr(o *Object) (string, error) {
	args := o.exc.args
	switch len(args) {
	case 0:
		return "", nil
	case 1:
		if IsSubclass(o.class, excKeyError) {
			return th.Repr(args[0])
		}
		return th.Str(args[0])
	}
	return th.Repr(args)
}

const maxReprDepth = 200

// writeItemsRepr writes {k: v, ...} for (key, value) pairs: the repr of a
// dict and of the dict inside defaultdict(...) and Counter(...).
func (th *Thread) writeItemsRepr(sb *strings.Builder, items []Tuple, depth int) error {
	sb.WriteByte('{')
	for i, it := range items {
		if i > 0 {
			sb.WriteString(", ")
		}
		if err := th.writeRepr(sb, it[0], depth+1); err != nil {
			return err
		}
		sb.WriteString(": ")
		if err := th.writeRepr(sb, it[1], depth+1); err != nil {
			return err
		}
	}
	sb.WriteByte('}')
	return nil
}

func (th *Thread) writeRepr(sb *strings.Builder, v Value, depth int) error {
	if depth > maxReprDepth {
		return newError(excRecursionError, "maximum recursion depth exceeded while getting the repr of an object")
	}
	switch x := v.(type) {
	case nil:
		sb.WriteString("<nil>")
	case NoneType:
		sb.WriteString("None")
	case Boolean:
		if x {
			sb.WriteString("True")
		} else {
			sb.WriteString("False")
		}
	case Int64:
		var buf [24]byte
		sb.Write(strconv.AppendInt(buf[:0], int64(x), 10))
	case Float64:
		sb.WriteString(pyFloatRepr(float64(x)))
	case String:
		writeStrRepr(sb, string(x))
	case Bytes:
		writeBytesRepr(sb, string(x))
	case *List:
		if th.reprEnter(x) {
			sb.WriteString("[...]")
			return nil
		}
		defer th.reprLeave()
		sb.WriteByte('[')
		for i, e := range x.elems {
			if i > 0 {
				sb.WriteString(", ")
			}
			if err := th.writeRepr(sb, e, depth+1); err != nil {
				return err
			}
		}
		sb.WriteByte(']')
	case Tuple:
		sb.WriteByte('(')
		for i, e := range x {
			if i > 0 {
				sb.WriteString(", ")
			}
			if err := th.writeRepr(sb, e, depth+1); err != nil {
				return err
			}
		}
		if len(x) == 1 {
			sb.WriteByte(',')
		}
		sb.WriteByte(')')
	case *Dict:
		if x.sub != nil { // collections subclass
			return th.dictSubRepr(sb, x, depth)
		}
		if th.reprEnter(x) {
			sb.WriteString("{...}")
			return nil
		}
		defer th.reprLeave()
		return th.writeItemsRepr(sb, x.Items(), depth)
	case *Set:
		name := "set"
		if x.frozen {
			name = "frozenset"
		}
		if x.ht.n == 0 {
			sb.WriteString(name + "()")
			return nil
		}
		if th.reprEnter(x) {
			sb.WriteString(name + "(...)")
			return nil
		}
		defer th.reprLeave()
		if x.frozen {
			sb.WriteString("frozenset(")
		}
		sb.WriteByte('{')
		for i, e := range x.iterOrder() {
			if i > 0 {
				sb.WriteString(", ")
			}
			if err := th.writeRepr(sb, e, depth+1); err != nil {
				return err
			}
		}
		sb.WriteByte('}')
		if x.frozen {
			sb.WriteByte(')')
		}
	case *Deque: // collections.deque
		return th.dequeRepr(sb, x, depth)
	case *RePattern, *ReMatch: // re module
		return th.reRepr(sb, x)
	case *NamedTuple: // collections.namedtuple
		return th.ntRepr(sb, x, depth)
	case *Range:
		if x.step == 1 {
			fmt.Fprintf(sb, "range(%d, %d)", x.start, x.stop)
		} else {
			fmt.Fprintf(sb, "range(%d, %d, %d)", x.start, x.stop, x.step)
		}
	case *Slice:
		sb.WriteString("slice(")
		for i, e := range []Value{x.start, x.stop, x.step} {
			if i > 0 {
				sb.WriteString(", ")
			}
			if err := th.writeRepr(sb, e, depth+1); err != nil {
				return err
			}
		}
		sb.WriteByte(')')
	case *Function:
		fmt.Fprintf(sb, "<function %s at %#x>", x.qualname, identity(x))
	case *Builtin:
		if x.recv != nil {
			fmt.Fprintf(sb, "<built-in method %s of %s object at %#x>", x.Name(), x.recv.Type(), identityOrZero(x.recv))
		} else {
			fmt.Fprintf(sb, "<built-in function %s>", x.name)
		}
	case *BoundMethod:
		fmt.Fprintf(sb, "<bound method %s of ", x.fn.qualname)
		if err := th.writeRepr(sb, x.self, depth+1); err != nil {
			return err
		}
		sb.WriteByte('>')
	case *Class:
		if x.userDefined {
			fmt.Fprintf(sb, "<class '__main__.%s'>", x.name)
		} else if x.module != "" { // collections types
			fmt.Fprintf(sb, "<class '%s.%s'>", x.module, x.name)
		} else {
			fmt.Fprintf(sb, "<class '%s'>", x.name)
		}
	case *Module:
		fmt.Fprintf(sb, "<module '%s' (built-in)>", x.name)
	case *Generator:
		fmt.Fprintf(sb, "<generator object %s at %#x>", x.name, identity(x))
	case *Cell:
		fmt.Fprintf(sb, "<cell at %#x>", identity(x))
	case *superObj:
		fmt.Fprintf(sb, "<super: <class '%s'>, <%s object>>", x.class.name, x.self.Type())
	case *Object:
		if x == notImplemented {
			sb.WriteString("NotImplemented")
			return nil
		}
		if !x.class.builtin {
			if m, _ := x.class.lookup("__repr__"); m != nil {
				s, err := th.callStrMethod(x, m, "__repr__")
				sb.WriteString(s)
				return err
			}
		}
		if x.exc != nil {
			sb.WriteString(x.class.name)
			args := x.exc.args
			if len(args) == 1 {
				sb.WriteByte('(')
				if err := th.writeRepr(sb, args[0], depth+1); err != nil {
					return err
				}
				sb.WriteByte(')')
				return nil
			}
			return th.writeRepr(sb, args, depth+1)
		}
		if !x.class.userDefined {
			fmt.Fprintf(sb, "<%s object at %#x>", x.class.name, identity(x))
			return nil
		}
		fmt.Fprintf(sb, "<__main__.%s object at %#x>", x.class.name, identity(x))
	default:
		fmt.Fprintf(sb, "<%s object at %#x>", v.Type(), identityOrZero(v))
	}
	return nil
}

func identityOrZero(v Value) uintptr { return identity(v) }

func (th *Thread) reprEnter(p Value) bool {
	for _, q := range th.reprStack {
		if q == p {
			return true
		}
	}
	th.reprStack = append(th.reprStack, p)
	return false
}

func (th *Thread) reprLeave() { th.reprStack = th.reprStack[:len(th.reprStack)-1] }

// writeStrRepr writes s quoted as Python's repr does.
func writeStrRepr(sb *strings.Builder, s string) {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	sb.WriteByte(quote)
	for i := 0; i < len(s); {
		c := s[i]
		if c < utf8.RuneSelf {
			i++
			switch {
			case c == quote || c == '\\':
				sb.WriteByte('\\')
				sb.WriteByte(c)
			case c == '\n':
				sb.WriteString(`\n`)
			case c == '\r':
				sb.WriteString(`\r`)
			case c == '\t':
				sb.WriteString(`\t`)
			case c < 0x20 || c == 0x7f:
				fmt.Fprintf(sb, `\x%02x`, c)
			default:
				sb.WriteByte(c)
			}
			continue
		}
		r, size := utf8.DecodeRuneInString(s[i:])
		i += size
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(sb, `\x%02x`, c)
		case isPrintable(r):
			sb.WriteRune(r)
		case r <= 0xff:
			fmt.Fprintf(sb, `\x%02x`, r)
		case r <= 0xffff:
			fmt.Fprintf(sb, `\u%04x`, r)
		default:
			fmt.Fprintf(sb, `\U%08x`, r)
		}
	}
	sb.WriteByte(quote)
}

// isPrintable approximates Python's str.isprintable for one code point.
func isPrintable(r rune) bool {
	if r == ' ' {
		return true
	}
	if unicode.IsSpace(r) {
		return false
	}
	return unicode.IsPrint(r) || unicode.Is(unicode.Co, r) == false && unicode.IsGraphic(r) && !unicode.Is(unicode.Zs, r)
}

// writeBytesRepr writes b'...' as Python does.
func writeBytesRepr(sb *strings.Builder, s string) {
	quote := byte('\'')
	if strings.IndexByte(s, '\'') >= 0 && strings.IndexByte(s, '"') < 0 {
		quote = '"'
	}
	sb.WriteByte('b')
	sb.WriteByte(quote)
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch {
		case c == quote || c == '\\':
			sb.WriteByte('\\')
			sb.WriteByte(c)
		case c == '\n':
			sb.WriteString(`\n`)
		case c == '\r':
			sb.WriteString(`\r`)
		case c == '\t':
			sb.WriteString(`\t`)
		case c < 0x20 || c >= 0x7f:
			fmt.Fprintf(sb, `\x%02x`, c)
		default:
			sb.WriteByte(c)
		}
	}
	sb.WriteByte(quote)
}
