package syntax

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"
	"unicode"
	"unicode/utf8"
)

// Limits that keep hostile input from exhausting the stack; they match
// CPython's tokenizer (MAXLEVEL and MAXINDENT).
const (
	// MaxNesting is the deepest bracket nesting accepted.
	MaxNesting = 200
	// MaxIndent is the deepest indentation accepted.
	MaxIndent = 100
	// maxExprDepth bounds the nesting of expressions, whether built by
	// recursion (-----x, not not x, lambdas, conditionals) or by chains
	// (a+b+c..., a.b.c...), so that every pass over the tree recurses a
	// bounded depth. CPython 3.11 fails with RecursionError somewhere below
	// 10,000 levels.
	maxExprDepth = 2500
)

// A token is one lexical token. Literal tokens carry their value. The
// struct is kept small because a whole file is scanned before parsing;
// rarely used fields live in x.
type token struct {
	kind      Token
	level     uint8   // bracket nesting before the token (at most MaxNesting)
	line, col int32   // position of the first character
	file      *string // file name, shared by all tokens of a scan
	off, end  int     // byte offsets of the token in the source
	text      string  // NAME: the identifier; STRING, BYTES: the decoded value
	ival      int64   // INT that fits in int64
	fval      float64 // FLOAT, IMAG
	x         *tokExtra
}

// tokExtra holds the fields of a few token kinds.
type tokExtra struct {
	big    *big.Int // INT that does not fit in int64
	err    *Error   // ILLEGAL: the scanning error
	direct bool     // err wins over an earlier grammar error (see softError)

	// FSTRING: the body (between the quotes) and where it starts.
	fsBody    int      // byte offset of the body
	fsEnd     int      // byte offset of the closing quote
	fsBodyPos Position // position of the body's first character
	fsRaw     bool     // rf / fr prefix
}

// Pos returns the position of the token's first character.
func (t *token) Pos() Position {
	return Position{File: *t.file, Line: int(t.line), Col: int(t.col)}
}

// bigVal returns the value of an INT that does not fit in int64, or nil.
func (t *token) bigVal() *big.Int {
	if t.x == nil {
		return nil
	}
	return t.x.big
}

// err returns the scanning error of an ILLEGAL token.
func (t *token) err() *Error {
	if t.x == nil {
		return nil
	}
	return t.x.err
}

// A scanner turns source bytes into tokens, INDENT and DEDENT included.
// It stops at the first error, which it reports as an ILLEGAL token
// followed by EOF, so that a parser error earlier in the file wins, as with
// CPython's lazy tokenizer.
type scanner struct {
	file string
	fptr *string // &file, shared by the tokens
	src  []byte
	off  int // read offset
	end  int // scanning stops here
	line int
	col  int // 1-based column (code points) of src[off]

	indents    []indent // indentation stack; starts with column 0
	brackets   []bracket
	level      int  // len(brackets) before the current token
	lineStart  bool // at the start of a logical line (indentation pending)
	lineHasTok bool // the current logical line has produced a token
	fstring    bool // scanning an f-string replacement field expression

	toks []token
}

type indent struct{ col, alt int } // col with tabs to 8, alt with tabs as 1

type bracket struct {
	ch  byte
	pos Position
}

// newScanner prepares to scan src[start:end], whose first byte is at
// line:col. fstringExpr selects the mode for an f-string replacement field:
// no indentation, newlines ignored as inside brackets.
func newScanner(file string, src []byte, start, end, line, col int, fstringExpr bool) *scanner {
	s := &scanner{file: file, src: src, off: start, end: end, line: line, col: col,
		indents: []indent{{0, 0}}, lineStart: !fstringExpr, fstring: fstringExpr}
	s.fptr = &s.file
	// About one token per four bytes of typical Python.
	s.toks = make([]token, 0, (end-start)/4+8)
	return s
}

