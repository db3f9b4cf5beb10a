package syntax

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Parse parses a Python module. filename is used in positions and
// messages only. On error the result is nil and err is an ErrorList
// holding the first syntax error, whose Line field has the source line.
func Parse(filename string, src []byte) (f *File, err error) {
	src = normalizeNewlines(src)
	p := &parser{file: filename, src: src}
	defer func() {
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				// A bug in the parser: report it as an error rather than
				// crash the caller.
				e = &Error{Pos: Position{File: filename, Line: 1, Col: 1}, Kind: KindSyntax,
					Msg: fmt.Sprintf("internal parser error: %v", r)}
			}
			// As in CPython, a scanning error later in the file wins over a
			// grammar error, except an unexpected indent; a bracket left
			// open at the end wins when the parser got to the end or
			// failed on a later line than the bracket's.
			if n := len(p.toks); n >= 2 && p.toks[n-2].kind == ILLEGAL && e != p.toks[n-2].err() {
				se, x := p.toks[n-2].err(), p.toks[n-2].x
				indent := e.Kind == KindIndentation && strings.HasPrefix(e.Msg, "unexpected ")
				switch {
				case indent:
				case x.direct:
					e = se
				case strings.HasSuffix(se.Msg, "was never closed") && (p.i >= n-3 || e.Pos.Line > se.Pos.Line):
					e = se
				}
			}
			if e.Line == "" {
				e.Line = sourceLine(src, e.Pos.Line)
			}
			f, err = nil, ErrorList{e}
		}
	}()
	sc := newScanner(filename, src, 0, len(src), 1, 1, false)
	// A UTF-8 byte order mark is allowed and ignored.
	if bytes.HasPrefix(src, []byte("\xef\xbb\xbf")) {
		sc.off = 3
	}
	p.toks = sc.scanAll()
	f = &File{Path: filename, Src: src}
	for p.tok().kind != EOF {
		f.Body = append(f.Body, p.parseStatement()...)
	}
	return f, nil
}

// normalizeNewlines turns \r\n and lone \r into \n, as CPython's reader does.
func normalizeNewlines(src []byte) []byte {
	if bytes.IndexByte(src, '\r') < 0 {
		return src
	}
	out := make([]byte, 0, len(src))
	for i := 0; i < len(src); i++ {
		c := src[i]
		if c == '\r' {
			c = '\n'
			if i+1 < len(src) && src[i+1] == '\n' {
				i++
			}
		}
		out = append(out, c)
	}
	return out
}

// parser is a recursive-descent parser over a pre-scanned token slice.
// Errors panic with *Error; Parse recovers.
type parser struct {
	file  string
	src   []byte
	toks  []token
	i     int // current token
	depth int // expression recursion depth, bounded by maxExprDepth

	fstringDepth int // nesting of f-string format specs
}

func (p *parser) tok() *token { return &p.toks[p.i] }

func (p *parser) peek(n int) *token {
	if p.i+n < len(p.toks) {
		return &p.toks[p.i+n]
	}
	return &p.toks[len(p.toks)-1]
}

func (p *parser) kind() Token { return p.toks[p.i].kind }

// endPos returns the position just after token t.
func (p *parser) endPos(t *token) Position {
	pos := t.Pos()
	for _, r := range string(p.src[t.off:t.end]) {
		if r == '\n' {
			pos.Line++
			pos.Col = 1
		} else {
			pos.Col++
		}
	}
	return pos
}

// nextTok consumes the current token and returns it. An ILLEGAL token
// raises its scanning error.
func (p *parser) nextTok() *token {
	t := &p.toks[p.i]
	if t.kind == ILLEGAL {
		panic(t.err())
	}
	if t.kind != EOF {
		p.i++
	}
	if p.toks[p.i].kind == ILLEGAL {
		// Report a scanning error as soon as it is the current token: the
		// parser can go no further anyway.
		panic(p.toks[p.i].err())
	}
	return t
}

func (p *parser) got(k Token) bool {
	if p.kind() == k {
		p.nextTok()
		return true
	}
	return false
}

func (p *parser) errorAt(pos Position, format string, args ...any) {
	panic(&Error{Pos: pos, Kind: KindSyntax, Msg: fmt.Sprintf(format, args...)})
}

// syntaxError reports "invalid syntax" at the current token (or its scan
// error when the current token is ILLEGAL).
func (p *parser) syntaxError() {
	t := p.tok()
	if t.kind == ILLEGAL {
		panic(t.err())
	}
	if t.kind == INDENT {
		panic(&Error{Pos: t.Pos(), Kind: KindIndentation, Msg: "unexpected indent"})
	}
	if t.kind == DEDENT || t.kind == EOF && p.i > 0 && p.toks[p.i-1].kind == DEDENT {
		panic(&Error{Pos: t.Pos(), Kind: KindIndentation, Msg: "unexpected unindent"})
	}
	p.errorAt(t.Pos(), "invalid syntax")
}

func (p *parser) expect(k Token) *token {
	if p.kind() != k {
		if k == COLON && p.kind() == NEWLINE {
			p.errorAt(p.tok().Pos(), "expected ':'")
		}
		p.syntaxError()
	}
	return p.nextTok()
}

func (p *parser) enter() {
	p.depth++
	if p.depth > maxExprDepth {
		p.errorAt(p.tok().Pos(), "too many nested parentheses")
	}
}

func (p *parser) leave() { p.depth-- }

// ---- Statements ----

// parseStatement parses one statement; a line of ";"-separated simple
// statements yields several.
func (p *parser) parseStatement() []Stmt {
	switch p.kind() {
	case DEF, CLASS, IF, WHILE, FOR, TRY, WITH, AT, ASYNC:
		return []Stmt{p.parseCompound()}
	case NAME:
		if p.tok().text == "match" && p.isMatchStmt() {
			return []Stmt{p.parseMatch()}
		}
	case INDENT:
		panic(&Error{Pos: p.tok().Pos(), Kind: KindIndentation, Msg: "unexpected indent"})
	case ELSE, ELIF, EXCEPT, FINALLY:
		p.syntaxError()
	}
	return p.parseSimpleStmts()
}

func (p *parser) parseSimpleStmts() []Stmt {
	var stmts []Stmt
	for {
		stmts = append(stmts, p.parseSimpleStmt())
		if !p.got(SEMI) {
			break
		}
		if k := p.kind(); k == NEWLINE || k == EOF {
			break
		}
	}
	if p.kind() == EOF {
		return stmts
	}
	if p.kind() != NEWLINE {
		p.simpleStmtEndError(stmts[len(stmts)-1])
	}
	p.nextTok()
	return stmts
}

// simpleStmtEndError reports a simple statement followed by more tokens.
func (p *parser) simpleStmtEndError(last Stmt) {
	if es, ok := last.(*ExprStmt); ok {
		if id, ok := es.X.(*Ident); ok && (id.Name == "print" || id.Name == "exec") {
			switch p.kind() {
			case NAME, STRING, FSTRING, BYTES, INT, FLOAT, IMAG, LBRACK, LBRACE, NONE, TRUE, FALSE, MINUS, TILDE:
				p.errorAt(id.NamePos, "Missing parentheses in call to '%s'. Did you mean %s(...)?", id.Name, id.Name)
			}
		}
	}
	p.syntaxError()
}

