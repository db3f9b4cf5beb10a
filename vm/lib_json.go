package vm

import (
	"math"
	"strconv"
	"strings"
	"sync"
	"unicode/utf16"
	"unicode/utf8"
)

// The json module (dumps, loads, JSONDecodeError) and the embedding
// helpers MarshalJSON / UnmarshalJSON. Output matches CPython's json
// module byte for byte; input errors carry CPython's messages and
// positions ("Expecting value: line 1 column 1 (char 0)").

// jsonBufs recycles encoder buffers, so that dumps in a loop does not
// regrow its output buffer each time.
var jsonBufs = sync.Pool{New: func() any { return make([]byte, 0, 512) }}

// excJSONDecodeError is json.JSONDecodeError, a ValueError subclass.
var excJSONDecodeError = newExceptionClassIn("JSONDecodeError", excValueError)

func init() {
	registerModule("json", func() *Module {
		return NewModule("json", map[string]Value{
			"dumps":           NewBuiltin("dumps", jsonDumps),
			"loads":           NewBuiltin("loads", jsonLoads),
			"JSONDecodeError": excJSONDecodeError,
		})
	})
}

// jsonEncoder holds the settings of one dumps call.
type jsonEncoder struct {
	th          *Thread
	buf         []byte
	indent      string
	hasIndent   bool
	itemSep     string
	keySep      string
	sortKeys    bool
	ensureASCII bool
	allowNaN    bool
	skipKeys    bool
	def         Value // default=, or nil
	stack       []Value
}

func jsonDumps(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var obj Value
	var indent, separators, def Value = None, None, None
	skipKeys, ensureASCII, checkCircular, allowNaN, sortKeys := false, true, true, true, false
	if err := UnpackArgs("dumps", args, kwargs, "obj", &obj, "$skipkeys?", &skipKeys,
		"$ensure_ascii?", &ensureASCII, "$check_circular?", &checkCircular, "$allow_nan?", &allowNaN,
		"$indent?", &indent, "$separators?", &separators, "$default?", &def, "$sort_keys?", &sortKeys); err != nil {
		return nil, err
	}
	e := &jsonEncoder{th: th, itemSep: ", ", keySep: ": ", sortKeys: sortKeys,
		ensureASCII: ensureASCII, allowNaN: allowNaN, skipKeys: skipKeys}
	switch x := indent.(type) {
	case NoneType:
	case String:
		e.indent, e.hasIndent = string(x), true
	default:
		n, ok := asInt(x)
		if !ok {
			return nil, typeErrorf("can only concatenate str (not \"%s\") to str", x.Type())
		}
		if n > 1<<16 {
			n = 1 << 16
		}
		if n > 0 {
			e.indent = strings.Repeat(" ", int(n))
		}
		e.hasIndent = true
	}
	if e.hasIndent {
		e.itemSep = ","
	}
	if separators != None {
		seps, err := iterCollect(th, separators)
		if err != nil {
			return nil, err
		}
		if len(seps) != 2 {
			return nil, valueErrorf("too many values to unpack (expected 2)")
		}
		a, ok1 := seps[0].(String)
		b, ok2 := seps[1].(String)
		if !ok1 || !ok2 {
			return nil, typeErrorf("make_encoder() argument 6 must be str, not %s", seps[0].Type())
		}
		e.itemSep, e.keySep = string(a), string(b)
	}
	if def != None {
		e.def = def
	}
	e.buf = jsonBufs.Get().([]byte)[:0]
	defer func() {
		if cap(e.buf) <= 1<<20 {
			jsonBufs.Put(e.buf[:0])
		}
	}()
	if err := e.encode(obj, 0); err != nil {
		return nil, err
	}
	return th.NewStr(string(e.buf))
}

// MarshalJSON converts a Python value to JSON for a Lambda result: compact
// separators (",", ":") as Go's encoding/json writes, dict insertion order
// kept, non-ASCII text written as UTF-8, numbers formatted as Python's
// json.dumps formats them. NaN and infinities are refused (they are not
// JSON), as is any value without a JSON form.
func MarshalJSON(v Value) ([]byte, error) {
	e := &jsonEncoder{th: detachedThread(), itemSep: ",", keySep: ":", ensureASCII: false}
	if err := e.encode(v, 0); err != nil {
		return nil, err
	}
	return e.buf, nil
}

// UnmarshalJSON converts JSON (a Lambda event) to Python values: objects
// become dicts in document order, integers become int (OverflowError
// beyond 64 bits), other numbers float. Errors read like json.loads'.
func UnmarshalJSON(data []byte) (Value, error) {
	d := &jsonDecoder{th: detachedThread(), s: string(data)}
	return d.decodeAll()
}