// scanAll returns every token up to and including EOF.
func (s *scanner) scanAll() (toks []token) {
	defer func() {
		if r := recover(); r != nil {
			direct := true
			e, ok := r.(*Error)
			if d, isSoft := r.(softError); isSoft {
				e, ok, direct = d.Error, true, false
			}
			if !ok {
				panic(r)
			}
			s.toks = append(s.toks, s.tok(ILLEGAL, e.Pos, s.off))
			s.toks[len(s.toks)-1].x = &tokExtra{err: e, direct: direct}
			s.toks = append(s.toks, s.tok(EOF, e.Pos, s.off))
			toks = s.toks
		}
	}()
	for {
		s.next()
		if n := len(s.toks); n > 0 && s.toks[n-1].kind == EOF {
			return s.toks
		}
	}
}

func (s *scanner) pos() Position { return Position{File: s.file, Line: s.line, Col: s.col} }

// errorf stops scanning with an error at p.
func (s *scanner) errorf(kind string, p Position, format string, args ...any) {
	panic(&Error{Pos: p, Kind: kind, Msg: fmt.Sprintf(format, args...)})
}

// softError is a scanning error that CPython's tokenizer does not raise by
// itself (indentation, line continuation and end-of-input errors) or that
// CPython raises only while parsing the literal (escape errors). Unlike
// the others it does not win over a grammar error earlier in the file.
type softError struct{ *Error }

// softErrorf stops scanning with a softError at p.
func (s *scanner) softErrorf(kind string, p Position, format string, args ...any) {
	panic(softError{&Error{Pos: p, Kind: kind, Msg: fmt.Sprintf(format, args...)}})
}

func (s *scanner) peekByte(i int) byte {
	if s.off+i < s.end {
		return s.src[s.off+i]
	}
	return 0
}

// advance moves past one byte, keeping line and column.
func (s *scanner) advance() {
	c := s.src[s.off]
	s.off++
	if c == '\n' {
		s.line++
		s.col = 1
	} else if c&0xC0 != 0x80 {
		s.col++
	}
}

// tok makes a token of kind at p spanning off..s.off.
func (s *scanner) tok(kind Token, p Position, off int) token {
	return token{kind: kind, level: uint8(s.level), line: int32(p.Line), col: int32(p.Col), file: s.fptr, off: off, end: s.off}
}

func (s *scanner) emit(kind Token, p Position, off int) *token {
	s.toks = append(s.toks, s.tok(kind, p, off))
	s.lineHasTok = true
	return &s.toks[len(s.toks)-1]
}

// next scans one or more tokens (a line start may produce several DEDENTs).
func (s *scanner) next() {
	if s.lineStart {
		if s.scanIndent() {
			return
		}
	}
	// Skip blanks, comments and continuation lines.
	for s.off < s.end {
		c := s.src[s.off]
		switch {
		case c == ' ' || c == '\t' || c == '\f':
			s.advance()
			continue
		case c == '#':
			// The NEWLINE of a line ending in a comment is reported where
			// the comment starts, as CPython does.
			p, off := s.pos(), s.off
			for s.off < s.end && s.src[s.off] != '\n' {
				s.advance()
			}
			if s.lineHasTok && len(s.brackets) == 0 && !s.fstring && s.off < s.end {
				s.advance()
				s.emit(NEWLINE, p, off)
				s.lineHasTok = false
				s.lineStart = true
				return
			}
			continue
		case c == '\\':
			p := s.pos()
			s.advance()
			if s.off >= s.end {
				if s.fstring {
					s.errorf(KindSyntax, p, "f-string expression part cannot include a backslash")
				}
				s.softErrorf(KindSyntax, s.pos(), "unexpected EOF while parsing")
			}
			if s.src[s.off] != '\n' {
				if s.fstring {
					s.errorf(KindSyntax, p, "f-string expression part cannot include a backslash")
				}
				s.softErrorf(KindSyntax, s.pos(), "unexpected character after line continuation character")
			}
			s.advance()
			if s.off >= s.end && !s.fstring {
				s.softErrorf(KindSyntax, s.pos(), "unexpected EOF while parsing")
			}
			continue
		case c == '\n':
			if len(s.brackets) > 0 || s.fstring {
				s.advance()
				continue
			}
			p := s.pos()
			off := s.off
			s.advance()
			s.lineStart = true
			if s.lineHasTok {
				s.emit(NEWLINE, p, off)
				s.lineHasTok = false
				return
			}
			if s.scanIndent() {
				return
			}
			continue
		}
		break
	}
	if s.off >= s.end {
		s.eof()
		return
	}
	s.scanToken()
}

