package vm

import (
	"fmt"
	"strings"
	"unicode/utf8"
)

// Methods of bytes and the str ⇄ bytes codecs (utf-8, ascii, latin-1).

func init() {
	for name, fn := range map[string]func(*Thread, Value, []Value, []KeywordArg) (Value, error){
		"decode": bytesDecode, "hex": bytesHex, "startswith": bytesStartswith, "endswith": bytesEndswith,
		"find": bytesFind, "count": bytesCount, "join": bytesJoin, "split": bytesSplit, "strip": bytesStrip,
		"replace": bytesReplace, "upper": bytesUpper, "lower": bytesLower, "index": bytesIndex,
	} {
		registerMethod(bytesMethods, name, fn)
	}
	typeBytes.dict["fromhex"] = NewBuiltin("fromhex", bytesFromhex)
}

// codecName normalizes an encoding name; ok is false for unknown ones.
func codecName(enc Value) (string, error) {
	if enc == nil || enc == None {
		return "utf-8", nil
	}
	s, ok := enc.(String)
	if !ok {
		return "", typeErrorf("encode() argument 'encoding' must be str, not %s", enc.Type())
	}
	switch strings.ReplaceAll(strings.ToLower(string(s)), "_", "-") {
	case "utf-8", "utf8", "u8":
		return "utf-8", nil
	case "ascii", "us-ascii":
		return "ascii", nil
	case "latin-1", "latin1", "iso-8859-1", "iso8859-1", "l1":
		return "latin-1", nil
	}
	return "", NewException("LookupError", "unknown encoding: "+string(s))
}

func errorsMode(errs Value) (string, error) {
	if errs == nil || errs == None {
		return "strict", nil
	}
	s, ok := errs.(String)
	if !ok {
		return "", typeErrorf("'errors' must be str, not %s", errs.Type())
	}
	switch s {
	case "strict", "ignore", "replace":
		return string(s), nil
	}
	return "", NewException("LookupError", "unknown error handler name '"+string(s)+"'")
}

// encodeStr is str.encode.
func encodeStr(th *Thread, s string, enc, errs Value) (Value, error) {
	codec, err := codecName(enc)
	if err != nil {
		return nil, err
	}
	mode, err := errorsMode(errs)
	if err != nil {
		return nil, err
	}
	if codec == "utf-8" || isASCII(s) {
		return th.NewBytes(s)
	}
	limit := rune(0x80)
	if codec == "latin-1" {
		limit = 0x100
	}
	var sb strings.Builder
	i := 0
	for _, r := range s {
		if r < limit {
			sb.WriteByte(byte(r))
		} else {
			switch mode {
			case "strict":
				return nil, NewException("UnicodeEncodeError", fmt.Sprintf(
					"'%s' codec can't encode character '%s' in position %d: ordinal not in range(%d)",
					codec, asciiEscape(string(r)), i, limit))
			case "replace":
				sb.WriteByte('?')
			}
		}
		i++
	}
	return th.NewBytes(sb.String())
}

// decodeBytes is bytes.decode.
func decodeBytes(th *Thread, b string, enc, errs Value) (Value, error) {
	codec, err := codecName(enc)
	if err != nil {
		return nil, err
	}
	mode, err := errorsMode(errs)
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	switch codec {
	case "latin-1":
		for i := 0; i < len(b); i++ {
			sb.WriteRune(rune(b[i]))
		}
	case "ascii":
		for i := 0; i < len(b); i++ {
			if b[i] < 0x80 {
				sb.WriteByte(b[i])
				continue
			}
			switch mode {
			case "strict":
				return nil, NewException("UnicodeDecodeError", fmt.Sprintf(
					"'ascii' codec can't decode byte 0x%02x in position %d: ordinal not in range(128)", b[i], i))
			case "replace":
				sb.WriteRune(utf8.RuneError)
			}
		}
	default:
		if utf8.ValidString(b) {
			return th.NewStr(b)
		}
		for i := 0; i < len(b); {
			r, n := utf8.DecodeRuneInString(b[i:])
			if r != utf8.RuneError || n != 1 {
				sb.WriteRune(r)
				i += n
				continue
			}
			switch mode {
			case "strict":
				reason := "invalid start byte"
				if b[i] >= 0xc2 && b[i] <= 0xf4 {
					reason = "invalid continuation byte"
					if i+1 >= len(b) {
						reason = "unexpected end of data"
					}
				}
				return nil, NewException("UnicodeDecodeError", fmt.Sprintf(
					"'utf-8' codec can't decode byte 0x%02x in position %d: %s", b[i], i, reason))
			case "replace":
				sb.WriteRune(utf8.RuneError)
			}
			i++
		}
	}
	return th.NewStr(sb.String())
}

func bytesDecode(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	var enc, errs Value
	if err := UnpackArgs("decode", args, kwargs, "encoding?", &enc, "errors?", &errs); err != nil {
		return nil, err
	}
	return decodeBytes(th, string(recv.(Bytes)), enc, errs)
}