func (p *parser) parseSimpleStmt() Stmt {
	t := p.tok()
	switch t.kind {
	case PASS:
		p.nextTok()
		return &PassStmt{Pass: t.Pos()}
	case BREAK:
		p.nextTok()
		return &BreakStmt{Break: t.Pos()}
	case CONTINUE:
		p.nextTok()
		return &ContinueStmt{Continue: t.Pos()}
	case RETURN:
		p.nextTok()
		s := &ReturnStmt{Return: t.Pos()}
		if !p.atStmtEnd() {
			s.Value = p.parseStarExpressions(false)
		}
		return s
	case RAISE:
		p.nextTok()
		s := &RaiseStmt{Raise: t.Pos()}
		if !p.atStmtEnd() {
			s.Exc = p.parseTest()
			if p.got(FROM) {
				s.Cause = p.parseTest()
			}
		}
		return s
	case ASSERT:
		p.nextTok()
		s := &AssertStmt{Assert: t.Pos(), Test: p.parseTest()}
		if p.got(COMMA) {
			s.Msg = p.parseTest()
		}
		return s
	case GLOBAL, NONLOCAL:
		p.nextTok()
		var names []*Ident
		for {
			names = append(names, p.parseIdent())
			if !p.got(COMMA) {
				break
			}
		}
		if t.kind == GLOBAL {
			return &GlobalStmt{Global: t.Pos(), Names: names}
		}
		return &NonlocalStmt{Nonlocal: t.Pos(), Names: names}
	case DEL:
		p.nextTok()
		s := &DelStmt{Del: t.Pos()}
		for {
			x := p.parseBitOrOrStar()
			p.checkDelTarget(x)
			s.Targets = append(s.Targets, x)
			if !p.got(COMMA) || p.atStmtEnd() {
				break
			}
		}
		return s
	case IMPORT:
		return p.parseImport()
	case FROM:
		return p.parseFromImport()
	}
	return p.parseExprOrAssign()
}

// atStmtEnd reports whether the current token ends a simple statement.
func (p *parser) atStmtEnd() bool {
	switch p.kind() {
	case NEWLINE, SEMI, EOF:
		return true
	}
	return false
}

func (p *parser) parseIdent() *Ident {
	t := p.tok()
	if t.kind != NAME {
		p.syntaxError()
	}
	p.nextTok()
	return &Ident{NamePos: t.Pos(), Name: t.text}
}

func (p *parser) parseDottedName() (string, Position) {
	id := p.parseIdent()
	name := id.Name
	for p.kind() == DOT {
		p.nextTok()
		name += "." + p.parseIdent().Name
	}
	return name, id.NamePos
}

func (p *parser) parseImport() Stmt {
	t := p.nextTok()
	s := &ImportStmt{Import: t.Pos()}
	for {
		name, pos := p.parseDottedName()
		a := &Alias{NamePos: pos, Name: name}
		if p.got(AS) {
			a.AsName = p.parseIdent()
			a.Bound = a.AsName
		} else {
			first, _, _ := strings.Cut(name, ".")
			a.Bound = &Ident{NamePos: pos, Name: first}
		}
		s.Names = append(s.Names, a)
		if !p.got(COMMA) {
			break
		}
	}
	return s
}

func (p *parser) parseFromImport() Stmt {
	t := p.nextTok()
	s := &ImportFromStmt{From: t.Pos()}
	for {
		if p.got(DOT) {
			s.Level++
		} else if p.got(ELLIPSIS) {
			s.Level += 3
		} else {
			break
		}
	}
	if p.kind() != IMPORT || s.Level == 0 {
		s.Module, _ = p.parseDottedName()
	}
	p.expect(IMPORT)
	if p.kind() == STAR {
		s.Star, s.StarPos = true, p.nextTok().Pos()
		return s
	}
	paren := p.got(LPAREN)
	for {
		id := p.parseIdent()
		a := &Alias{NamePos: id.NamePos, Name: id.Name, Bound: id}
		if p.got(AS) {
			a.AsName = p.parseIdent()
			a.Bound = a.AsName
		}
		s.Names = append(s.Names, a)
		if p.kind() != COMMA {
			break
		}
		p.nextTok()
		if paren && p.kind() == RPAREN {
			break
		}
		if !paren && p.atStmtEnd() {
			p.errorAt(p.tok().Pos(), "trailing comma not allowed without surrounding parentheses")
		}
	}
	if paren {
		p.expect(RPAREN)
	}
	return s
}

// parseExprOrAssign parses an expression statement or an assignment of
// any kind.
func (p *parser) parseExprOrAssign() Stmt {
	start := p.tok()
	var x Expr
	if start.kind == YIELD {
		x = p.parseYield()
	} else {
		x = p.parseStarExpressions(true)
	}
	switch k := p.kind(); {
	case k == COLON:
		// Annotated assignment.
		switch x.(type) {
		case *Ident, *AttrExpr, *IndexExpr:
		case *TupleExpr:
			p.errorAt(x.Pos(), "only single target (not tuple) can be annotated")
		case *ListExpr:
			p.errorAt(x.Pos(), "only single target (not list) can be annotated")
		default:
			p.errorAt(x.Pos(), "illegal target for annotation")
		}
		p.nextTok()
		_, isName := x.(*Ident)
		s := &AnnAssignStmt{Target: x, Annotation: p.parseTest(),
			Simple: isName && start.kind == NAME, start: start.Pos()}
		if p.got(EQ) {
			s.Value = p.parseAssignValue()
			p.checkNotStarred(s.Value)
		}
		return s
	case k >= PLUS_EQ && k <= GTGT_EQ:
		switch x.(type) {
		case *Ident, *AttrExpr, *IndexExpr:
		default:
			p.errorAt(x.Pos(), "'%s' is an illegal expression for augmented assignment", exprName(x))
		}
		op := p.nextTok()
		s := &AugAssignStmt{Target: x, OpPos: op.Pos(), Op: op.kind, Value: p.parseAssignValue(), start: start.Pos()}
		p.checkNotStarred(s.Value)
		return s
	case k == EQ:
		s := &AssignStmt{EqPos: p.tok().Pos(), start: start.Pos()}
		targets := []Expr{x}
		for p.got(EQ) {
			targets = append(targets, p.parseAssignValue())
		}
		s.Value = targets[len(targets)-1]
		s.Targets = targets[:len(targets)-1]
		p.checkNotStarred(s.Value)
		for i, t := range s.Targets {
			p.checkAssignTarget(t, i == 0 && len(s.Targets) == 1 || i == 0)
		}
		return s
	}
	if st, ok := x.(*StarredExpr); ok {
		p.errorAt(st.Star, "can't use starred expression here")
	}
	return &ExprStmt{X: x, start: start.Pos()}
}

// checkNotStarred reports a lone starred expression used as a value.
func (p *parser) checkNotStarred(x Expr) {
	if st, ok := x.(*StarredExpr); ok {
		p.errorAt(st.Star, "can't use starred expression here")
	}
}

// parseAssignValue parses the right-hand side of "=" or "op=".
func (p *parser) parseAssignValue() Expr {
	if p.kind() == YIELD {
		return p.parseYield()
	}
	return p.parseStarExpressions(true)
}

// ---- compound statements ----

func (p *parser) parseCompound() Stmt {
	switch p.kind() {
	case AT:
		var decs []*Decorator
		for p.kind() == AT {
			at := p.nextTok()
			decs = append(decs, &Decorator{At: at.Pos(), X: p.parseNamedExpr()})
			p.expect(NEWLINE)
		}
		switch p.kind() {
		case DEF:
			d := p.parseDef(false, Position{})
			d.Decorators = decs
			return d
		case CLASS:
			c := p.parseClass()
			c.Decorators = decs
			return c
		case ASYNC:
			if p.peek(1).kind == DEF {
				a := p.nextTok()
				d := p.parseDef(true, a.Pos())
				d.Decorators = decs
				return d
			}
		}
		p.syntaxError()
	case DEF:
		return p.parseDef(false, Position{})
	case CLASS:
		return p.parseClass()
	case IF:
		return p.parseIf()
	case WHILE:
		t := p.nextTok()
		s := &WhileStmt{While: t.Pos(), Test: p.parseNamedExpr()}
		s.Body = p.parseBlock("'while' statement", t.Pos())
		if p.kind() == ELSE {
			e := p.nextTok()
			s.Else = p.parseBlock("'else' statement", e.Pos())
		}
		return s
	case FOR:
		return p.parseFor(false, Position{})
	case TRY:
		return p.parseTry()
	case WITH:
		return p.parseWith(false, Position{})
	case ASYNC:
		a := p.nextTok()
		switch p.kind() {
		case DEF:
			return p.parseDef(true, a.Pos())
		case FOR:
			return p.parseFor(true, a.Pos())
		case WITH:
			return p.parseWith(true, a.Pos())
		}
		p.syntaxError()
	}
	p.syntaxError()
	return nil
}

