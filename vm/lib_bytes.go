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
		"find": bytesSearchMethod("find", strings.Index), "count": bytesCount, "join": bytesJoin, "split": bytesSplit, "strip": bytesStrip,
		"replace": bytesReplace, "upper": bytesUpper, "lower": bytesLower, "index": bytesSearchMethod("index", strings.Index),
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

// bytesSearchMethod makes find and rfind (index: strings.Index or
// strings.LastIndex), or index and rindex, which raise where find returns -1.
func bytesSearchMethod(m string, index func(s, sub string) int) func(*Thread, Value, []Value, []KeywordArg) (Value, error) {
	raise := strings.HasSuffix(m, "index")
	return func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
		k, err := bytesSearch(th, recv, args, kwargs, m, index)
		if err != nil {
			return nil, err
		}
		if k < 0 && raise {
			return nil, valueErrorf("subsection not found")
		}
		return MakeInt(int64(k)), nil
	}
}

// bytesSearch finds the needle in s[start:end] with index (first or last
// occurrence), returning its position in s or -1.
func bytesSearch(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, index func(s, sub string) int) (int, error) {
	if err := clinicArgs(m, args, kwargs, 1, 3); err != nil {
		return 0, err
	}
	sub, err := bytesNeedle(args[0])
	if err != nil {
		return 0, err
	}
	s := string(recv.(Bytes))
	start, end, ok, err := sliceBounds(th, len(s), args[1:])
	if err != nil || !ok || end < start {
		return -1, err
	}
	k := index(s[start:end], sub)
	if k < 0 {
		return -1, nil
	}
	return start + k, nil
}

