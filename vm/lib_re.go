package vm

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"
)

// The re module on Go's regexp (RE2): Python patterns are translated by
// lib_re_translate.go; matching reports code-point offsets as CPython.
// Compiled programs are cached globally (they are immutable); Pattern and
// Match objects are per-Instance values.

var excReError = func() *Class {
	c := newExceptionClassIn("error", excException)
	c.module = "re"
	return c
}()

func reError(msg string) error { return newError(excReError, "%s", msg) }

var (
	typeRePattern = func() *Class { c := newBuiltinType("Pattern", typeObject); c.module = "re"; return c }()
	typeReMatch   = func() *Class { c := newBuiltinType("Match", typeObject); c.module = "re"; return c }()
)

// reProgram is a compiled pattern, shared by all Instances.
type reProgram struct {
	src string
	t   *reTranslation

	mu       sync.Mutex
	variants [10]*regexp.Regexp
	empty    *reProgram // \B never matching (empty subjects)
}

// Variants of the RE2 program.
const (
	reSearch0 = iota
	reSearchPos
	reMatch0
	reMatchPos
	reFull0
	reFullPos
	reLongest
	reLongest0
	reLongestNoNL  // reLongest with `$` never before the final newline
	reLongestNoNL0 // reLongest0 likewise
)

func (p *reProgram) regexp(kind int) (*regexp.Regexp, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if r := p.variants[kind]; r != nil {
		return r, nil
	}
	e := p.t.expr
	if kind == reFull0 || kind == reFullPos || kind == reLongestNoNL || kind == reLongestNoNL0 {
		// A fullmatch must end at endpos, so `$` cannot match before a
		// final newline there: its marker branch is made impossible.
		e = strings.ReplaceAll(e, reDollar, reDollarFull)
	}
	var src string
	switch kind {
	case reSearch0:
		src = "(?:" + e + ")"
	case reSearchPos:
		src = `\A(?s:.)(?s:.*?)(` + e + ")"
	case reMatch0, reLongest0, reLongestNoNL0:
		src = `\A(?:` + e + ")"
	case reMatchPos, reLongest, reLongestNoNL:
		src = `\A(?s:.)(` + e + ")"
	case reFull0:
		src = `\A(?:` + e + `)\z`
	case reFullPos:
		src = `\A(?s:.)(` + e + `)\z`
	}
	r, err := regexp.Compile(src)
	if err != nil { // the plain form compiled, so this is a size limit
		return nil, reError(strings.TrimPrefix(err.Error(), "error parsing regexp: "))
	}
	if kind >= reLongest {
		r.Longest()
	}
	p.variants[kind] = r
	return r, nil
}

var reCache struct {
	sync.Mutex
	m map[string]*RePattern
}

// reCompileProgram returns the cached Pattern for (src, flags). Patterns
// are immutable, so Instances share them (and `is` holds as in CPython).
func reCompileProgram(src string, flags int) (*RePattern, error) {
	key := strconv.Itoa(flags) + ":" + src
	reCache.Lock()
	if p, ok := reCache.m[key]; ok {
		reCache.Unlock()
		return p, nil
	}
	reCache.Unlock()
	if flags&reFlagL != 0 {
		return nil, valueErrorf("cannot use LOCALE flag with a str pattern")
	}
	if flags&reFlagA != 0 && flags&reFlagU != 0 {
		return nil, valueErrorf("ASCII and UNICODE flags are incompatible")
	}
	t, err := reTranslate(src, flags)
	if err != nil {
		return nil, reError(err.Error())
	}
	r, err := regexp.Compile("(?:" + t.expr + ")")
	if err != nil {
		msg := err.Error()
		msg = strings.TrimPrefix(msg, "error parsing regexp: ")
		if strings.Contains(msg, "missing argument to repetition operator") {
			msg = "nothing to repeat"
		} else if strings.Contains(msg, "invalid nested repetition operator") {
			msg = "multiple repeat"
		}
		return nil, reError(msg)
	}
	if err := reCheckRepeats(t.expr, t.markers); err != nil {
		return nil, reError(err.Error())
	}
	prog := &reProgram{src: src, t: t}
	prog.variants[reSearch0] = r
	p := &RePattern{prog: prog, pattern: String(src)}
	reCache.Lock()
	if reCache.m == nil || len(reCache.m) > 512 {
		reCache.m = map[string]*RePattern{}
	}
	reCache.m[key] = p
	reCache.Unlock()
	return p, nil
}

// emptyVariant returns the program with \B made impossible (for an
// empty subject).
func (p *reProgram) emptyVariant() (*reProgram, error) {
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.empty == nil {
		t := *p.t
		t.expr = strings.ReplaceAll(t.expr, `\B`, reNever)
		r, err := regexp.Compile("(?:" + t.expr + ")")
		if err != nil {
			return nil, reError(err.Error())
		}
		p.empty = &reProgram{src: p.src, t: &t}
		p.empty.variants[reSearch0] = r
	}
	return p.empty, nil
}

// RePattern is a re.Pattern.
type RePattern struct {
	prog    *reProgram
	pattern Value // the source str
}