// parseBlock parses ":" and a suite: simple statements on the same line,
// or NEWLINE INDENT statements DEDENT. what and at name the header for
// "expected an indented block after ...".
func (p *parser) parseBlock(what string, at Position) []Stmt {
	switch what {
	case "function definition", "'try' statement", "'else' statement", "'finally' statement":
		// CPython's grammar forces the colon after these headers.
		if p.kind() != COLON {
			p.errorAt(p.tok().Pos(), "expected ':'")
		}
	}
	p.expect(COLON)
	if p.kind() != NEWLINE {
		if p.kind() == EOF {
			p.syntaxError()
		}
		return p.parseSimpleStmts()
	}
	nl := p.nextTok()
	if p.kind() != INDENT {
		pos := p.tok().Pos()
		if p.kind() == EOF || p.kind() == DEDENT && p.peek(1).kind == EOF {
			pos = nl.Pos()
		}
		if p.kind() == ILLEGAL {
			panic(p.tok().err())
		}
		panic(&Error{Pos: pos, Kind: KindIndentation,
			Msg: fmt.Sprintf("expected an indented block after %s on line %d", what, at.Line)})
	}
	p.nextTok()
	var body []Stmt
	for p.kind() != DEDENT && p.kind() != EOF {
		body = append(body, p.parseStatement()...)
	}
	p.got(DEDENT)
	return body
}

func (p *parser) parseIf() Stmt {
	t := p.nextTok()
	s := &IfStmt{If: t.Pos(), Elif: t.kind == ELIF, Test: p.parseNamedExpr()}
	what := "'if' statement"
	if s.Elif {
		what = "'elif' statement"
	}
	s.Body = p.parseBlock(what, t.Pos())
	switch p.kind() {
	case ELIF:
		s.Else = []Stmt{p.parseIf()}
	case ELSE:
		e := p.nextTok()
		s.Else = p.parseBlock("'else' statement", e.Pos())
	}
	return s
}

func (p *parser) parseFor(async bool, asyncPos Position) Stmt {
	t := p.nextTok()
	s := &ForStmt{For: t.Pos(), Async: async}
	if async {
		s.For = asyncPos
	}
	s.Target = p.parseTargetList()
	p.checkAssignTarget(s.Target, false)
	p.expect(IN)
	s.Iter = p.parseStarExpressions(true)
	s.Body = p.parseBlock("'for' statement", t.Pos())
	if p.kind() == ELSE {
		e := p.nextTok()
		s.Else = p.parseBlock("'else' statement", e.Pos())
	}
	return s
}

// parseTargetList parses the target of a for loop or comprehension: a
// comma-separated list of (starred) expressions at the "|" level, so that
// "in" is not swallowed as a comparison.
func (p *parser) parseTargetList() Expr {
	first := p.parseBitOrOrStar()
	if p.kind() != COMMA {
		return first
	}
	tup := &TupleExpr{Lparen: first.Pos(), Elts: []Expr{first}}
	for p.got(COMMA) {
		if p.kind() == IN {
			break
		}
		tup.Elts = append(tup.Elts, p.parseBitOrOrStar())
	}
	return tup
}

func (p *parser) parseBitOrOrStar() Expr {
	if p.kind() == STAR {
		t := p.nextTok()
		return &StarredExpr{Star: t.Pos(), X: p.parseBitOr()}
	}
	return p.parseBitOr()
}

func (p *parser) parseTry() Stmt {
	t := p.nextTok()
	s := &TryStmt{Try: t.Pos()}
	s.Body = p.parseBlock("'try' statement", t.Pos())
	var bare *ExceptHandler
	for p.kind() == EXCEPT {
		e := p.nextTok()
		h := &ExceptHandler{Except: e.Pos()}
		if p.kind() == STAR {
			p.nextTok()
			s.Star = true
		}
		if bare != nil {
			p.errorAt(bare.Except, "default 'except:' must be last")
		}
		if p.kind() != COLON {
			h.Type = p.parseTest()
			if p.kind() == COMMA {
				// except A, B: is Python 2.
				tup := &TupleExpr{Lparen: h.Type.Pos(), Elts: []Expr{h.Type}}
				for p.got(COMMA) {
					if p.kind() == COLON || p.kind() == AS {
						break
					}
					tup.Elts = append(tup.Elts, p.parseTest())
				}
				p.errorAt(h.Type.Pos(), "multiple exception types must be parenthesized")
			}
			if p.got(AS) {
				h.Name = p.parseIdent()
			}
		} else {
			bare = h
		}
		what := "'except' statement"
		if s.Star {
			what = "'except*' statement"
		}
		h.Body = p.parseBlock(what, e.Pos())
		s.Handlers = append(s.Handlers, h)
	}
	if p.kind() == ELSE {
		if len(s.Handlers) == 0 {
			p.errorAt(p.tok().Pos(), "expected 'except' or 'finally' block")
		}
		e := p.nextTok()
		s.Else = p.parseBlock("'else' statement", e.Pos())
	}
	if p.kind() == FINALLY {
		f := p.nextTok()
		s.Finally = p.parseBlock("'finally' statement", f.Pos())
	}
	if len(s.Handlers) == 0 && s.Finally == nil {
		p.errorAt(p.tok().Pos(), "expected 'except' or 'finally' block")
	}
	return s
}

func (p *parser) parseWith(async bool, asyncPos Position) Stmt {
	t := p.nextTok()
	s := &WithStmt{With: t.Pos(), Async: async}
	if async {
		s.With = asyncPos
	}
	// "with (a as b, c):" is a parenthesised item list, while "with (a, b):"
	// and "with (a) as b:" are expressions; try the list form first.
	if p.kind() == LPAREN {
		save := p.i
		if items, ok := p.tryParenWithItems(); ok {
			s.Items = items
			s.Body = p.parseBlock("'with' statement", t.Pos())
			return s
		}
		p.i = save
	}
	for {
		s.Items = append(s.Items, p.parseWithItem())
		if !p.got(COMMA) {
			break
		}
	}
	s.Body = p.parseBlock("'with' statement", t.Pos())
	return s
}

func (p *parser) tryParenWithItems() (items []*WithItem, ok bool) {
	defer func() {
		if r := recover(); r != nil {
			if _, isErr := r.(*Error); !isErr {
				panic(r)
			}
			items, ok = nil, false
		}
	}()
	p.expect(LPAREN)
	for p.kind() != RPAREN {
		items = append(items, p.parseWithItem())
		if !p.got(COMMA) {
			break
		}
	}
	p.expect(RPAREN)
	if p.kind() != COLON {
		return nil, false
	}
	return items, true
}

func (p *parser) parseWithItem() *WithItem {
	w := &WithItem{Context: p.parseTest()}
	if p.got(AS) {
		w.Target = p.parseBitOrOrStar()
		p.checkAssignTarget(w.Target, false)
	}
	return w
}

// isMatchStmt reports whether the soft keyword "match" at the current
// token starts a match statement: the logical line ends in ":" and an
// indented "case" follows.
func (p *parser) isMatchStmt() bool {
	switch p.peek(1).kind {
	case NEWLINE, EOF, EQ, DOT, COLON, COMMA, RPAREN, SEMI:
		return false
	}
	j := p.i + 1
	for j < len(p.toks) && p.toks[j].kind != NEWLINE && p.toks[j].kind != EOF && p.toks[j].kind != ILLEGAL {
		j++
	}
	if j+2 >= len(p.toks) || p.toks[j].kind != NEWLINE || p.toks[j-1].kind != COLON {
		return false
	}
	return p.toks[j+1].kind == INDENT && p.toks[j+2].kind == NAME && p.toks[j+2].text == "case"
}

func (p *parser) parseMatch() Stmt {
	t := p.nextTok()
	s := &MatchStmt{Match: t.Pos(), Subject: p.parseStarExpressions(false)}
	p.expect(COLON)
	p.expect(NEWLINE)
	p.expect(INDENT)
	for p.kind() == NAME && p.tok().text == "case" {
		c := p.nextTok()
		mc := &MatchCase{Case: c.Pos(), Pattern: p.parsePattern()}
		if p.got(IF) {
			mc.Guard = p.parseNamedExpr()
		}
		mc.Body = p.parseBlock("'case' statement", c.Pos())
		s.Cases = append(s.Cases, mc)
	}
	if p.kind() != DEDENT && p.kind() != EOF {
		p.syntaxError()
	}
	p.got(DEDENT)
	return s
}