// eof emits the tokens that end the input: NEWLINE, DEDENTs and EOF.
func (s *scanner) eof() {
	p := s.pos()
	if len(s.brackets) > 0 && !s.fstring {
		b := s.brackets[len(s.brackets)-1]
		s.softErrorf(KindSyntax, b.pos, "'%c' was never closed", b.ch)
	}
	if s.lineHasTok && !s.fstring {
		s.emit(NEWLINE, p, s.off)
		s.lineHasTok = false
	}
	for len(s.indents) > 1 {
		s.indents = s.indents[:len(s.indents)-1]
		s.toks = append(s.toks, s.tok(DEDENT, p, s.off))
	}
	s.toks = append(s.toks, s.tok(EOF, p, s.off))
}

// scanIndent measures the indentation of the line that starts at s.off,
// skipping blank and comment-only lines, and emits INDENT or DEDENTs. It
// reports whether it emitted a token.
func (s *scanner) scanIndent() bool {
	for {
		s.lineStart = false
		col, alt := 0, 0
		lineOff := s.off
		for s.off < s.end {
			switch s.src[s.off] {
			case ' ':
				col++
				alt++
			case '\t':
				col = (col/8 + 1) * 8
				alt++
			case '\f':
				col, alt = 0, 0
			default:
				goto measured
			}
			s.advance()
		}
	measured:
		if s.off >= s.end {
			return false // eof() handles the end
		}
		c := s.src[s.off]
		if c == '#' || c == '\n' {
			// A blank or comment-only line: no indentation change.
			for s.off < s.end && s.src[s.off] != '\n' {
				s.advance()
			}
			if s.off < s.end {
				s.advance()
				continue
			}
			return false
		}
		top := s.indents[len(s.indents)-1]
		p := s.pos()
		switch {
		case col == top.col:
			if alt != top.alt {
				s.softErrorf(KindTab, Position{File: s.file, Line: s.line, Col: 1}, "inconsistent use of tabs and spaces in indentation")
			}
			return false
		case col > top.col:
			if alt <= top.alt {
				s.softErrorf(KindTab, Position{File: s.file, Line: s.line, Col: 1}, "inconsistent use of tabs and spaces in indentation")
			}
			if len(s.indents) >= MaxIndent {
				s.softErrorf(KindIndentation, p, "too many levels of indentation")
			}
			s.indents = append(s.indents, indent{col, alt})
			// CPython reports an unexpected indent at the last indentation
			// character.
			ip := p
			if ip.Col > 1 {
				ip.Col--
			}
			s.toks = append(s.toks, s.tok(INDENT, ip, s.off))
			return true
		default:
			n := 0
			for len(s.indents) > 1 && col < s.indents[len(s.indents)-1].col {
				s.indents = s.indents[:len(s.indents)-1]
				n++
			}
			top = s.indents[len(s.indents)-1]
			if col != top.col {
				s.softErrorf(KindIndentation, s.lineEndPos(lineOff), "unindent does not match any outer indentation level")
			}
			if alt != top.alt {
				s.softErrorf(KindTab, Position{File: s.file, Line: s.line, Col: 1}, "inconsistent use of tabs and spaces in indentation")
			}
			for i := 0; i < n; i++ {
				s.toks = append(s.toks, s.tok(DEDENT, p, s.off))
			}
			return true
		}
	}
}