func bytesCount(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := clinicArgs("count", args, kwargs, 1, 3); err != nil {
		return nil, err
	}
	sub, err := bytesNeedle(args[0])
	if err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	start, end, ok, err := sliceBounds(th, len(s), args[1:])
	if err != nil {
		return nil, err
	}
	if !ok || end < start {
		return MakeInt(0), nil
	}
	if sub == "" {
		return MakeInt(int64(end - start + 1)), nil
	}
	return MakeInt(int64(strings.Count(s[start:end], sub))), nil
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
		parts = splitFields(s, int(maxsplit), isByteSpace) // ASCII whitespace only
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

// The rest of the bytes methods. bytes semantics are ASCII's: whitespace
// is " \t\n\r\v\f", only ASCII letters have case, and lines end at \n,
// \r or \r\n. The layout logic shared with str lives in lib_textutil.go.

func init() {
	for name, fn := range map[string]func(*Thread, Value, []Value, []KeywordArg) (Value, error){
		"rfind": bytesSearchMethod("rfind", strings.LastIndex), "rindex": bytesSearchMethod("rindex", strings.LastIndex), "rsplit": bytesRSplit,
		"lstrip": bytesLStrip, "rstrip": bytesRStrip, "partition": bytesPartition, "rpartition": bytesRPartition,
		"splitlines": bytesSplitlines, "isdigit": bytesIsdigit, "isalpha": bytesIsalpha, "isalnum": bytesIsalnum,
		"isspace": bytesIsspace, "isupper": bytesIsupper, "islower": bytesIslower, "isascii": bytesIsascii,
		"istitle": bytesIstitle, "capitalize": bytesCapitalize, "title": bytesTitle, "swapcase": bytesSwapcase,
		"zfill": bytesZfill, "ljust": bytesLjust, "rjust": bytesRjust, "center": bytesCenter,
		"expandtabs": bytesExpandtabs, "removeprefix": bytesRemoveprefix, "removesuffix": bytesRemovesuffix,
	} {
		registerMethod(bytesMethods, name, fn)
	}
}

const asciiSpace = " \t\n\r\v\f"

func isByteSpace(c byte) bool { return c == ' ' || c >= '\t' && c <= '\r' }
func isByteLower(c byte) bool { return c >= 'a' && c <= 'z' }
func isByteUpper(c byte) bool { return c >= 'A' && c <= 'Z' }
func isByteDigit(c byte) bool { return c >= '0' && c <= '9' }
func isByteAlpha(c byte) bool { return isByteLower(c) || isByteUpper(c) }
func isByteAlnum(c byte) bool { return isByteAlpha(c) || isByteDigit(c) }

func newBytesList(th *Thread, parts []string) (Value, error) {
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

// clinicArgs checks the arguments of a positional-only method whose
// errors read "m() takes at least 1 argument (0 given)".
func clinicArgs(m string, args []Value, kwargs []KeywordArg, min, max int) error {
	if err := noKwargs("bytes."+m, kwargs); err != nil {
		return err
	}
	switch {
	case len(args) < min:
		return typeErrorf("%s() takes at least %d argument%s (%d given)", m, min, plural(min), len(args))
	case len(args) > max:
		return typeErrorf("%s() takes at most %d argument%s (%d given)", m, max, plural(max), len(args))
	}
	return nil
}

// bytesNeedle is the sub argument of rfind and friends: bytes or a byte value.
func bytesNeedle(v Value) (string, error) {
	if _, ok := v.(Bytes); !ok {
		if _, isInt := asInt(v); !isInt {
			return "", typeErrorf("argument should be integer or bytes-like object, not '%s'", v.Type())
		}
	}
	return bytesSub(v)
}

// checkKeywords rejects keyword names a method does not take, with the
// message of CPython's argument parser for bytes methods.
func checkKeywords(m string, kwargs []KeywordArg, names ...string) error {
next:
	for _, kw := range kwargs {
		for _, n := range names {
			if kw.Name == n {
				continue next
			}
		}
		return typeErrorf("'%s' is an invalid keyword argument for %s()", kw.Name, m)
	}
	return nil
}

func bytesRSplit(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := checkKeywords("rsplit", kwargs, "sep", "maxsplit"); err != nil {
		return nil, err
	}
	var sep Value = None
	var ms Value = MakeInt(-1)
	if err := UnpackArgs("rsplit", args, kwargs, "sep?", &sep, "maxsplit?", &ms); err != nil {
		return nil, err
	}
	maxsplit, err := indexValue(th, ms)
	if err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	if sep == None {
		return newBytesList(th, rsplitFields(s, int(maxsplit), isByteSpace))
	}
	sp, err := bytesArg(sep)
	if err != nil {
		return nil, err
	}
	if sp == "" {
		return nil, valueErrorf("empty separator")
	}
	return newBytesList(th, rsplitSep(s, sp, int(maxsplit)))
}

// bytesPositional checks a positional-only bytes method whose count
// errors read "m expected at most 1 argument, got 2".
func bytesPositional(m string, args []Value, kwargs []KeywordArg, min, max int) error {
	if err := noKwargs("bytes."+m, kwargs); err != nil {
		return err
	}
	return argCount(m, args, min, max)
}

func bytesStripSide(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, left bool) (Value, error) {
	if err := bytesPositional(m, args, kwargs, 0, 1); err != nil {
		return nil, err
	}
	chars := asciiSpace
	if len(args) == 1 && args[0] != None {
		c, err := bytesArg(args[0])
		if err != nil {
			return nil, err
		}
		chars = c
	}
	s := string(recv.(Bytes))
	out := strings.TrimRight(s, chars)
	if left {
		out = strings.TrimLeft(s, chars)
	}
	if out == s {
		return recv, nil
	}
	return th.NewBytes(out)
}

func bytesLStrip(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesStripSide(th, recv, args, kwargs, "lstrip", true)
}

func bytesRStrip(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesStripSide(th, recv, args, kwargs, "rstrip", false)
}

func bytesPartitionKind(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, last bool) (Value, error) {
	if err := positional("bytes."+m, args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	sep, err := bytesArg(args[0])
	if err != nil {
		return nil, err
	}
	if sep == "" {
		return nil, valueErrorf("empty separator")
	}
	parts := partition3(string(recv.(Bytes)), sep, last)
	elems := make([]Value, 3)
	for i, p := range parts {
		if elems[i], err = th.NewBytes(p); err != nil {
			return nil, err
		}
	}
	return th.NewTuple(elems)
}

func bytesPartition(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesPartitionKind(th, recv, args, kwargs, "partition", false)
}

func bytesRPartition(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesPartitionKind(th, recv, args, kwargs, "rpartition", true)
}

func bytesSplitlines(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := checkKeywords("splitlines", kwargs, "keepends"); err != nil {
		return nil, err
	}
	var keep Value = False
	if err := UnpackArgs("splitlines", args, kwargs, "keepends?", &keep); err != nil {
		return nil, err
	}
	k, err := indexValue(th, keep)
	if err != nil {
		return nil, err
	}
	return newBytesList(th, splitLines(string(recv.(Bytes)), k != 0, isByteLineBreak))
}

// bytesPredicate implements the is*() tests: false for b"", else every
// byte must satisfy f.
func bytesPredicate(recv Value, args []Value, kwargs []KeywordArg, m string, f func(byte) bool) (Value, error) {
	if err := positional("bytes."+m, args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	for i := 0; i < len(s); i++ {
		if !f(s[i]) {
			return False, nil
		}
	}
	return Bool(s != ""), nil
}

func bytesIsdigit(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesPredicate(recv, args, kwargs, "isdigit", isByteDigit)
}

func bytesIsalpha(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesPredicate(recv, args, kwargs, "isalpha", isByteAlpha)
}

func bytesIsalnum(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesPredicate(recv, args, kwargs, "isalnum", isByteAlnum)
}

func bytesIsspace(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesPredicate(recv, args, kwargs, "isspace", isByteSpace)
}

func bytesIsascii(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("bytes.isascii", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	return Bool(isASCII(string(recv.(Bytes)))), nil
}

// bytesCased implements isupper/islower: some byte of the wanted case
// and none of the other.
func bytesCased(recv Value, args []Value, kwargs []KeywordArg, m string, want, other func(byte) bool) (Value, error) {
	if err := positional("bytes."+m, args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	cased := false
	for i := 0; i < len(s); i++ {
		if other(s[i]) {
			return False, nil
		}
		cased = cased || want(s[i])
	}
	return Bool(cased), nil
}

func bytesIsupper(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesCased(recv, args, kwargs, "isupper", isByteUpper, isByteLower)
}

func bytesIslower(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesCased(recv, args, kwargs, "islower", isByteLower, isByteUpper)
}

// bytesIstitle: title case is the fixed point of title() (with some
// letter in it), since both look only at whether the previous byte is a
// letter.
func bytesIstitle(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("bytes.istitle", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	t := []byte(s)
	recaseBytes(t, titleByte)
	hasLetter := false
	for _, c := range t {
		hasLetter = hasLetter || isByteAlpha(c)
	}
	return Bool(hasLetter && string(t) == s), nil
}

// bytesRecase implements the case mappings: f maps one byte given
// whether the byte before it was a letter (title case needs that).
func bytesRecase(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, f func(c byte, i int, prevCased bool) byte) (Value, error) {
	if err := positional("bytes."+m, args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	b := []byte(recv.(Bytes))
	recaseBytes(b, f)
	return th.NewBytes(string(b))
}

func recaseBytes(b []byte, f func(c byte, i int, prevCased bool) byte) {
	prev := false
	for i, c := range b {
		b[i] = f(c, i, prev)
		prev = isByteAlpha(c)
	}
}

func byteToUpper(c byte) byte {
	if isByteLower(c) {
		return c - 32
	}
	return c
}

func byteToLower(c byte) byte {
	if isByteUpper(c) {
		return c + 32
	}
	return c
}

func bytesCapitalize(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesRecase(th, recv, args, kwargs, "capitalize", func(c byte, i int, _ bool) byte {
		if i == 0 {
			return byteToUpper(c)
		}
		return byteToLower(c)
	})
}

func bytesTitle(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesRecase(th, recv, args, kwargs, "title", titleByte)
}

func titleByte(c byte, _ int, prevCased bool) byte {
	if prevCased {
		return byteToLower(c)
	}
	return byteToUpper(c)
}

func bytesSwapcase(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesRecase(th, recv, args, kwargs, "swapcase", func(c byte, _ int, _ bool) byte {
		if isByteAlpha(c) {
			return c ^ 0x20
		}
		return c
	})
}

// chargedBytes charges n bytes of result before build makes them, so
// the heap budget refuses a large result before the host allocates it.
func chargedBytes(th *Thread, n int, build func() string) (Value, error) {
	if err := th.Alloc(sizeOfStr(n)); err != nil {
		return nil, err
	}
	return Bytes(build()), nil
}

// bytesWidth reads a width argument and refuses absurd ones before any
// host allocation.
func bytesWidth(th *Thread, m string, v Value) (int, error) {
	w, err := indexValue(th, v)
	if err != nil {
		return 0, err
	}
	if w > maxStrBuild {
		return 0, NewException("MemoryError", fmt.Sprintf("%s(): width %d is too large", m, w))
	}
	return int(w), nil
}

func bytesZfill(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("bytes.zfill", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	w, err := bytesWidth(th, "zfill", args[0])
	if err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	if w <= len(s) {
		return recv, nil
	}
	return chargedBytes(th, w, func() string { return zeroPad(s, w-len(s)) })
}

func bytesPad(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string) (Value, error) {
	if err := bytesPositional(m, args, kwargs, 1, 2); err != nil {
		return nil, err
	}
	w, err := bytesWidth(th, m, args[0])
	if err != nil {
		return nil, err
	}
	fill := " "
	if len(args) == 2 {
		f, ok := args[1].(Bytes)
		if !ok || len(f) != 1 {
			return nil, typeErrorf("%s() argument 2 must be a byte string of length 1, not %s", m, args[1].Type())
		}
		fill = string(f)
	}
	s := string(recv.(Bytes))
	if w <= len(s) {
		return recv, nil
	}
	left := padLeft(m, w-len(s), w)
	return chargedBytes(th, w, func() string {
		return strings.Repeat(fill, left) + s + strings.Repeat(fill, w-len(s)-left)
	})
}

func bytesLjust(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesPad(th, recv, args, kwargs, "ljust")
}

func bytesRjust(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesPad(th, recv, args, kwargs, "rjust")
}

func bytesCenter(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesPad(th, recv, args, kwargs, "center")
}

func bytesExpandtabs(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := checkKeywords("expandtabs", kwargs, "tabsize"); err != nil {
		return nil, err
	}
	var tv Value = MakeInt(8)
	if err := UnpackArgs("expandtabs", args, kwargs, "tabsize?", &tv); err != nil {
		return nil, err
	}
	ts, err := indexValue(th, tv)
	if err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	if !strings.Contains(s, "\t") {
		return recv, nil
	}
	out, ok := expandTabsBytes(s, ts)
	if !ok {
		return nil, NewException("MemoryError", fmt.Sprintf("expandtabs(%d) result is too large", ts))
	}
	return th.NewBytes(out)
}

func bytesAffixRemove(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, suffix bool) (Value, error) {
	if err := positional("bytes."+m, args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	p, err := bytesArg(args[0])
	if err != nil {
		return nil, err
	}
	s := string(recv.(Bytes))
	switch {
	case p == "":
		return recv, nil
	case suffix && strings.HasSuffix(s, p):
		return th.NewBytes(s[:len(s)-len(p)])
	case !suffix && strings.HasPrefix(s, p):
		return th.NewBytes(s[len(p):])
	}
	return recv, nil
}

func bytesRemoveprefix(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesAffixRemove(th, recv, args, kwargs, "removeprefix", false)
}

func bytesRemovesuffix(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return bytesAffixRemove(th, recv, args, kwargs, "removesuffix", true)
}
