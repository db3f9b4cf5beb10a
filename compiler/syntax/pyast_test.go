package syntax

import (
	"encoding/json"
	"fmt"
	"math"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"unicode/utf16"
)

// TestASTMatchesCPython parses every valid test program with nl and with
// CPython's ast module and compares the trees, node by node, in CPython's
// vocabulary (testdata/pyast_dump.py renders CPython's side, cpyDump nl's):
// the same node kinds, fields, constant values and positions.
func TestASTMatchesCPython(t *testing.T) {
	files, _ := filepath.Glob("testdata/parse/*.py")
	var use []string
	for _, f := range files {
		// match patterns are parsed leniently as expressions, not as
		// CPython's pattern nodes.
		if !strings.HasSuffix(f, "unsupported.py") {
			use = append(use, f)
		}
	}
	out, err := exec.Command("python3", append([]string{"-W", "ignore", "testdata/pyast_dump.py"}, use...)...).Output()
	if err != nil {
		t.Fatalf("python3: %v", err)
	}
	var want map[string]string
	if err := json.Unmarshal(out, &want); err != nil {
		t.Fatal(err)
	}
	for _, path := range use {
		t.Run(filepath.Base(path), func(t *testing.T) {
			f, err := Parse(path, mustRead(t, path))
			if err != nil {
				t.Fatal(err)
			}
			got := cpyDump(f)
			if !strings.HasPrefix(want[path], "Module(body=[") {
				t.Fatalf("no CPython dump for %s", path)
			}
			if got != want[path] {
				t.Errorf("AST differs from CPython's at:\n%s", firstDiff(got, want[path]))
			}
		})
	}
}

// firstDiff shows both strings around their first difference.
func firstDiff(got, want string) string {
	i := 0
	for i < len(got) && i < len(want) && got[i] == want[i] {
		i++
	}
	lo := max(0, i-200)
	return fmt.Sprintf("nl:      …%s\nCPython: …%s", got[lo:min(len(got), i+150)], want[lo:min(len(want), i+150)])
}

// cpyDump renders nl's tree the way testdata/pyast_dump.py renders
// CPython's.
func cpyDump(f *File) string {
	d := &cpy{}
	d.open("Module", Position{})
	d.field("body")
	d.stmts(f.Body)
	d.close()
	return d.b.String()
}

type cpy struct {
	b      strings.Builder
	inF    int // inside an f-string: no positions
	fields []int
}

func (d *cpy) open(name string, p Position) {
	d.b.WriteString(name)
	if p.IsValid() && d.inF == 0 {
		fmt.Fprintf(&d.b, "@%d:%d", p.Line, p.Col)
	}
	d.b.WriteByte('(')
	d.fields = append(d.fields, 0)
}

func (d *cpy) close() {
	d.b.WriteByte(')')
	d.fields = d.fields[:len(d.fields)-1]
}

func (d *cpy) field(name string) {
	if d.fields[len(d.fields)-1] > 0 {
		d.b.WriteByte(' ')
	}
	d.fields[len(d.fields)-1]++
	d.b.WriteString(name + "=")
}

func (d *cpy) raw(s string) { d.b.WriteString(s) }

func (d *cpy) list(n int, each func(i int)) {
	d.b.WriteByte('[')
	for i := 0; i < n; i++ {
		if i > 0 {
			d.b.WriteByte(' ')
		}
		each(i)
	}
	d.b.WriteByte(']')
}

func (d *cpy) stmts(list []Stmt) { d.list(len(list), func(i int) { d.stmt(list[i]) }) }
func (d *cpy) exprs(list []Expr) { d.list(len(list), func(i int) { d.expr(list[i]) }) }

func (d *cpy) opt(x Expr) {
	if x == nil {
		d.raw("None")
		return
	}
	d.expr(x)
}

func (d *cpy) ident(id *Ident) {
	if id == nil {
		d.raw("None")
		return
	}
	d.raw(id.Name)
}

