package vm

import (
	"fmt"
	"strings"
	"unicode"
	"unicode/utf8"
	"unsafe"
)

// Methods of str. Indices are in code points, as in Python; strings are
// held as UTF-8, with ASCII fast paths.

func init() {
	for name, fn := range map[string]func(*Thread, Value, []Value, []KeywordArg) (Value, error){
		"join": strJoin, "split": strSplit, "rsplit": strRSplit, "splitlines": strSplitlines,
		"strip": strStrip, "lstrip": strLStrip, "rstrip": strRStrip,
		"startswith": strStartswith, "endswith": strEndswith,
		"find": strFind, "rfind": strRFind, "index": strIndex, "rindex": strRIndex, "count": strCount,
		"replace": strReplace, "upper": strUpper, "lower": strLower, "title": strTitle,
		"capitalize": strCapitalize, "swapcase": strSwapcase, "casefold": strCasefold,
		"isdigit": strIsdigit, "isalpha": strIsalpha, "isalnum": strIsalnum, "isspace": strIsspace,
		"isupper": strIsupper, "islower": strIslower, "isdecimal": strIsdecimal,
		"isnumeric": strIsnumeric, "istitle": strIstitle, "isascii": strIsascii,
		"isidentifier": strIsidentifier, "isprintable": strIsprintable,
		"center": strCenter, "ljust": strLjust, "rjust": strRjust, "zfill": strZfill,
		"partition": strPartition, "rpartition": strRPartition, "encode": strEncode,
		"expandtabs": strExpandtabs, "removeprefix": strRemoveprefix, "removesuffix": strRemovesuffix,
	} {
		registerMethod(strMethods, name, fn)
	}
}

// runeLen is len(s) in code points.
func runeLen(s string) int {
	if isASCII(s) {
		return len(s)
	}
	return utf8.RuneCountInString(s)
}

// byteOffset returns the byte offset of code point i (0 ≤ i ≤ runeLen).
func byteOffset(s string, i int) int {
	if isASCII(s) {
		return i
	}
	n := 0
	for b := range s {
		if n == i {
			return b
		}
		n++
	}
	return len(s)
}

// runeIndex converts a byte offset into a code point index.
func runeIndex(s string, b int) int {
	if isASCII(s[:b]) {
		return b
	}
	return utf8.RuneCountInString(s[:b])
}

// sliceBounds resolves the optional start/end arguments of find, count,
// startswith, ... like slice indices; ok is false when start > len.
func sliceBounds(th *Thread, n int, args []Value) (start, end int, ok bool, err error) {
	start, end = 0, n
	if len(args) > 0 && args[0] != None {
		i, err := indexValue(th, args[0])
		if err != nil {
			return 0, 0, false, typeErrorf("slice indices must be integers or None or have an __index__ method")
		}
		start = clampIndex(i, n)
	}
	if len(args) > 1 && args[1] != None {
		i, err := indexValue(th, args[1])
		if err != nil {
			return 0, 0, false, typeErrorf("slice indices must be integers or None or have an __index__ method")
		}
		end = clampIndex(i, n)
	}
	if len(args) > 0 && args[0] != None {
		if i, _ := indexValue(th, args[0]); i > int64(n) {
			return start, end, false, nil
		}
	}
	return start, end, true, nil
}

func clampIndex(i int64, n int) int {
	if i < 0 {
		i += int64(n)
		if i < 0 {
			i = 0
		}
	}
	if i > int64(n) {
		i = int64(n)
	}
	return int(i)
}

func noKwargs(m string, kwargs []KeywordArg) error {
	if len(kwargs) > 0 {
		return typeErrorf("%s() takes no keyword arguments", m)
	}
	return nil
}

func argCount(m string, args []Value, min, max int) error {
	if len(args) < min || len(args) > max {
		switch {
		case min == max && min == 0:
			return typeErrorf("%s() takes no arguments (%d given)", m, len(args))
		case min == max && min == 1:
			return typeErrorf("%s() takes exactly one argument (%d given)", m, len(args))
		case len(args) < min:
			return typeErrorf("%s expected at least %d argument%s, got %d", m, min, plural(min), len(args))
		default:
			return typeErrorf("%s expected at most %d argument%s, got %d", m, max, plural(max), len(args))
		}
	}
	return nil
}