// lineEndPos is the position just past the end of the line starting at
// lineOff, where CPython reports indentation errors.
func (s *scanner) lineEndPos(lineOff int) Position {
	i := lineOff
	for i < s.end && s.src[i] != '\n' {
		i++
	}
	return Position{File: s.file, Line: s.line, Col: utf8.RuneCount(s.src[lineOff:i]) + 1}
}

func isIdentStart(r rune) bool {
	return r == '_' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z' ||
		r >= 0x80 && (unicode.IsLetter(r) || unicode.Is(unicode.Nl, r) || unicode.Is(unicode.Other_ID_Start, r))
}

func isIdentPart(r rune) bool {
	return isIdentStart(r) || '0' <= r && r <= '9' ||
		r >= 0x80 && (unicode.In(r, unicode.Mn, unicode.Mc, unicode.Nd, unicode.Pc) || unicode.Is(unicode.Other_ID_Continue, r))
}

// peekRune decodes the rune at s.off+i.
func (s *scanner) peekRune(i int) (rune, int) {
	if s.off+i >= s.end {
		return -1, 0
	}
	c := s.src[s.off+i]
	if c < utf8.RuneSelf {
		return rune(c), 1
	}
	return utf8.DecodeRune(s.src[s.off+i : s.end])
}

func (s *scanner) scanToken() {
	p := s.pos()
	off := s.off
	s.level = len(s.brackets)
	c := s.src[off]

	// Identifiers, keywords, and string prefixes.
	if r, size := s.peekRune(0); isIdentStart(r) {
		for {
			s.off += size
			s.col++
			r, size = s.peekRune(0)
			if !isIdentPart(r) {
				break
			}
		}
		word := string(s.src[off:s.off])
		if q := s.peekByte(0); (q == '\'' || q == '"') && len(word) <= 2 {
			if prefix, ok := stringPrefix(word); ok {
				s.scanString(p, off, prefix)
				return
			}
		}
		if kw, ok := keywords[word]; ok {
			s.emit(kw, p, off)
			return
		}
		t := s.emit(NAME, p, off)
		t.text = word
		return
	} else if r >= utf8.RuneSelf || c == 0 {
		if r == utf8.RuneError && size <= 1 {
			s.errorf(KindSyntax, p, "invalid UTF-8 byte 0x%02x in source", c)
		}
		if c == 0 {
			s.errorf(KindSyntax, p, "source code cannot contain null bytes")
		}
		s.errorf(KindSyntax, p, "invalid character '%c' (U+%04X)", r, r)
	}

	if '0' <= c && c <= '9' || c == '.' && '0' <= s.peekByte(1) && s.peekByte(1) <= '9' {
		s.scanNumber(p, off)
		return
	}
	if c == '"' || c == '\'' {
		s.scanString(p, off, "")
		return
	}

	s.advance()
	c1 := s.peekByte(0)
	c2 := s.peekByte(1)
	kind := ILLEGAL
	two := func(k Token) { s.advance(); kind = k }
	three := func(k Token) { s.advance(); s.advance(); kind = k }
	switch c {
	case '(', '[', '{':
		if len(s.brackets) >= MaxNesting {
			s.errorf(KindSyntax, p, "too many nested parentheses")
		}
		s.brackets = append(s.brackets, bracket{c, p})
		kind = bracketTokens[c]
	case ')', ']', '}':
		if len(s.brackets) == 0 {
			s.errorf(KindSyntax, p, "unmatched '%c'", c)
		}
		open := s.brackets[len(s.brackets)-1]
		if want := closing(open.ch); want != c {
			if open.pos.Line != p.Line {
				s.errorf(KindSyntax, p, "closing parenthesis '%c' does not match opening parenthesis '%c' on line %d", c, open.ch, open.pos.Line)
			}
			s.errorf(KindSyntax, p, "closing parenthesis '%c' does not match opening parenthesis '%c'", c, open.ch)
		}
		s.brackets = s.brackets[:len(s.brackets)-1]
		kind = bracketTokens[c]
	case ',':
		kind = COMMA
	case ';':
		kind = SEMI
	case '~':
		kind = TILDE
	case '.':
		if c1 == '.' && c2 == '.' {
			three(ELLIPSIS)
		} else {
			kind = DOT
		}
	case ':':
		if c1 == '=' {
			two(COLONEQ)
		} else {
			kind = COLON
		}
	case '+':
		kind = PLUS
		if c1 == '=' {
			two(PLUS_EQ)
		}
	case '-':
		kind = MINUS
		if c1 == '=' {
			two(MINUS_EQ)
		} else if c1 == '>' {
			two(ARROW)
		}
	case '*':
		kind = STAR
		if c1 == '*' {
			if c2 == '=' {
				three(STARSTAR_EQ)
			} else {
				two(STARSTAR)
			}
		} else if c1 == '=' {
			two(STAR_EQ)
		}
	case '/':
		kind = SLASH
		if c1 == '/' {
			if c2 == '=' {
				three(SLASHSLASH_EQ)
			} else {
				two(SLASHSLASH)
			}
		} else if c1 == '=' {
			two(SLASH_EQ)
		}
	case '%':
		kind = PERCENT
		if c1 == '=' {
			two(PERCENT_EQ)
		}
	case '@':
		kind = AT
		if c1 == '=' {
			two(AT_EQ)
		}
	case '&':
		kind = AMP
		if c1 == '=' {
			two(AMP_EQ)
		}
	case '|':
		kind = PIPE
		if c1 == '=' {
			two(PIPE_EQ)
		}
	case '^':
		kind = CIRCUMFLEX
		if c1 == '=' {
			two(CIRCUMFLEX_EQ)
		}
	case '<':
		kind = LT
		if c1 == '<' {
			if c2 == '=' {
				three(LTLT_EQ)
			} else {
				two(LTLT)
			}
		} else if c1 == '=' {
			two(LE)
		} else if c1 == '>' {
			// Python 2's <> (only legal under barry_as_FLUFL).
			s.errorf(KindSyntax, p, "invalid syntax")
		}
	case '>':
		kind = GT
		if c1 == '>' {
			if c2 == '=' {
				three(GTGT_EQ)
			} else {
				two(GTGT)
			}
		} else if c1 == '=' {
			two(GE)
		}
	case '=':
		kind = EQ
		if c1 == '=' {
			two(EQL)
		}
	case '!':
		if c1 == '=' {
			two(NEQ)
		} else if s.fstring {
			kind = BANG
		}
	}
	if kind == ILLEGAL {
		if c == '$' || c == '?' || c == '`' || c == '!' {
			s.errorf(KindSyntax, p, "invalid syntax")
		}
		if c < ' ' || c == 0x7f {
			s.errorf(KindSyntax, p, "invalid non-printable character U+%04X", c)
		}
		s.errorf(KindSyntax, p, "invalid character '%c' (U+%04X)", c, c)
	}
	s.emit(kind, p, off)
}

