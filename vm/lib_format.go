package vm

import (
	"math"
	"strconv"
	"strings"
	"unicode/utf8"
)

// This file wires the pure formatting code (lib_fmtspec.go,
// lib_strformat.go) to Values: format(), f-string specs, str % args and
// str.format.

func init() {
	formatHook = formatValue
	percentHook = percentFormat
	registerBuiltin(NewBuiltin("format", builtinFormat))
	registerBuiltin(NewBuiltin("ascii", builtinASCII))
	registerMethod(strMethods, "format", strFormat)
	registerMethod(strMethods, "format_map", strFormatMap)
}

// fmtErr converts an error of the pure formatting code into a Python
// exception; other errors pass through.
func fmtErr(err error) error {
	if fe, ok := err.(*fmtError); ok {
		return NewException(fe.kind, fe.msg)
	}
	return err
}

// formatValue is format(v, spec): the __format__ of built-in types, a
// user class's __format__, or object.__format__.
func formatValue(th *Thread, v Value, spec string) (string, error) {
	var s string
	var err error
	switch x := v.(type) {
	case Int64:
		if spec == "" {
			return strconv.FormatInt(int64(x), 10), nil
		}
		s, err = formatIntSpec(int64(x), spec, "int")
	case Float64:
		s, err = formatFloatSpec(float64(x), spec)
	case String:
		s, err = formatStrSpec(string(x), spec)
	case Boolean:
		if spec == "" {
			if x {
				return "True", nil
			}
			return "False", nil
		}
		i, _ := asInt(x)
		s, err = formatIntSpec(i, spec, "bool")
	case *Object:
		if m, _ := x.class.lookup("__format__"); m != nil {
			r, err := th.callMethod(x, m, []Value{String(spec)})
			if err != nil {
				return "", err
			}
			rs, ok := r.(String)
			if !ok {
				return "", typeErrorf("__format__ must return a str, not %s", r.Type())
			}
			return string(rs), nil
		}
		return objectFormat(th, v, spec)
	default:
		return objectFormat(th, v, spec)
	}
	if err != nil {
		return "", fmtErr(err)
	}
	return s, nil
}

// objectFormat is object.__format__: str(v) for an empty spec.
func objectFormat(th *Thread, v Value, spec string) (string, error) {
	if spec != "" {
		return "", typeErrorf("unsupported format string passed to %s.__format__", TypeOf(v).name)
	}
	return th.Str(v)
}

func builtinFormat(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var v Value
	var spec Value = String("")
	if err := UnpackPositional("format", args, kwargs, 1, &v, &spec); err != nil {
		return nil, err
	}
	sp, ok := spec.(String)
	if !ok {
		return nil, typeErrorf("format() argument 2 must be str, not %s", spec.Type())
	}
	s, err := formatValue(th, v, string(sp))
	if err != nil {
		return nil, err
	}
	return th.NewStr(s)
}

func builtinASCII(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var v Value
	if err := UnpackPositional("ascii", args, kwargs, 1, &v); err != nil {
		return nil, err
	}
	s, err := asciiRepr(th, v)
	if err != nil {
		return nil, err
	}
	return th.NewStr(s)
}

// asciiRepr is ascii(v): repr with non-ASCII characters escaped.
func asciiRepr(th *Thread, v Value) (string, error) {
	s, err := th.Repr(v)
	if err != nil {
		return "", err
	}
	return asciiEscape(s), nil
}

// convertField applies a !r, !s or !a conversion.
func convertField(th *Thread, v Value, conv byte) (Value, error) {
	var s string
	var err error
	switch conv {
	case 0:
		return v, nil
	case 'r':
		s, err = th.Repr(v)
	case 's':
		s, err = th.Str(v)
	case 'a':
		s, err = asciiRepr(th, v)
	}
	if err != nil {
		return nil, err
	}
	return String(s), nil
}

// ---- str.format ----

func strFormat(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	lookup := func(name string) (Value, error) {
		for _, kw := range kwargs {
			if kw.Name == name {
				return kw.Value, nil
			}
		}
		return nil, keyError(String(name))
	}
	return formatTemplate(th, string(recv.(String)), args, lookup)
}