// parsePattern parses a case pattern leniently, as expressions; "p as
// name" becomes a NamedExpr. Match statements are never compiled.
func (p *parser) parsePattern() Expr {
	one := func() Expr {
		x := p.parseBitOrOrStar()
		if p.got(AS) {
			id := p.parseIdent()
			return &NamedExpr{Target: id, Walrus: id.NamePos, Value: x}
		}
		return x
	}
	first := one()
	if p.kind() != COMMA {
		return first
	}
	tup := &TupleExpr{Lparen: first.Pos(), Elts: []Expr{first}}
	for p.got(COMMA) {
		if p.kind() == COLON || p.kind() == IF {
			break
		}
		tup.Elts = append(tup.Elts, one())
	}
	return tup
}

func (p *parser) parseDef(async bool, asyncPos Position) *DefStmt {
	t := p.nextTok()
	d := &DefStmt{Def: t.Pos(), Async: async}
	if async {
		d.Def = asyncPos
	}
	d.Name = p.parseIdent()
	if p.kind() != LPAREN {
		p.errorAt(p.tok().Pos(), "expected '('")
	}
	p.nextTok()
	d.Params = p.parseParams(RPAREN, true)
	p.expect(RPAREN)
	if p.got(ARROW) {
		d.Returns = p.parseTest()
	}
	d.Body = p.parseBlock("function definition", t.Pos())
	return d
}

// parseParams parses a parameter list up to (not including) the closing
// token: RPAREN for def, COLON for lambda (without annotations).
func (p *parser) parseParams(closer Token, annotations bool) *Params {
	ps := &Params{}
	seenDefault := false
	seenStar := false
	seenSlash := false
	var kwarg *Param
	seen := map[string]bool{}
	param := func() *Param {
		id := p.parseIdent()
		pr := &Param{Name: id}
		if annotations && p.got(COLON) {
			pr.Annotation = p.parseTest()
		}
		return pr
	}
	for p.kind() != closer {
		t := p.tok()
		if kwarg != nil {
			p.errorAt(t.Pos(), "arguments cannot follow var-keyword argument")
		}
		switch t.kind {
		case SLASH:
			if seenSlash {
				p.errorAt(t.Pos(), "/ may appear only once")
			}
			if seenStar {
				p.errorAt(t.Pos(), "/ must be ahead of *")
			}
			if len(ps.Args) == 0 {
				p.syntaxError()
			}
			p.nextTok()
			seenSlash = true
			ps.PosOnly, ps.Args = ps.Args, nil
		case STAR:
			if seenStar {
				p.errorAt(t.Pos(), "* argument may appear only once")
			}
			p.nextTok()
			seenStar = true
			ps.StarPos = t.Pos()
			if p.kind() == NAME {
				ps.Vararg = param()
				if ps.Vararg.Default == nil && p.kind() == EQ {
					p.errorAt(p.tok().Pos(), "var-positional argument cannot have default value")
				}
			} else if p.kind() == closer || p.kind() == COMMA && (p.peek(1).kind == closer || p.peek(1).kind == STARSTAR) {
				p.errorAt(t.Pos(), "named arguments must follow bare *")
			}
		case STARSTAR:
			p.nextTok()
			kwarg = param()
			if p.kind() == EQ {
				p.errorAt(p.tok().Pos(), "var-keyword argument cannot have default value")
			}
			ps.Kwarg = kwarg
		case NAME:
			pr := param()
			if p.got(EQ) {
				pr.Default = p.parseTest()
				if !seenStar {
					seenDefault = true
				}
			} else if seenDefault && !seenStar {
				p.errorAt(pr.Name.NamePos, "non-default argument follows default argument")
			}
			if seenStar {
				ps.KwOnly = append(ps.KwOnly, pr)
			} else {
				ps.Args = append(ps.Args, pr)
			}
		default:
			p.syntaxError()
		}
		if p.kind() != closer {
			p.expect(COMMA)
		}
	}
	// Duplicate names are a symbol-table error in CPython, reported at the
	// second occurrence.
	for _, pr := range ps.All() {
		if seen[pr.Name.Name] {
			p.errorAt(pr.Name.NamePos, "duplicate argument '%s' in function definition", pr.Name.Name)
		}
		seen[pr.Name.Name] = true
	}
	return ps
}

func (p *parser) parseClass() *ClassDef {
	t := p.nextTok()
	c := &ClassDef{Class: t.Pos()}
	c.Name = p.parseIdent()
	if p.kind() == LPAREN {
		lp := p.nextTok()
		c.Bases, c.Keywords, _ = p.parseCallArgs(lp.Pos())
		p.expect(RPAREN)
	}
	c.Body = p.parseBlock("class definition", t.Pos())
	return c
}

// ---- Expressions ----

// parseStarExpressions parses "a, *b, c" (a tuple when there is a comma).
// With allowStar false a lone starred expression is an error.
func (p *parser) parseStarExpressions(allowStar bool) Expr {
	first := p.parseStarNamedOrTest(false)
	if p.kind() != COMMA {
		if st, ok := first.(*StarredExpr); ok && !allowStar {
			p.errorAt(st.Star, "can't use starred expression here")
		}
		return first
	}
	tup := &TupleExpr{Lparen: first.Pos(), Elts: []Expr{first}}
	for p.got(COMMA) {
		if !p.startsExpr() {
			break
		}
		tup.Elts = append(tup.Elts, p.parseStarNamedOrTest(false))
	}
	return tup
}

// startsExpr reports whether the current token can begin an expression.
func (p *parser) startsExpr() bool {
	switch p.kind() {
	case NAME, INT, FLOAT, IMAG, STRING, BYTES, FSTRING, LPAREN, LBRACK, LBRACE,
		MINUS, PLUS, TILDE, NOT, LAMBDA, AWAIT, NONE, TRUE, FALSE, ELLIPSIS, STAR, YIELD:
		return true
	}
	return false
}

// parseStarNamedOrTest parses "*x", a walrus when named is true, or an
// expression.
func (p *parser) parseStarNamedOrTest(named bool) Expr {
	if p.kind() == STAR {
		t := p.nextTok()
		return &StarredExpr{Star: t.Pos(), X: p.parseBitOr()}
	}
	if named {
		return p.parseNamedExpr()
	}
	return p.parseTest()
}

// parseNamedExpr parses "name := value" or an expression.
func (p *parser) parseNamedExpr() Expr {
	x := p.parseNamedExprOrEq()
	if p.kind() == EQ && p.peek(1).kind != EQ {
		p.misplacedEq(x)
	}
	return x
}

// misplacedEq reports "x = y" where an expression is expected, with
// CPython's hints.
func (p *parser) misplacedEq(x Expr) {
	switch x.(type) {
	case *Ident:
		p.errorAt(x.Pos(), "invalid syntax. Maybe you meant '==' or ':=' instead of '='?")
	case *ListExpr, *TupleExpr, *GeneratorExp, *BoolLit, *NoneLit:
		p.syntaxError()
	}
	p.errorAt(x.Pos(), "cannot assign to %s here. Maybe you meant '==' instead of '='?", exprName(x))
}

// parseNamedExprOrEq parses "name := value" or an expression, leaving a
// following "=" to the caller (a call's keyword argument).
func (p *parser) parseNamedExprOrEq() Expr {
	x := p.parseTest()
	if p.kind() == COLONEQ {
		id, ok := x.(*Ident)
		if !ok {
			p.errorAt(x.Pos(), "cannot use assignment expressions with %s", exprName(x))
		}
		t := p.nextTok()
		return &NamedExpr{Target: id, Walrus: t.Pos(), Value: p.parseTest()}
	}
	return x
}

// parseTest parses a conditional expression or lambda (CPython's
// "expression").
func (p *parser) parseTest() Expr {
	p.enter()
	defer p.leave()
	if p.kind() == LAMBDA {
		return p.parseLambda()
	}
	x := p.parseOr()
	if p.kind() == IF {
		t := p.nextTok()
		test := p.parseOr()
		if p.kind() != ELSE {
			p.errorAt(x.Pos(), "expected 'else' after 'if' expression")
		}
		p.nextTok()
		return &CondExpr{True: x, If: t.Pos(), Test: test, False: p.parseTest()}
	}
	return x
}

