package vm

import (
	"errors"
	"strings"
	"unicode/utf8"
)

// str.maketrans / str.translate and bytes.maketrans / bytes.translate.

func init() {
	registerMethod(strMethods, "translate", strTranslate)
	registerMethod(strMethods, "maketrans", func(th *Thread, _ Value, args []Value, kwargs []KeywordArg) (Value, error) {
		return strMaketrans(th, args, kwargs)
	})
	// maketrans is a static method: str.maketrans(...) as well as s.maketrans(...)
	typeStr.dict["maketrans"] = NewBuiltin("maketrans", strMaketrans)
	registerMethod(bytesMethods, "translate", bytesTranslate)
	registerMethod(bytesMethods, "maketrans", func(th *Thread, _ Value, args []Value, kwargs []KeywordArg) (Value, error) {
		return bytesMaketrans(th, args, kwargs)
	})
	typeBytes.dict["maketrans"] = NewBuiltin("maketrans", bytesMaketrans)
}

func strMaketrans(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(kwargs) > 0 {
		return nil, typeErrorf("str.maketrans() takes no keyword arguments")
	}
	if err := argCount("maketrans", args, 1, 3); err != nil {
		return nil, err
	}
	// argument clinic checks y and z before the body looks at x
	for i := 1; i < len(args); i++ {
		if _, ok := args[i].(String); !ok {
			return nil, typeErrorf("maketrans() argument %d must be str, not %s", i+1, clinicTypeName(args[i]))
		}
	}
	d, err := th.NewDict()
	if err != nil {
		return nil, err
	}
	if len(args) == 1 {
		return d, maketransFromDict(th, d, args[0])
	}
	x, ok := args[0].(String)
	if !ok {
		return nil, typeErrorf("first maketrans argument must be a string if there is a second argument")
	}
	from, to := []rune(string(x)), []rune(string(args[1].(String)))
	if len(from) != len(to) {
		return nil, valueErrorf("the first two maketrans arguments must have equal length")
	}
	for i, r := range from {
		if err := d.Set(th, MakeInt(int64(r)), MakeInt(int64(to[i]))); err != nil {
			return nil, err
		}
	}
	if len(args) == 3 {
		for _, r := range string(args[2].(String)) {
			if err := d.Set(th, MakeInt(int64(r)), None); err != nil {
				return nil, err
			}
		}
	}
	return d, nil
}

// maketransFromDict fills d from a dict whose keys are code points or
// one-character strs.
func maketransFromDict(th *Thread, d *Dict, src Value) error {
	m, ok := src.(*Dict)
	if !ok {
		return typeErrorf("if you give only one argument to maketrans it must be a dict")
	}
	for _, kv := range m.Items() {
		k := kv[0]
		switch key := k.(type) {
		case Int64, Boolean:
		case String:
			r, n := utf8.DecodeRuneInString(string(key))
			if n == 0 || n != len(key) {
				return valueErrorf("string keys in translate table must be of length 1")
			}
			k = MakeInt(int64(r))
		default:
			return typeErrorf("keys in translate table must be strings or integers")
		}
		if err := d.Set(th, k, kv[1]); err != nil {
			return err
		}
	}
	return nil
}

// isLookupError reports whether err is a LookupError (KeyError,
// IndexError, ...), which translate treats as "no mapping".
func isLookupError(err error) bool {
	var e *Exception
	if !errors.As(err, &e) {
		return false
	}
	if e.value != nil {
		return IsSubclass(e.value.class, excLookupError)
	}
	c, ok := exceptionClasses[e.Type]
	return ok && IsSubclass(c, excLookupError)
}

// transEntry is the translation of one code point: keep it, delete it,
// or replace it by s.
type transEntry struct {
	known, keep bool
	s           string
}

// lookupTrans asks table for the translation of r.
func lookupTrans(th *Thread, table Value, r rune) (transEntry, error) {
	var v Value
	var err error
	if d, ok := table.(*Dict); ok {
		var found bool
		if v, found, err = d.Get(th, MakeInt(int64(r))); err == nil && !found {
			return transEntry{known: true, keep: true}, nil
		}
	} else {
		v, err = th.GetItem(table, MakeInt(int64(r)))
	}
	if err != nil {
		if isLookupError(err) {
			return transEntry{known: true, keep: true}, nil
		}
		return transEntry{}, err
	}
	switch x := v.(type) {
	case NoneType:
		return transEntry{known: true}, nil
	case String:
		return transEntry{known: true, s: string(x)}, nil
	case Int64, Boolean:
		i, _ := asInt(x)
		if i < 0 || i > utf8.MaxRune {
			return transEntry{}, valueErrorf("character mapping must be in range(0x110000)")
		}
		return transEntry{known: true, s: string(rune(i))}, nil
	}
	return transEntry{}, typeErrorf("character mapping must return integer, None or str")
}

