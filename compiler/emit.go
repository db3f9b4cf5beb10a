package compiler

import (
	"fmt"
	"math"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler/resolve"
	"github.com/nanolambda/nl/compiler/syntax"
)

// progComp holds the state shared by all functions of one module: the pools.
type progComp struct {
	filename string
	opts     Options
	src      []byte
	prog     *bytecode.Program
	strIndex map[string]int
	conIndex map[string]int
	errs     syntax.ErrorList
	lastPos  syntax.Position
	written  map[*syntax.Ident]string // def/class names as written, where mangling renamed them
	finished []*fcomp                 // functions whose instructions are complete, to assemble
}

// nameOf is the __name__ of a def or class: its name as written, before
// private name mangling.
func (pc *progComp) nameOf(id *syntax.Ident) string {
	if w, ok := pc.written[id]; ok {
		return w
	}
	return id.Name
}

func newProgComp(filename string, opts Options, src []byte) *progComp {
	p := &bytecode.Program{Stripped: opts.Strip}
	if !opts.Strip {
		p.Filename = filename
	}
	pc := &progComp{
		filename: filename, opts: opts, src: src, prog: p,
		strIndex: map[string]int{}, conIndex: map[string]int{},
	}
	// The pool starts with the well-known strings, which images leave out.
	for _, s := range bytecode.WellKnown {
		pc.str(s)
	}
	return pc
}

// errorf records an error at pos; compilation goes on to find more.
func (pc *progComp) errorf(pos syntax.Position, kind, format string, args ...any) {
	if pos.File == "" {
		pos.File = pc.filename
	}
	pc.errs = append(pc.errs, &syntax.Error{Pos: pos, Kind: kind, Msg: fmt.Sprintf(format, args...)})
}

// unsupported records a NotSupportedError naming the construct.
func (pc *progComp) unsupported(pos syntax.Position, construct string) {
	pc.errorf(pos, KindNotSupported, "%s is not supported by nl", construct)
}

func (pc *progComp) str(s string) uint32 {
	if i, ok := pc.strIndex[s]; ok {
		return uint32(i)
	}
	if !utf8.ValidString(s) {
		// Images hold UTF-8 only; CPython refuses such source too.
		pc.errorf(pc.lastPos, KindSyntax, "(unicode error) string is not valid UTF-8")
		s = strings.ToValidUTF8(s, "\uFFFD")
	}
	i := len(pc.prog.Strings)
	pc.prog.Strings = append(pc.prog.Strings, s)
	pc.strIndex[s] = i
	return uint32(i)
}

func (pc *progComp) constant(c bytecode.Constant) uint32 {
	var key string
	switch c.Kind {
	case bytecode.ConstInt:
		key = "i" + strconv.FormatInt(c.Int, 10)
	case bytecode.ConstFloat:
		key = "f" + strconv.FormatUint(math.Float64bits(c.Float), 16)
	case bytecode.ConstStr:
		key = "s" + c.Str
		pc.str(c.Str)
	case bytecode.ConstBytes:
		key = "b" + c.Str
	case bytecode.ConstTuple:
		key = "t"
		for _, j := range c.Tuple {
			key += strconv.Itoa(j) + ","
		}
	}
	if i, ok := pc.conIndex[key]; ok {
		return uint32(i)
	}
	i := len(pc.prog.Constants)
	pc.prog.Constants = append(pc.prog.Constants, c)
	pc.conIndex[key] = i
	return uint32(i)
}

// label is a jump target within one function's code.
type label struct {
	index int  // instruction index; -1 until bound
	depth int  // stack depth at the target; -1 while unknown
	used  bool // handler labels: some reachable instruction is covered by the handler
}

// handler is an active exception handler region.
type handler struct {
	target *label
	depth  int
}

// instr is one instruction before assembly: jumps are laid out (one- or two-byte
// targets) only when the whole function is known.
type instr struct {
	op     bytecode.Opcode
	arg    uint32
	target *label // jumps
	pos    syntax.Position
	h      *handler // innermost active handler, or nil
}

// blockKind is the kind of an enclosing block that break/continue/return must exit.
type blockKind int