func (p *parser) parseLambda() Expr {
	t := p.nextTok()
	l := &LambdaExpr{Lambda: t.Pos()}
	l.Params = p.parseParams(COLON, false)
	p.expect(COLON)
	l.Body = p.parseTest()
	return l
}

func (p *parser) parseOr() Expr {
	x := p.parseAnd()
	for p.kind() == OR {
		t := p.nextTok()
		x = &BoolExpr{X: x, OpPos: t.Pos(), Op: OR, Y: p.parseAnd()}
	}
	return x
}

func (p *parser) parseAnd() Expr {
	x := p.parseNot()
	for p.kind() == AND {
		t := p.nextTok()
		x = &BoolExpr{X: x, OpPos: t.Pos(), Op: AND, Y: p.parseNot()}
	}
	return x
}

func (p *parser) parseNot() Expr {
	if p.kind() == NOT {
		p.enter()
		defer p.leave()
		t := p.nextTok()
		return &UnaryExpr{OpPos: t.Pos(), Op: NOT, X: p.parseNot()}
	}
	return p.parseComparison()
}

func (p *parser) parseComparison() Expr {
	x := p.parseBitOr()
	var cmp *CompareExpr
	for {
		t := p.tok()
		op := t.kind
		switch op {
		case LT, GT, LE, GE, EQL, NEQ, IN:
			p.nextTok()
		case NOT:
			if p.peek(1).kind != IN {
				goto done
			}
			p.nextTok()
			p.nextTok()
			op = NOT_IN
		case IS:
			p.nextTok()
			if p.got(NOT) {
				op = IS_NOT
			}
		default:
			goto done
		}
		if cmp == nil {
			cmp = &CompareExpr{X: x}
		}
		cmp.Ops = append(cmp.Ops, op)
		cmp.OpsPos = append(cmp.OpsPos, t.Pos())
		cmp.Ys = append(cmp.Ys, p.parseBitOr())
	}
done:
	if cmp != nil {
		return cmp
	}
	return x
}

// binary operator precedence levels above comparison, lowest first.
var binaryLevels = [][]Token{
	{PIPE},
	{CIRCUMFLEX},
	{AMP},
	{LTLT, GTGT},
	{PLUS, MINUS},
	{STAR, SLASH, SLASHSLASH, PERCENT, AT},
}

func (p *parser) parseBitOr() Expr { return p.parseBinary(0) }

func (p *parser) parseBinary(level int) Expr {
	if level == len(binaryLevels) {
		return p.parseFactor()
	}
	x := p.parseBinary(level + 1)
	for {
		op := p.kind()
		found := false
		for _, k := range binaryLevels[level] {
			if k == op {
				found = true
				break
			}
		}
		if !found {
			return x
		}
		t := p.nextTok()
		x = &BinaryExpr{X: x, OpPos: t.Pos(), Op: op, Y: p.parseBinary(level + 1)}
	}
}

func (p *parser) parseFactor() Expr {
	switch k := p.kind(); k {
	case PLUS, MINUS, TILDE:
		p.enter()
		defer p.leave()
		t := p.nextTok()
		return &UnaryExpr{OpPos: t.Pos(), Op: k, X: p.parseFactor()}
	}
	return p.parsePower()
}

func (p *parser) parsePower() Expr {
	var x Expr
	if p.kind() == AWAIT {
		t := p.nextTok()
		x = &AwaitExpr{Await: t.Pos(), X: p.parsePrimary()}
	} else {
		x = p.parsePrimary()
	}
	if p.kind() == STARSTAR {
		// Right-associative, and binds tighter than a unary on its left
		// but not on its right: -2**-1 is -(2**(-1)).
		t := p.nextTok()
		return &BinaryExpr{X: x, OpPos: t.Pos(), Op: STARSTAR, Y: p.parseFactor()}
	}
	return x
}

func (p *parser) parsePrimary() Expr {
	x := p.parseAtom()
	for {
		switch p.kind() {
		case DOT:
			t := p.nextTok()
			x = &AttrExpr{X: x, Dot: t.Pos(), Name: p.parseIdent()}
		case LPAREN:
			t := p.nextTok()
			call := &CallExpr{Fn: x, Lparen: t.Pos()}
			call.Args, call.Keywords, _ = p.parseCallArgs(t.Pos())
			call.Rparen = p.expect(RPAREN).Pos()
			x = call
		case LBRACK:
			t := p.nextTok()
			ix := &IndexExpr{X: x, Lbrack: t.Pos(), Index: p.parseSubscript()}
			ix.Rbrack = p.expect(RBRACK).Pos()
			x = ix
		default:
			return x
		}
	}
}

// parseCallArgs parses call arguments up to ")" (not consumed). It
// reports whether the sole argument was a bare generator expression.
func (p *parser) parseCallArgs(lparen Position) (args []Expr, kws []*Keyword, genexp bool) {
	seenKw := false       // a name=value argument
	seenKwUnpack := false // a **mapping argument
	posErr := ""          // a positional argument came after a keyword
	names := map[string]bool{}
	for p.kind() != RPAREN {
		t := p.tok()
		switch t.kind {
		case STAR:
			p.nextTok()
			x := &StarredExpr{Star: t.Pos(), X: p.parseTest()}
			if seenKwUnpack {
				p.errorAt(t.Pos(), "iterable argument unpacking follows keyword argument unpacking")
			}
			if p.kind() == FOR {
				p.errorAt(t.Pos(), "iterable unpacking cannot be used in comprehension")
			}
			args = append(args, x)
		case STARSTAR:
			p.nextTok()
			kws = append(kws, &Keyword{Start: t.Pos(), Value: p.parseTest()})
			seenKwUnpack = true
		default:
			x := p.parseNamedExprOrEq()
			switch p.kind() {
			case EQ:
				eq := p.nextTok()
				id, ok := x.(*Ident)
				if !ok {
					switch x := x.(type) {
					case *NoneLit, *BoolLit:
						p.errorAt(x.Pos(), "cannot assign to %s", exprName(x))
					}
					p.errorAt(x.Pos(), "expression cannot contain assignment, perhaps you meant \"==\"?")
				}
				_ = eq
				if names[id.Name] {
					p.errorAt(id.NamePos, "keyword argument repeated: %s", id.Name)
				}
				names[id.Name] = true
				kws = append(kws, &Keyword{Start: id.NamePos, Name: id, Value: p.parseTest()})
				seenKw = true
				goto next
			case FOR, ASYNC:
				g := p.parseComprehensionTail(lparen, x)
				if len(args) > 0 || len(kws) > 0 || p.kind() != RPAREN {
					p.errorAt(x.Pos(), "Generator expression must be parenthesized")
				}
				return []Expr{g}, nil, true
			}
			// CPython reports these at the end of the argument list.
			if seenKwUnpack && posErr == "" {
				posErr = "positional argument follows keyword argument unpacking"
			} else if seenKw && posErr == "" {
				posErr = "positional argument follows keyword argument"
			}
			args = append(args, x)
		}
	next:
		if p.kind() == RPAREN {
			break
		}
		if p.kind() != COMMA {
			p.forgotComma(t.Pos())
		}
		p.nextTok()
	}
	if posErr != "" {
		p.errorAt(p.tok().Pos(), "%s", posErr)
	}
	return args, kws, false
}

// forgotComma reports an element inside brackets followed by something
// that is not a comma: CPython's "Perhaps you forgot a comma?" when an
// expression follows.
func (p *parser) forgotComma(elemPos Position) {
	if p.startsExpr() && p.kind() != STAR && p.kind() != YIELD {
		p.errorAt(elemPos, "invalid syntax. Perhaps you forgot a comma?")
	}
	p.syntaxError()
}

// parseSubscript parses the inside of x[...]: an expression, a slice, or
// a tuple of them.
func (p *parser) parseSubscript() Expr {
	first := p.parseSliceItem()
	if p.kind() != COMMA {
		return first
	}
	tup := &TupleExpr{Lparen: first.Pos(), Elts: []Expr{first}}
	for p.got(COMMA) {
		if p.kind() == RBRACK {
			break
		}
		tup.Elts = append(tup.Elts, p.parseSliceItem())
	}
	return tup
}