func strTranslate(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(kwargs) > 0 {
		return nil, typeErrorf("str.translate() takes no keyword arguments")
	}
	if len(args) != 1 {
		return nil, typeErrorf("str.translate() takes exactly one argument (%d given)", len(args))
	}
	s := string(recv.(String))
	table := args[0]
	// a dict answers the same way every time: remember ASCII answers
	_, cacheable := table.(*Dict)
	var cache [utf8.RuneSelf]transEntry
	var sb strings.Builder
	for _, r := range s {
		var e transEntry
		if r < utf8.RuneSelf && cache[r].known {
			e = cache[r]
		} else {
			var err error
			if e, err = lookupTrans(th, table, r); err != nil {
				return nil, err
			}
			if cacheable && r < utf8.RuneSelf {
				cache[r] = e
			}
		}
		if e.keep {
			sb.WriteRune(r)
		} else {
			sb.WriteString(e.s)
		}
		if sb.Len() > maxStrBuild {
			return nil, NewException("MemoryError", "translate() result is too large")
		}
	}
	if sb.String() == s {
		return recv, nil
	}
	return th.NewStr(sb.String())
}

func bytesMaketrans(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(kwargs) > 0 {
		return nil, typeErrorf("bytes.maketrans() takes no keyword arguments")
	}
	if len(args) != 2 {
		return nil, typeErrorf("maketrans expected 2 arguments, got %d", len(args))
	}
	from, err := bytesArg(args[0])
	if err != nil {
		return nil, err
	}
	to, err := bytesArg(args[1])
	if err != nil {
		return nil, err
	}
	if len(from) != len(to) {
		return nil, valueErrorf("maketrans arguments must have same length")
	}
	var t [256]byte
	for i := range t {
		t[i] = byte(i)
	}
	for i := 0; i < len(from); i++ {
		t[from[i]] = to[i]
	}
	return th.NewBytes(string(t[:]))
}

func bytesTranslate(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	var table, del Value = None, Bytes("")
	if err := unpackBytesTranslate(args, kwargs, &table, &del); err != nil {
		return nil, err
	}
	var t string
	if table != None {
		var err error
		if t, err = bytesArg(table); err != nil {
			return nil, err
		}
		if len(t) != 256 {
			return nil, valueErrorf("translation table must be 256 characters long")
		}
	}
	d, err := bytesArg(del)
	if err != nil {
		return nil, err
	}
	var drop [256]bool
	for i := 0; i < len(d); i++ {
		drop[d[i]] = true
	}
	s := string(recv.(Bytes))
	out := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		c := s[i]
		if drop[c] {
			continue
		}
		if t != "" {
			c = t[c]
		}
		out = append(out, c)
	}
	if string(out) == s {
		return recv, nil
	}
	return th.NewBytes(string(out))
}

// unpackBytesTranslate reads (table, /, delete=b”): table is positional
// only, as in CPython.
func unpackBytesTranslate(args []Value, kwargs []KeywordArg, table, del *Value) error {
	switch {
	case len(args) == 0:
		return typeErrorf("translate() takes at least 1 positional argument (0 given)")
	case len(args)+len(kwargs) > 2:
		return typeErrorf("translate() takes at most 2 arguments (%d given)", len(args)+len(kwargs))
	}
	for _, kw := range kwargs {
		if kw.Name != "delete" {
			return typeErrorf("'%s' is an invalid keyword argument for translate()", kw.Name)
		}
		*del = kw.Value
	}
	*table = args[0]
	if len(args) == 2 {
		*del = args[1]
	}
	return nil
}

// clinicTypeName is the type name CPython's argument parser reports for
// a wrong argument: "None" rather than "NoneType".
func clinicTypeName(v Value) string {
	if v == None {
		return "None"
	}
	return v.Type()
}
