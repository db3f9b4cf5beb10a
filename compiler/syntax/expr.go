package syntax

import (
	"strings"
)

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
	start := p.i
	defer func() { p.lastExprStart, p.lastExprEnd = start, p.i }()
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
	// Each link of a chain nests the tree one level deeper; count it so
	// that later passes, which recurse over the tree, stay bounded.
	n := 0
	defer func() { p.depth -= n }()
	for p.kind() == OR {
		p.enter()
		n++
		t := p.nextTok()
		x = &BoolExpr{X: x, OpPos: t.Pos(), Op: OR, Y: p.parseAnd()}
	}
	return x
}

func (p *parser) parseAnd() Expr {
	x := p.parseNot()
	n := 0
	defer func() { p.depth -= n }()
	for p.kind() == AND {
		p.enter()
		n++
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
	n := 0
	defer func() { p.depth -= n }()
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
		p.enter()
		n++
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
		p.enter()
		defer p.leave()
		t := p.nextTok()
		return &BinaryExpr{X: x, OpPos: t.Pos(), Op: STARSTAR, Y: p.parseFactor()}
	}
	return x
}

func (p *parser) parsePrimary() Expr {
	x := p.parseAtom()
	n := 0
	defer func() { p.depth -= n }()
	for {
		switch p.kind() {
		case DOT, LPAREN, LBRACK:
			p.enter()
			n++
		}
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
					p.lateErrorf(id.NamePos, "keyword argument repeated: %s", id.Name)
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
	if p.startsExpr() && p.kind() != STAR && p.kind() != YIELD && !p.trial {
		// Only if what follows parses as an expression; otherwise
		// report where that fails.
		if err := p.tryExpr(); err != nil {
			panic(err)
		}
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
		p.checkNotStarred(y.Value)
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