func (p *parser) parseSliceItem() Expr {
	start := p.tok().Pos()
	var lo Expr
	if p.kind() == STAR {
		t := p.nextTok()
		return &StarredExpr{Star: t.Pos(), X: p.parseBitOr()}
	}
	if p.kind() != COLON {
		lo = p.parseNamedExpr()
		if p.kind() != COLON {
			return lo
		}
	}
	p.expect(COLON)
	s := &SliceExpr{Start: start, Lo: lo}
	if k := p.kind(); k != COLON && k != COMMA && k != RBRACK {
		s.Hi = p.parseTest()
	}
	if p.got(COLON) {
		if k := p.kind(); k != COMMA && k != RBRACK {
			s.Step = p.parseTest()
		}
	}
	return s
}

func (p *parser) parseAtom() Expr {
	t := p.tok()
	switch t.kind {
	case NAME:
		p.nextTok()
		return &Ident{NamePos: t.Pos(), Name: t.text}
	case INT:
		p.nextTok()
		return &IntLit{ValuePos: t.Pos(), Raw: string(p.src[t.off:t.end]), Value: t.ival, Big: t.bigVal()}
	case FLOAT:
		p.nextTok()
		return &FloatLit{ValuePos: t.Pos(), Raw: string(p.src[t.off:t.end]), Value: t.fval}
	case IMAG:
		p.nextTok()
		return &ImagLit{ValuePos: t.Pos(), Raw: string(p.src[t.off:t.end]), Value: t.fval}
	case STRING, BYTES, FSTRING:
		return p.parseStrings()
	case NONE:
		p.nextTok()
		return &NoneLit{ValuePos: t.Pos()}
	case TRUE, FALSE:
		p.nextTok()
		return &BoolLit{ValuePos: t.Pos(), Value: t.kind == TRUE}
	case ELLIPSIS:
		p.nextTok()
		return &EllipsisLit{ValuePos: t.Pos()}
	case LPAREN:
		return p.parseParen()
	case LBRACK:
		return p.parseList()
	case LBRACE:
		return p.parseBrace()
	case YIELD:
		// yield is only allowed where parseYield is called directly.
		p.syntaxError()
	case STAR:
		p.errorAt(t.Pos(), "invalid syntax")
	}
	p.syntaxError()
	return nil
}

func (p *parser) parseYield() Expr {
	t := p.nextTok()
	if p.got(FROM) {
		return &YieldFromExpr{Yield: t.Pos(), Value: p.parseTest()}
	}
	y := &YieldExpr{Yield: t.Pos()}
	switch p.kind() {
	case RPAREN, RBRACK, RBRACE, NEWLINE, SEMI, EOF, EQ, COLON:
	default:
		y.Value = p.parseStarExpressions(true)
	}
	return y
}

func (p *parser) parseParen() Expr {
	lp := p.nextTok()
	p.enter()
	defer p.leave()
	if p.got(RPAREN) {
		return &TupleExpr{Lparen: lp.Pos(), Parens: true}
	}
	if p.kind() == YIELD {
		y := p.parseYield()
		p.expect(RPAREN)
		return y
	}
	first := p.parseStarNamedOrTest(true)
	switch p.kind() {
	case RPAREN:
		p.nextTok()
		if st, ok := first.(*StarredExpr); ok {
			p.errorAt(st.Star, "cannot use starred expression here")
		}
		return first
	case FOR, ASYNC:
		if st, ok := first.(*StarredExpr); ok {
			p.errorAt(st.Star, "iterable unpacking cannot be used in comprehension")
		}
		g := p.parseComprehensionTail(lp.Pos(), first)
		p.expect(RPAREN)
		return g
	case COMMA:
		tup := &TupleExpr{Lparen: lp.Pos(), Elts: []Expr{first}, Parens: true}
		for p.got(COMMA) {
			if p.kind() == RPAREN {
				break
			}
			tup.Elts = append(tup.Elts, p.parseStarNamedOrTest(true))
		}
		if p.kind() != RPAREN {
			p.forgotComma(tup.Elts[len(tup.Elts)-1].Pos())
		}
		p.nextTok()
		return tup
	}
	p.forgotComma(first.Pos())
	return nil
}

func (p *parser) parseList() Expr {
	lb := p.nextTok()
	p.enter()
	defer p.leave()
	l := &ListExpr{Lbrack: lb.Pos()}
	if p.got(RBRACK) {
		return l
	}
	first := p.parseStarNamedOrTest(true)
	if p.kind() == FOR || p.kind() == ASYNC {
		if st, ok := first.(*StarredExpr); ok {
			p.errorAt(st.Star, "iterable unpacking cannot be used in comprehension")
		}
		g := p.parseComprehensionTail(lb.Pos(), first).(*GeneratorExp)
		p.expect(RBRACK)
		return &ListComp{Lbrack: lb.Pos(), Elt: g.Elt, For: g.For}
	}
	l.Elts = append(l.Elts, first)
	for p.kind() != RBRACK {
		if p.kind() != COMMA {
			p.forgotComma(l.Elts[len(l.Elts)-1].Pos())
		}
		p.nextTok()
		if p.kind() == RBRACK {
			break
		}
		l.Elts = append(l.Elts, p.parseStarNamedOrTest(true))
	}
	p.nextTok()
	return l
}

func (p *parser) parseBrace() Expr {
	lb := p.nextTok()
	p.enter()
	defer p.leave()
	if p.got(RBRACE) {
		return &DictExpr{Lbrace: lb.Pos()}
	}
	// Dict display or comprehension.
	parseItem := func() *DictItem {
		t := p.tok()
		if p.got(STARSTAR) {
			return &DictItem{Start: t.Pos(), Value: p.parseBitOr()}
		}
		k := p.parseTest()
		if p.kind() != COLON {
			p.errorAt(k.Pos(), "':' expected after dictionary key")
		}
		p.nextTok()
		return &DictItem{Start: k.Pos(), Key: k, Value: p.parseTest()}
	}
	if p.kind() == STARSTAR {
		return p.parseDictRest(lb.Pos(), parseItem(), parseItem)
	}
	first := p.parseStarNamedOrTest(true)
	if p.kind() == COLON {
		if _, ok := first.(*StarredExpr); ok {
			p.errorAt(first.Pos(), "cannot use a starred expression in a dictionary value")
		}
		p.nextTok()
		item := &DictItem{Start: first.Pos(), Key: first, Value: p.parseTest()}
		if p.kind() == FOR || p.kind() == ASYNC {
			g := p.parseComprehensionTail(lb.Pos(), item.Value).(*GeneratorExp)
			p.expect(RBRACE)
			return &DictComp{Lbrace: lb.Pos(), Key: item.Key, Value: item.Value, For: g.For}
		}
		return p.parseDictRest(lb.Pos(), item, parseItem)
	}
	// Set display or comprehension.
	if p.kind() == FOR || p.kind() == ASYNC {
		if st, ok := first.(*StarredExpr); ok {
			p.errorAt(st.Star, "iterable unpacking cannot be used in comprehension")
		}
		g := p.parseComprehensionTail(lb.Pos(), first).(*GeneratorExp)
		p.expect(RBRACE)
		return &SetComp{Lbrace: lb.Pos(), Elt: g.Elt, For: g.For}
	}
	s := &SetExpr{Lbrace: lb.Pos(), Elts: []Expr{first}}
	for p.kind() != RBRACE {
		if p.kind() != COMMA {
			p.forgotComma(s.Elts[len(s.Elts)-1].Pos())
		}
		p.nextTok()
		if p.kind() == RBRACE {
			break
		}
		s.Elts = append(s.Elts, p.parseStarNamedOrTest(true))
	}
	p.nextTok()
	return s
}

func (p *parser) parseDictRest(lbrace Position, first *DictItem, parseItem func() *DictItem) Expr {
	d := &DictExpr{Lbrace: lbrace, Items: []*DictItem{first}}
	for p.kind() != RBRACE {
		if p.kind() != COMMA {
			last := d.Items[len(d.Items)-1]
			p.forgotComma(last.Value.Pos())
		}
		p.nextTok()
		if p.kind() == RBRACE {
			break
		}
		d.Items = append(d.Items, parseItem())
	}
	p.nextTok()
	return d
}