func (*RePattern) Type() string { return "re.Pattern" }

// ReMatch is a re.Match.
type ReMatch struct {
	pat         *RePattern
	str         String
	pos, endpos int   // code points
	spans       []int // code-point spans of groups 0..n, -1 when unset
	lastindex   int   // 0: None
}

func (*ReMatch) Type() string { return "re.Match" }

const sizeReObject = 24

var rePatternMethods = map[string]*NativeMethod{}
var reMatchMethods = map[string]*NativeMethod{}

func init() {
	registerModule("re", func() *Module {
		m := map[string]Value{
			"compile":   NewBuiltin("compile", reModCompile),
			"search":    NewBuiltin("search", reModFunc("search")),
			"match":     NewBuiltin("match", reModFunc("match")),
			"fullmatch": NewBuiltin("fullmatch", reModFunc("fullmatch")),
			"findall":   NewBuiltin("findall", reModFunc("findall")),
			"finditer":  NewBuiltin("finditer", reModFunc("finditer")),
			"sub":       NewBuiltin("sub", reModSub("sub")),
			"subn":      NewBuiltin("subn", reModSub("subn")),
			"split":     NewBuiltin("split", reModSplit),
			"escape":    NewBuiltin("escape", reEscape),
			"purge":     NewBuiltin("purge", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) { return None, nil }),
			"error":     excReError,
			"Pattern":   typeRePattern,
			"Match":     typeReMatch,
		}
		for _, f := range []struct {
			names []string
			v     int
		}{{[]string{"I", "IGNORECASE"}, reFlagI}, {[]string{"L", "LOCALE"}, reFlagL}, {[]string{"M", "MULTILINE"}, reFlagM},
			{[]string{"S", "DOTALL"}, reFlagS}, {[]string{"U", "UNICODE"}, reFlagU}, {[]string{"X", "VERBOSE"}, reFlagX},
			{[]string{"A", "ASCII"}, reFlagA}, {[]string{"NOFLAG"}, 0}} {
			for _, n := range f.names {
				m[n] = MakeInt(int64(f.v))
			}
		}
		return NewModule("re", m)
	})
	for name, fn := range map[string]func(*Thread, Value, []Value, []KeywordArg) (Value, error){
		"search": rePatMethod("search"), "match": rePatMethod("match"), "fullmatch": rePatMethod("fullmatch"),
		"findall": rePatMethod("findall"), "finditer": rePatMethod("finditer"),
		"sub": rePatSub("sub"), "subn": rePatSub("subn"), "split": rePatSplit,
	} {
		registerMethod(rePatternMethods, name, fn)
	}
	for name, fn := range map[string]func(*Thread, Value, []Value, []KeywordArg) (Value, error){
		"group": reMatchGroup, "groups": reMatchGroups, "groupdict": reMatchGroupdict,
		"start": reMatchSpanFn("start"), "end": reMatchSpanFn("end"), "span": reMatchSpanFn("span"),
		"expand": reMatchExpand, "__getitem__": reMatchGetitemMethod,
	} {
		registerMethod(reMatchMethods, name, fn)
	}
}

// reCompileValue compiles a str pattern (or returns a compiled one).
func (th *Thread) reCompileValue(pat Value, flags int64) (*RePattern, error) {
	switch p := pat.(type) {
	case *RePattern:
		if flags != 0 {
			return nil, valueErrorf("cannot process flags argument with a compiled pattern")
		}
		return p, nil
	case String:
		pat, err := reCompileProgram(string(p), int(flags))
		if err != nil {
			return nil, err
		}
		return pat, th.charge(sizeReObject)
	case Bytes:
		return nil, typeErrorf("bytes patterns are not supported by nl's re module")
	}
	return nil, typeErrorf("first argument must be string or compiled pattern")
}

func reFlagsArg(v Value) (int64, error) {
	if v == nil {
		return 0, nil
	}
	n, ok := asInt(v)
	if !ok {
		return 0, typeErrorf("unsupported operand type(s) for &: '%s' and 'int'", v.Type())
	}
	return n, nil
}

func reModCompile(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var pat, fl Value
	if err := UnpackArgs("compile", args, kwargs, "pattern", &pat, "flags?", &fl); err != nil {
		return nil, err
	}
	flags, err := reFlagsArg(fl)
	if err != nil {
		return nil, err
	}
	return th.reCompileValue(pat, flags)
}

// reCompileFlags compiles a module function's pattern argument with its
// flags argument (nil when not given).
func (th *Thread) reCompileFlags(pat, fl Value) (*RePattern, error) {
	flags, err := reFlagsArg(fl)
	if err != nil {
		return nil, err
	}
	return th.reCompileValue(pat, flags)
}

func reModFunc(kind string) func(*Thread, []Value, []KeywordArg) (Value, error) {
	return func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var pat, s, fl Value
		if err := UnpackArgs(kind, args, kwargs, "pattern", &pat, "string", &s, "flags?", &fl); err != nil {
			return nil, err
		}
		p, err := th.reCompileFlags(pat, fl)
		if err != nil {
			return nil, err
		}
		return th.reDispatch(p, kind, s, 0, math.MaxInt)
	}
}