var bracketTokens = [256]Token{'(': LPAREN, '[': LBRACK, '{': LBRACE, ')': RPAREN, ']': RBRACK, '}': RBRACE}

func closing(open byte) byte {
	switch open {
	case '(':
		return ')'
	case '[':
		return ']'
	}
	return '}'
}

// stringPrefix reports whether word is a string prefix and returns it in
// lower case.
func stringPrefix(word string) (string, bool) {
	w := strings.ToLower(word)
	switch w {
	case "r", "u", "b", "br", "rb", "f", "fr", "rf":
		return w, true
	}
	return "", false
}

// scanNumber scans an int, float or imaginary literal starting at off.
func (s *scanner) scanNumber(p Position, off int) {
	isDigit := func(c byte, base int) bool {
		switch base {
		case 2:
			return c == '0' || c == '1'
		case 8:
			return '0' <= c && c <= '7'
		case 10:
			return '0' <= c && c <= '9'
		}
		return '0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F'
	}
	// digits scans digits of base with single underscores between them;
	// it returns false after "_" not followed by a digit.
	digits := func(base int) bool {
		for {
			for isDigit(s.peekByte(0), base) {
				s.advance()
			}
			if s.peekByte(0) != '_' {
				return true
			}
			s.advance()
			if !isDigit(s.peekByte(0), base) {
				return false
			}
		}
	}
	c := s.src[off]
	if c == '0' {
		if b := s.peekByte(1) | 0x20; b == 'x' || b == 'o' || b == 'b' {
			base, name := 16, "hexadecimal"
			if b == 'o' {
				base, name = 8, "octal"
			} else if b == 'b' {
				base, name = 2, "binary"
			}
			s.advance()
			s.advance()
			if s.peekByte(0) == '_' {
				s.advance()
			}
			if !isDigit(s.peekByte(0), base) {
				if d := s.peekByte(0); base < 10 && '0' <= d && d <= '9' {
					s.errorf(KindSyntax, s.pos(), "invalid digit '%c' in %s literal", d, name)
				}
				s.errorf(KindSyntax, s.prevPos(), "invalid %s literal", name)
			}
			if !digits(base) {
				s.errorf(KindSyntax, s.prevPos(), "invalid %s literal", name)
			}
			if d := s.peekByte(0); base < 10 && '0' <= d && d <= '9' {
				s.errorf(KindSyntax, s.pos(), "invalid digit '%c' in %s literal", d, name)
			}
			s.endOfNumber(name)
			text := strings.ReplaceAll(string(s.src[off+2:s.off]), "_", "")
			s.emitInt(p, off, text, base)
			return
		}
	}
	isFloat := false
	if c != '.' {
		if !digits(10) {
			s.errorf(KindSyntax, s.prevPos(), "invalid decimal literal")
		}
	}
	if s.peekByte(0) == '.' {
		isFloat = true
		s.advance()
		if isDigit(s.peekByte(0), 10) && !digits(10) {
			s.errorf(KindSyntax, s.prevPos(), "invalid decimal literal")
		}
	}
	if e := s.peekByte(0) | 0x20; e == 'e' {
		// An exponent only if digits follow; "1else" is 1 else.
		save, saveCol := s.off, s.col
		s.advance()
		if sg := s.peekByte(0); sg == '+' || sg == '-' {
			s.advance()
		}
		if !isDigit(s.peekByte(0), 10) {
			s.off, s.col = save, saveCol
			if e := s.peekByte(1); e == 'l' && s.peekByte(2) == 's' {
				// "1else": the number ends before "else".
			} else {
				s.advance()
				s.errorf(KindSyntax, s.pos(), "invalid decimal literal")
			}
		} else {
			isFloat = true
			if !digits(10) {
				s.errorf(KindSyntax, s.prevPos(), "invalid decimal literal")
			}
		}
	}
	text := strings.ReplaceAll(string(s.src[off:s.off]), "_", "")
	if j := s.peekByte(0) | 0x20; j == 'j' {
		s.advance()
		s.endOfNumber("imaginary")
		v, _ := strconv.ParseFloat(text, 64)
		t := s.emit(IMAG, p, off)
		t.fval = v
		return
	}
	s.endOfNumber("decimal")
	if isFloat {
		v, err := strconv.ParseFloat(text, 64)
		if err != nil && !isRangeErr(err) {
			s.errorf(KindSyntax, p, "invalid decimal literal")
		}
		t := s.emit(FLOAT, p, off)
		t.fval = v
		return
	}
	if len(text) > 1 && text[0] == '0' && strings.Trim(text, "0") != "" {
		s.errorf(KindSyntax, p, "leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers")
	}
	s.emitInt(p, off, text, 10)
}

