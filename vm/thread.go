package vm

import (
	"io"
	"time"

	"github.com/nanolambda/nl/bytecode"
)

// Thread is the state of one running call into an Instance: the Python
// call stack, counters and the heap account. Native functions receive it
// and pass it to the helpers (th.Equal, th.Call, ...). A Thread is not safe
// for concurrent use.
type Thread struct {
	inst *Instance
	opts *Options

	frames     []*frame // active Python frames, innermost last (traceback and GC roots)
	framePool  []*frame // reusable frames, by depth
	extraRoots []Value  // values held by the VM outside frames during a collection
	depth      int
	maxDepth   int
	peakDepth  int

	steps     uint64 // instructions counted up to the start of the current countdown
	tick      int64  // countdown to the next limit check (decremented per instruction)
	tickSpan  int64  // value tick started from
	unsettled bool   // calls ran since the last collection (see settle)

	markSeen  map[uintptr]struct{} // the collector's seen sets, reused (markLive)
	markStrs  map[strKey]struct{}
	stepLimit uint64 // stop when steps reaches this (0 = none)
	deadline  time.Time
	started   time.Time

	heap, peak  int64
	limit       int64 // 0 = none
	nextGC      int64
	slowAt      int64 // charges above this heap level take the slow path
	frameBytes  int64 // bytes of live frames (exact: charged on call, credited on return)
	inNative    bool  // the innermost activation is a native function
	nativeBytes int64 // charged while native code ran (held in Go variables)
	collections int

	slab   numSlab // boxes for int and float results
	catBuf []byte  // bytes of str concatenation results (strconcat.go)

	handled   Value   // the exception being handled (sys.exc_info), or nil
	reprStack []Value // containers being repr'd (cycle detection)
	nesting   int     // depth of nested container comparisons/hashing
}

// Stdout returns where print() writes (never nil).
func (th *Thread) Stdout() io.Writer {
	if th.opts == nil || th.opts.Stdout == nil {
		return io.Discard
	}
	return th.opts.Stdout
}

// Stderr is where sys.stderr writes (Options.Stderr), never nil.
func (th *Thread) Stderr() io.Writer {
	if th.opts == nil || th.opts.Stderr == nil {
		return io.Discard
	}
	return th.opts.Stderr
}

// Now returns the embedder's current time (Options.Now, default time.Now).
func (th *Thread) Now() time.Time {
	if th.opts != nil && th.opts.Now != nil {
		return th.opts.Now()
	}
	return time.Now()
}

// Sleep sleeps through the embedder's Options.Sleep (default: real sleep).
func (th *Thread) Sleep(d time.Duration) {
	if th.opts != nil && th.opts.Sleep != nil {
		th.opts.Sleep(d)
		return
	}
	time.Sleep(d)
}

// Steps returns the number of instructions executed so far.
func (th *Thread) Steps() uint64 { return th.stepCount() }

// module is the runtime state of one loaded Program: its globals and
// decoded functions.
type module struct {
	prog      *bytecode.Program
	filename  string
	globals   []Value
	gnames    []string       // global slot names
	gindex    map[string]int // global name → slot (LOAD_NAME)
	gbuiltin  []Value        // builtin fallback per global slot (nil: none)
	consts    []Value        // Program.Constants as values
	strs      []Value        // Program.Strings as String values
	funcs     []*funcode
	modObject *Module // lazily-made module object (not importable; for repr)
}

// funcode is a bytecode.Funcode decoded for execution.
type funcode struct {
	src     *bytecode.Funcode
	mod     *module
	name    string
	code    []insn
	offsets []int32 // byte offset of each instruction (for line lookup)
	consts  []Value // operands of INT, CONSTANT and LOAD_BUILTIN, preboxed
	// builtinNames names the LOAD_BUILTIN entries of consts (for NameError).
	builtinNames []string
	exc          []excEntry
	// attrCache holds, per instruction, the inline cache of ATTR on
	// instances of user classes (nil when the function has no ATTR).
	attrCache []attrCacheEntry
	// fused holds the operands of opFusedInt instructions (fuse.go).
	fused []fusedInt
	// methCache caches built-in methods per opCallMethod (methodcall.go).
	methCache []methCacheEntry

	nparams, nkwonly, nlocals int
	nposonly                  int // leading positional-only parameters
	ncells, nfree, maxStack   int
	varargs, kwargs           bool
	generator, classBody      bool
	paramNames                []string // positional then keyword-only names
	frameSize                 int64    // charged per call
}

// attrCacheEntry remembers what a class-chain lookup found for one ATTR
// instruction, valid while the Instance's classVersion is unchanged.
type attrCacheEntry struct {
	cls     *Class
	version uint64
	v       Value // nil: not found in the class chain
}

type insn struct {
	op  bytecode.Opcode
	arg uint32
}

type excEntry struct {
	start, end, handler, depth int // instruction indices
}

// frame is one activation of a funcode.
type frame struct {
	fc     *funcode
	fn     *Function // nil for module top level
	mod    *module
	locals []Value
	cells  []*Cell
	stack  []Value
	sp     int
	pc     int // index of the next instruction
	ns     *Dict
	buf    []Value

	handling  Value // exception being handled when a generator frame suspended
	gen       *Generator
	className string // qualified name of the class whose body this frame runs
	yielded   bool   // run returned because of a YIELD

	// inline is set on a frame called from a run loop that executes it in
	// place (no Go recursion); savedHandled is the caller's handled
	// exception, restored when the frame exits.
	inline       bool
	savedHandled Value
	// yieldFrom is set while a YIELD_FROM is delegating: the generator
	// re-executes the YIELD_FROM instruction on resume.
	yieldFrom bool
	// fromSent is the value sent to a generator while it delegates: the
	// re-executed YIELD_FROM passes it on.
	fromSent Value
}

// catch looks for the handler covering instruction faulting in the frame's
// exception table; if there is one, it cuts the operand stack to the
// handler's depth, pushes exc and moves pc to the handler.
func (fr *frame) catch(exc Value, faulting int) bool {
	for _, h := range fr.fc.exc {
		if faulting >= h.start && faulting < h.end {
			clear(fr.stack[h.depth:fr.sp])
			fr.sp = h.depth
			fr.stack[fr.sp] = exc
			fr.sp++
			fr.pc = h.handler
			return true
		}
	}
	return false
}

// position returns the source line and column of instruction index pc.
func (fc *funcode) position(pc int) (int, int) {
	if pc < 0 || pc >= len(fc.offsets) {
		if len(fc.offsets) == 0 {
			return 0, 0
		}
		pc = len(fc.offsets) - 1
	}
	return fc.src.Position(int(fc.offsets[pc]))
}