func (d *cpy) stmt(s Stmt) {
	switch s := s.(type) {
	case *ExprStmt:
		d.open("Expr", s.Pos())
		d.field("value")
		d.expr(s.X)
	case *AssignStmt:
		d.open("Assign", s.Pos())
		d.field("targets")
		d.exprs(s.Targets)
		d.field("value")
		d.expr(s.Value)
	case *AugAssignStmt:
		d.open("AugAssign", s.Pos())
		d.field("target")
		d.expr(s.Target)
		d.field("op")
		d.raw(binopName[s.Op.BinaryOp()] + "()")
		d.field("value")
		d.expr(s.Value)
	case *AnnAssignStmt:
		d.open("AnnAssign", s.Pos())
		d.field("target")
		d.expr(s.Target)
		d.field("annotation")
		d.expr(s.Annotation)
		d.field("value")
		d.opt(s.Value)
		d.field("simple")
		if s.Simple {
			d.raw("1")
		} else {
			d.raw("0")
		}
	case *DelStmt:
		d.open("Delete", s.Pos())
		d.field("targets")
		d.exprs(s.Targets)
	case *PassStmt:
		d.open("Pass", s.Pos())
	case *BreakStmt:
		d.open("Break", s.Pos())
	case *ContinueStmt:
		d.open("Continue", s.Pos())
	case *ReturnStmt:
		d.open("Return", s.Pos())
		d.field("value")
		d.opt(s.Value)
	case *RaiseStmt:
		d.open("Raise", s.Pos())
		d.field("exc")
		d.opt(s.Exc)
		d.field("cause")
		d.opt(s.Cause)
	case *AssertStmt:
		d.open("Assert", s.Pos())
		d.field("test")
		d.expr(s.Test)
		d.field("msg")
		d.opt(s.Msg)
	case *GlobalStmt, *NonlocalStmt:
		name, names := "Global", []*Ident(nil)
		if g, ok := s.(*GlobalStmt); ok {
			names = g.Names
		} else {
			name, names = "Nonlocal", s.(*NonlocalStmt).Names
		}
		d.open(name, s.Pos())
		d.field("names")
		d.list(len(names), func(i int) { d.raw(names[i].Name) })
	case *ImportStmt:
		d.open("Import", s.Pos())
		d.field("names")
		d.list(len(s.Names), func(i int) { d.alias(s.Names[i]) })
	case *ImportFromStmt:
		d.open("ImportFrom", s.Pos())
		d.field("module")
		if s.Module == "" {
			d.raw("None")
		} else {
			d.raw(s.Module)
		}
		d.field("names")
		if s.Star {
			d.list(1, func(int) { d.alias(&Alias{NamePos: s.StarPos, Name: "*"}) })
		} else {
			d.list(len(s.Names), func(i int) { d.alias(s.Names[i]) })
		}
		d.field("level")
		d.raw(fmt.Sprint(s.Level))
	case *IfStmt:
		d.open("If", s.Pos())
		d.field("test")
		d.expr(s.Test)
		d.field("body")
		d.stmts(s.Body)
		d.field("orelse")
		d.stmts(s.Else)
	case *WhileStmt:
		d.open("While", s.Pos())
		d.field("test")
		d.expr(s.Test)
		d.field("body")
		d.stmts(s.Body)
		d.field("orelse")
		d.stmts(s.Else)
	case *ForStmt:
		d.open(asyncName("For", s.Async), s.Pos())
		d.field("target")
		d.expr(s.Target)
		d.field("iter")
		d.expr(s.Iter)
		d.field("body")
		d.stmts(s.Body)
		d.field("orelse")
		d.stmts(s.Else)
	case *TryStmt:
		name := "Try"
		if s.Star {
			name = "TryStar"
		}
		d.open(name, s.Pos())
		d.field("body")
		d.stmts(s.Body)
		d.field("handlers")
		d.list(len(s.Handlers), func(i int) {
			h := s.Handlers[i]
			d.open("ExceptHandler", h.Pos())
			d.field("type")
			d.opt(h.Type)
			d.field("name")
			d.ident(h.Name)
			d.field("body")
			d.stmts(h.Body)
			d.close()
		})
		d.field("orelse")
		d.stmts(s.Else)
		d.field("finalbody")
		d.stmts(s.Finally)
	case *WithStmt:
		d.open(asyncName("With", s.Async), s.Pos())
		d.field("items")
		d.list(len(s.Items), func(i int) {
			d.open("withitem", Position{})
			d.field("context_expr")
			d.expr(s.Items[i].Context)
			d.field("optional_vars")
			d.opt(s.Items[i].Target)
			d.close()
		})
		d.field("body")
		d.stmts(s.Body)
	case *DefStmt:
		d.open(asyncName("FunctionDef", s.Async), s.Pos())
		d.field("name")
		d.raw(s.Name.Name)
		d.field("args")
		d.arguments(s.Params)
		d.field("body")
		d.stmts(s.Body)
		d.field("decorator_list")
		d.list(len(s.Decorators), func(i int) { d.expr(s.Decorators[i].X) })
		d.field("returns")
		d.opt(s.Returns)
	case *ClassDef:
		d.open("ClassDef", s.Pos())
		d.field("name")
		d.raw(s.Name.Name)
		d.field("bases")
		d.exprs(s.Bases)
		d.field("keywords")
		d.keywords(s.Keywords)
		d.field("body")
		d.stmts(s.Body)
		d.field("decorator_list")
		d.list(len(s.Decorators), func(i int) { d.expr(s.Decorators[i].X) })
	default:
		d.open(fmt.Sprintf("%T", s), s.Pos())
	}
	d.close()
}