func isRangeErr(err error) bool {
	ne, ok := err.(*strconv.NumError)
	return ok && ne.Err == strconv.ErrRange
}

// endOfNumber rejects a number run into a name ("1abc"), allowing the
// keywords CPython 3.11 still accepts there ("1if x else 2").
func (s *scanner) endOfNumber(kind string) {
	r, _ := s.peekRune(0)
	if !isIdentPart(r) {
		return
	}
	for _, kw := range []string{"and", "else", "for", "if", "in", "is", "not", "or"} {
		if s.off+len(kw) <= s.end && string(s.src[s.off:s.off+len(kw)]) == kw {
			return
		}
	}
	// CPython points at the last character of the number.
	s.errorf(KindSyntax, s.prevPos(), "invalid %s literal", kind)
}

// prevPos is the position of the character before s.off on the same line.
func (s *scanner) prevPos() Position {
	p := s.pos()
	if p.Col > 1 {
		p.Col--
	}
	return p
}

func (s *scanner) emitInt(p Position, off int, digits string, base int) {
	t := s.emit(INT, p, s.off)
	t.off = off
	if v, err := strconv.ParseInt(digits, base, 64); err == nil {
		t.ival = v
		return
	}
	b, ok := new(big.Int).SetString(digits, base)
	if !ok {
		s.errorf(KindSyntax, p, "invalid decimal literal")
	}
	if b.IsInt64() {
		t.ival = b.Int64()
		return
	}
	t.x = &tokExtra{big: b}
}