// parseComprehensionTail parses the "for ... in ... if ..." clauses after
// elt and returns a GeneratorExp (callers convert it for [], {}).
func (p *parser) parseComprehensionTail(open Position, elt Expr) Expr {
	g := &GeneratorExp{Lparen: open, Elt: elt}
	if _, ok := elt.(*NamedExpr); ok {
		// Allowed by CPython; refused later as a walrus.
	}
	for p.kind() == FOR || p.kind() == ASYNC {
		c := &Comprehension{For: p.tok().Pos()}
		if p.got(ASYNC) {
			c.Async = true
		}
		p.expect(FOR)
		c.Target = p.parseTargetList()
		p.checkAssignTarget(c.Target, false)
		p.expect(IN)
		c.Iter = p.parseOr()
		for p.kind() == IF {
			p.nextTok()
			c.Ifs = append(c.Ifs, p.parseOr())
		}
		g.For = append(g.For, c)
	}
	return g
}

// parseStrings parses adjacent string literals, joining them. A run that
// contains an f-string becomes one FStringExpr whose literal text is merged.
func (p *parser) parseStrings() Expr {
	first := p.tok()
	isBytes := first.kind == BYTES
	isF := false
	var (
		sb         strings.Builder
		pendingPos Position
		parts      []Expr
	)
	addText := func(pos Position, text string) {
		if text == "" {
			return
		}
		if sb.Len() == 0 {
			pendingPos = pos
		}
		sb.WriteString(text)
	}
	flush := func() {
		if sb.Len() > 0 {
			parts = append(parts, &StrLit{ValuePos: pendingPos, Value: sb.String()})
			sb.Reset()
		}
	}
	for {
		t := p.tok()
		if t.kind != STRING && t.kind != BYTES && t.kind != FSTRING {
			break
		}
		if (t.kind == BYTES) != isBytes {
			// CPython reports this after the last literal of the run.
			last := t
			for k := p.kind(); k == STRING || k == BYTES || k == FSTRING; k = p.kind() {
				last = p.nextTok()
			}
			p.errorAt(p.endPos(last), "cannot mix bytes and nonbytes literals")
		}
		p.nextTok()
		if t.kind != FSTRING {
			addText(t.Pos(), t.text)
			continue
		}
		isF = true
		for _, fp := range p.parseFStringBody(t.x.fsBody, t.x.fsEnd, t.x.fsBodyPos, t.x.fsRaw, 0) {
			if lit, ok := fp.(*StrLit); ok {
				addText(lit.ValuePos, lit.Value)
				continue
			}
			flush()
			parts = append(parts, fp)
		}
	}
	switch {
	case isBytes:
		return &BytesLit{ValuePos: first.Pos(), Value: sb.String()}
	case isF:
		flush()
		return &FStringExpr{ValuePos: first.Pos(), Parts: parts}
	}
	return &StrLit{ValuePos: first.Pos(), Value: sb.String()}
}

// ---- f-strings ----

// parseFStringBody parses the text of an f-string (or of a format spec,
// level > 0) from src[start:end], whose first character is at pos, into
// StrLit and FormattedValue parts.
func (p *parser) parseFStringBody(start, end int, pos Position, raw bool, level int) []Expr {
	var parts []Expr
	var lit []byte
	litPos := pos
	line, col := pos.Line, pos.Col
	i := start
	adv := func() {
		c := p.src[i]
		i++
		if c == '\n' {
			line++
			col = 1
		} else if c&0xC0 != 0x80 {
			col++
		}
	}
	here := func() Position { return Position{File: p.file, Line: line, Col: col} }
	flushLit := func() {
		if len(lit) == 0 {
			return
		}
		v := string(lit)
		if !raw {
			dv, e := decodeEscapes(lit, false)
			if e != nil {
				panic(&Error{Pos: litPos, Kind: e.kind, Msg: e.msg})
			}
			v = dv
		}
		if v != "" {
			parts = append(parts, &StrLit{ValuePos: litPos, Value: v})
		}
		lit = lit[:0]
	}
	for i < end {
		c := p.src[i]
		switch {
		case c == '\\' && !raw && i+1 < end:
			if len(lit) == 0 {
				litPos = here()
			}
			switch next := p.src[i+1]; {
			case next == 'N' && i+2 < end && p.src[i+2] == '{':
				// \N{NAME}: the braces are not a field.
				for i < end && p.src[i] != '}' {
					lit = append(lit, p.src[i])
					adv()
				}
				if i < end {
					lit = append(lit, '}')
					adv()
				}
			case next == '{' || next == '}':
				// "\{x}" is a backslash followed by a field.
				lit = append(lit, c)
				adv()
			default:
				lit = append(lit, c, next)
				adv()
				adv()
			}
		case c == '{' && i+1 < end && p.src[i+1] == '{' && level == 0:
			if len(lit) == 0 {
				litPos = here()
			}
			lit = append(lit, '{')
			adv()
			adv()
		case c == '}' && i+1 < end && p.src[i+1] == '}' && level == 0:
			if len(lit) == 0 {
				litPos = here()
			}
			lit = append(lit, '}')
			adv()
			adv()
		case c == '}':
			p.errorAt(here(), "f-string: single '}' is not allowed")
		case c == '{':
			flushLit()
			fieldPos := here()
			adv()
			var fv *FormattedValue
			var debug string
			fv, debug, i, line, col = p.parseFStringField(i, end, fieldPos, line, col, raw, level)
			if debug != "" {
				parts = append(parts, &StrLit{ValuePos: fieldPos, Value: debug})
			}
			parts = append(parts, fv)
			litPos = here()
		default:
			if len(lit) == 0 {
				litPos = here()
			}
			lit = append(lit, c)
			adv()
		}
	}
	flushLit()
	return parts
}

