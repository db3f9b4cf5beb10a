package syntax

import (
	"fmt"
	"math/big"
	"reflect"
	"strconv"
	"strings"
)

// Dump renders a syntax tree compactly for tests and debugging: one
// statement per line, indented by nesting and prefixed with its
// line:col, and expressions as parenthesised terms. Identifiers print as
// their name, literals as their value; nil fields, empty lists, positions
// and resolver annotations are left out.
func Dump(n Node) string {
	var b strings.Builder
	d := dumper{b: &b}
	if f, ok := n.(*File); ok {
		d.stmts(f.Body, 0)
	} else {
		d.node(reflect.ValueOf(n), 0)
		b.WriteByte('\n')
	}
	return b.String()
}

type dumper struct{ b *strings.Builder }

var (
	posType   = reflect.TypeOf(Position{})
	stmtsType = reflect.TypeOf([]Stmt(nil))
	bigType   = reflect.TypeOf((*big.Int)(nil))
	tokenType = reflect.TypeOf(Token(0))
)

func (d dumper) stmts(list []Stmt, indent int) {
	for _, s := range list {
		d.b.WriteString(strings.Repeat("  ", indent))
		fmt.Fprintf(d.b, "%d:%d ", s.Pos().Line, s.Pos().Col)
		d.node(reflect.ValueOf(s), indent)
		d.b.WriteByte('\n')
	}
}

func (d dumper) node(v reflect.Value, indent int) {
	if v.Kind() == reflect.Interface {
		v = v.Elem()
	}
	if !v.IsValid() || v.Kind() == reflect.Pointer && v.IsNil() {
		d.b.WriteString("nil")
		return
	}
	switch x := v.Interface().(type) {
	case *Ident:
		d.b.WriteString(x.Name)
		return
	case *IntLit:
		d.b.WriteString(x.Raw)
		return
	case *FloatLit:
		d.b.WriteString(x.Raw)
		return
	case *ImagLit:
		d.b.WriteString(x.Raw)
		return
	case *StrLit:
		d.b.WriteString(strconv.Quote(x.Value))
		return
	case *BytesLit:
		d.b.WriteString("b" + strconv.Quote(x.Value))
		return
	case *NoneLit:
		d.b.WriteString("None")
		return
	case *BoolLit:
		if x.Value {
			d.b.WriteString("True")
		} else {
			d.b.WriteString("False")
		}
		return
	case *EllipsisLit:
		d.b.WriteString("...")
		return
	}
	s := v.Elem()
	t := s.Type()
	_, isStmt := v.Interface().(Stmt)
	blockLike := isStmt || hasBody(t)
	if !blockLike {
		d.b.WriteByte('(')
	}
	d.b.WriteString(t.Name())
	var blocks []int
	for i := 0; i < t.NumField(); i++ {
		f := t.Field(i)
		fv := s.Field(i)
		if f.Type == posType || f.Name == "Scope" || f.Name == "Binding" || f.Name == "Bound" || f.Name == "OpsPos" || fv.IsZero() {
			continue
		}
		if fv.Kind() == reflect.Slice && fv.Len() == 0 {
			continue
		}
		if f.Type == stmtsType || fv.Kind() == reflect.Slice && fv.Type().Elem().Kind() == reflect.Pointer && hasBody(fv.Type().Elem().Elem()) {
			blocks = append(blocks, i)
			continue
		}
		d.b.WriteString(" " + f.Name + "=")
		d.value(fv, indent)
	}
	if !blockLike {
		d.b.WriteByte(')')
	}
	for _, i := range blocks {
		pad := strings.Repeat("  ", indent+1)
		d.b.WriteString("\n" + pad + t.Field(i).Name + ":")
		fv := s.Field(i)
		if f, ok := fv.Interface().([]Stmt); ok {
			for _, st := range f {
				d.b.WriteString("\n" + pad + "  ")
				fmt.Fprintf(d.b, "%d:%d ", st.Pos().Line, st.Pos().Col)
				d.node(reflect.ValueOf(st), indent+2)
			}
			continue
		}
		for j := 0; j < fv.Len(); j++ {
			el := fv.Index(j)
			d.b.WriteString("\n" + pad + "  ")
			p := el.Interface().(Node).Pos()
			fmt.Fprintf(d.b, "%d:%d ", p.Line, p.Col)
			d.node(el, indent+2)
		}
	}
}

// hasBody reports whether struct type t has a Body []Stmt field, which
// makes it print as a block.
func hasBody(t reflect.Type) bool {
	if t.Kind() != reflect.Struct {
		return false
	}
	f, ok := t.FieldByName("Body")
	return ok && f.Type == stmtsType
}

func (d dumper) value(v reflect.Value, indent int) {
	switch {
	case v.Type() == tokenType:
		d.b.WriteString(Token(v.Uint()).String())
	case v.Type() == bigType:
		d.b.WriteString(v.Interface().(*big.Int).String())
	case v.Kind() == reflect.Slice:
		if v.Type() == reflect.TypeOf([]Token(nil)) {
			parts := make([]string, v.Len())
			for i := range parts {
				parts[i] = v.Index(i).Interface().(Token).String()
			}
			d.b.WriteString("[" + strings.Join(parts, " ") + "]")
			return
		}
		d.b.WriteByte('[')
		for i := 0; i < v.Len(); i++ {
			if i > 0 {
				d.b.WriteByte(' ')
			}
			d.value(v.Index(i), indent)
		}
		d.b.WriteByte(']')
	case v.Kind() == reflect.Uint8:
		d.b.WriteString(string(rune(v.Uint())))
	case v.Kind() == reflect.Bool:
		d.b.WriteString(strconv.FormatBool(v.Bool()))
	case v.Kind() == reflect.Int || v.Kind() == reflect.Int64:
		d.b.WriteString(strconv.FormatInt(v.Int(), 10))
	case v.Kind() == reflect.String:
		d.b.WriteString(strconv.Quote(v.String()))
	case v.Kind() == reflect.Pointer || v.Kind() == reflect.Interface:
		d.node(v, indent)
	default:
		fmt.Fprint(d.b, v.Interface())
	}
}