// scanString scans a string literal whose prefix (lower case) has been
// consumed; s.off is at the opening quote.
func (s *scanner) scanString(p Position, off int, prefix string) {
	q := s.src[s.off]
	quote := string(q)
	if s.peekByte(1) == q && s.peekByte(2) == q {
		quote = strings.Repeat(quote, 3)
	}
	for range quote {
		s.advance()
	}
	bodyOff, bodyPos := s.off, s.pos()
	triple := len(quote) == 3
	for {
		if s.off >= s.end {
			if triple {
				s.errorf(KindSyntax, p, "unterminated triple-quoted string literal (detected at line %d)", s.line)
			}
			s.errorf(KindSyntax, p, "unterminated string literal (detected at line %d)", s.line)
		}
		c := s.src[s.off]
		if c == '\\' {
			s.advance()
			if s.off < s.end {
				s.advance()
			}
			continue
		}
		if c == '\n' && !triple {
			s.errorf(KindSyntax, p, "unterminated string literal (detected at line %d)", s.line)
		}
		if c == q && (!triple || s.peekByte(1) == q && s.peekByte(2) == q) {
			break
		}
		s.advance()
	}
	bodyEnd := s.off
	for range quote {
		s.advance()
	}
	raw := strings.ContainsRune(prefix, 'r')
	switch {
	case strings.ContainsRune(prefix, 'f'):
		t := s.emit(FSTRING, p, off)
		t.x = &tokExtra{fsBody: bodyOff, fsEnd: bodyEnd, fsBodyPos: bodyPos, fsRaw: raw}
	case strings.ContainsRune(prefix, 'b'):
		body := s.src[bodyOff:bodyEnd]
		for _, c := range body {
			if c >= 0x80 {
				s.softErrorf(KindSyntax, p, "bytes can only contain ASCII literal characters")
			}
		}
		v := string(body)
		if !raw {
			var e *escapeError
			v, e = decodeEscapes(body, true)
			if e != nil {
				// CPython reports escape errors after the literal.
				s.softErrorf(KindSyntax, s.pos(), "%s", e.msg)
			}
		}
		t := s.emit(BYTES, p, off)
		t.text = v
	default:
		body := s.src[bodyOff:bodyEnd]
		v := string(body)
		if !raw {
			var e *escapeError
			v, e = decodeEscapes(body, false)
			if e != nil {
				s.softErrorf(e.kind, s.pos(), "%s", e.msg)
			}
		}
		t := s.emit(STRING, p, off)
		t.text = v
	}
}

type escapeError struct {
	kind string
	msg  string
}

