package syntax

import (
	"bytes"
	"strings"
)

// f-strings are scanned as one FSTRING token; the parser splits the body
// into literal text and replacement fields and parses each field's
// expression with a scanner over that part of the source, so positions
// inside f-strings are exact.

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