func rePatMethod(kind string) func(*Thread, Value, []Value, []KeywordArg) (Value, error) {
	return func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
		var s, ps, es Value
		if err := UnpackArgs(kind, args, kwargs, "string", &s, "pos?", &ps, "endpos?", &es); err != nil {
			return nil, err
		}
		pos, endpos := 0, math.MaxInt
		if ps != nil {
			n, ok := asInt(ps)
			if !ok {
				return nil, typeErrorf("'%s' object cannot be interpreted as an integer", ps.Type())
			}
			pos = int(max(min(n, math.MaxInt32), math.MinInt32))
		}
		if es != nil {
			n, ok := asInt(es)
			if !ok {
				return nil, typeErrorf("'%s' object cannot be interpreted as an integer", es.Type())
			}
			endpos = int(max(min(n, math.MaxInt32), math.MinInt32))
		}
		return th.reDispatch(recv.(*RePattern), kind, s, pos, endpos)
	}
}

func reSubject(v Value) (string, error) {
	switch s := v.(type) {
	case String:
		return string(s), nil
	case Bytes:
		return "", typeErrorf("cannot use a string pattern on a bytes-like object")
	}
	return "", typeErrorf("expected string or bytes-like object, got '%s'", v.Type())
}

// reSubjectState is one subject string with code-point bookkeeping.
type reSubjectState struct {
	s          string // truncated at endpos
	full       String
	ascii      bool
	cpB, cpC   int // cursor: byte offset cpB is code point cpC
	pos, endpo int // code points
	prog       *reProgram
}

func (st *reSubjectState) cp(b int) int {
	if st.ascii || b < 0 {
		return b
	}
	if b < st.cpB { // count back from the cursor
		st.cpC -= utf8.RuneCountInString(st.s[b:st.cpB])
	} else {
		st.cpC += utf8.RuneCountInString(st.s[st.cpB:b])
	}
	st.cpB = b
	return st.cpC
}

// newSubject clamps pos/endpos as CPython and converts them to bytes.
func (th *Thread) newSubject(p *RePattern, sv Value, pos, endpos int) (*reSubjectState, int, error) {
	s, err := reSubject(sv)
	if err != nil {
		return nil, 0, err
	}
	st := &reSubjectState{full: String(s), ascii: isASCII(s)}
	n := len(s)
	if !st.ascii {
		n = utf8.RuneCountInString(s)
	}
	pos = max(0, min(pos, n))
	endpos = max(0, min(endpos, n))
	if p.prog.t.wordBound && p.prog.t.flags&reFlagA == 0 && !st.ascii {
		return nil, 0, reError(`\b or \B on non-ASCII text is not supported by nl's re module (RE2 word boundaries are ASCII)`)
	}
	if p.prog.t.asciiFold && strings.ContainsAny(s, "\u212a\u017f") {
		return nil, 0, reError("the Kelvin sign or long s in a subject of an ASCII|IGNORECASE pattern is not supported by nl's re module (RE2 folds them to k and s)")
	}
	st.pos, st.endpo = pos, endpos
	st.prog = p.prog
	bpos, bend := pos, endpos
	if !st.ascii {
		bpos, bend = byteOffset(s, pos), byteOffset(s, endpos)
	}
	st.s = s[:bend]
	if st.s == "" && p.prog.t.nonBound {
		// sre's \B never matches in an empty string; RE2's does.
		ep, err := p.prog.emptyVariant()
		if err != nil {
			return nil, 0, err
		}
		st.prog = ep
	}
	if endpos < pos {
		return st, -1, nil
	}
	return st, bpos, nil
}

// exec runs one variant at byte offset bpos; it returns RE2 group byte
// offsets (absolute), index 0 the whole match, or nil.
func (p *RePattern) exec(st *reSubjectState, kind string, bpos int, longest bool) ([]int, error) {
	return p.execRaw(st, kind, bpos, longest, false, true)
}

// execRaw is exec with a choice of variant: noNL makes the longest
// variant's `$` never match before the final newline; clamp gives the
// newline a `$` consumed back.
func (p *RePattern) execRaw(st *reSubjectState, kind string, bpos int, longest, noNL, clamp bool) ([]int, error) {
	var v int
	start := 0
	if bpos > 0 {
		_, size := utf8.DecodeLastRuneInString(st.s[:bpos])
		start = bpos - size
		switch kind {
		case "search":
			v = reSearchPos
		case "match":
			v = reMatchPos
		default:
			v = reFullPos
		}
		if longest {
			v = reLongest
			if noNL {
				v = reLongestNoNL
			}
		}
	} else {
		switch kind {
		case "search":
			v = reSearch0
		case "match":
			v = reMatch0
		default:
			v = reFull0
		}
		if longest {
			v = reLongest0
			if noNL {
				v = reLongestNoNL0
			}
		}
	}
	r, err := st.prog.regexp(v)
	if err != nil {
		return nil, err
	}
	loc := r.FindStringSubmatchIndex(st.s[start:])
	if loc == nil {
		return nil, nil
	}
	if bpos > 0 {
		loc = loc[2:]
	}
	for i := range loc {
		if loc[i] >= 0 {
			loc[i] += start
		}
	}
	// A `$` matched before the final newline: give the newline back.
	if mk := reMarker(st.prog.t, loc); mk >= 0 && clamp {
		for i := range loc {
			loc[i] = min(loc[i], mk)
		}
	}
	return loc, nil
}

