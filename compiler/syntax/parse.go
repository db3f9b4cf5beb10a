package syntax

import (
	"bytes"
	"fmt"
	"strings"
)

// Parse parses a Python module. filename is used in positions and
// messages only. On error the result is nil and err is an ErrorList: the
// first syntax error, or else every error CPython reports after parsing
// (duplicate argument names, repeated keyword arguments), sorted. Each
// error's Line field holds its source line.
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
				case strings.HasSuffix(se.Msg, "was never closed"):
					// CPython checks the line of the furthest token it read.
					far := min(p.furthest, n-2)
					if far >= n-2 || int(p.toks[far].line) > se.Pos.Line {
						e = se
					}
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
	if len(p.late) > 0 {
		for _, e := range p.late {
			e.Line = sourceLine(src, e.Pos.Line)
		}
		p.late.Sort()
		return nil, p.late
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

	// The last expression parsed (by parseTest or as a for target): the
	// index of its first token and of the token after it.
	lastExprStart, lastExprEnd int
	trial                      bool // inside tryExpr
	furthest                   int  // index of the furthest token looked at
	late                       ErrorList
}

// tryExpr parses an expression at the current token to see whether one is
// there, and returns the error that stopped it, or nil. The position is
// restored.
func (p *parser) tryExpr() (err *Error) {
	save, depth := p.i, p.depth
	p.trial = true
	defer func() {
		p.i, p.depth, p.trial = save, depth, false
		if r := recover(); r != nil {
			e, ok := r.(*Error)
			if !ok {
				panic(r)
			}
			err = e
		}
	}()
	p.parseTest()
	return nil
}

func (p *parser) tok() *token { return &p.toks[p.i] }

func (p *parser) peek(n int) *token {
	if p.i+n > p.furthest {
		p.furthest = p.i + n
	}
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
		if p.i > p.furthest {
			p.furthest = p.i
		}
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

// lateErrorf records an error that CPython reports only after parsing
// (in its symbol table or compiler), so parsing goes on: Parse returns
// every such error, sorted, when the file has no syntax error.
func (p *parser) lateErrorf(pos Position, format string, args ...any) {
	if p.trial {
		return
	}
	p.late = append(p.late, &Error{Pos: pos, Kind: KindSyntax, Msg: fmt.Sprintf(format, args...)})
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
	// After an expression, CPython reads past "not" looking for "not in"
	// and reports the token after it.
	if t.kind == NOT && p.peek(1).kind != IN && p.peek(1).kind != EOF {
		p.errorAt(p.peek(1).Pos(), "invalid syntax")
	}
	// CPython's "Perhaps you forgot a comma?": inside brackets, an
	// expression directly followed by another one.
	if t.level > 0 && p.i == p.lastExprEnd && p.startsExpr() && t.kind != STAR && t.kind != YIELD {
		start := &p.toks[p.lastExprStart]
		next := p.peek(0)
		if p.lastExprStart+1 < len(p.toks) {
			next = &p.toks[p.lastExprStart+1]
		}
		softKw := start.kind == NAME && (start.text == "match" || start.text == "case" || start.text == "_")
		if !(start.kind == NAME && next.kind == STRING) && !softKw && !p.trial {
			// Only if what follows parses as an expression; otherwise
			// report where that fails, as CPython's first pass would.
			if err := p.tryExpr(); err != nil {
				panic(err)
			}
			p.errorAt(start.Pos(), "invalid syntax. Perhaps you forgot a comma?")
		}
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
		p.errorAt(p.tok().Pos(), "expression too deeply nested")
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
		default:
			// CPython names the bad target only when an annotation follows;
			// otherwise the colon itself is the error.
			colon := p.nextTok()
			if !p.startsExpr() {
				p.errorAt(colon.Pos(), "invalid syntax")
			}
			p.parseTest()
			switch x.(type) {
			case *TupleExpr:
				p.errorAt(x.Pos(), "only single target (not tuple) can be annotated")
			case *ListExpr:
				p.errorAt(x.Pos(), "only single target (not list) can be annotated")
			}
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
		// An elif chain nests; bound it like an expression.
		p.enter()
		defer p.leave()
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
	p.checkNotStarred(s.Iter)
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
	start := p.i
	defer func() { p.lastExprStart, p.lastExprEnd = start, p.i }()
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
			p.lateErrorf(pr.Name.NamePos, "duplicate argument '%s' in function definition", pr.Name.Name)
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