func asyncName(name string, async bool) string {
	if async {
		return "Async" + name
	}
	return name
}

func (d *cpy) alias(a *Alias) {
	d.open("alias", a.NamePos)
	d.field("name")
	d.raw(a.Name)
	d.field("asname")
	d.ident(a.AsName)
	d.close()
}

func (d *cpy) keywords(kws []*Keyword) {
	d.list(len(kws), func(i int) {
		k := kws[i]
		d.open("keyword", k.Pos())
		d.field("arg")
		d.ident(k.Name)
		d.field("value")
		d.expr(k.Value)
		d.close()
	})
}

func (d *cpy) arguments(ps *Params) {
	arg := func(p *Param) {
		if p == nil {
			d.raw("None")
			return
		}
		d.open("arg", p.Pos())
		d.field("arg")
		d.raw(p.Name.Name)
		d.field("annotation")
		d.opt(p.Annotation)
		d.close()
	}
	args := func(list []*Param) { d.list(len(list), func(i int) { arg(list[i]) }) }
	d.open("arguments", Position{})
	d.field("posonlyargs")
	args(ps.PosOnly)
	d.field("args")
	args(ps.Args)
	d.field("vararg")
	arg(ps.Vararg)
	d.field("kwonlyargs")
	args(ps.KwOnly)
	d.field("kw_defaults")
	d.list(len(ps.KwOnly), func(i int) { d.opt(ps.KwOnly[i].Default) })
	d.field("kwarg")
	arg(ps.Kwarg)
	d.field("defaults")
	var defs []Expr
	for _, p := range append(append([]*Param{}, ps.PosOnly...), ps.Args...) {
		if p.Default != nil {
			defs = append(defs, p.Default)
		}
	}
	d.exprs(defs)
	d.close()
}

var binopName = map[Token]string{
	PLUS: "Add", MINUS: "Sub", STAR: "Mult", AT: "MatMult", SLASH: "Div", PERCENT: "Mod",
	STARSTAR: "Pow", LTLT: "LShift", GTGT: "RShift", PIPE: "BitOr", CIRCUMFLEX: "BitXor",
	AMP: "BitAnd", SLASHSLASH: "FloorDiv",
}

var cmpName = map[Token]string{
	EQL: "Eq", NEQ: "NotEq", LT: "Lt", LE: "LtE", GT: "Gt", GE: "GtE",
	IS: "Is", IS_NOT: "IsNot", IN: "In", NOT_IN: "NotIn",
}

var unaryName = map[Token]string{TILDE: "Invert", NOT: "Not", PLUS: "UAdd", MINUS: "USub"}