// newMatch builds a Match from RE2 offsets.
func (th *Thread) newMatch(p *RePattern, st *reSubjectState, loc []int) (*ReMatch, error) {
	t := p.prog.t
	mk := -1
	for _, g := range t.markers {
		if loc[2*g] >= 0 && (mk < 0 || loc[2*g] < mk) {
			mk = loc[2*g]
		}
	}
	spans := make([]int, 2*(t.groups+1))
	last, lastEnd, lastRank := 0, -1, 0
	for g := 0; g <= t.groups; g++ {
		a, b := loc[2*t.groupMap[g]], loc[2*t.groupMap[g]+1]
		if mk >= 0 && a >= 0 {
			a, b = min(a, mk), min(b, mk)
		}
		spans[2*g], spans[2*g+1] = st.cp(a), st.cp(b)
		if g > 0 && a >= 0 && (b > lastEnd || b == lastEnd && t.closeRank[g] > lastRank) {
			last, lastEnd, lastRank = g, b, t.closeRank[g]
		}
	}
	if err := th.charge(sizeReObject + 4*int64(len(spans))); err != nil {
		return nil, err
	}
	return &ReMatch{pat: p, str: st.full, pos: st.pos, endpos: st.endpo, spans: spans, lastindex: last}, nil
}

// reIterate calls fn for each match as findall/sub/split see them
// (CPython 3.7+ empty-match rules), up to limit matches (0: all).
func (th *Thread) reIterate(p *RePattern, st *reSubjectState, bpos, limit int, fn func(loc []int) error) error {
	if bpos < 0 {
		return nil
	}
	mustAdvance := false
	n := 0
	for bpos <= len(st.s) {
		loc, err := p.exec(st, "search", bpos, false)
		if loc == nil || err != nil {
			return err
		}
		if mustAdvance && loc[0] == bpos && loc[1] == bpos {
			if nonEmpty, err := p.nonEmptyAt(st, bpos); err != nil {
				return err
			} else if nonEmpty {
				return reError("an empty match followed by a lower-priority non-empty match at the same position is not supported by nl's re module")
			}
			if bpos >= len(st.s) {
				return nil
			}
			_, size := utf8.DecodeRuneInString(st.s[bpos:])
			bpos += size
			mustAdvance = false
			continue
		}
		if err := fn(loc); err != nil {
			return err
		}
		n++
		if limit > 0 && n >= limit {
			return nil
		}
		mustAdvance = loc[1] == loc[0]
		bpos = loc[1]
		if err := th.charge(0); err != nil { // lets the budget/timeout stop long loops
			return err
		}
	}
	return nil
}

// nonEmptyAt reports whether the pattern has a non-empty match at bpos
// (where its preferred match is empty).
func (p *RePattern) nonEmptyAt(st *reSubjectState, bpos int) (bool, error) {
	raw, err := p.execRaw(st, "match", bpos, true, false, false)
	if err != nil || raw == nil || raw[1] == bpos {
		return false, err
	}
	mk := reMarker(p.prog.t, raw)
	if mk < 0 || raw[1] > mk+1 || mk > bpos {
		return true, nil // a genuine non-empty match (possibly ending at a `$`)
	}
	// Only `$` before the final newline "consumed" it: look for a match
	// that consumes the newline without that.
	l, err := p.execRaw(st, "match", bpos, true, true, false)
	return l != nil && l[1] > bpos, err
}

// reGroupValue returns group g's text or def when it did not participate.
func (th *Thread) reGroupStr(st *reSubjectState, loc []int, p *RePattern, g int, def Value) (Value, error) {
	t := p.prog.t
	a, b := loc[2*t.groupMap[g]], loc[2*t.groupMap[g]+1]
	if a < 0 {
		return def, nil
	}
	if mk := reMarker(t, loc); mk >= 0 {
		a, b = min(a, mk), min(b, mk)
	}
	return th.NewStr(st.s[a:b])
}

func reMarker(t *reTranslation, loc []int) int {
	mk := -1
	for _, g := range t.markers {
		if loc[2*g] >= 0 && (mk < 0 || loc[2*g] < mk) {
			mk = loc[2*g]
		}
	}
	return mk
}

