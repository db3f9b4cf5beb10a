package vm

import (
	"fmt"
	"regexp"
	"regexp/syntax"
	"slices"
	"strconv"
	"strings"
	"unicode/utf8"
)

// Translation of Python (sre) regular-expression syntax to Go's RE2
// syntax. Constructs RE2 cannot run (backreferences, lookaround,
// conditional groups, atomic groups and possessive quantifiers) are
// refused with a re.error naming them, never translated approximately.

// Python's flag values (re.I, re.M, ...).
const (
	reFlagI = 2
	reFlagL = 4
	reFlagM = 8
	reFlagS = 16
	reFlagU = 32
	reFlagX = 64
	reFlagA = 256
)

// reTranslation is the result of translating one pattern.
type reTranslation struct {
	expr      string         // RE2 syntax; its capture groups are Python's groups plus markers
	flags     int            // Python flags including the inline global ones (and U for str)
	groups    int            // number of Python capture groups
	groupMap  []int          // Python group g (1-based) → RE2 group index; [0] unused
	markers   []int          // RE2 groups marking a `$` matched before the final newline
	names     map[string]int // named groups
	nameOrder []string       // names in group order
	closeRank []int          // Python group g → order of its closing parenthesis
	wordBound bool           // uses \b or \B (ASCII-only in RE2)
	nonBound  bool           // uses \B (which sre never matches in an empty string)
	asciiFold bool           // ASCII|IGNORECASE: RE2 would fold K and ſ to k and s
}

// reSyntaxError is a Python-compatible re.error message.
type reSyntaxError struct{ msg string }

func (e *reSyntaxError) Error() string { return e.msg }

func reErrf(format string, args ...any) error {
	return &reSyntaxError{fmt.Sprintf(format, args...)}
}

func reUnsupported(construct string) error {
	return reErrf("%s is not supported by nl's re module (RE2 engine)", construct)
}

// Python's Unicode \s: str.isspace() characters.
const reUniSpace = `\t\n\x{b}\f\r\x{1c}-\x{1f} \x{85}\x{a0}\x{1680}\x{2000}-\x{200a}\x{2028}\x{2029}\x{202f}\x{205f}\x{3000}`
const reASCIISpace = `\t\n\x{b}\f\r `

// reDollar is `$` without MULTILINE; group () marks the newline case.
// Literal newlines are written as \x{a}, so this text is unambiguous.
const reDollar = `(?:\z|()\n\z)`
const reDollarFull = `(?:\z|()` + reNever + `)`

// reNever matches nothing.
const reNever = `[^\x00-\x{10FFFF}]`

type reTranslator struct {
	src      []rune
	i        int
	flags    int
	out      strings.Builder
	t        *reTranslation
	re2n     int   // RE2 capture groups so far
	closes   int   // closing parentheses seen
	open     []int // stack: Python group number, or 0 for a non-capturing group
	openAt   []int // stack: pattern position of each open parenthesis
	verbose  bool
	lastOpen int
	icase    bool   // IGNORECASE applies here (global or scoped)
	icStack  []bool // icase outside each open parenthesis
	inClass  bool
	sawIcase bool
	quantEnd int // output length right after the last quantifier // a scoped (?i:...) group
}

