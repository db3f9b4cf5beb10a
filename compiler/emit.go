package compiler

import (
	"encoding/binary"
	"fmt"
	"math"
	"strconv"

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
}

func newProgComp(filename string, opts Options, src []byte) *progComp {
	p := &bytecode.Program{Stripped: opts.Strip}
	if !opts.Strip {
		p.Filename = filename
	}
	return &progComp{
		filename: filename, opts: opts, src: src, prog: p,
		strIndex: map[string]int{}, conIndex: map[string]int{},
	}
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
	pc    int // -1 until bound
	depth int // stack depth at the target; -1 while unknown
}

// handler is an active exception handler region.
type handler struct {
	target *label
	depth  int
}

// excRun is a run of code covered by one handler.
type excRun struct {
	start, end int
	h          *handler
}

// blockKind is the kind of an enclosing block that break/continue/return must exit.
type blockKind int

const (
	loopBlock       blockKind = iota // for (iterator on the stack) or while
	finallyBlock                     // the body of try ... finally: exits run the finally body
	exceptBlock                      // an except clause body: [prev] on the stack
	finallyHandlerBlock              // a finally body run for an exception: [prev exc] on the stack
)

type block struct {
	kind         blockKind
	forLoop      bool // loopBlock: has an iterator on the stack
	brk, cont    *label
	depth        int // stack depth just inside the block (at its statement boundaries)
	handlerLevel int // len(fc.handlers) outside the block
	finally      []syntax.Stmt
}

// fcomp compiles one function.
type fcomp struct {
	pc       *progComp
	fn       *resolve.Function
	f        *bytecode.Funcode
	index    int // in Program.Functions
	code     []byte
	lines    *bytecode.LineTableBuilder
	pos      syntax.Position
	depth    int
	live     bool // the current code position is reachable
	fixups   []fixup
	handlers []*handler
	runs     []excRun
	blocks   []*block

	localSlot []int // resolver Locals index → local slot (-1 for cells)
	cellSlot  []int // resolver Locals index → cell index (-1 for plain locals)
	freeSlot  []int // resolver FreeVars index → cell index (-1 if dropped)
}

type fixup struct {
	at int
	l  *label
}

func (fc *fcomp) newLabel() *label { return &label{pc: -1, depth: -1} }

// setPos sets the source position recorded for the following instructions.
func (fc *fcomp) setPos(p syntax.Position) {
	if p.Line > 0 {
		fc.pos = p
		fc.pc.lastPos = p
	}
}

func (fc *fcomp) record() {
	pcNow := len(fc.code)
	if fc.lines != nil && fc.pos.Line > 0 {
		fc.lines.Add(pcNow, fc.pos.Line, fc.pos.Col)
	}
	var h *handler
	if n := len(fc.handlers); n > 0 {
		h = fc.handlers[n-1]
	}
	if h == nil {
		return
	}
	if n := len(fc.runs); n > 0 && fc.runs[n-1].h == h && fc.runs[n-1].end == pcNow {
		return // extended when the instruction is complete
	}
	fc.runs = append(fc.runs, excRun{start: pcNow, end: pcNow, h: h})
}

func (fc *fcomp) finishRecord() {
	if n := len(fc.handlers); n > 0 {
		h := fc.handlers[n-1]
		if r := len(fc.runs); r > 0 && fc.runs[r-1].h == h {
			fc.runs[r-1].end = len(fc.code)
		}
	}
}

// emit appends an instruction without operand.
func (fc *fcomp) emit(op bytecode.Opcode) {
	fc.record()
	fc.code = append(fc.code, byte(op))
	fc.finishRecord()
	fc.adjust(op, 0)
}

// emit1 appends an instruction with a varint operand.
func (fc *fcomp) emit1(op bytecode.Opcode, arg uint32) {
	fc.record()
	fc.code = append(fc.code, byte(op))
	fc.code = bytecode.AppendUvarint(fc.code, uint64(arg))
	fc.finishRecord()
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
	fc.record()
	fc.code = append(fc.code, byte(op), 0, 0)
	fc.fixups = append(fc.fixups, fixup{len(fc.code) - 2, l})
	fc.finishRecord()
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
	l.pc = len(fc.code)
	if !fc.live && l.depth >= 0 {
		fc.depth = l.depth
		fc.live = true
	} else if fc.live && l.depth < 0 {
		l.depth = fc.depth
	} else if l.depth >= 0 {
		fc.live = true
	}
}

// bindAt places l at the current position with a known stack depth (handlers).
func (fc *fcomp) bindAt(l *label, depth int) {
	l.pc = len(fc.code)
	l.depth = depth
	fc.depth = depth
	fc.live = true
}

func (fc *fcomp) pushHandler(target *label, depth int) *handler {
	h := &handler{target: target, depth: depth}
	fc.handlers = append(fc.handlers, h)
	return h
}

func (fc *fcomp) popHandler() { fc.handlers = fc.handlers[:len(fc.handlers)-1] }

// finish resolves jumps and the exception table into fc.f.
func (fc *fcomp) finish() {
	for _, fx := range fc.fixups {
		if fx.l.pc < 0 {
			panic("unbound label")
		}
		binary.LittleEndian.PutUint16(fc.code[fx.at:], uint16(fx.l.pc))
	}
	if len(fc.code) > math.MaxUint16 {
		fc.pc.errorf(fc.fn.Pos, KindNotSupported, "function %s is too large (%d bytes of code, at most 65535)", fc.f.Name, len(fc.code))
	}
	var tab []bytecode.ExcEntry
	for _, r := range fc.runs {
		if r.end <= r.start {
			continue
		}
		e := bytecode.ExcEntry{Start: r.start, End: r.end, Handler: r.h.target.pc, Depth: r.h.depth}
		if n := len(tab); n > 0 && tab[n-1].End == e.Start && tab[n-1].Handler == e.Handler && tab[n-1].Depth == e.Depth {
			tab[n-1].End = e.End
			continue
		}
		tab = append(tab, e)
	}
	fc.f.Code = fc.code
	fc.f.ExcTable = tab
	if fc.lines != nil {
		fc.f.LineTable = fc.lines.Bytes()
	}
	d, err := fc.pc.prog.MaxStackDepth(fc.index)
	if err != nil {
		panic(fmt.Sprintf("function %s: %v", fc.f.Name, err))
	}
	fc.f.MaxStack = d
}