func (th *Thread) reDispatch(p *RePattern, kind string, sv Value, pos, endpos int) (Value, error) {
	st, bpos, err := th.newSubject(p, sv, pos, endpos)
	if err != nil {
		return nil, err
	}
	switch kind {
	case "search", "match", "fullmatch":
		if bpos < 0 {
			return None, nil
		}
		loc, err := p.exec(st, kind, bpos, false)
		if loc == nil || err != nil {
			return None, err
		}
		return th.newMatch(p, st, loc)
	case "findall":
		var out []Value
		ng := p.prog.t.groups
		err := th.reIterate(p, st, bpos, 0, func(loc []int) error {
			var v Value
			var err error
			switch ng {
			case 0:
				v, err = th.reGroupStr(st, loc, p, 0, String(""))
			case 1:
				v, err = th.reGroupStr(st, loc, p, 1, String(""))
			default:
				tup := make([]Value, ng)
				for g := 1; g <= ng; g++ {
					if tup[g-1], err = th.reGroupStr(st, loc, p, g, String("")); err != nil {
						return err
					}
				}
				v, err = th.NewTuple(tup)
			}
			if err != nil {
				return err
			}
			out = append(out, v)
			return nil
		})
		if err != nil {
			return nil, err
		}
		return th.NewList(out)
	case "finditer":
		var ms []Value
		err := th.reIterate(p, st, bpos, 0, func(loc []int) error {
			m, err := th.newMatch(p, st, loc)
			ms = append(ms, m)
			return err
		})
		if err != nil {
			return nil, err
		}
		i := 0
		return NewIterator("callable_iterator", func(th *Thread) (Value, bool, error) {
			if i >= len(ms) {
				return nil, false, nil
			}
			i++
			return ms[i-1], true, nil
		}), nil
	}
	return nil, typeErrorf("bad re operation")
}

// --- sub / split ---

func reModSub(kind string) func(*Thread, []Value, []KeywordArg) (Value, error) {
	return func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var pat, repl, s, cnt, fl Value
		if err := UnpackArgs(kind, args, kwargs, "pattern", &pat, "repl", &repl, "string", &s, "count?", &cnt, "flags?", &fl); err != nil {
			return nil, err
		}
		p, err := th.reCompileFlags(pat, fl)
		if err != nil {
			return nil, err
		}
		return th.reSub(p, kind, repl, s, cnt)
	}
}

func rePatSub(kind string) func(*Thread, Value, []Value, []KeywordArg) (Value, error) {
	return func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
		var repl, s, cnt Value
		if err := UnpackArgs(kind, args, kwargs, "repl", &repl, "string", &s, "count?", &cnt); err != nil {
			return nil, err
		}
		return th.reSub(recv.(*RePattern), kind, repl, s, cnt)
	}
}

func reCountArg(v Value, name string) (int, error) {
	if v == nil {
		return 0, nil
	}
	n, ok := asInt(v)
	if !ok {
		return 0, typeErrorf("'%s' object cannot be interpreted as an integer", v.Type())
	}
	if n < 0 {
		return -1, nil
	}
	return int(min(n, math.MaxInt32)), nil
}

func (th *Thread) reSub(p *RePattern, kind string, repl, sv Value, cnt Value) (Value, error) {
	count, err := reCountArg(cnt, "count")
	if err != nil {
		return nil, err
	}
	st, bpos, err := th.newSubject(p, sv, 0, math.MaxInt)
	if err != nil {
		return nil, err
	}
	var tmpl []reTmplItem
	callable := false
	switch r := repl.(type) {
	case String:
		if tmpl, err = reParseTemplate(p, string(r)); err != nil {
			return nil, err
		}
	case Bytes:
		return nil, typeErrorf("expected str instance, bytes found")
	default:
		if !isCallable(repl) {
			return nil, typeErrorf("expected str instance, %s found", repl.Type())
		}
		callable = true
	}
	var sb strings.Builder
	last, n := 0, 0
	pieces, badPiece := 0, error(nil) // CPython joins the pieces: a non-str fails there
	if count >= 0 {
		err = th.reIterate(p, st, bpos, count, func(loc []int) error {
			if loc[0] > last {
				pieces++
			}
			sb.WriteString(st.s[last:loc[0]])
			if callable {
				m, err := th.newMatch(p, st, loc)
				if err != nil {
					return err
				}
				r, err := th.Call(repl, []Value{m}, nil)
				if err != nil {
					return err
				}
				if r != None {
					rs, ok := r.(String)
					if !ok && badPiece == nil {
						badPiece = typeErrorf("sequence item %d: expected str instance, %s found", pieces, r.Type())
					}
					pieces++
					sb.WriteString(string(rs))
				}
			} else {
				th.reExpand(&sb, p, st, loc, tmpl)
			}
			last = loc[1]
			if mk := reMarker(p.prog.t, loc); mk >= 0 {
				last = mk
			}
			n++
			return th.charge(0)
		})
		if err != nil {
			return nil, err
		}
	}
	if badPiece != nil {
		return nil, badPiece
	}
	sb.WriteString(st.s[last:])
	res, err := th.NewStr(sb.String())
	if err != nil {
		return nil, err
	}
	if kind == "subn" {
		return th.NewTuple([]Value{res, MakeInt(int64(n))})
	}
	return res, nil
}

type reTmplItem struct {
	lit   string
	group int // -1: literal
}