func reTranslate(pattern string, flags int) (*reTranslation, error) {
	tr := &reTranslator{quantEnd: -1, src: []rune(pattern), flags: flags, t: &reTranslation{names: map[string]int{}, groupMap: []int{0}, closeRank: []int{0}}}
	if err := tr.globalFlags(); err != nil {
		return nil, err
	}
	if tr.flags&reFlagA == 0 {
		tr.flags |= reFlagU
	}
	if tr.flags&reFlagL != 0 {
		return nil, reErrf("bad inline flag: cannot use 'L' flag with a str pattern")
	}
	tr.verbose = tr.flags&reFlagX != 0
	tr.icase = tr.flags&reFlagI != 0
	var prefix string
	if tr.flags&reFlagI != 0 {
		prefix += "i"
	}
	if tr.flags&reFlagS != 0 {
		prefix += "s"
	}
	if prefix != "" {
		tr.out.WriteString("(?" + prefix + ")")
	}
	if err := tr.run(); err != nil {
		return nil, err
	}
	tr.t.expr = tr.out.String()
	aFold := tr.flags&reFlagA != 0 && (tr.flags&reFlagI != 0 || tr.sawIcase)
	if aFold && !isASCII(tr.t.expr) {
		// Python folds only ASCII letters under ASCII|IGNORECASE; RE2
		// folds every letter.
		return nil, reUnsupported("a non-ASCII character in an ASCII|IGNORECASE pattern")
	}
	tr.t.flags = tr.flags
	tr.t.asciiFold = aFold
	return tr.t, nil
}

// globalFlags scans the pattern for inline global flags "(?aiLmsux)".
// Python 3.11 accepts them only at the start; elsewhere it raises.
func (tr *reTranslator) globalFlags() error {
	s := tr.src
	for i := 0; i+2 < len(s); i++ {
		if s[i] == '\\' {
			i++
			continue
		}
		if s[i] == '(' && s[i+1] == '?' {
			j := i + 2
			for j < len(s) && strings.ContainsRune("aiLmsux", s[j]) {
				j++
			}
			if j > i+2 && j < len(s) && s[j] == ')' {
				if i != 0 && !(tr.globalsEnd() == i) {
					return reErrf("global flags not at the start of the expression at position %d", i)
				}
			}
		}
	}
	// Consume leading global flag groups.
	for tr.i+2 < len(s) && s[tr.i] == '(' && s[tr.i+1] == '?' {
		j := tr.i + 2
		f := 0
		for j < len(s) && strings.ContainsRune("aiLmsux", s[j]) {
			f |= reFlagBit(s[j])
			j++
		}
		if j == tr.i+2 || j >= len(s) || s[j] != ')' {
			break
		}
		tr.flags |= f
		tr.i = j + 1
	}
	if tr.flags&reFlagA != 0 && tr.flags&reFlagU != 0 {
		return reErrf("ASCII and UNICODE flags are incompatible")
	}
	return nil
}

// globalsEnd returns the index after the leading run of global flag groups.
func (tr *reTranslator) globalsEnd() int {
	s, i := tr.src, 0
	for i+2 < len(s) && s[i] == '(' && s[i+1] == '?' {
		j := i + 2
		for j < len(s) && strings.ContainsRune("aiLmsux", s[j]) {
			j++
		}
		if j == i+2 || j >= len(s) || s[j] != ')' {
			break
		}
		i = j + 1
	}
	return i
}

func reFlagBit(c rune) int {
	switch c {
	case 'a':
		return reFlagA
	case 'i':
		return reFlagI
	case 'L':
		return reFlagL
	case 'm':
		return reFlagM
	case 's':
		return reFlagS
	case 'u':
		return reFlagU
	case 'x':
		return reFlagX
	}
	return 0
}

func (tr *reTranslator) ascii() bool { return tr.flags&reFlagA != 0 }

// lit writes rune r as a literal safe both inside and outside classes.
func (tr *reTranslator) lit(r rune) {
	if tr.icase && !tr.inClass && !tr.ascii() {
		if g := reExtraFold(r); g != "" {
			tr.out.WriteString("[" + g + "]")
			return
		}
	}
	if r < utf8.RuneSelf && (r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= '0' && r <= '9' || r == '_') {
		tr.out.WriteRune(r)
		return
	}
	if r >= 0x80 && r != utf8.RuneError {
		tr.out.WriteRune(r)
		return
	}
	fmt.Fprintf(&tr.out, `\x{%x}`, r)
}