// parseFStringField parses a replacement field whose "{" has been
// consumed; i is just past it. It returns the field, the text of a "{x=}"
// self-documenting prefix, and the scan state just past the closing "}".
func (p *parser) parseFStringField(i, end int, fieldPos Position, line, col int, raw bool, level int) (*FormattedValue, string, int, int, int) {
	if level >= 2 {
		p.errorAt(fieldPos, "f-string: expressions nested too deeply")
	}
	adv := func() {
		c := p.src[i]
		i++
		if c == '\n' {
			line++
			col = 1
		} else if c&0xC0 != 0x80 {
			col++
		}
	}
	here := func() Position { return Position{File: p.file, Line: line, Col: col} }
	exprStart, exprLine, exprCol := i, line, col
	// Find the end of the expression: the first "}", "!" (not "!="), ":"
	// or "=" (not part of ==, !=, <=, >=) outside brackets and strings.
	var stack []byte
	var inStr byte
	for i < end {
		c := p.src[i]
		if inStr != 0 {
			if c == inStr {
				inStr = 0
			}
			if c == '\\' {
				p.errorAt(here(), "f-string expression part cannot include a backslash")
			}
			adv()
			continue
		}
		if c == '\\' {
			p.errorAt(here(), "f-string expression part cannot include a backslash")
		}
		if c == '#' {
			p.errorAt(here(), "f-string expression part cannot include '#'")
		}
		if c == '\'' || c == '"' {
			inStr = c
			adv()
			continue
		}
		if c == '(' || c == '[' || c == '{' {
			stack = append(stack, c)
			adv()
			continue
		}
		if c == ')' || c == ']' || c == '}' {
			if len(stack) == 0 {
				if c == '}' {
					break
				}
				p.errorAt(here(), "f-string: unmatched '%c'", c)
			}
			if closing(stack[len(stack)-1]) != c {
				p.errorAt(here(), "f-string: closing parenthesis '%c' does not match opening parenthesis '%c'", c, stack[len(stack)-1])
			}
			stack = stack[:len(stack)-1]
			adv()
			continue
		}
		if len(stack) == 0 {
			next := byte(0)
			if i+1 < end {
				next = p.src[i+1]
			}
			if c == '!' && next != '=' || c == ':' {
				break
			}
			if c == '=' && next != '=' {
				prev := byte(0)
				if i > exprStart {
					prev = p.src[i-1]
				}
				if prev != '=' && prev != '!' && prev != '<' && prev != '>' {
					break
				}
			}
			if c == '=' && next == '=' || c == '!' && next == '=' {
				adv()
			}
		}
		adv()
	}
	if inStr != 0 {
		p.errorAt(fieldPos, "f-string: unterminated string")
	}
	if i >= end {
		if len(stack) > 0 {
			p.errorAt(fieldPos, "f-string: unmatched '%c'", stack[len(stack)-1])
		}
		p.errorAt(here(), "f-string: expecting '}'")
	}
	exprEnd := i
	if len(bytes.TrimSpace(p.src[exprStart:exprEnd])) == 0 {
		if p.src[i] == '=' {
			p.errorAt(here(), "f-string: expression required before '='")
		}
		p.errorAt(here(), "f-string: empty expression not allowed")
	}
	value := p.parseFStringExpr(exprStart, exprEnd, exprLine, exprCol)
	fv := &FormattedValue{Lbrace: fieldPos, Value: value}
	debug := ""
	if p.src[i] == '=' {
		adv()
		// The text of "{x = }" includes the whitespace after "=".
		for i < end && (p.src[i] == ' ' || p.src[i] == '\t' || p.src[i] == '\n') {
			adv()
		}
		debug = string(p.src[exprStart:i])
	}
	if i < end && p.src[i] == '!' {
		adv()
		if i >= end {
			p.errorAt(here(), "f-string: expecting '}'")
		}
		conv := p.src[i]
		if conv != 'r' && conv != 's' && conv != 'a' {
			p.errorAt(here(), "f-string: invalid conversion character: expected 's', 'r', or 'a'")
		}
		fv.Conversion = conv
		adv()
		if i >= end || p.src[i] != ':' && p.src[i] != '}' {
			p.errorAt(here(), "f-string: expecting '}'")
		}
	}
	if i < end && p.src[i] == ':' {
		adv()
		specStart, specPos := i, here()
		depth := 0
		for i < end {
			c := p.src[i]
			if c == '{' {
				depth++
			} else if c == '}' {
				if depth == 0 {
					break
				}
				depth--
			}
			adv()
		}
		if i >= end {
			p.errorAt(here(), "f-string: expecting '}'")
		}
		specParts := p.parseFStringBody(specStart, i, specPos, raw, level+1)
		fv.Spec = &FStringExpr{ValuePos: specPos, Parts: specParts}
	}
	if i >= end || p.src[i] != '}' {
		p.errorAt(here(), "f-string: expecting '}'")
	}
	adv()
	if debug != "" && fv.Conversion == 0 && fv.Spec == nil {
		fv.Conversion = 'r'
	}
	return fv, debug, i, line, col
}

// parseFStringExpr parses the expression of a replacement field,
// src[start:end], whose first character is at line:col.
func (p *parser) parseFStringExpr(start, end, line, col int) Expr {
	defer func() {
		if r := recover(); r != nil {
			if e, ok := r.(*Error); ok && !strings.HasPrefix(e.Msg, "f-string") && e.Kind == KindSyntax {
				c := *e
				c.Msg = "f-string: " + c.Msg
				panic(&c)
			}
			panic(r)
		}
	}()
	sc := newScanner(p.file, p.src, start, end, line, col, true)
	toks := sc.scanAll()
	sub := &parser{file: p.file, src: p.src, toks: toks, depth: p.depth}
	if toks[0].kind == ILLEGAL {
		panic(toks[0].err())
	}
	var x Expr
	if sub.kind() == YIELD {
		x = sub.parseYield()
	} else {
		x = sub.parseStarExpressions(true)
		if st, ok := x.(*StarredExpr); ok {
			sub.errorAt(st.Star, "cannot use starred expression here")
		}
	}
	if sub.kind() != EOF {
		if sub.kind() == ILLEGAL {
			panic(sub.tok().err())
		}
		t := sub.tok()
		msg := "f-string: invalid syntax"
		if sub.startsExpr() {
			msg = "f-string: invalid syntax. Perhaps you forgot a comma?"
		}
		sub.errorAt(t.Pos(), "%s", msg)
	}
	return x
}

// ---- targets ----

// exprName names an expression the way CPython's error messages do.
func exprName(x Expr) string {
	switch x := x.(type) {
	case *Ident:
		return "name"
	case *AttrExpr:
		return "attribute"
	case *IndexExpr:
		return "subscript"
	case *StarredExpr:
		return "starred"
	case *ListExpr:
		return "list"
	case *TupleExpr:
		return "tuple"
	case *LambdaExpr:
		return "lambda"
	case *CallExpr:
		return "function call"
	case *BinaryExpr, *UnaryExpr, *BoolExpr:
		return "expression"
	case *GeneratorExp:
		return "generator expression"
	case *YieldExpr, *YieldFromExpr:
		return "yield expression"
	case *AwaitExpr:
		return "await expression"
	case *ListComp:
		return "list comprehension"
	case *SetComp:
		return "set comprehension"
	case *DictComp:
		return "dict comprehension"
	case *DictExpr:
		return "dict literal"
	case *SetExpr:
		return "set display"
	case *FStringExpr, *FormattedValue:
		return "f-string expression"
	case *NoneLit:
		return "None"
	case *BoolLit:
		if x.Value {
			return "True"
		}
		return "False"
	case *EllipsisLit:
		return "ellipsis"
	case *CompareExpr:
		return "comparison"
	case *CondExpr:
		return "conditional expression"
	case *NamedExpr:
		return "named expression"
	}
	return "literal"
}

// checkAssignTarget reports an invalid assignment target. first selects
// CPython's longer message for the first target of a plain "=".
func (p *parser) checkAssignTarget(x Expr, first bool) {
	p.checkTarget(x, first, true)
	p.checkStarred(x)
}

func (p *parser) checkTarget(x Expr, first, top bool) {
	switch x := x.(type) {
	case *Ident, *AttrExpr, *IndexExpr:
		return
	case *StarredExpr:
		if top {
			p.errorAt(x.Star, "starred assignment target must be in a list or tuple")
		}
		p.checkTarget(x.X, false, false)
		return
	case *TupleExpr:
		for _, e := range x.Elts {
			p.checkTarget(e, false, false)
		}
		return
	case *ListExpr:
		for _, e := range x.Elts {
			p.checkTarget(e, false, false)
		}
		return
	case *YieldExpr, *YieldFromExpr:
		p.errorAt(x.Pos(), "assignment to yield expression not possible")
	case *NamedExpr:
		p.errorAt(x.Pos(), "cannot assign to named expression")
	}
	name := exprName(x)
	if first {
		switch x.(type) {
		case *CallExpr, *IntLit, *FloatLit, *ImagLit, *StrLit, *BytesLit, *FStringExpr,
			*BinaryExpr, *UnaryExpr, *BoolExpr, *ListComp, *SetComp, *DictComp,
			*GeneratorExp, *DictExpr, *SetExpr, *AwaitExpr:
			p.errorAt(x.Pos(), "cannot assign to %s here. Maybe you meant '==' instead of '='?", name)
		}
	}
	p.errorAt(x.Pos(), "cannot assign to %s", name)
}

// checkStarred reports more than one starred target in one sequence.
func (p *parser) checkStarred(x Expr) {
	var elts []Expr
	switch x := x.(type) {
	case *TupleExpr:
		elts = x.Elts
	case *ListExpr:
		elts = x.Elts
	case *StarredExpr:
		p.checkStarred(x.X)
		return
	default:
		return
	}
	n := 0
	for _, e := range elts {
		if _, ok := e.(*StarredExpr); ok {
			n++
		}
		p.checkStarred(e)
	}
	if n > 1 {
		p.errorAt(x.Pos(), "multiple starred expressions in assignment")
	}
}

func (p *parser) checkDelTarget(x Expr) {
	switch x := x.(type) {
	case *Ident, *AttrExpr, *IndexExpr:
		return
	case *TupleExpr:
		for _, e := range x.Elts {
			p.checkDelTarget(e)
		}
		return
	case *ListExpr:
		for _, e := range x.Elts {
			p.checkDelTarget(e)
		}
		return
	}
	p.errorAt(x.Pos(), "cannot delete %s", exprName(x))
}

var _ = utf8.RuneLen