// decodeEscapes interprets the backslash escapes of a str (bytes false) or
// bytes literal body, following CPython: unknown escapes are kept as they
// are, \u \U and \N only apply to str.
func decodeEscapes(body []byte, bytes bool) (string, *escapeError) {
	if !strings.ContainsRune(string(body), '\\') {
		return string(body), nil
	}
	var b strings.Builder
	b.Grow(len(body))
	uniErr := func(start, end int, what string) *escapeError {
		return &escapeError{KindSyntax, fmt.Sprintf("(unicode error) 'unicodeescape' codec can't decode bytes in position %d-%d: %s", start, end, what)}
	}
	for i := 0; i < len(body); {
		c := body[i]
		if c != '\\' {
			b.WriteByte(c)
			i++
			continue
		}
		start := i
		i++
		if i >= len(body) {
			b.WriteByte('\\')
			break
		}
		c = body[i]
		i++
		switch c {
		case '\n':
		case '\\', '\'', '"':
			b.WriteByte(c)
		case 'a':
			b.WriteByte(7)
		case 'b':
			b.WriteByte(8)
		case 'f':
			b.WriteByte(12)
		case 'n':
			b.WriteByte('\n')
		case 'r':
			b.WriteByte('\r')
		case 't':
			b.WriteByte('\t')
		case 'v':
			b.WriteByte(11)
		case '0', '1', '2', '3', '4', '5', '6', '7':
			v := int(c - '0')
			for n := 1; n < 3 && i < len(body) && '0' <= body[i] && body[i] <= '7'; n++ {
				v = v*8 + int(body[i]-'0')
				i++
			}
			if bytes {
				b.WriteByte(byte(v))
			} else {
				b.WriteRune(rune(v))
			}
		case 'x', 'u', 'U':
			n := 2
			if bytes && c != 'x' {
				b.WriteByte('\\')
				b.WriteByte(c)
				continue
			}
			if c == 'u' {
				n = 4
			} else if c == 'U' {
				n = 8
			}
			if i+n > len(body) || !isHex(body[i:i+n]) {
				end := i
				for end < len(body) && end < i+n && isHex(body[end:end+1]) {
					end++
				}
				if bytes {
					return "", &escapeError{KindSyntax, fmt.Sprintf("(value error) invalid \\x escape at position %d", start)}
				}
				what := map[byte]string{'x': "truncated \\xXX escape", 'u': "truncated \\uXXXX escape", 'U': "truncated \\UXXXXXXXX escape"}[c]
				return "", uniErr(start, end-1, what)
			}
			v, _ := strconv.ParseUint(string(body[i:i+n]), 16, 32)
			i += n
			switch {
			case bytes:
				b.WriteByte(byte(v))
			case v > unicode.MaxRune:
				return "", uniErr(start, i-1, "illegal Unicode character")
			case v >= 0xD800 && v < 0xE000:
				b.WriteRune(utf8.RuneError) // nl strings are UTF-8: no lone surrogates
			default:
				b.WriteRune(rune(v))
			}
		case 'N':
			if bytes {
				b.WriteString(`\N`)
				continue
			}
			// \N{name}: i is just past the N.
			if i >= len(body) || body[i] != '{' {
				return "", uniErr(start, i-1, "malformed \\N character escape")
			}
			end := strings.IndexByte(string(body[i+1:]), '}')
			if end <= 0 {
				last := len(body) - 1
				if end == 0 {
					last = i
				}
				return "", uniErr(start, last, "malformed \\N character escape")
			}
			name := string(body[i+1 : i+1+end])
			i += end + 2
			r, ok := lookupUnicodeName(name)
			if !ok {
				return "", uniErr(start, i-1, "unknown Unicode character name")
			}
			b.WriteRune(r)
		default:
			b.WriteByte('\\')
			b.WriteByte(c)
		}
	}
	return b.String(), nil
}

func isHex(b []byte) bool {
	for _, c := range b {
		if !('0' <= c && c <= '9' || 'a' <= c && c <= 'f' || 'A' <= c && c <= 'F') {
			return false
		}
	}
	return true
}