func (tr *reTranslator) run() error {
	s := tr.src
	for tr.i < len(s) {
		c := s[tr.i]
		start := tr.i
		tr.i++
		switch c {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			if !tr.verbose {
				tr.lit(c)
			}
		case '#':
			if tr.verbose {
				for tr.i < len(s) && s[tr.i] != '\n' {
					tr.i++
				}
			} else {
				tr.lit(c)
			}
		case '\\':
			if err := tr.escape(false); err != nil {
				return err
			}
		case '[':
			if err := tr.class(start); err != nil {
				return err
			}
		case '(':
			if err := tr.group(start); err != nil {
				return err
			}
		case ')':
			if len(tr.open) == 0 {
				return reErrf("unbalanced parenthesis at position %d", start)
			}
			g := tr.open[len(tr.open)-1]
			tr.open = tr.open[:len(tr.open)-1]
			tr.openAt = tr.openAt[:len(tr.openAt)-1]
			tr.icase = tr.icStack[len(tr.icStack)-1]
			tr.icStack = tr.icStack[:len(tr.icStack)-1]
			tr.closes++
			if g > 0 {
				tr.t.closeRank[g] = tr.closes
			}
			tr.out.WriteByte(')')
		case '.', '|':
			tr.out.WriteRune(c)
		case '^':
			if tr.flags&reFlagM != 0 {
				tr.out.WriteString(`(?m:^)`)
			} else {
				tr.out.WriteString(`\A`)
			}
		case '$':
			if tr.flags&reFlagM != 0 {
				tr.out.WriteString(`(?m:$)`)
				break
			}
			// `$` also matches before a final newline. The marker group
			// records that case; the newline it consumed is given back
			// after matching, which is sound only when nothing follows.
			j := tr.i
			for j < len(s) && (s[j] == ')' || tr.verbose && strings.ContainsRune(" \t\n\r\v\f", s[j])) {
				j++
			}
			if j < len(s) && s[j] != '|' && s[j] != '$' {
				return reUnsupported("'$' followed by more pattern (other than ')' or '|')")
			}
			tr.re2n++
			tr.t.markers = append(tr.t.markers, tr.re2n)
			tr.out.WriteString(reDollar)
		case '*', '+', '?':
			if err := tr.repeatable(start); err != nil {
				return err
			}
			tr.out.WriteRune(c)
			if err := tr.quantSuffix(); err != nil {
				return err
			}
		case '{':
			if q, n, ok := reParseBrace(s[tr.i:]); ok {
				if err := tr.repeatable(start); err != nil {
					return err
				}
				tr.out.WriteString(q)
				tr.i += n
				if err := tr.quantSuffix(); err != nil {
					return err
				}
			} else {
				tr.lit('{')
			}
		default:
			tr.lit(c)
		}
	}
	if len(tr.open) > 0 {
		return reErrf("missing ), unterminated subpattern at position %d", tr.openAt[len(tr.openAt)-1])
	}
	return nil
}

// repeatable refuses a quantifier after an anchor, as sre does.
func (tr *reTranslator) repeatable(pos int) error {
	out := tr.out.String()
	if tr.out.Len() == tr.quantEnd {
		return reErrf("multiple repeat at position %d", pos)
	}
	for _, a := range []string{`(?m:^)`, `\A`, `(?m:$)`, reDollar, `\z`, `\b`, `\B`} {
		if strings.HasSuffix(out, a) {
			return reErrf("nothing to repeat at position %d", pos)
		}
	}
	return nil
}

// quantSuffix handles what follows a quantifier: '?' (lazy) passes,
// '+' (possessive, Python 3.11) is refused.
func (tr *reTranslator) quantSuffix() error {
	defer func() { tr.quantEnd = tr.out.Len() }()
	if tr.i < len(tr.src) {
		switch tr.src[tr.i] {
		case '?':
			tr.out.WriteByte('?')
			tr.i++
		case '+':
			return reUnsupported("possessive quantifier")
		}
	}
	return nil
}