func strFormatMap(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	var m Value
	if err := UnpackPositional("format_map", args, kwargs, 1, &m); err != nil {
		return nil, err
	}
	lookup := func(name string) (Value, error) { return th.GetItem(m, String(name)) }
	return formatTemplate(th, string(recv.(String)), nil, lookup)
}

// templateState tracks automatic field numbering across nested specs.
type templateState struct {
	args   []Value
	lookup func(string) (Value, error)
	auto   int // next automatic index; -1 once manual numbering was used
	manual bool
}

func formatTemplate(th *Thread, tmpl string, args []Value, lookup func(string) (Value, error)) (Value, error) {
	st := &templateState{args: args, lookup: lookup}
	s, err := st.expand(th, tmpl, 2)
	if err != nil {
		return nil, err
	}
	return th.NewStr(s)
}

func (st *templateState) expand(th *Thread, tmpl string, depth int) (string, error) {
	if depth <= 0 {
		return "", valueErrorf("Max string recursion exceeded")
	}
	var sb strings.Builder
	for i := 0; i < len(tmpl); {
		lit, field, next, err := nextChunk(tmpl, i)
		if err != nil {
			return "", fmtErr(err)
		}
		sb.WriteString(lit)
		i = next
		if !field {
			continue
		}
		f, next, err := parseField(tmpl, i)
		if err != nil {
			return "", fmtErr(err)
		}
		i = next
		v, err := st.fieldValue(th, f.name)
		if err != nil {
			return "", err
		}
		switch f.conv {
		case 0, 'r', 's', 'a':
		default:
			return "", valueErrorf("Unknown conversion specifier %s", string(rune(f.conv)))
		}
		if v, err = convertField(th, v, f.conv); err != nil {
			return "", err
		}
		spec := f.spec
		if f.nested {
			if spec, err = st.expand(th, spec, depth-1); err != nil {
				return "", err
			}
		}
		s, err := formatValue(th, v, spec)
		if err != nil {
			return "", err
		}
		sb.WriteString(s)
	}
	return sb.String(), nil
}

// fieldValue looks up a field name: an automatic or explicit index or a
// keyword, then its .attr and [key] accessors, evaluated one at a time.
func (st *templateState) fieldValue(th *Thread, name string) (Value, error) {
	first, rest := splitFieldName(name)
	var v Value
	switch {
	case first == "":
		if st.manual {
			return nil, valueErrorf("cannot switch from manual field specification to automatic field numbering")
		}
		n := st.auto
		st.auto++
		if n >= len(st.args) {
			return nil, indexErrorf("Replacement index %d out of range for positional args tuple", n)
		}
		v = st.args[n]
	case allDigits(first):
		if st.auto > 0 {
			return nil, valueErrorf("cannot switch from automatic field numbering to manual field specification")
		}
		st.manual = true
		if len(first) > 18 {
			return nil, valueErrorf("Too many decimal digits in format string")
		}
		n, _ := parsePyInt(first, 10)
		if n >= int64(len(st.args)) {
			return nil, indexErrorf("Replacement index %d out of range for positional args tuple", n)
		}
		v = st.args[n]
	default:
		var err error
		if v, err = st.lookup(first); err != nil {
			return nil, err
		}
	}
	for rest != "" {
		attr, key, tail, err := nextAccessor(rest)
		if err != nil {
			return nil, fmtErr(err)
		}
		rest = tail
		switch {
		case attr:
			v, err = th.GetAttr(v, key)
		case allDigits(key) && len(key) <= 18:
			n, _ := parsePyInt(key, 10)
			v, err = th.GetItem(v, MakeInt(n))
		default:
			v, err = th.GetItem(v, String(key))
		}
		if err != nil {
			return nil, err
		}
	}
	return v, nil
}

// ---- printf-style str % args ----