// detachedThread is a Thread for work outside any run: no limits, and
// charges that are never collected.
func detachedThread() *Thread { return &Thread{nextGC: math.MaxInt64} }

func (e *jsonEncoder) newline(level int) {
	if !e.hasIndent {
		return
	}
	e.buf = append(e.buf, '\n')
	for i := 0; i < level; i++ {
		e.buf = append(e.buf, e.indent...)
	}
}

func (e *jsonEncoder) float(f float64) error {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		if !e.allowNaN {
			return valueErrorf("Out of range float values are not JSON compliant")
		}
		switch {
		case math.IsNaN(f):
			e.buf = append(e.buf, "NaN"...)
		case f > 0:
			e.buf = append(e.buf, "Infinity"...)
		default:
			e.buf = append(e.buf, "-Infinity"...)
		}
	default:
		e.buf = appendFloatRepr(e.buf, f)
	}
	return nil
}

func (e *jsonEncoder) enter(v Value) error {
	for _, s := range e.stack {
		if identity(s) == identity(v) && identity(v) != 0 {
			return valueErrorf("Circular reference detected")
		}
	}
	if len(e.stack) > 500 {
		return newError(excRecursionError, "maximum recursion depth exceeded while encoding a JSON object")
	}
	e.stack = append(e.stack, v)
	return nil
}

func (e *jsonEncoder) leave() { e.stack = e.stack[:len(e.stack)-1] }

func (e *jsonEncoder) encode(v Value, level int) error {
	switch x := v.(type) {
	case NoneType:
		e.buf = append(e.buf, "null"...)
	case Boolean:
		if x {
			e.buf = append(e.buf, "true"...)
		} else {
			e.buf = append(e.buf, "false"...)
		}
	case Int64:
		e.buf = strconv.AppendInt(e.buf, int64(x), 10)
	case Float64:
		return e.float(float64(x))
	case String:
		e.buf = appendJSONQuote(e.buf, string(x), e.ensureASCII)
	case *List:
		return e.array(x, x.elems, level)
	case Tuple:
		return e.array(x, x, level)
	case *NamedTuple: // collections.namedtuple: a JSON array, as a tuple
		return e.array(x, x.t, level)
	case *Dict:
		return e.object(x, level)
	default:
		if e.def == nil {
			return typeErrorf("Object of type %s is not JSON serializable", TypeOf(v).name)
		}
		if err := e.enter(v); err != nil {
			return err
		}
		r, err := e.th.Call(e.def, Tuple{v}, nil)
		if err != nil {
			return err
		}
		if err := e.encode(r, level); err != nil {
			return err
		}
		e.leave()
	}
	return nil
}

func (e *jsonEncoder) array(self Value, elems []Value, level int) error {
	if len(elems) == 0 {
		e.buf = append(e.buf, "[]"...)
		return nil
	}
	if err := e.enter(self); err != nil {
		return err
	}
	e.buf = append(e.buf, '[')
	for i := 0; i < len(elems); i++ {
		if i > 0 {
			e.buf = append(e.buf, e.itemSep...)
		}
		e.newline(level + 1)
		if err := e.encode(elems[i], level+1); err != nil {
			return err
		}
	}
	e.newline(level)
	e.buf = append(e.buf, ']')
	e.leave()
	return nil
}

// jsonKey converts a dict key to its JSON string; ok is false for a key
// to skip (skipkeys).
func (e *jsonEncoder) jsonKey(k Value) (string, bool, error) {
	switch x := k.(type) {
	case String:
		return string(x), true, nil
	case Boolean:
		if x {
			return "true", true, nil
		}
		return "false", true, nil
	case NoneType:
		return "null", true, nil
	case Int64:
		return strconv.FormatInt(int64(x), 10), true, nil
	case Float64:
		f := float64(x)
		switch {
		case math.IsNaN(f) || math.IsInf(f, 0):
			if !e.allowNaN {
				return "", false, valueErrorf("Out of range float values are not JSON compliant")
			}
			if math.IsNaN(f) {
				return "NaN", true, nil
			}
			if f > 0 {
				return "Infinity", true, nil
			}
			return "-Infinity", true, nil
		}
		return pyFloatRepr(f), true, nil
	}
	if e.skipKeys {
		return "", false, nil
	}
	return "", false, typeErrorf("keys must be str, int, float, bool or None, not %s", k.Type())
}