// reParseBrace parses "m,n}" after '{'; it returns the RE2 quantifier.
func reParseBrace(s []rune) (string, int, bool) {
	j := 0
	lo, hi := "", ""
	for j < len(s) && s[j] >= '0' && s[j] <= '9' {
		lo += string(s[j])
		j++
	}
	comma := false
	if j < len(s) && s[j] == ',' {
		comma = true
		j++
		for j < len(s) && s[j] >= '0' && s[j] <= '9' {
			hi += string(s[j])
			j++
		}
	}
	if j >= len(s) || s[j] != '}' || (lo == "" && !comma) {
		return "", 0, false
	}
	if lo == "" {
		lo = "0"
	}
	if len(lo) > 6 || len(hi) > 6 {
		return "{" + lo + "," + hi + "}", j + 1, true // RE2 refuses > 1000
	}
	if !comma {
		return "{" + lo + "}", j + 1, true
	}
	return "{" + lo + "," + hi + "}", j + 1, true
}

func (tr *reTranslator) group(start int) error {
	s := tr.src
	tr.lastOpen = start
	if tr.i < len(s) && s[tr.i] == '?' {
		tr.i++
		if tr.i >= len(s) {
			return reErrf("unexpected end of pattern")
		}
		c := s[tr.i]
		switch {
		case c == ':':
			tr.i++
			tr.open = append(tr.open, 0)
			tr.openAt = append(tr.openAt, start)
			tr.icStack = append(tr.icStack, tr.icase)
			tr.out.WriteString("(?:")
			return nil
		case c == 'P' && tr.i+1 < len(s) && s[tr.i+1] == '<', c == '<' && tr.i+1 < len(s) && s[tr.i+1] != '=' && s[tr.i+1] != '!':
			if c == '<' {
				return reErrf("unknown extension ?<%c at position %d", s[tr.i+1], start+1)
			}
			tr.i += 2
			j := tr.i
			for j < len(s) && s[j] != '>' {
				j++
			}
			if j >= len(s) {
				return reErrf("missing >, unterminated name at position %d", tr.i)
			}
			name := string(s[tr.i:j])
			if !reIsIdent(name) {
				return reErrf("bad character in group name %s at position %d", strconv.Quote(name), tr.i)
			}
			if _, dup := tr.t.names[name]; dup {
				return reErrf("redefinition of group name %s as group %d; was group %d at position %d", strconv.Quote(name), tr.t.groups+1, tr.t.names[name], tr.i)
			}
			tr.i = j + 1
			tr.openCapture()
			tr.t.names[name] = tr.t.groups
			tr.t.nameOrder = append(tr.t.nameOrder, name)
			return nil
		case c == 'P' && tr.i+1 < len(s) && s[tr.i+1] == '=':
			return reUnsupported("backreference (?P=name)")
		case c == '=':
			return reUnsupported("lookahead assertion (?=...)")
		case c == '!':
			return reUnsupported("negative lookahead assertion (?!...)")
		case c == '<' && tr.i+1 < len(s) && s[tr.i+1] == '=':
			return reUnsupported("lookbehind assertion (?<=...)")
		case c == '<' && tr.i+1 < len(s) && s[tr.i+1] == '!':
			return reUnsupported("negative lookbehind assertion (?<!...)")
		case c == '(':
			return reUnsupported("conditional group (?(...)...)")
		case c == '>':
			return reUnsupported("atomic group (?>...)")
		case c == '#':
			for tr.i < len(s) && s[tr.i] != ')' {
				tr.i++
			}
			if tr.i >= len(s) {
				return reErrf("missing ), unterminated comment at position %d", start)
			}
			tr.i++
			return nil
		case strings.ContainsRune("aiLmsux-", c):
			j := tr.i
			on, off, neg := "", "", false
			for j < len(s) && strings.ContainsRune("aiLmsux-", s[j]) {
				if s[j] == '-' {
					neg = true
				} else if neg {
					off += string(s[j])
				} else {
					on += string(s[j])
				}
				j++
			}
			if j < len(s) && s[j] == ')' {
				// a global flag group (only valid at the start, consumed there)
				return reErrf("global flags not at the start of the expression at position %d", start)
			}
			if j >= len(s) || s[j] != ':' {
				return reErrf("missing -, : or ) at position %d", j)
			}
			if strings.Trim(on+off, "is") != "" {
				return reUnsupported("scoped inline flags other than i and s")
			}
			tr.i = j + 1
			tr.open = append(tr.open, 0)
			tr.openAt = append(tr.openAt, start)
			tr.icStack = append(tr.icStack, tr.icase)
			if strings.Contains(on, "i") {
				tr.icase = true
				tr.sawIcase = true
			} else if strings.Contains(off, "i") {
				tr.icase = false
			}
			tr.out.WriteString("(?" + on)
			if off != "" {
				tr.out.WriteString("-" + off)
			}
			tr.out.WriteString(":")
			return nil
		default:
			return reErrf("unknown extension ?%c at position %d", c, start+1)
		}
	}
	tr.openCapture()
	return nil
}