func positional(m string, args []Value, kwargs []KeywordArg, min, max int) error {
	if err := noKwargs(m, kwargs); err != nil {
		return err
	}
	return argCount(m, args, min, max)
}

func newStrList(th *Thread, parts []string) (Value, error) {
	elems := make([]Value, len(parts))
	for i, p := range parts {
		s, err := th.NewStr(p)
		if err != nil {
			return nil, err
		}
		elems[i] = s
	}
	return th.NewList(elems)
}

func strJoin(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("join", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	sep := string(recv.(String))
	if r, err, ok := joinSeq(th, sep, args[0]); ok {
		return r, err
	}
	var sb strings.Builder
	i := 0
	err := forEach(th, args[0], func(e Value) error {
		s, ok := e.(String)
		if !ok {
			return typeErrorf("sequence item %d: expected str instance, %s found", i, e.Type())
		}
		if i > 0 {
			sb.WriteString(sep)
		}
		sb.WriteString(string(s))
		i++
		return nil
	})
	if err != nil {
		if ex, ok := err.(*Exception); ok && ex.Type == "TypeError" && !isIterable(args[0]) {
			return nil, typeErrorf("can only join an iterable")
		}
		return nil, err
	}
	return th.NewStr(sb.String())
}

// joinSeq joins a list or tuple of strs with one allocation of the exact
// size, charged before it is made (a huge separator times many items is a
// MemoryError, not a host allocation); ok is false for anything else
// (other iterables, a non-str item), which the general path handles and
// reports.
func joinSeq(th *Thread, sep string, seq Value) (r Value, err error, ok bool) {
	var elems []Value
	switch x := seq.(type) {
	case *List:
		elems = x.elems
	case Tuple:
		elems = x
	default:
		return nil, nil, false
	}
	n := 0
	for i, e := range elems {
		s, isStr := e.(String)
		if !isStr {
			return nil, nil, false
		}
		if i > 0 {
			n += len(sep)
		}
		n += len(s)
		if n > 1<<31 {
			return nil, newError(excMemoryError, "joined string is too large"), true
		}
	}
	if n == 0 {
		return String(""), nil, true
	}
	if err := th.charge(sizeOfStr(n)); err != nil {
		return nil, err, true
	}
	b := make([]byte, 0, n)
	for i, e := range elems {
		if i > 0 {
			b = append(b, sep...)
		}
		b = append(b, e.(String)...)
	}
	return th.slab.boxedStr(unsafe.String(&b[0], n)), nil, true
}

// pyIsSpace is str.isspace for one character.
func pyIsSpace(r rune) bool {
	return unicode.IsSpace(r) || (r >= 0x1c && r <= 0x1f)
}

func splitArgs(th *Thread, m string, args []Value, kwargs []KeywordArg) (sep Value, maxsplit int64, err error) {
	sep = None
	maxsplit = -1
	var ms Value = MakeInt(-1)
	if err = UnpackArgs(m, args, kwargs, "sep?", &sep, "maxsplit?", &ms); err != nil {
		return
	}
	if maxsplit, err = indexValue(th, ms); err != nil {
		return
	}
	if sep != None {
		if _, ok := sep.(String); !ok {
			err = typeErrorf("must be str or None, not %s", sep.Type())
			return
		}
		if sep.(String) == "" {
			err = valueErrorf("empty separator")
		}
	}
	return
}

func strSplit(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	sep, maxsplit, err := splitArgs(th, "split", args, kwargs)
	if err != nil {
		return nil, err
	}
	s := string(recv.(String))
	var parts []string
	if sep == None {
		parts = splitWhitespace(s, int(maxsplit))
	} else {
		n := -1
		if maxsplit >= 0 {
			n = int(maxsplit) + 1
		}
		parts = strings.SplitN(s, string(sep.(String)), n)
	}
	return newStrList(th, parts)
}

func splitWhitespace(s string, maxsplit int) []string {
	var parts []string
	i := 0
	for {
		// skip leading whitespace
		for i < len(s) {
			r, n := utf8.DecodeRuneInString(s[i:])
			if !pyIsSpace(r) {
				break
			}
			i += n
		}
		if i >= len(s) {
			return parts
		}
		if maxsplit >= 0 && len(parts) == maxsplit {
			return append(parts, s[i:])
		}
		j := i
		for j < len(s) {
			r, n := utf8.DecodeRuneInString(s[j:])
			if pyIsSpace(r) {
				break
			}
			j += n
		}
		parts = append(parts, s[i:j])
		i = j
	}
}

func strRSplit(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	sep, maxsplit, err := splitArgs(th, "rsplit", args, kwargs)
	if err != nil {
		return nil, err
	}
	s := string(recv.(String))
	var parts []string
	if maxsplit < 0 {
		if sep == None {
			parts = splitWhitespace(s, -1)
		} else {
			parts = strings.Split(s, string(sep.(String)))
		}
		return newStrList(th, parts)
	}
	if sep == None {
		// from the right: split, then rejoin the leftmost remainder
		end := len(s)
		for {
			for end > 0 {
				r, n := utf8.DecodeLastRuneInString(s[:end])
				if !pyIsSpace(r) {
					break
				}
				end -= n
			}
			if end == 0 {
				break
			}
			if len(parts) == int(maxsplit) {
				parts = append(parts, s[:end])
				break
			}
			j := end
			for j > 0 {
				r, n := utf8.DecodeLastRuneInString(s[:j])
				if pyIsSpace(r) {
					break
				}
				j -= n
			}
			parts = append(parts, s[j:end])
			end = j
		}
	} else {
		sp := string(sep.(String))
		end := len(s)
		for len(parts) < int(maxsplit) {
			k := strings.LastIndex(s[:end], sp)
			if k < 0 {
				break
			}
			parts = append(parts, s[k+len(sp):end])
			end = k
		}
		parts = append(parts, s[:end])
	}
	for i, j := 0, len(parts)-1; i < j; i, j = i+1, j-1 {
		parts[i], parts[j] = parts[j], parts[i]
	}
	return newStrList(th, parts)
}

// maxStrBuild bounds the widths that center, zfill, expandtabs, ...
// accept, whatever the heap budget, so that no call makes the host
// allocate gigabytes.
const maxStrBuild = 1 << 24

func isLineBreak(r rune) bool {
	switch r {
	case '\n', '\r', '\v', '\f', 0x1c, 0x1d, 0x1e, 0x85, 0x2028, 0x2029:
		return true
	}
	return false
}

func strSplitlines(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	keep := false
	if err := UnpackArgs("splitlines", args, kwargs, "keepends?", &keep); err != nil {
		return nil, err
	}
	return newStrList(th, splitLines(string(recv.(String)), keep, isLineBreak))
}

func stripArgs(m string, args []Value, kwargs []KeywordArg) (string, bool, error) {
	if err := positional(m, args, kwargs, 0, 1); err != nil {
		return "", false, err
	}
	if len(args) == 0 || args[0] == None {
		return "", false, nil
	}
	c, ok := args[0].(String)
	if !ok {
		return "", false, typeErrorf("%s arg must be None or str", m)
	}
	return string(c), true, nil
}

func strStripKind(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, left, right bool) (Value, error) {
	chars, has, err := stripArgs(m, args, kwargs)
	if err != nil {
		return nil, err
	}
	s := string(recv.(String))
	f := pyIsSpace
	if has {
		f = func(r rune) bool { return strings.ContainsRune(chars, r) }
	}
	out := s
	if left {
		out = strings.TrimLeftFunc(out, f)
	}
	if right {
		out = strings.TrimRightFunc(out, f)
	}
	if out == s {
		return recv, nil
	}
	return th.NewStr(out)
}

func strStrip(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strStripKind(th, recv, args, kwargs, "strip", true, true)
}

func strLStrip(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strStripKind(th, recv, args, kwargs, "lstrip", true, false)
}

func strRStrip(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strStripKind(th, recv, args, kwargs, "rstrip", false, true)
}

func strAffix(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, suffix bool) (Value, error) {
	if err := positional(m, args, kwargs, 1, 3); err != nil {
		return nil, err
	}
	s := string(recv.(String))
	start, end, ok, err := sliceBounds(th, runeLen(s), args[1:])
	if err != nil {
		return nil, err
	}
	var cands []Value
	switch p := args[0].(type) {
	case String:
		cands = []Value{p}
	case Tuple:
		cands = p
	default:
		return nil, typeErrorf("%s first arg must be str or a tuple of str, not %s", m, args[0].Type())
	}
	if !ok {
		return False, nil
	}
	if end < start {
		// CPython: an empty range matches nothing, not even ""
		return False, nil
	}
	sub := s[byteOffset(s, start):]
	sub = sub[:byteOffset(sub, end-start)]
	for _, c := range cands {
		cs, isStr := c.(String)
		if !isStr {
			return nil, typeErrorf("tuple for %s must only contain str, not %s", m, c.Type())
		}
		if suffix && strings.HasSuffix(sub, string(cs)) || !suffix && strings.HasPrefix(sub, string(cs)) {
			return True, nil
		}
	}
	return False, nil
}

func strStartswith(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strAffix(th, recv, args, kwargs, "startswith", false)
}

func strEndswith(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strAffix(th, recv, args, kwargs, "endswith", true)
}

// strSearch implements find/rfind/index/rindex: the code point index of
// sub within s[start:end], or -1.
func strSearch(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, last bool) (int, error) {
	if err := positional(m, args, kwargs, 1, 3); err != nil {
		return 0, err
	}
	sub, ok := args[0].(String)
	if !ok {
		return 0, typeErrorf("must be str, not %s", args[0].Type())
	}
	s := string(recv.(String))
	n := runeLen(s)
	start, end, ok, err := sliceBounds(th, n, args[1:])
	if err != nil || !ok || end < start {
		return -1, err
	}
	bs, be := byteOffset(s, start), byteOffset(s, end)
	var k int
	if last {
		k = strings.LastIndex(s[bs:be], string(sub))
	} else {
		k = strings.Index(s[bs:be], string(sub))
	}
	if k < 0 {
		return -1, nil
	}
	return runeIndex(s, bs+k), nil
}

func strFind(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	i, err := strSearch(th, recv, args, kwargs, "find", false)
	if err != nil {
		return nil, err
	}
	return MakeInt(int64(i)), nil
}

func strRFind(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	i, err := strSearch(th, recv, args, kwargs, "rfind", true)
	if err != nil {
		return nil, err
	}
	return MakeInt(int64(i)), nil
}

func strIndex(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	i, err := strSearch(th, recv, args, kwargs, "index", false)
	if err != nil {
		return nil, err
	}
	if i < 0 {
		return nil, valueErrorf("substring not found")
	}
	return MakeInt(int64(i)), nil
}

func strRIndex(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	i, err := strSearch(th, recv, args, kwargs, "rindex", true)
	if err != nil {
		return nil, err
	}
	if i < 0 {
		return nil, valueErrorf("substring not found")
	}
	return MakeInt(int64(i)), nil
}

func strCount(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("count", args, kwargs, 1, 3); err != nil {
		return nil, err
	}
	sub, ok := args[0].(String)
	if !ok {
		return nil, typeErrorf("must be str, not %s", args[0].Type())
	}
	s := string(recv.(String))
	start, end, ok, err := sliceBounds(th, runeLen(s), args[1:])
	if err != nil {
		return nil, err
	}
	if !ok || end < start {
		return MakeInt(0), nil
	}
	part := s[byteOffset(s, start):byteOffset(s, end)]
	if sub == "" {
		return MakeInt(int64(end - start + 1)), nil
	}
	return MakeInt(int64(strings.Count(part, string(sub)))), nil
}

func strReplace(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("replace", args, kwargs, 2, 3); err != nil {
		return nil, err
	}
	old, ok1 := args[0].(String)
	nw, ok2 := args[1].(String)
	if !ok1 || !ok2 {
		bad := args[0]
		if ok1 {
			bad = args[1]
		}
		return nil, typeErrorf("replace() argument %d must be str, not %s", map[bool]int{true: 2, false: 1}[ok1], bad.Type())
	}
	n := int64(-1)
	if len(args) == 3 {
		var err error
		if n, err = indexValue(th, args[2]); err != nil {
			return nil, err
		}
	}
	s := string(recv.(String))
	if n < 0 {
		n = -1
	}
	if n > int64(len(s))+1 {
		n = int64(len(s)) + 1
	}
	if len(nw) > len(old) {
		// size the result before building it, so the heap budget can
		// refuse it first
		hits := int64(runeLen(s) + 1)
		if old != "" {
			hits = int64(strings.Count(s, string(old)))
		}
		if n >= 0 && n < hits {
			hits = n
		}
		size := int64(len(s)) + hits*int64(len(nw)-len(old))
		if size > maxStrBuild {
			return nil, NewException("MemoryError", fmt.Sprintf("replace() result of %d bytes is too large", size))
		}
		if err := th.Alloc(sizeOfStr(int(size))); err != nil {
			return nil, err
		}
		return String(strings.Replace(s, string(old), string(nw), int(n))), nil
	}
	out := strings.Replace(s, string(old), string(nw), int(n))
	if out == s {
		return recv, nil
	}
	return th.NewStr(out)
}

func strMap(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, f func(string) string) (Value, error) {
	if err := positional(m, args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	s := string(recv.(String))
	out := f(s)
	if out == s {
		return recv, nil
	}
	return th.NewStr(out)
}

func strUpper(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strMap(th, recv, args, kwargs, "upper", pyUpper)
}

func strLower(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strMap(th, recv, args, kwargs, "lower", pyLower)
}

func strCasefold(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strMap(th, recv, args, kwargs, "casefold", func(s string) string {
		if isASCII(s) {
			return strings.ToLower(s)
		}
		return foldSpecial.Replace(strings.ToLower(strings.ReplaceAll(s, "İ", "i\u0307")))
	})
}

// upperSpecial holds the unconditional one-to-many upper-case mappings
// of Unicode's SpecialCasing that Go's ToUpper does not apply.
var upperSpecial = strings.NewReplacer("ß", "SS", "ﬀ", "FF", "ﬁ", "FI", "ﬂ", "FL", "ﬃ", "FFI", "ﬄ", "FFL",
	"ﬅ", "ST", "ﬆ", "ST", "ŉ", "ʼN", "\u01f0", "J\u030c", "\u0390", "\u0399\u0308\u0301",
	"\u03b0", "\u03a5\u0308\u0301", "և", "ԵՒ")

// pyUpper is str.upper, with the full (one-to-many) mappings.
func pyUpper(s string) string {
	if isASCII(s) {
		return asciiCase(s, 'a', 'z')
	}
	return strings.ToUpper(upperSpecial.Replace(s))
}

// asciiCase flips the case of the ASCII letters lo..hi in s (upper or
// lower case), returning s itself when none occurs. One pass into one
// allocation; strings.ToUpper writes byte by byte through a Builder.
func asciiCase(s string, lo, hi byte) string {
	i := 0
	for i < len(s) && (s[i] < lo || s[i] > hi) {
		i++
	}
	if i == len(s) {
		return s
	}
	b := make([]byte, len(s))
	copy(b, s[:i])
	for ; i < len(s); i++ {
		c := s[i]
		if c >= lo && c <= hi {
			c ^= 0x20
		}
		b[i] = c
	}
	return unsafe.String(&b[0], len(b))
}

// pyLower is str.lower: İ lowers to i + combining dot above, and a
// capital sigma that ends a word becomes a final sigma, as in CPython.
func pyLower(s string) string {
	if isASCII(s) {
		return asciiCase(s, 'A', 'Z')
	}
	rs := []rune(s)
	var sb strings.Builder
	for i, r := range rs {
		switch {
		case r == 'İ':
			sb.WriteString("i\u0307")
		case isFinalSigma(rs, i):
			sb.WriteRune('ς')
		default:
			sb.WriteRune(unicode.ToLower(r))
		}
	}
	return sb.String()
}

// isFinalSigma reports whether rs[i] is a capital sigma that ends a word
// (Unicode's Final_Sigma condition, without case-ignorable skipping).
func isFinalSigma(rs []rune, i int) bool {
	return rs[i] == 'Σ' && i > 0 && isCased(rs[i-1]) && (i+1 == len(rs) || !isCased(rs[i+1]))
}

// foldSpecial holds the full case foldings that differ from lower().
var foldSpecial = strings.NewReplacer("ß", "ss", "ẞ", "ss", "ﬀ", "ff", "ﬁ", "fi", "ﬂ", "fl", "ﬃ", "ffi",
	"ﬄ", "ffl", "ﬅ", "st", "ﬆ", "st", "ŉ", "ʼn", "ς", "σ", "ſ", "s", "\u01f0", "j\u030c",
	"\u0390", "\u03b9\u0308\u0301", "\u03b0", "\u03c5\u0308\u0301", "և", "եւ")

func isCased(r rune) bool { return unicode.IsUpper(r) || unicode.IsLower(r) || unicode.IsTitle(r) }

func strTitle(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strMap(th, recv, args, kwargs, "title", func(s string) string {
		var sb strings.Builder
		prevCased := false
		for _, r := range s {
			if prevCased {
				sb.WriteRune(unicode.ToLower(r))
			} else {
				sb.WriteRune(unicode.ToTitle(r))
			}
			prevCased = isCased(r)
		}
		return sb.String()
	})
}

func strCapitalize(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strMap(th, recv, args, kwargs, "capitalize", func(s string) string {
		if s == "" {
			return s
		}
		r, n := utf8.DecodeRuneInString(s)
		return string(unicode.ToTitle(r)) + strings.ToLower(s[n:])
	})
}

func strSwapcase(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strMap(th, recv, args, kwargs, "swapcase", func(s string) string {
		var sb strings.Builder
		rs := []rune(s)
		for i, r := range rs {
			switch {
			case isFinalSigma(rs, i):
				sb.WriteRune('ς')
			case unicode.IsUpper(r):
				sb.WriteString(pyLower(string(r)))
			case unicode.IsLower(r):
				sb.WriteString(pyUpper(string(r)))
			default:
				sb.WriteRune(r)
			}
		}
		return sb.String()
	})
}

// strPred implements the is*() predicates: false for "", else every
// character must satisfy f.
func strPred(recv Value, args []Value, kwargs []KeywordArg, m string, f func(rune) bool) (Value, error) {
	if err := positional(m, args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	s := string(recv.(String))
	if s == "" {
		return False, nil
	}
	for _, r := range s {
		if !f(r) {
			return False, nil
		}
	}
	return True, nil
}

func pyIsDecimal(r rune) bool { return unicode.Is(unicode.Nd, r) }

func pyIsDigit(r rune) bool {
	if pyIsDecimal(r) {
		return true
	}
	switch {
	case r == 0xb2 || r == 0xb3 || r == 0xb9, r >= 0x2070 && r <= 0x2079 && r != 0x2071 && r != 0x2072 && r != 0x2073,
		r >= 0x2080 && r <= 0x2089, r >= 0x2460 && r <= 0x2468, r >= 0x2474 && r <= 0x247c, r >= 0x2488 && r <= 0x2490,
		r == 0x24ea, r >= 0x24f5 && r <= 0x24fd, r == 0x24ff, r >= 0x2776 && r <= 0x277e, r >= 0x2780 && r <= 0x2788,
		r >= 0x278a && r <= 0x2792:
		return true
	}
	return false
}

func pyIsNumeric(r rune) bool { return unicode.IsNumber(r) }

func pyIsAlnum(r rune) bool { return unicode.IsLetter(r) || pyIsDigit(r) || pyIsNumeric(r) }

func strIsdigit(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strPred(recv, args, kwargs, "isdigit", pyIsDigit)
}

func strIsdecimal(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strPred(recv, args, kwargs, "isdecimal", pyIsDecimal)
}

func strIsnumeric(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strPred(recv, args, kwargs, "isnumeric", pyIsNumeric)
}

func strIsalpha(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strPred(recv, args, kwargs, "isalpha", unicode.IsLetter)
}

func strIsalnum(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strPred(recv, args, kwargs, "isalnum", pyIsAlnum)
}

func strIsspace(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strPred(recv, args, kwargs, "isspace", pyIsSpace)
}

func strIsascii(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("isascii", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	return Bool(isASCII(string(recv.(String)))), nil
}

func strIsprintable(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("isprintable", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	for _, r := range string(recv.(String)) {
		if r != ' ' && !unicode.IsPrint(r) {
			return False, nil
		}
	}
	return True, nil
}

func strIsidentifier(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("isidentifier", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	s := string(recv.(String))
	if s == "" {
		return False, nil
	}
	for i, r := range s {
		ok := r == '_' || unicode.IsLetter(r) || (i > 0 && (unicode.IsDigit(r) || unicode.Is(unicode.Mn, r) || unicode.Is(unicode.Mc, r) || unicode.Is(unicode.Pc, r)))
		if !ok {
			return False, nil
		}
	}
	return True, nil
}

func strCaseCheck(recv Value, args []Value, kwargs []KeywordArg, m string, upper bool) (Value, error) {
	if err := positional(m, args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	cased := false
	for _, r := range string(recv.(String)) {
		if upper && (unicode.IsLower(r) || unicode.IsTitle(r)) || !upper && (unicode.IsUpper(r) || unicode.IsTitle(r)) {
			return False, nil
		}
		if isCased(r) {
			cased = true
		}
	}
	return Bool(cased), nil
}

func strIsupper(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strCaseCheck(recv, args, kwargs, "isupper", true)
}

func strIslower(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strCaseCheck(recv, args, kwargs, "islower", false)
}

func strIstitle(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("istitle", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	cased, prevCased := false, false
	for _, r := range string(recv.(String)) {
		switch {
		case unicode.IsUpper(r) || unicode.IsTitle(r):
			if prevCased {
				return False, nil
			}
			prevCased, cased = true, true
		case unicode.IsLower(r):
			if !prevCased {
				return False, nil
			}
			prevCased, cased = true, true
		default:
			prevCased = false
		}
	}
	return Bool(cased), nil
}

// padArgs reads (width[, fillchar]).
func padArgs(th *Thread, m string, args []Value, kwargs []KeywordArg) (int, rune, error) {
	if err := positional(m, args, kwargs, 1, 2); err != nil {
		return 0, 0, err
	}
	w, err := indexValue(th, args[0])
	if err != nil {
		return 0, 0, err
	}
	fill := ' '
	if len(args) == 2 {
		f, ok := args[1].(String)
		if !ok {
			return 0, 0, typeErrorf("%s() argument 2 must be str, not %s", m, args[1].Type())
		}
		if utf8.RuneCountInString(string(f)) != 1 {
			return 0, 0, typeErrorf("The fill character must be exactly one character long")
		}
		fill, _ = utf8.DecodeRuneInString(string(f))
	}
	if w > maxStrBuild {
		return 0, 0, NewException("MemoryError", fmt.Sprintf("%s(): width %d is too large", m, w))
	}
	return int(w), fill, nil
}

func strPad(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string) (Value, error) {
	w, fill, err := padArgs(th, m, args, kwargs)
	if err != nil {
		return nil, err
	}
	s := string(recv.(String))
	n := runeLen(s)
	if w <= n {
		return recv, nil
	}
	marg := w - n
	var left int
	switch m {
	case "ljust":
		left = 0
	case "rjust":
		left = marg
	default:
		left = marg/2 + (marg & w & 1)
	}
	f := string(fill)
	// charge before building, so the heap budget refuses a huge result
	// before the host allocates it
	n = len(s) + marg*len(f)
	if err := th.Alloc(sizeOfStr(n)); err != nil {
		return nil, err
	}
	return String(strings.Repeat(f, left) + s + strings.Repeat(f, marg-left)), nil
}

func strCenter(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strPad(th, recv, args, kwargs, "center")
}

func strLjust(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strPad(th, recv, args, kwargs, "ljust")
}

func strRjust(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strPad(th, recv, args, kwargs, "rjust")
}

func strZfill(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("zfill", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	w, err := indexValue(th, args[0])
	if err != nil {
		return nil, err
	}
	s := string(recv.(String))
	n := runeLen(s)
	if int(w) <= n {
		return recv, nil
	}
	if w > maxStrBuild {
		return nil, NewException("MemoryError", fmt.Sprintf("zfill(): width %d is too large", w))
	}
	if err := th.Alloc(sizeOfStr(len(s) + int(w) - n)); err != nil {
		return nil, err
	}
	zeros := strings.Repeat("0", int(w)-n)
	if s != "" && (s[0] == '+' || s[0] == '-') {
		return String(s[:1] + zeros + s[1:]), nil
	}
	return String(zeros + s), nil
}

func strPartitionKind(th *Thread, recv Value, args []Value, kwargs []KeywordArg, m string, last bool) (Value, error) {
	if err := positional(m, args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	sep, ok := args[0].(String)
	if !ok {
		return nil, typeErrorf("must be str, not %s", args[0].Type())
	}
	if sep == "" {
		return nil, valueErrorf("empty separator")
	}
	s := string(recv.(String))
	var k int
	if last {
		k = strings.LastIndex(s, string(sep))
	} else {
		k = strings.Index(s, string(sep))
	}
	var parts [3]string
	switch {
	case k >= 0:
		parts = [3]string{s[:k], string(sep), s[k+len(sep):]}
	case last:
		parts = [3]string{"", "", s}
	default:
		parts = [3]string{s, "", ""}
	}
	elems := make([]Value, 3)
	for i, p := range parts {
		v, err := th.NewStr(p)
		if err != nil {
			return nil, err
		}
		elems[i] = v
	}
	return th.NewTuple(elems)
}

func strPartition(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strPartitionKind(th, recv, args, kwargs, "partition", false)
}

func strRPartition(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	return strPartitionKind(th, recv, args, kwargs, "rpartition", true)
}

func strEncode(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	var enc, errs Value
	if err := UnpackArgs("encode", args, kwargs, "encoding?", &enc, "errors?", &errs); err != nil {
		return nil, err
	}
	return encodeStr(th, string(recv.(String)), enc, errs)
}

func strExpandtabs(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	var ts int64 = 8
	if err := UnpackArgs("expandtabs", args, kwargs, "tabsize?", &ts); err != nil {
		return nil, err
	}
	s := string(recv.(String))
	if !strings.Contains(s, "\t") {
		return recv, nil
	}
	// measure first, so a huge result is refused before it is built
	size, col := 0, 0
	for _, r := range s {
		switch r {
		case '\t':
			if ts > 0 {
				n := int(ts) - col%int(ts)
				size += n
				col += n
			}
		case '\n', '\r':
			size++
			col = 0
		default:
			size += utf8.RuneLen(r)
			col++
		}
		if size > maxStrBuild {
			return nil, NewException("MemoryError", fmt.Sprintf("expandtabs(%d) result is too large", ts))
		}
	}
	if err := th.Alloc(sizeOfStr(size)); err != nil {
		return nil, err
	}
	var sb strings.Builder
	sb.Grow(size)
	col = 0
	for _, r := range s {
		switch r {
		case '\t':
			if ts > 0 {
				n := int(ts) - col%int(ts)
				sb.WriteString(strings.Repeat(" ", n))
				col += n
			}
		case '\n', '\r':
			sb.WriteRune(r)
			col = 0
		default:
			sb.WriteRune(r)
			col++
		}
	}
	return String(sb.String()), nil
}

func strRemoveprefix(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("removeprefix", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	p, ok := args[0].(String)
	if !ok {
		return nil, typeErrorf("removeprefix() argument must be str, not %s", args[0].Type())
	}
	s := recv.(String)
	if p != "" && strings.HasPrefix(string(s), string(p)) {
		return th.NewStr(string(s[len(p):]))
	}
	return recv, nil
}

func strRemovesuffix(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("removesuffix", args, kwargs, 1, 1); err != nil {
		return nil, err
	}
	p, ok := args[0].(String)
	if !ok {
		return nil, typeErrorf("removesuffix() argument must be str, not %s", args[0].Type())
	}
	s := recv.(String)
	if p != "" && strings.HasSuffix(string(s), string(p)) {
		return th.NewStr(string(s[:len(s)-len(p)]))
	}
	return recv, nil
}