func (e *jsonEncoder) object(d *Dict, level int) error {
	if d.Len() == 0 {
		e.buf = append(e.buf, "{}"...)
		return nil
	}
	if err := e.enter(d); err != nil {
		return err
	}
	var items []Tuple
	if e.sortKeys {
		items = d.Items()
		keys := make([]Value, len(items))
		for i, it := range items {
			keys[i] = it[0]
		}
		order := make([]Value, len(items))
		for i := range items {
			order[i] = MakeInt(int64(i))
		}
		// sort indices by key, so values never take part in comparisons
		key := NewBuiltin("key", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			return keys[args[0].(Int64)], nil
		})
		if err := sortValues(e.th, order, key, false); err != nil {
			return err
		}
		sorted := make([]Tuple, len(items))
		for i, o := range order {
			sorted[i] = items[o.(Int64)]
		}
		items = sorted
	} else {
		// walk the table in place: no (key, value) tuples
		items = nil
	}
	e.buf = append(e.buf, '{')
	first := true
	item := func(k, v Value) error {
		ks, ok, err := e.jsonKey(k)
		if err != nil || !ok {
			return err
		}
		if !first {
			e.buf = append(e.buf, e.itemSep...)
		}
		first = false
		e.newline(level + 1)
		e.buf = appendJSONQuote(e.buf, ks, e.ensureASCII)
		e.buf = append(e.buf, e.keySep...)
		return e.encode(v, level+1)
	}
	if items != nil {
		for _, it := range items {
			if err := item(it[0], it[1]); err != nil {
				return err
			}
		}
	} else {
		n := len(d.ht.entries)
		for i := 0; i < n && i < len(d.ht.entries); i++ {
			en := d.ht.entries[i]
			if en.key == nil {
				continue
			}
			if err := item(en.key, en.value); err != nil {
				return err
			}
		}
	}
	e.newline(level)
	e.buf = append(e.buf, '}')
	e.leave()
	return nil
}

// ---- decoding ----

func jsonLoads(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var s Value
	if err := UnpackArgs("loads", args, kwargs, "s", &s); err != nil {
		return nil, err
	}
	var text string
	switch x := s.(type) {
	case String:
		text = string(x)
	case Bytes:
		text = string(x)
		if strings.HasPrefix(text, "\xef\xbb\xbf") {
			text = text[3:]
		}
	default:
		return nil, typeErrorf("the JSON object must be str, bytes or bytearray, not %s", s.Type())
	}
	if strings.HasPrefix(text, "\ufeff") {
		return nil, jsonError(text, 0, "Unexpected UTF-8 BOM (decode using utf-8-sig)")
	}
	d := &jsonDecoder{th: th, s: text}
	return d.decodeAll()
}

type jsonDecoder struct {
	th    *Thread
	s     string
	depth int
	stack []Value          // elements of the arrays being decoded, innermost last
	keys  map[string]Value // object keys seen so far: repeated keys share one str, as in CPython
}

// jsonError builds a JSONDecodeError at byte offset pos, reported as
// CPython does in code points, lines and columns.
func jsonError(s string, pos int, msg string) error {
	if pos > len(s) {
		pos = len(s)
	}
	before := s[:pos]
	char := utf8.RuneCountInString(before)
	line := strings.Count(before, "\n") + 1
	col := char + 1
	if nl := strings.LastIndexByte(before, '\n'); nl >= 0 {
		col = utf8.RuneCountInString(before[nl+1:]) + 1
	}
	full := msg + ": line " + strconv.Itoa(line) + " column " + strconv.Itoa(col) + " (char " + strconv.Itoa(char) + ")"
	return &Exception{Type: "JSONDecodeError", Msg: full, value: newExceptionObject(excJSONDecodeError, Tuple{String(full)})}
}

func (d *jsonDecoder) fail(pos int, msg string) error { return jsonError(d.s, pos, msg) }

func (d *jsonDecoder) skipWS(i int) int {
	for i < len(d.s) {
		switch d.s[i] {
		case ' ', '\t', '\n', '\r':
			i++
		default:
			return i
		}
	}
	return i
}

func (d *jsonDecoder) decodeAll() (Value, error) {
	i := d.skipWS(0)
	v, end, err := d.value(i)
	if err != nil {
		return nil, err
	}
	end = d.skipWS(end)
	if end != len(d.s) {
		return nil, d.fail(end, "Extra data")
	}
	return v, nil
}

const jsonMaxDepth = 200