func (tr *reTranslator) openCapture() {
	tr.re2n++
	tr.t.groups++
	tr.t.groupMap = append(tr.t.groupMap, tr.re2n)
	tr.t.closeRank = append(tr.t.closeRank, 0)
	tr.open = append(tr.open, tr.t.groups)
	tr.openAt = append(tr.openAt, tr.lastOpen)
	tr.icStack = append(tr.icStack, tr.icase)
	tr.out.WriteByte('(')
}

func reIsIdent(s string) bool {
	if s == "" {
		return false
	}
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r >= 0x80 && reIsWordRune(r) || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// escape translates the escape after a backslash. In a class, it writes
// class items; the returned error refuses what cannot be expressed.
func (tr *reTranslator) escape(inClass bool) error {
	s := tr.src
	if tr.i >= len(s) {
		return reErrf("bad escape (end of pattern) at position %d", tr.i-1)
	}
	c := s[tr.i]
	tr.i++
	pos := tr.i - 2
	switch c {
	case 'd':
		tr.openShorthand(inClass)
		if tr.ascii() {
			tr.out.WriteString(`0-9`)
		} else {
			tr.out.WriteString(`\p{Nd}`)
		}
		tr.closeShorthand(inClass)
	case 'D':
		if tr.ascii() {
			tr.out.WriteString(`\D`)
		} else {
			tr.out.WriteString(`\P{Nd}`)
		}
	case 'w':
		tr.openShorthand(inClass)
		if tr.ascii() {
			tr.out.WriteString(`0-9A-Za-z_`)
		} else {
			tr.out.WriteString(`\p{L}\p{N}_`)
		}
		tr.closeShorthand(inClass)
	case 's':
		tr.openShorthand(inClass)
		if tr.ascii() {
			tr.out.WriteString(reASCIISpace)
		} else {
			tr.out.WriteString(reUniSpace)
		}
		tr.closeShorthand(inClass)
	case 'W', 'S':
		if inClass {
			return errNegShorthand // handled by class()
		}
		if c == 'W' {
			if tr.ascii() {
				tr.out.WriteString(`[^0-9A-Za-z_]`)
			} else {
				tr.out.WriteString(`[^\p{L}\p{N}_]`)
			}
		} else if tr.ascii() {
			tr.out.WriteString(`[^` + reASCIISpace + `]`)
		} else {
			tr.out.WriteString(`[^` + reUniSpace + `]`)
		}
	case 'A':
		if inClass {
			return reErrf("bad escape \\A at position %d", pos)
		}
		tr.out.WriteString(`\A`)
	case 'Z':
		if inClass {
			return reErrf("bad escape \\Z at position %d", pos)
		}
		tr.out.WriteString(`\z`)
	case 'b':
		if inClass {
			tr.lit('\b')
		} else {
			tr.t.wordBound = true
			tr.out.WriteString(`\b`)
		}
	case 'B':
		if inClass {
			return reErrf("bad escape \\B at position %d", pos)
		}
		tr.t.wordBound = true
		tr.t.nonBound = true
		tr.out.WriteString(`\B`)
	case 'n':
		tr.lit('\n')
	case 't':
		tr.lit('\t')
	case 'r':
		tr.lit('\r')
	case 'f':
		tr.lit('\f')
	case 'v':
		tr.lit('\v')
	case 'a':
		tr.lit('\a')
	case 'x', 'u', 'U':
		n := map[rune]int{'x': 2, 'u': 4, 'U': 8}[c]
		if tr.i+n > len(s) {
			return reErrf("incomplete escape \\%c at position %d", c, pos)
		}
		v, err := strconv.ParseUint(string(s[tr.i:tr.i+n]), 16, 32)
		if err != nil || strings.ContainsAny(string(s[tr.i:tr.i+n]), "+-") {
			return reErrf("incomplete escape \\%c%s at position %d", c, string(s[tr.i:tr.i+n]), pos)
		}
		if v > 0x10FFFF {
			return reErrf("bad escape \\%c%s at position %d", c, string(s[tr.i:tr.i+n]), pos)
		}
		tr.i += n
		tr.lit(rune(v))
	case 'N':
		return reUnsupported(`named character escape \N{...}`)
	case '0':
		v := 0
		for k := 0; k < 2 && tr.i < len(s) && s[tr.i] >= '0' && s[tr.i] <= '7'; k++ {
			v = v*8 + int(s[tr.i]-'0')
			tr.i++
		}
		tr.lit(rune(v))
	default:
		if c >= '1' && c <= '9' {
			// three octal digits are an octal escape; otherwise a backreference
			if tr.i+1 < len(s) && c <= '7' && s[tr.i] >= '0' && s[tr.i] <= '7' && s[tr.i+1] >= '0' && s[tr.i+1] <= '7' {
				v := int(c-'0')*64 + int(s[tr.i]-'0')*8 + int(s[tr.i+1]-'0')
				if v > 0o377 {
					return reErrf("octal escape value \\%c%c%c outside of range 0-0o377 at position %d", c, s[tr.i], s[tr.i+1], pos)
				}
				tr.i += 2
				tr.lit(rune(v))
				return nil
			}
			if inClass {
				return reErrf("bad escape \\%c at position %d", c, pos)
			}
			return reUnsupported(`backreference \` + string(c))
		}
		if c < 0x80 && (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
			return reErrf("bad escape \\%c at position %d", c, pos)
		}
		tr.lit(c)
	}
	return nil
}

var errNegShorthand = &reSyntaxError{"negated shorthand in class"}

func (tr *reTranslator) openShorthand(inClass bool) {
	if !inClass {
		tr.out.WriteByte('[')
	}
}

func (tr *reTranslator) closeShorthand(inClass bool) {
	if !inClass {
		tr.out.WriteByte(']')
	}
}

// reExtraFolds are the case-insensitive equivalences CPython's sre has
// (lowercase mapping plus its extra cases) that Go's simple folding lacks.
var reExtraFolds = []string{"iI\u0130\u0131", "\u0390\u1fd3", "\u03b0\u1fe3", "\ufb05\ufb06"}

func reExtraFold(r rune) string {
	for _, g := range reExtraFolds {
		if strings.ContainsRune(g, r) {
			return g
		}
	}
	return ""
}

// classFolds adds the extra equivalents of any member of the class body.
func (tr *reTranslator) classFolds(body string) string {
	if !tr.icase || tr.ascii() || body == "" {
		return body
	}
	re, err := regexp.Compile(`\A(?i:[` + body + `])\z`)
	if err != nil {
		return body // the class is invalid: RE2 reports it
	}
	for _, g := range reExtraFolds {
		for _, r := range g {
			if re.MatchString(string(r)) {
				body += g
				break
			}
		}
	}
	return body
}

// class translates a character class; '[' has been consumed.
func (tr *reTranslator) class(start int) error {
	tr.inClass = true
	defer func() { tr.inClass = false }()
	s := tr.src
	saved := tr.out.String()
	tr.out.Reset()
	neg := false
	if tr.i < len(s) && s[tr.i] == '^' {
		neg = true
		tr.i++
	}
	var extra []string // negated shorthands (\W, \S) as alternatives
	first := true
	var negSets []string                // [^\S...]: the finite sets a match must be in
	prevItem, prevShort := false, false // an item precedes; it was a shorthand (\d, \W, ...)
	for {
		if tr.i >= len(s) {
			return reErrf("unterminated character set at position %d", start)
		}
		c := s[tr.i]
		if c == ']' && !first {
			tr.i++
			break
		}
		first = false
		tr.i++
		had := prevItem
		prevItem = true
		switch c {
		case '\\':
			prevShort = tr.i < len(s) && strings.ContainsRune("dDwWsS", s[tr.i])
			if tr.i < len(s) && (s[tr.i] == 'W' || s[tr.i] == 'S') {
				k := s[tr.i]
				if neg {
					// [^\S...] is the whitespace not in the rest: a finite
					// set (so is ASCII \w for [^\W...]).
					if k == 'W' && !tr.ascii() {
						return reUnsupported(`\W inside a negated character class (without re.A)`)
					}
					negSets = append(negSets, reFiniteSet(k, tr.ascii()))
					tr.i++
					continue
				}
				tr.i++
				switch {
				case k == 'W' && tr.ascii():
					extra = append(extra, `[^0-9A-Za-z_]`)
				case k == 'W':
					extra = append(extra, `[^\p{L}\p{N}_]`)
				case tr.ascii():
					extra = append(extra, `[^`+reASCIISpace+`]`)
				default:
					extra = append(extra, `[^`+reUniSpace+`]`)
				}
				continue
			}
			if err := tr.escape(true); err != nil {
				return err
			}
		case '-':
			if had && tr.i < len(s) && s[tr.i] != ']' && (prevShort ||
				s[tr.i] == '\\' && tr.i+1 < len(s) && strings.ContainsRune("dDwWsS", s[tr.i+1])) {
				return reErrf("bad character range at position %d", tr.i-2)
			}
			prevShort = false
			tr.out.WriteString(`\-`)
			// a range: the previous literal and the next one
			if str := tr.out.String(); had && len(str) > 2 && tr.i < len(s) && s[tr.i] != ']' {
				tr.out.Reset()
				tr.out.WriteString(str[:len(str)-2] + "-")
				if s[tr.i] == '\\' {
					tr.i++
					if err := tr.escape(true); err != nil {
						return err
					}
				} else {
					tr.lit(s[tr.i])
					tr.i++
				}
				prevItem = false // "a-c-e": the second '-' is a literal
			}
		default:
			prevShort = false
			tr.lit(c)
		}
	}
	body := tr.classFolds(tr.out.String())
	tr.out.Reset()
	tr.out.WriteString(saved)
	if len(negSets) > 0 {
		tr.out.WriteString(tr.negClass(body, negSets))
		return nil
	}
	switch {
	case body == "" && len(extra) == 0:
		if neg {
			tr.out.WriteString(`(?s:.)`)
		} else {
			tr.out.WriteString(`[^\x00-\x{10FFFF}]`)
		}
	case len(extra) == 0:
		if neg {
			tr.out.WriteString("[^" + body + "]")
		} else {
			tr.out.WriteString("[" + body + "]")
		}
	default:
		tr.out.WriteString("(?:")
		if body != "" {
			tr.out.WriteString("[" + body + "]|")
		}
		tr.out.WriteString(strings.Join(extra, "|") + ")")
	}
	return nil
}

// reFiniteSet lists the characters of \s (or ASCII \w) for k 'S' ('W').
func reFiniteSet(k rune, ascii bool) string {
	if k == 'W' {
		return "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz_"
	}
	set := "\t\n\v\f\r "
	if !ascii {
		set += "\x1c\x1d\x1e\x1f\u0085\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000"
	}
	return set
}

// negClass builds [^...] holding negated shorthands: the characters in
// every one of sets (their complements' complements) that the rest of
// the class (body) does not match.
func (tr *reTranslator) negClass(body string, sets []string) string {
	var rest *regexp.Regexp
	if body != "" {
		fl := ""
		if tr.icase {
			fl = "(?i)"
		}
		var err error
		if rest, err = regexp.Compile(`\A` + fl + `[` + body + `]\z`); err != nil {
			return "[" + body // invalid: let RE2 report it
		}
	}
	var out strings.Builder
	for _, r := range sets[0] {
		in := true
		for _, other := range sets[1:] {
			in = in && strings.ContainsRune(other, r)
		}
		if in && (rest == nil || !rest.MatchString(string(r))) {
			fmt.Fprintf(&out, `\x{%x}`, r)
		}
	}
	if out.Len() == 0 {
		return reNever
	}
	return "[" + out.String() + "]"
}

// reCheckRepeats refuses a repeated subpattern that can match the empty
// string and holds a capture group: sre and RE2 then disagree on what
// the group captured (sre records an empty last iteration, RE2 does not
// iterate on an empty match).
func reCheckRepeats(expr string, markers []int) error {
	re, err := syntax.Parse(expr, syntax.Perl)
	if err != nil {
		return nil // regexp.Compile reports it
	}
	if reBadRepeat(re, markers, 0) {
		return reUnsupported("a repeated group that can match the empty string and contains a capture group")
	}
	return nil
}

func reBadRepeat(re *syntax.Regexp, markers []int, depth int) bool {
	if depth > 1000 {
		return true
	}
	// Only unbounded repeats differ (measured against CPython): `?` and
	// bounded counts record the same groups in both engines.
	if re.Op == syntax.OpStar || re.Op == syntax.OpPlus || re.Op == syntax.OpRepeat && re.Max < 0 {
		if reHasCapture(re.Sub[0], markers, 0) && reNullable(re.Sub[0], 0) {
			return true
		}
	}
	for _, s := range re.Sub {
		if reBadRepeat(s, markers, depth+1) {
			return true
		}
	}
	return false
}

func reHasCapture(re *syntax.Regexp, markers []int, depth int) bool {
	if re.Op == syntax.OpCapture && !slices.Contains(markers, re.Cap) || depth > 1000 {
		return true
	}
	for _, s := range re.Sub {
		if reHasCapture(s, markers, depth+1) {
			return true
		}
	}
	return false
}

func reNullable(re *syntax.Regexp, depth int) bool {
	if depth > 1000 {
		return true
	}
	switch re.Op {
	case syntax.OpEmptyMatch, syntax.OpBeginLine, syntax.OpEndLine, syntax.OpBeginText, syntax.OpEndText,
		syntax.OpWordBoundary, syntax.OpNoWordBoundary, syntax.OpStar, syntax.OpQuest:
		return true
	case syntax.OpLiteral:
		return len(re.Rune) == 0
	case syntax.OpCapture, syntax.OpPlus:
		return reNullable(re.Sub[0], depth+1)
	case syntax.OpRepeat:
		return re.Min == 0 || reNullable(re.Sub[0], depth+1)
	case syntax.OpConcat:
		for _, s := range re.Sub {
			if !reNullable(s, depth+1) {
				return false
			}
		}
		return true
	case syntax.OpAlternate:
		for _, s := range re.Sub {
			if reNullable(s, depth+1) {
				return true
			}
		}
		return false
	}
	return false
}