func bytesHex(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("hex", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	b := recv.(Bytes)
	out := make([]byte, 0, 2*len(b))
	for i := 0; i < len(b); i++ {
		out = append(out, hexDigits[b[i]>>4], hexDigits[b[i]&0xf])
	}
	return th.NewStr(string(out))
}

func bytesFromhex(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var s string
	if err := UnpackPositional("fromhex", args, kwargs, 1, &s); err != nil {
		return nil, err
	}
	var out []byte
	for i := 0; i < len(s); {
		if s[i] == ' ' {
			i++
			continue
		}
		hi, ok1 := hexVal(s[i])
		if !ok1 || i+1 >= len(s) {
			return nil, valueErrorf("non-hexadecimal number found in fromhex() arg at position %d", i+boolInt(ok1))
		}
		lo, ok2 := hexVal(s[i+1])
		if !ok2 {
			return nil, valueErrorf("non-hexadecimal number found in fromhex() arg at position %d", i+1)
		}
		out = append(out, hi<<4|lo)
		i += 2
	}
	return th.NewBytes(string(out))
}

func boolInt(b bool) int {
	if b {
		return 1
	}
	return 0
}

func hexVal(c byte) (byte, bool) {
	switch {
	case c >= '0' && c <= '9':
		return c - '0', true
	case c >= 'a' && c <= 'f':
		return c - 'a' + 10, true
	case c >= 'A' && c <= 'F':
		return c - 'A' + 10, true
	}
	return 0, false
}

// bytesArg accepts a bytes argument of a bytes method.
func bytesArg(v Value) (string, error) {
	b, ok := v.(Bytes)
	if !ok {
		return "", typeErrorf("a bytes-like object is required, not '%s'", v.Type())
	}
	return string(b), nil
}

func bytesAffix(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, suffix bool) (Value, error) {
	if err := positional(m, args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	var cands []Value
	switch p := args[0].(type) {
	case Bytes:
		cands = []Value{p}
	case Tuple:
		cands = p
	default:
		return nil, typeErrorf("%s first arg must be bytes or a tuple of bytes, not %s", m, args[0].Type())
	}
	for _, c := range cands {
		p, err := bytesArg(c)
		if err != nil {
			return nil, err
		}
		if suffix && strings.HasSuffix(s, p) || !suffix && strings.HasPrefix(s, p) {
			return True, nil
		}
	}
	return False, nil
}

func bytesStartswith(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesAffix(th, recv, args, kwargs, "startswith", false)
}

func bytesEndswith(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesAffix(th, recv, args, kwargs, "endswith", true)
}

func bytesSub(v Value) (string, error) {
	if i, ok := asInt(v); ok {
		if i < 0 || i > 255 {
			return "", valueErrorf("byte must be in range(0, 256)")
		}
		return string([]byte{byte(i)}), nil
	}
	return bytesArg(v)
}

func bytesFind(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("find", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	sub, err := bytesSub(args[0])
	if err != nil {
		return nil, err
	}
	return MakeInt(int64(strings.Index(string(recv.(Bytes)), sub))), nil
}

func bytesIndex(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	v, err := bytesFind(th, recv, args, kwargs)
	if err != nil {
		return nil, err
	}
	if v.(Int64) < 0 {
		return nil, valueErrorf("subsection not found")
	}
	return v, nil
}

func bytesCount(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("count", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	sub, err := bytesSub(args[0])
	if err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	if sub == "" {
		return MakeInt(int64(len(s) + 1)), nil
	}
	return MakeInt(int64(strings.Count(s, sub))), nil
}

func bytesJoin(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("join", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	sep := string(recv.(Bytes))
	var sb strings.Builder
	i := 0
	err := forEach(th, args[0], func(e Value) error {
		b, ok := e.(Bytes)
		if !ok {
			return typeErrorf("sequence item %d: expected a bytes-like object, %s found", i, e.Type())
		}
		if i > 0 {
			sb.WriteString(sep)
		}
		sb.WriteString(string(b))
		i++
		return nil
	})
	if err != nil {
		return nil, err
	}
	return th.NewBytes(sb.String())
}

func bytesSplit(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	var sep Value = None
	var maxsplit int64 = -1
	if err := UnpackArgs("split", args, kwargs, "sep?", &sep, "maxsplit?", &maxsplit); err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	var parts []string
	if sep == None {
		parts = splitWhitespace(s, int(maxsplit))
	} else {
		sp, err := bytesArg(sep)
		if err != nil {
			return nil, err
		}
		if sp == "" {
			return nil, valueErrorf("empty separator")
		}
		n := -1
		if maxsplit >= 0 {
			n = int(maxsplit) + 1
		}
		parts = strings.SplitN(s, sp, n)
	}
	elems := make([]Value, len(parts))
	for i, p := range parts {
		b, err := th.NewBytes(p)
		if err != nil {
			return nil, err
		}
		elems[i] = b
	}
	return th.NewList(elems)
}

func bytesStrip(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("strip", args, kwargs, 0, 1); err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	chars := " \t\n\r\v\f"
	if len(args) == 1 && args[0] != None {
		c, err := bytesArg(args[0])
		if err != nil {
			return nil, err
		}
		chars = c
	}
	return th.NewBytes(strings.Trim(s, chars))
}

func bytesReplace(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("replace", args, kwargs, 2, 3); err != nil {
		return nil, err
	}
	old, err := bytesArg(args[0])
	if err != nil {
		return nil, err
	}
	nw, err := bytesArg(args[1])
	if err != nil {
		return nil, err
	}
	n := int64(-1)
	if len(args) == 3 {
		if n, err = indexValue(th, args[2]); err != nil {
			return nil, err
		}
	}
	return th.NewBytes(strings.Replace(string(recv.(Bytes)), old, nw, int(n)))
}

func bytesUpper(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("upper", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	b := []byte(recv.(Bytes))
	for i, c := range b {
		if c >= 'a' && c <= 'z' {
			b[i] = c - 32
		}
	}
	return th.NewBytes(string(b))
}

func bytesLower(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("lower", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	b := []byte(recv.(Bytes))
	for i, c := range b {
		if c >= 'A' && c <= 'Z' {
			b[i] = c + 32
		}
	}
	return th.NewBytes(string(b))
}