func reParseTemplate(p *RePattern, s string) ([]reTmplItem, error) {
	var items []reTmplItem
	var lit strings.Builder
	flush := func() {
		if lit.Len() > 0 {
			items = append(items, reTmplItem{lit: lit.String(), group: -1})
			lit.Reset()
		}
	}
	t := p.prog.t
	rs := []rune(s)
	for i := 0; i < len(rs); i++ {
		c := rs[i]
		if c != '\\' {
			lit.WriteRune(c)
			continue
		}
		if i+1 >= len(rs) {
			return nil, reError("bad escape (end of pattern) at position " + strconv.Itoa(i))
		}
		pos := i
		i++
		c = rs[i]
		switch {
		case c == 'g':
			if i+1 >= len(rs) || rs[i+1] != '<' {
				return nil, reError("missing < at position " + strconv.Itoa(i+1))
			}
			j := i + 2
			for j < len(rs) && rs[j] != '>' {
				j++
			}
			if j >= len(rs) && j == i+2 {
				return nil, reError("missing group name at position " + strconv.Itoa(i+2))
			}
			if j >= len(rs) {
				return nil, reError("missing >, unterminated name at position " + strconv.Itoa(i+2))
			}
			name := string(rs[i+2 : j])
			if name == "" {
				return nil, reError("missing group name at position " + strconv.Itoa(i+2))
			}
			g, ok := t.names[name]
			if !ok {
				if isAllDigits(name) {
					n, err := strconv.Atoi(name)
					if err != nil || n > t.groups {
						return nil, reError("invalid group reference " + name + " at position " + strconv.Itoa(i+2))
					}
					g = n
				} else if reIsIdent(name) {
					return nil, &Exception{Type: "IndexError", Msg: "unknown group name '" + name + "'", value: newExceptionObject(excIndexError, Tuple{String("unknown group name '" + name + "'")})}
				} else {
					return nil, reError("bad character in group name '" + name + "' at position " + strconv.Itoa(i+2))
				}
			}
			flush()
			items = append(items, reTmplItem{group: g})
			i = j
		case c == '0':
			v := 0
			for k := 0; k < 2 && i+1 < len(rs) && rs[i+1] >= '0' && rs[i+1] <= '7'; k++ {
				i++
				v = v*8 + int(rs[i]-'0')
			}
			lit.WriteRune(rune(v))
		case c >= '1' && c <= '9':
			if c <= '7' && i+2 < len(rs) && rs[i+1] >= '0' && rs[i+1] <= '7' && rs[i+2] >= '0' && rs[i+2] <= '7' {
				v := int(c-'0')*64 + int(rs[i+1]-'0')*8 + int(rs[i+2]-'0')
				if v > 0o377 {
					return nil, reError("octal escape value \\" + string(rs[i:i+3]) + " outside of range 0-0o377 at position " + strconv.Itoa(pos))
				}
				lit.WriteRune(rune(v))
				i += 2
				break
			}
			g := int(c - '0')
			if i+1 < len(rs) && rs[i+1] >= '0' && rs[i+1] <= '9' {
				i++
				g = g*10 + int(rs[i]-'0')
			}
			if g > t.groups {
				return nil, reError("invalid group reference " + strconv.Itoa(g) + " at position " + strconv.Itoa(pos+1))
			}
			flush()
			items = append(items, reTmplItem{group: g})
		default:
			if e, ok := map[rune]rune{'a': '\a', 'b': '\b', 'f': '\f', 'n': '\n', 'r': '\r', 't': '\t', 'v': '\v', '\\': '\\'}[c]; ok {
				lit.WriteRune(e)
			} else if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z') {
				return nil, reError("bad escape \\" + string(c) + " at position " + strconv.Itoa(pos))
			} else {
				lit.WriteRune('\\')
				lit.WriteRune(c)
			}
		}
	}
	flush()
	return items, nil
}

func isAllDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

func (th *Thread) reExpand(sb *strings.Builder, p *RePattern, st *reSubjectState, loc []int, tmpl []reTmplItem) {
	t := p.prog.t
	mk := reMarker(t, loc)
	for _, it := range tmpl {
		if it.group < 0 {
			sb.WriteString(it.lit)
			continue
		}
		a, b := loc[2*t.groupMap[it.group]], loc[2*t.groupMap[it.group]+1]
		if a >= 0 {
			if mk >= 0 {
				a, b = min(a, mk), min(b, mk)
			}
			sb.WriteString(st.s[a:b])
		}
	}
}

func reModSplit(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var pat, s, ms, fl Value
	if err := UnpackArgs("split", args, kwargs, "pattern", &pat, "string", &s, "maxsplit?", &ms, "flags?", &fl); err != nil {
		return nil, err
	}
	flags, err := reFlagsArg(fl)
	if err != nil {
		return nil, err
	}
	p, err := th.reCompileValue(pat, flags)
	if err != nil {
		return nil, err
	}
	return th.reSplit(p, s, ms)
}

func rePatSplit(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	var s, ms Value
	if err := UnpackArgs("split", args, kwargs, "string", &s, "maxsplit?", &ms); err != nil {
		return nil, err
	}
	return th.reSplit(recv.(*RePattern), s, ms)
}