func (d *cpy) constant(p Position, v string) {
	d.open("Constant", p)
	d.raw(v)
	d.close()
}

func (d *cpy) expr(x Expr) {
	switch x := x.(type) {
	case *Ident:
		d.open("Name", x.Pos())
		d.field("id")
		d.raw(x.Name)
	case *IntLit:
		v := fmt.Sprintf("i%d", x.Value)
		if x.Big != nil {
			v = "i" + x.Big.String()
		}
		d.constant(x.Pos(), v)
		return
	case *FloatLit:
		d.constant(x.Pos(), fmt.Sprintf("f%d", math.Float64bits(x.Value)))
		return
	case *ImagLit:
		d.constant(x.Pos(), fmt.Sprintf("j%d", math.Float64bits(x.Value)))
		return
	case *StrLit:
		d.constant(x.Pos(), pyJSON(x.Value))
		return
	case *BytesLit:
		d.constant(x.Pos(), fmt.Sprintf("b%x", x.Value))
		return
	case *NoneLit:
		d.constant(x.Pos(), "None")
		return
	case *BoolLit:
		d.constant(x.Pos(), map[bool]string{true: "True", false: "False"}[x.Value])
		return
	case *EllipsisLit:
		d.constant(x.Pos(), "...")
		return
	case *FStringExpr:
		d.open("JoinedStr", x.Pos())
		d.inF++
		d.field("values")
		d.exprs(x.Parts)
		d.inF--
	case *FormattedValue:
		d.open("FormattedValue", x.Pos())
		d.field("value")
		d.expr(x.Value)
		d.field("conversion")
		if x.Conversion == 0 {
			d.raw("-1")
		} else {
			d.raw(fmt.Sprint(int(x.Conversion)))
		}
		d.field("format_spec")
		if x.Spec == nil {
			d.raw("None")
		} else {
			d.expr(x.Spec)
		}
	case *UnaryExpr:
		d.open("UnaryOp", x.Pos())
		d.field("op")
		d.raw(unaryName[x.Op] + "()")
		d.field("operand")
		d.expr(x.X)
	case *BinaryExpr:
		d.open("BinOp", x.Pos())
		d.field("left")
		d.expr(x.X)
		d.field("op")
		d.raw(binopName[x.Op] + "()")
		d.field("right")
		d.expr(x.Y)
	case *BoolExpr:
		// CPython flattens a chain of the same operator.
		var values []Expr
		var flatten func(e Expr)
		flatten = func(e Expr) {
			if b, ok := e.(*BoolExpr); ok && b.Op == x.Op {
				flatten(b.X)
				values = append(values, b.Y)
				return
			}
			values = append(values, e)
		}
		flatten(x)
		d.open("BoolOp", x.Pos())
		d.field("op")
		d.raw(map[Token]string{AND: "And()", OR: "Or()"}[x.Op])
		d.field("values")
		d.exprs(values)
	case *CompareExpr:
		d.open("Compare", x.Pos())
		d.field("left")
		d.expr(x.X)
		d.field("ops")
		d.list(len(x.Ops), func(i int) { d.raw(cmpName[x.Ops[i]] + "()") })
		d.field("comparators")
		d.exprs(x.Ys)
	case *CondExpr:
		d.open("IfExp", x.Pos())
		d.field("test")
		d.expr(x.Test)
		d.field("body")
		d.expr(x.True)
		d.field("orelse")
		d.expr(x.False)
	case *LambdaExpr:
		d.open("Lambda", x.Pos())
		d.field("args")
		d.arguments(x.Params)
		d.field("body")
		d.expr(x.Body)
	case *CallExpr:
		d.open("Call", x.Pos())
		d.field("func")
		d.expr(x.Fn)
		d.field("args")
		d.exprs(x.Args)
		d.field("keywords")
		d.keywords(x.Keywords)
	case *AttrExpr:
		d.open("Attribute", x.Pos())
		d.field("value")
		d.expr(x.X)
		d.field("attr")
		d.raw(x.Name.Name)
	case *IndexExpr:
		d.open("Subscript", x.Pos())
		d.field("value")
		d.expr(x.X)
		d.field("slice")
		d.expr(x.Index)
	case *SliceExpr:
		d.open("Slice", x.Pos())
		d.field("lower")
		d.opt(x.Lo)
		d.field("upper")
		d.opt(x.Hi)
		d.field("step")
		d.opt(x.Step)
	case *StarredExpr:
		d.open("Starred", x.Pos())
		d.field("value")
		d.expr(x.X)
	case *TupleExpr:
		d.open("Tuple", x.Pos())
		d.field("elts")
		d.exprs(x.Elts)
	case *ListExpr:
		d.open("List", x.Pos())
		d.field("elts")
		d.exprs(x.Elts)
	case *SetExpr:
		d.open("Set", x.Pos())
		d.field("elts")
		d.exprs(x.Elts)
	case *DictExpr:
		d.open("Dict", x.Pos())
		d.field("keys")
		d.list(len(x.Items), func(i int) { d.opt(x.Items[i].Key) })
		d.field("values")
		d.list(len(x.Items), func(i int) { d.expr(x.Items[i].Value) })
	case *ListComp:
		d.open("ListComp", x.Pos())
		d.field("elt")
		d.expr(x.Elt)
		d.generators(x.For)
	case *SetComp:
		d.open("SetComp", x.Pos())
		d.field("elt")
		d.expr(x.Elt)
		d.generators(x.For)
	case *DictComp:
		d.open("DictComp", x.Pos())
		d.field("key")
		d.expr(x.Key)
		d.field("value")
		d.expr(x.Value)
		d.generators(x.For)
	case *GeneratorExp:
		d.open("GeneratorExp", x.Pos())
		d.field("elt")
		d.expr(x.Elt)
		d.generators(x.For)
	case *YieldExpr:
		d.open("Yield", x.Pos())
		d.field("value")
		d.opt(x.Value)
	case *YieldFromExpr:
		d.open("YieldFrom", x.Pos())
		d.field("value")
		d.expr(x.Value)
	case *AwaitExpr:
		d.open("Await", x.Pos())
		d.field("value")
		d.expr(x.X)
	case *NamedExpr:
		d.open("NamedExpr", x.Pos())
		d.field("target")
		d.expr(x.Target)
		d.field("value")
		d.expr(x.Value)
	default:
		d.open(fmt.Sprintf("%T", x), x.Pos())
	}
	d.close()
}