// value decodes the value starting at i and returns the offset after it.
func (d *jsonDecoder) value(i int) (Value, int, error) {
	if i >= len(d.s) {
		return nil, i, d.fail(i, "Expecting value")
	}
	switch c := d.s[i]; {
	case c == '"':
		return d.str(i)
	case c == '{':
		return d.object(i)
	case c == '[':
		return d.array(i)
	case c == '-' || (c >= '0' && c <= '9'):
		if strings.HasPrefix(d.s[i:], "-Infinity") {
			f, err := d.th.NewFloat(math.Inf(-1))
			return f, i + 9, err
		}
		return d.number(i)
	case strings.HasPrefix(d.s[i:], "null"):
		return None, i + 4, nil
	case strings.HasPrefix(d.s[i:], "true"):
		return True, i + 4, nil
	case strings.HasPrefix(d.s[i:], "false"):
		return False, i + 5, nil
	case strings.HasPrefix(d.s[i:], "NaN"):
		f, err := d.th.NewFloat(math.NaN())
		return f, i + 3, err
	case strings.HasPrefix(d.s[i:], "Infinity"):
		f, err := d.th.NewFloat(math.Inf(1))
		return f, i + 8, err
	}
	return nil, i, d.fail(i, "Expecting value")
}

func jsonDigit(c byte) bool { return c >= '0' && c <= '9' }

func (d *jsonDecoder) number(i int) (Value, int, error) {
	s := d.s
	start := i
	if s[i] == '-' {
		i++
	}
	if i >= len(s) || !jsonDigit(s[i]) {
		return nil, start, d.fail(start, "Expecting value")
	}
	if s[i] == '0' {
		i++
	} else {
		for i < len(s) && jsonDigit(s[i]) {
			i++
		}
	}
	isFloat := false
	if i+1 < len(s) && s[i] == '.' && jsonDigit(s[i+1]) {
		isFloat = true
		i += 2
		for i < len(s) && jsonDigit(s[i]) {
			i++
		}
	}
	if i < len(s) && (s[i] == 'e' || s[i] == 'E') {
		j := i + 1
		if j < len(s) && (s[j] == '+' || s[j] == '-') {
			j++
		}
		if j < len(s) && jsonDigit(s[j]) {
			for j < len(s) && jsonDigit(s[j]) {
				j++
			}
			isFloat = true
			i = j
		}
	}
	text := s[start:i]
	if isFloat {
		f, err := strconv.ParseFloat(text, 64)
		if err != nil && !math.IsInf(f, 0) {
			return nil, start, d.fail(start, "Expecting value")
		}
		v, err := d.th.NewFloat(f)
		return v, i, err
	}
	n, err := strconv.ParseInt(text, 10, 64)
	if err != nil {
		return nil, start, overflowErrorf("int too large: JSON number %s does not fit in 64 bits", text)
	}
	v, err := d.th.NewInt(n)
	return v, i, err
}

// str decodes the string whose opening quote is at i.
func (d *jsonDecoder) str(i int) (Value, int, error) {
	s, end, err := d.strText(i)
	if err != nil {
		return nil, i, err
	}
	v, err := d.th.NewStr(s)
	return v, end, err
}

func (d *jsonDecoder) strText(i int) (string, int, error) {
	s := d.s
	start := i
	i++
	// fast path: no escapes and no control characters
	j := i
	for j < len(s) && s[j] != '"' && s[j] != '\\' && s[j] >= 0x20 {
		j++
	}
	if j < len(s) && s[j] == '"' {
		return s[i:j], j + 1, nil
	}
	var sb strings.Builder
	sb.WriteString(s[i:j])
	i = j
	for {
		if i >= len(s) {
			return "", start, d.fail(start, "Unterminated string starting at")
		}
		c := s[i]
		switch {
		case c == '"':
			return sb.String(), i + 1, nil
		case c < 0x20:
			return "", start, d.fail(i, "Invalid control character at")
		case c != '\\':
			sb.WriteByte(c)
			i++
			continue
		}
		// an escape
		if i+1 >= len(s) {
			return "", start, d.fail(start, "Unterminated string starting at")
		}
		esc := s[i+1]
		switch esc {
		case '"', '\\', '/':
			sb.WriteByte(esc)
		case 'b':
			sb.WriteByte('\b')
		case 'f':
			sb.WriteByte('\f')
		case 'n':
			sb.WriteByte('\n')
		case 'r':
			sb.WriteByte('\r')
		case 't':
			sb.WriteByte('\t')
		case 'u':
			r, ok := hex4(s, i+2)
			if !ok {
				return "", start, d.fail(i+1, "Invalid \\uXXXX escape")
			}
			i += 6
			if utf16.IsSurrogate(r) && r < 0xdc00 && i+1 < len(s) && s[i] == '\\' && s[i+1] == 'u' {
				if r2, ok := hex4(s, i+2); ok && r2 >= 0xdc00 && r2 <= 0xdfff {
					r = utf16.DecodeRune(r, r2)
					i += 6
				}
			}
			// a lone surrogate cannot be held in UTF-8: it becomes U+FFFD
			sb.WriteRune(r)
			continue
		default:
			return "", start, d.fail(i, "Invalid \\escape")
		}
		i += 2
	}
}