func (th *Thread) reSplit(p *RePattern, sv, ms Value) (Value, error) {
	maxsplit, err := reCountArg(ms, "maxsplit")
	if err != nil {
		return nil, err
	}
	st, bpos, err := th.newSubject(p, sv, 0, math.MaxInt)
	if err != nil {
		return nil, err
	}
	var out []Value
	last := 0
	if maxsplit >= 0 {
		err = th.reIterate(p, st, bpos, maxsplit, func(loc []int) error {
			v, err := th.NewStr(st.s[last:loc[0]])
			if err != nil {
				return err
			}
			out = append(out, v)
			for g := 1; g <= p.prog.t.groups; g++ {
				v, err := th.reGroupStr(st, loc, p, g, None)
				if err != nil {
					return err
				}
				out = append(out, v)
			}
			last = loc[1]
			if mk := reMarker(p.prog.t, loc); mk >= 0 {
				last = mk
			}
			return nil
		})
		if err != nil {
			return nil, err
		}
	}
	v, err := th.NewStr(st.s[last:])
	if err != nil {
		return nil, err
	}
	return th.NewList(append(out, v))
}

func reEscape(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var pat Value
	if err := UnpackArgs("escape", args, kwargs, "pattern", &pat); err != nil {
		return nil, err
	}
	var s string
	switch x := pat.(type) {
	case String:
		s = string(x)
	case Bytes:
		s = string(x)
	default:
		return nil, typeErrorf("expected str or bytes, got '%s'", pat.Type())
	}
	var sb strings.Builder
	for _, r := range s {
		if strings.ContainsRune("()[]{}?*+-|^$\\.&~# \t\n\r\v\f", r) {
			sb.WriteByte('\\')
		}
		sb.WriteRune(r)
	}
	if _, ok := pat.(Bytes); ok {
		return th.NewBytes(sb.String())
	}
	return th.NewStr(sb.String())
}

// --- Match methods ---

// reGroupIndex resolves a group argument (int or name).
func (m *ReMatch) groupIndex(v Value) (int, error) {
	t := m.pat.prog.t
	if s, ok := v.(String); ok {
		if g, ok := t.names[string(s)]; ok {
			return g, nil
		}
		return 0, indexErrorf("no such group")
	}
	if _, isBool := v.(Boolean); !isBool {
		if n, ok := asInt(v); ok && n >= 0 && n <= int64(t.groups) {
			return int(n), nil
		}
	} else if n, _ := asInt(v); n <= int64(t.groups) {
		return int(n), nil
	}
	return 0, indexErrorf("no such group")
}

func (th *Thread) reMatchGroupValue(m *ReMatch, g int, def Value) (Value, error) {
	a, b := m.spans[2*g], m.spans[2*g+1]
	if a < 0 {
		return def, nil
	}
	return th.NewStr(reSliceCp(string(m.str), a, b))
}

func reSliceCp(s string, a, b int) string {
	if isASCII(s) {
		return s[a:b]
	}
	ba := byteOffset(s, a)
	bb := ba + byteOffset(s[ba:], b-a)
	return s[ba:bb]
}

func reMatchGroup(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	m := recv.(*ReMatch)
	if len(kwargs) > 0 {
		return nil, typeErrorf("group() takes no keyword arguments")
	}
	if len(args) == 0 {
		return th.reMatchGroupValue(m, 0, None)
	}
	vals := make([]Value, len(args))
	for i, a := range args {
		g, err := m.groupIndex(a)
		if err != nil {
			return nil, err
		}
		if vals[i], err = th.reMatchGroupValue(m, g, None); err != nil {
			return nil, err
		}
	}
	if len(args) == 1 {
		return vals[0], nil
	}
	return th.NewTuple(vals)
}

func reMatchGetitemMethod(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	var k Value
	if err := UnpackPositional("__getitem__", args, kwargs, 1, &k); err != nil {
		return nil, err
	}
	return th.reMatchGetItem(recv.(*ReMatch), k)
}

// reMatchGetItem is m[g].
func (th *Thread) reMatchGetItem(m *ReMatch, k Value) (Value, error) {
	g, err := m.groupIndex(k)
	if err != nil {
		return nil, err
	}
	return th.reMatchGroupValue(m, g, None)
}

func reMatchGroups(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	m := recv.(*ReMatch)
	def := None
	if err := UnpackArgs("groups", args, kwargs, "default?", &def); err != nil {
		return nil, err
	}
	n := m.pat.prog.t.groups
	vals := make([]Value, n)
	for g := 1; g <= n; g++ {
		var err error
		if vals[g-1], err = th.reMatchGroupValue(m, g, def); err != nil {
			return nil, err
		}
	}
	return th.NewTuple(vals)
}

func reMatchGroupdict(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	m := recv.(*ReMatch)
	def := None
	if err := UnpackArgs("groupdict", args, kwargs, "default?", &def); err != nil {
		return nil, err
	}
	d, err := th.NewDict()
	if err != nil {
		return nil, err
	}
	t := m.pat.prog.t
	for _, name := range t.nameOrder {
		v, err := th.reMatchGroupValue(m, t.names[name], def)
		if err != nil {
			return nil, err
		}
		if err := d.Set(th, String(name), v); err != nil {
			return nil, err
		}
	}
	return d, nil
}