func (d *cpy) generators(cs []*Comprehension) {
	d.field("generators")
	d.list(len(cs), func(i int) {
		c := cs[i]
		d.open("comprehension", Position{})
		d.field("target")
		d.expr(c.Target)
		d.field("iter")
		d.expr(c.Iter)
		d.field("ifs")
		d.exprs(c.Ifs)
		d.field("is_async")
		if c.Async {
			d.raw("1")
		} else {
			d.raw("0")
		}
		d.close()
	})
}

// pyJSON encodes s the way Python's json.dumps does by default
// (ensure_ascii: every non-ASCII character as \uXXXX, UTF-16 pairs above
// the BMP).
func pyJSON(s string) string {
	var b strings.Builder
	b.WriteByte('"')
	for _, r := range s {
		switch {
		case r == '"':
			b.WriteString(`\"`)
		case r == '\\':
			b.WriteString(`\\`)
		case r == '\n':
			b.WriteString(`\n`)
		case r == '\r':
			b.WriteString(`\r`)
		case r == '\t':
			b.WriteString(`\t`)
		case r == '\b':
			b.WriteString(`\b`)
		case r == '\f':
			b.WriteString(`\f`)
		case r < 0x20 || r > 0x7e && r < 0x10000 && r != 0x7f:
			fmt.Fprintf(&b, `\u%04x`, r)
		case r >= 0x10000:
			r1, r2 := utf16.EncodeRune(r)
			fmt.Fprintf(&b, `\u%04x\u%04x`, r1, r2)
		default:
			b.WriteRune(r)
		}
	}
	b.WriteByte('"')
	return b.String()
}