const (
	loopBlock           blockKind = iota // for (iterator on the stack) or while
	finallyBlock                         // the body of try ... finally: exits run the finally body
	exceptBlock                          // an except clause body: [prev] on the stack
	finallyHandlerBlock                  // a finally body run for an exception: [prev exc] on the stack
)

type block struct {
	kind         blockKind
	forLoop      bool // loopBlock: has an iterator on the stack
	brk, cont    *label
	depth        int // stack depth just inside the block (at its statement boundaries)
	handlerLevel int // len(fc.handlers) outside the block
	innerLevel   int // len(fc.handlers) just inside it (its own cleanup handler included)
	finally      []syntax.Stmt
}

// fcomp compiles one function.
type fcomp struct {
	pc       *progComp
	fn       *resolve.Function
	f        *bytecode.Funcode
	findex   int // in Program.Functions
	instrs   []instr
	pos      syntax.Position
	depth    int
	live     bool // the current code position is reachable
	handlers []*handler
	blocks   []*block

	localSlot []int // resolver Locals index → local slot (-1 for cells)
	cellSlot  []int // resolver Locals index → cell index (-1 for plain locals)
	freeSlot  []int // resolver FreeVars index → cell index (-1 if dropped)
}

func (fc *fcomp) newLabel() *label { return &label{index: -1, depth: -1} }

// setPos sets the source position recorded for the following instructions.
func (fc *fcomp) setPos(p syntax.Position) {
	if p.Line > 0 {
		fc.pos = p
		fc.pc.lastPos = p
	}
}

func (fc *fcomp) add(in instr) {
	in.pos = fc.pos
	if n := len(fc.handlers); n > 0 {
		in.h = fc.handlers[n-1]
		if fc.live {
			in.h.target.used = true
		}
	}
	fc.instrs = append(fc.instrs, in)
}

// emit appends an instruction without operand.
func (fc *fcomp) emit(op bytecode.Opcode) {
	fc.add(instr{op: op})
	fc.adjust(op, 0)
}

// emit1 appends an instruction with an operand.
func (fc *fcomp) emit1(op bytecode.Opcode, arg uint32) {
	fc.add(instr{op: op, arg: arg})
	fc.adjust(op, arg)
}

func (fc *fcomp) adjust(op bytecode.Opcode, arg uint32) {
	eff, ok := bytecode.StackEffect(op, arg)
	if !ok {
		panic(fmt.Sprintf("bad operand %d for %s", arg, op))
	}
	if op == bytecode.MAKE_FUNCTION && fc.pc.prog.Functions[arg>>2].NumFree > 0 {
		eff--
	}
	fc.depth += eff
	if op.Terminal() {
		fc.live = false
	}
}

// jump appends a jump to l.
func (fc *fcomp) jump(op bytecode.Opcode, l *label) {
	fc.add(instr{op: op, target: l})
	if fc.live {
		d := fc.depth + bytecode.JumpStackEffect(op)
		if l.depth < 0 {
			l.depth = d
		}
	}
	eff, _ := bytecode.StackEffect(op, 0)
	fc.depth += eff
	if op.Terminal() {
		fc.live = false
	}
}

// bind places l at the current position.
func (fc *fcomp) bind(l *label) {
	l.index = len(fc.instrs)
	if !fc.live && l.depth >= 0 {
		fc.depth = l.depth
		fc.live = true
	} else if fc.live && l.depth < 0 {
		l.depth = fc.depth
	} else if l.depth >= 0 {
		fc.live = true
	}
}

// bindHandler places the handler label l at the current position, where the
// stack holds depth items. The handler's code is reachable only if some reachable
// instruction is covered by it.
func (fc *fcomp) bindHandler(l *label, depth int) {
	l.index = len(fc.instrs)
	l.depth = depth
	fc.depth = depth
	fc.live = l.used
}

func (fc *fcomp) pushHandler(target *label, depth int) *handler {
	h := &handler{target: target, depth: depth}
	fc.handlers = append(fc.handlers, h)
	return h
}

func (fc *fcomp) popHandler() { fc.handlers = fc.handlers[:len(fc.handlers)-1] }