func reMatchSpanFn(kind string) func(*Thread, Value, []Value, []KeywordArg) (Value, error) {
	return func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
		m := recv.(*ReMatch)
		var gv Value = MakeInt(0)
		if err := UnpackPositional(kind, args, kwargs, 0, &gv); err != nil {
			return nil, err
		}
		g, err := m.groupIndex(gv)
		if err != nil {
			return nil, err
		}
		a, b := m.spans[2*g], m.spans[2*g+1]
		switch kind {
		case "start":
			return MakeInt(int64(a)), nil
		case "end":
			return MakeInt(int64(b)), nil
		}
		return th.NewTuple([]Value{MakeInt(int64(a)), MakeInt(int64(b))})
	}
}

func reMatchExpand(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	m := recv.(*ReMatch)
	var tv Value
	if err := UnpackPositional("expand", args, kwargs, 1, &tv); err != nil {
		return nil, err
	}
	ts, ok := tv.(String)
	if !ok {
		return nil, typeErrorf("expected str instance, %s found", tv.Type())
	}
	tmpl, err := reParseTemplate(m.pat, string(ts))
	if err != nil {
		return nil, err
	}
	var sb strings.Builder
	for _, it := range tmpl {
		if it.group < 0 {
			sb.WriteString(it.lit)
		} else if m.spans[2*it.group] >= 0 {
			sb.WriteString(reSliceCp(string(m.str), m.spans[2*it.group], m.spans[2*it.group+1]))
		}
	}
	return th.NewStr(sb.String())
}

// reAttr implements the data attributes of Pattern and Match objects.
func (th *Thread) reAttr(v Value, name string) (Value, bool, error) {
	switch x := v.(type) {
	case *RePattern:
		t := x.prog.t
		switch name {
		case "pattern":
			return x.pattern, true, nil
		case "flags":
			return MakeInt(int64(t.flags)), true, nil
		case "groups":
			return MakeInt(int64(t.groups)), true, nil
		case "groupindex":
			d, err := th.NewDict()
			if err != nil {
				return nil, false, err
			}
			for _, n := range t.nameOrder {
				if err := d.Set(th, String(n), MakeInt(int64(t.names[n]))); err != nil {
					return nil, false, err
				}
			}
			return d, true, nil
		}
	case *ReMatch:
		switch name {
		case "string":
			return x.str, true, nil
		case "re":
			return x.pat, true, nil
		case "pos":
			return MakeInt(int64(x.pos)), true, nil
		case "endpos":
			return MakeInt(int64(x.endpos)), true, nil
		case "lastindex":
			if x.lastindex == 0 {
				return None, true, nil
			}
			return MakeInt(int64(x.lastindex)), true, nil
		case "lastgroup":
			t := x.pat.prog.t
			for _, n := range t.nameOrder {
				if x.lastindex > 0 && t.names[n] == x.lastindex {
					return String(n), true, nil
				}
			}
			return None, true, nil
		case "regs":
			regs := make([]Value, len(x.spans)/2)
			for i := range regs {
				regs[i] = Tuple{MakeInt(int64(x.spans[2*i])), MakeInt(int64(x.spans[2*i+1]))}
			}
			return Tuple(regs), true, th.charge(sizeOfTuple(len(regs)) * 2)
		}
	}
	return nil, false, nil
}

// reRepr writes the repr of a Pattern or Match.
func (th *Thread) reRepr(sb *strings.Builder, v Value) error {
	switch x := v.(type) {
	case *RePattern:
		r, err := th.Repr(x.pattern)
		if err != nil {
			return err
		}
		if len(r) > 200 {
			r = r[:200]
		}
		sb.WriteString("re.compile(" + r)
		flags := x.prog.t.flags
		if x.prog.t.flags&reFlagA == 0 {
			flags &^= reFlagU
		}
		if flags != 0 {
			var parts []string
			for _, f := range []struct {
				v    int
				name string
			}{{reFlagI, "IGNORECASE"}, {reFlagL, "LOCALE"}, {reFlagM, "MULTILINE"}, {reFlagS, "DOTALL"}, {reFlagU, "UNICODE"}, {reFlagX, "VERBOSE"}, {reFlagA, "ASCII"}} {
				if flags&f.v != 0 {
					parts = append(parts, "re."+f.name)
					flags &^= f.v
				}
			}
			if flags != 0 {
				parts = append(parts, "0x"+strconv.FormatInt(int64(flags), 16))
			}
			sb.WriteString(", " + strings.Join(parts, "|"))
		}
		sb.WriteString(")")
	case *ReMatch:
		r, err := th.Repr(String(reSliceCp(string(x.str), x.spans[0], x.spans[1])))
		if err != nil {
			return err
		}
		sb.WriteString("<re.Match object; span=(" + strconv.Itoa(x.spans[0]) + ", " + strconv.Itoa(x.spans[1]) + "), match=" + r + ">")
	}
	return nil
}

// reIsWordRune reports whether r is a Python \w character (str patterns).
func reIsWordRune(r rune) bool {
	return r == '_' || unicode.IsLetter(r) || unicode.IsNumber(r)
}