func hex4(s string, i int) (rune, bool) {
	if i+4 > len(s) {
		return 0, false
	}
	var r rune
	for k := 0; k < 4; k++ {
		v, ok := hexVal(s[i+k])
		if !ok {
			return 0, false
		}
		r = r<<4 | rune(v)
	}
	return r, true
}

func (d *jsonDecoder) nest(i int, what string) error {
	d.depth++
	if d.depth > jsonMaxDepth {
		return newError(excRecursionError, "maximum recursion depth exceeded while decoding a JSON %s from a unicode string", what)
	}
	return nil
}

func (d *jsonDecoder) array(i int) (Value, int, error) {
	if err := d.nest(i, "array"); err != nil {
		return nil, i, err
	}
	defer func() { d.depth-- }()
	i = d.skipWS(i + 1)
	if i < len(d.s) && d.s[i] == ']' {
		l, err := d.th.NewList(nil)
		return l, i + 1, err
	}
	// collect on the shared stack, then copy out an exact-size slice
	base := len(d.stack)
	defer func() { clear(d.stack[base:]); d.stack = d.stack[:base] }()
	for {
		v, end, err := d.value(i)
		if err != nil {
			return nil, i, err
		}
		d.stack = append(d.stack, v)
		i = d.skipWS(end)
		if i < len(d.s) && d.s[i] == ']' {
			elems := make([]Value, len(d.stack)-base)
			copy(elems, d.stack[base:])
			l, err := d.th.NewList(elems)
			return l, i + 1, err
		}
		if i >= len(d.s) || d.s[i] != ',' {
			return nil, i, d.fail(i, "Expecting ',' delimiter")
		}
		i = d.skipWS(i + 1)
	}
}

// dictOf builds a dict from alternating keys and values (a repeated key
// keeps its last value, as in CPython).
func (d *jsonDecoder) dictOf(kv []Value) (*Dict, error) {
	obj, err := d.th.NewDict()
	if err != nil {
		return nil, err
	}
	obj.ht.entries = make([]htEntry, 0, len(kv)/2)
	for j := 0; j < len(kv); j += 2 {
		if err := obj.Set(d.th, kv[j], kv[j+1]); err != nil {
			return nil, err
		}
	}
	return obj, nil
}

func (d *jsonDecoder) object(i int) (Value, int, error) {
	if err := d.nest(i, "object"); err != nil {
		return nil, i, err
	}
	defer func() { d.depth-- }()
	i = d.skipWS(i + 1)
	if i < len(d.s) && d.s[i] == '}' {
		obj, err := d.th.NewDict()
		return obj, i + 1, err
	}
	// Keys and values go on the shared stack; the dict is built at the
	// closing brace with its entries allocated once at their final size.
	base := len(d.stack)
	defer func() { clear(d.stack[base:]); d.stack = d.stack[:base] }()
	for {
		if i >= len(d.s) || d.s[i] != '"' {
			return nil, i, d.fail(i, "Expecting property name enclosed in double quotes")
		}
		ks, end, err := d.strText(i)
		if err != nil {
			return nil, i, err
		}
		k, ok := d.keys[ks]
		if !ok {
			if k, err = d.th.NewStr(ks); err != nil {
				return nil, i, err
			}
			if d.keys == nil {
				d.keys = make(map[string]Value)
			}
			d.keys[ks] = k
		}
		i = d.skipWS(end)
		if i >= len(d.s) || d.s[i] != ':' {
			return nil, i, d.fail(i, "Expecting ':' delimiter")
		}
		i = d.skipWS(i + 1)
		v, end, err := d.value(i)
		if err != nil {
			return nil, i, err
		}
		d.stack = append(d.stack, k, v)
		i = d.skipWS(end)
		if i < len(d.s) && d.s[i] == '}' {
			obj, err := d.dictOf(d.stack[base:])
			return obj, i + 1, err
		}
		if i >= len(d.s) || d.s[i] != ',' {
			return nil, i, d.fail(i, "Expecting ',' delimiter")
		}
		i = d.skipWS(i + 1)
	}
}