// finish lays out the code (choosing one-byte jump targets where they fit),
// and builds the exception and line tables into fc.f.
// finish closes the function's instruction list. Assembly waits for the
// end of the module (assemble), when the constant pool is complete and has
// been laid out.
func (fc *fcomp) finish() {
	n := len(fc.instrs)
	if n == 0 || fc.live || !fc.instrs[n-1].op.Terminal() {
		// Control may reach the end (or a label bound there): return None.
		fc.live = true
		fc.emit(bytecode.LOAD_NONE)
		fc.emit(bytecode.RETURN)
	}
	fc.pc.finished = append(fc.pc.finished, fc)
}

// assemble lays out the function's code, exception table and line table.
func (fc *fcomp) assemble() {
	n := len(fc.instrs)
	for _, in := range fc.instrs {
		if in.target != nil && in.target.index < 0 {
			panic("unbound label")
		}
	}
	// Keep only reachable instructions (following jumps, fall-through and the
	// handlers of reachable instructions): dead code costs flash and is never
	// verified.
	reach := make([]bool, n)
	work := []int{0}
	for len(work) > 0 {
		i := work[len(work)-1]
		work = work[:len(work)-1]
		if i >= n || reach[i] {
			continue
		}
		reach[i] = true
		in := fc.instrs[i]
		if in.target != nil {
			work = append(work, in.target.index)
		}
		if in.h != nil {
			work = append(work, in.h.target.index)
		}
		if !in.op.Terminal() {
			work = append(work, i+1)
		}
	}
	// A jump to the next kept instruction is a no-op: drop it.
	nextKept := func(i int) int {
		for i < n && !reach[i] {
			i++
		}
		return i
	}
	for i, in := range fc.instrs {
		if reach[i] && in.op == bytecode.JUMP && nextKept(in.target.index) == nextKept(i+1) {
			reach[i] = false
		}
	}
	short := make([]bool, n)
	for i, in := range fc.instrs {
		short[i] = in.target != nil
	}
	offsets := make([]int, n+1)
	for {
		pc := 0
		for i, in := range fc.instrs {
			offsets[i] = pc
			switch {
			case !reach[i]:
			case in.target != nil && short[i]:
				pc += 2
			case in.target != nil:
				pc += 3
			default:
				pc += bytecode.InstrLen(in.op, in.arg)
			}
		}
		offsets[n] = pc
		changed := false
		for i, in := range fc.instrs {
			if reach[i] && in.target != nil && short[i] && offsets[in.target.index] > 255 {
				short[i] = false
				changed = true
			}
		}
		if !changed {
			break
		}
	}
	code := make([]byte, 0, offsets[n])
	var lines *bytecode.LineTableBuilder
	if !fc.pc.opts.Strip {
		lines = bytecode.NewLineTableBuilder(fc.f.Line)
	}
	var tab []bytecode.ExcEntry
	for i, in := range fc.instrs {
		if !reach[i] {
			continue
		}
		if lines != nil && in.pos.Line > 0 {
			lines.Add(offsets[i], in.pos.Line, in.pos.Col)
		}
		if in.target != nil {
			code = bytecode.AppendJump(code, in.op, offsets[in.target.index], short[i])
		} else {
			code = bytecode.AppendInstr(code, in.op, in.arg)
		}
		if in.h != nil {
			e := bytecode.ExcEntry{Start: offsets[i], End: offsets[i+1], Handler: offsets[in.h.target.index], Depth: in.h.depth}
			if k := len(tab); k > 0 && tab[k-1].End == e.Start && tab[k-1].Handler == e.Handler && tab[k-1].Depth == e.Depth {
				tab[k-1].End = e.End
			} else {
				tab = append(tab, e)
			}
		}
	}
	if len(code) > math.MaxUint16 {
		fc.pc.errorf(fc.fn.Pos, KindNotSupported, "function %s is too large (%d bytes of code, at most 65535)", fc.f.Name, len(code))
		code = code[:0]
		code = append(code, byte(bytecode.LOAD_NONE), byte(bytecode.RETURN))
		tab = nil
	}
	fc.f.Code = code
	fc.f.ExcTable = tab
	if lines != nil {
		fc.f.LineTable = lines.Bytes()
	}
	d, err := fc.pc.prog.MaxStackDepth(fc.findex)
	if err != nil {
		panic(fmt.Sprintf("function %s: %v", fc.f.Name, err))
	}
	fc.f.MaxStack = d
}