// percentFormat is str % arg.
func percentFormat(th *Thread, format string, arg Value) (Value, error) {
	var args []Value
	var mapping Value
	switch a := unwrapNT(arg).(type) { // unwrapNT: a namedtuple is a tuple of arguments
	case Tuple:
		args = a
	case *Dict:
		mapping = a
		args = []Value{a}
	case *Object:
		if m, _ := a.class.lookup("__getitem__"); m != nil {
			mapping = a
		}
		args = []Value{a}
	default:
		args = []Value{a}
	}
	argi := 0
	next := func() (Value, error) {
		if argi >= len(args) {
			return nil, typeErrorf("not enough arguments for format string")
		}
		argi++
		return args[argi-1], nil
	}
	var sb strings.Builder
	sb.Grow(len(format) + 16)
	i := 0
	for i < len(format) {
		j := strings.IndexByte(format[i:], '%')
		if j < 0 {
			sb.WriteString(format[i:])
			break
		}
		sb.WriteString(format[i : i+j])
		i += j
		start := i
		i++ // past '%'
		if i >= len(format) {
			return nil, valueErrorf("incomplete format")
		}
		var v Value
		if format[i] == '(' {
			if mapping == nil {
				return nil, typeErrorf("format requires a mapping")
			}
			depth := 1
			k := i + 1
			for ; k < len(format) && depth > 0; k++ {
				if format[k] == '(' {
					depth++
				} else if format[k] == ')' {
					depth--
				}
			}
			if depth > 0 {
				return nil, valueErrorf("incomplete format key")
			}
			key := format[i+1 : k-1]
			var err error
			if v, err = th.GetItem(mapping, String(key)); err != nil {
				return nil, err
			}
			i = k
		}
		var flags struct{ left, plus, space, alt, zero bool }
	flagLoop:
		for i < len(format) {
			switch format[i] {
			case '-':
				flags.left = true
			case '+':
				flags.plus = true
			case ' ':
				flags.space = true
			case '#':
				flags.alt = true
			case '0':
				flags.zero = true
			default:
				break flagLoop
			}
			i++
		}
		width, prec := -1, -1
		readNum := func() (int, error) {
			if i < len(format) && format[i] == '*' {
				i++
				a, err := next()
				if err != nil {
					return 0, err
				}
				n, ok := asInt(a)
				if !ok {
					return 0, typeErrorf("* wants int")
				}
				if n > 1<<20 || n < -(1<<20) {
					return 0, valueErrorf("width too big")
				}
				return int(n), nil
			}
			n := 0
			for i < len(format) && format[i] >= '0' && format[i] <= '9' {
				n = n*10 + int(format[i]-'0')
				if n > 1<<20 {
					return 0, valueErrorf("width too big")
				}
				i++
			}
			return n, nil
		}
		if i < len(format) && (format[i] == '*' || (format[i] >= '0' && format[i] <= '9')) {
			w, err := readNum()
			if err != nil {
				return nil, err
			}
			if w < 0 {
				flags.left = true
				w = -w
			}
			width = w
		}
		if i < len(format) && format[i] == '.' {
			i++
			p, err := readNum()
			if err != nil {
				return nil, err
			}
			if p < 0 {
				p = 0
			}
			prec = p
		}
		for i < len(format) && (format[i] == 'h' || format[i] == 'l' || format[i] == 'L') {
			i++
		}
		if i >= len(format) {
			return nil, valueErrorf("incomplete format")
		}
		c := format[i]
		i++
		if c == '%' && i == start+2 {
			sb.WriteByte('%')
			continue
		}
		if v == nil {
			var err error
			if v, err = next(); err != nil {
				return nil, err
			}
		}
		var body, sign, prefix string
		numeric := false
		switch c {
		case 's', 'r', 'a':
			var s string
			var err error
			switch c {
			case 's':
				s, err = th.Str(v)
			case 'r':
				s, err = th.Repr(v)
			default:
				s, err = asciiRepr(th, v)
			}
			if err != nil {
				return nil, err
			}
			if prec >= 0 {
				s = truncRunes(s, prec)
			}
			body = s
		case 'd', 'i', 'u', 'x', 'X', 'o':
			n, err := percentInt(th, v, c)
			if err != nil {
				return nil, err
			}
			numeric = true
			mag := uint64(n)
			if n < 0 {
				sign = "-"
				mag = uint64(-n)
			} else if flags.plus {
				sign = "+"
			} else if flags.space {
				sign = " "
			}
			base := 10
			switch c {
			case 'x', 'X':
				base = 16
				if flags.alt {
					prefix = "0" + string(c)
				}
			case 'o':
				base = 8
				if flags.alt {
					prefix = "0o"
				}
			}
			body = strconv.FormatUint(mag, base)
			if c == 'X' {
				body = strings.ToUpper(body)
			}
			if prec > len(body) {
				body = strings.Repeat("0", prec-len(body)) + body
			}
		case 'e', 'E', 'f', 'F', 'g', 'G':
			var f float64
			switch x := v.(type) {
			case Float64:
				f = float64(x)
			default:
				n, ok := asInt(v)
				if !ok {
					return nil, typeErrorf("must be real number, not %s", v.Type())
				}
				f = float64(n)
			}
			if prec < 0 {
				prec = 6
			}
			sp := fmtSpec{fill: ' ', width: -1, prec: prec, typ: c, alt: flags.alt}
			s, err := formatFloatParsed(math.Abs(f), &sp)
			if err != nil {
				return nil, fmtErr(err)
			}
			numeric = true // CPython zero-pads inf and nan too
			if math.Signbit(f) && !math.IsNaN(f) {
				sign = "-"
			} else if flags.plus {
				sign = "+"
			} else if flags.space {
				sign = " "
			}
			body = s
		case 'c':
			switch x := v.(type) {
			case String:
				if utf8.RuneCountInString(string(x)) != 1 {
					return nil, NewException("TypeError", "%c requires int or char")
				}
				body = string(x)
			default:
				n, ok := asInt(v)
				if !ok {
					return nil, NewException("TypeError", "%c requires int or char")
				}
				if n < 0 || n > 0x10ffff {
					return nil, NewException("OverflowError", "%c arg not in range(0x110000)")
				}
				body = string(rune(n))
			}
		default:
			return nil, valueErrorf("unsupported format character '%s' (0x%x) at index %d",
				string(rune(c)), c, utf8.RuneCountInString(format[:i-1]))
		}
		n := utf8.RuneCountInString(body) + len(sign) + len(prefix)
		switch {
		case width <= n:
			sb.WriteString(sign)
			sb.WriteString(prefix)
			sb.WriteString(body)
		case flags.left:
			sb.WriteString(sign)
			sb.WriteString(prefix)
			sb.WriteString(body)
			sb.WriteString(strings.Repeat(" ", width-n))
		case flags.zero && numeric:
			sb.WriteString(sign)
			sb.WriteString(prefix)
			sb.WriteString(strings.Repeat("0", width-n))
			sb.WriteString(body)
		default:
			sb.WriteString(strings.Repeat(" ", width-n))
			sb.WriteString(sign)
			sb.WriteString(prefix)
			sb.WriteString(body)
		}
	}
	if argi < len(args) && mapping == nil {
		return nil, typeErrorf("not all arguments converted during string formatting")
	}
	return th.NewStr(sb.String())
}

// percentInt converts the argument of %d/%x/%o to an int.
func percentInt(th *Thread, v Value, c byte) (int64, error) {
	if n, ok := asInt(v); ok {
		return n, nil
	}
	if f, ok := v.(Float64); ok && (c == 'd' || c == 'i' || c == 'u') {
		if math.IsNaN(float64(f)) {
			return 0, valueErrorf("cannot convert float NaN to integer")
		}
		if math.IsInf(float64(f), 0) {
			return 0, overflowErrorf("cannot convert float infinity to integer")
		}
		t := math.Trunc(float64(f))
		if t < -9.223372036854775808e18 || t >= 9.223372036854775808e18 {
			return 0, overflowErrorf("int too large to convert")
		}
		return int64(t), nil
	}
	if c == 'd' || c == 'i' || c == 'u' {
		return 0, typeErrorf("%%%c format: a real number is required, not %s", c, v.Type())
	}
	return 0, typeErrorf("%%%c format: an integer is required, not %s", c, v.Type())
}
