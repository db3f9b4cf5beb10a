package vm

import (
	"errors"
	"fmt"
	"io"
	"math"
	"runtime/debug"
	"sort"
	"time"

	"github.com/nanolambda/nl/bytecode"
)

// Options are the limits and hooks of an Instance.
type Options struct {
	HeapLimit int64               // bytes under the documented 32-bit size model; 0 = no limit
	MaxDepth  int                 // Python call depth; 0 = default 100; exceeding → RecursionError
	MaxSteps  uint64              // instruction budget per Load or Call; 0 = none → *TimeoutError
	Timeout   time.Duration       // wall-clock deadline for one Load or Call; 0 = none → *TimeoutError
	Stdout    io.Writer           // print() writes here; nil = discard
	Stderr    io.Writer           // sys.stderr writes here; nil = discard
	Argv      []string            // sys.argv (nl exec: the script, then its arguments)
	Modules   map[string]*Module  // extra native modules importable from Python (`import device`)
	Now       func() time.Time    // clock for the time module; nil = time.Now
	Sleep     func(time.Duration) // time.sleep; nil = real sleep (emulator passes virtual time)
	Filename  string              // for tracebacks when the image is stripped
}

// DefaultMaxDepth is the call depth limit when Options.MaxDepth is 0.
const DefaultMaxDepth = 100

// Instance is a loaded program: its globals, imported modules and heap
// account. Calls on one Instance must not overlap.
type Instance struct {
	opts     Options
	mod      *module
	modules  []*module
	imported map[string]Value
	th       *Thread

	// classVersion changes whenever a class attribute is set or deleted,
	// invalidating the ATTR inline caches.
	classVersion uint64
}

// Stats are the counters of an Instance.
type Stats struct {
	Steps     uint64 // instructions executed (since Load or ResetStats)
	Heap      int64  // live heap bytes under the size model
	PeakHeap  int64  // highest heap since Load or ResetStats
	PeakDepth int    // deepest Python call nesting since Load or ResetStats
}

// Load prepares a verified program and runs its module top level. The
// program's code and constants are not charged to the heap (on a device
// they execute in place from flash).
func Load(p *bytecode.Program, opts Options) (in *Instance, err error) {
	if p == nil || len(p.Functions) == 0 {
		return nil, errors.New("load: empty program")
	}
	if err := p.Verify(); err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	mod, err := newModule(p, opts.Filename)
	if err != nil {
		return nil, fmt.Errorf("load: %w", err)
	}
	in = &Instance{opts: opts, mod: mod, modules: []*module{mod}, imported: map[string]Value{}}
	th := &Thread{inst: in, opts: &in.opts}
	th.maxDepth = opts.MaxDepth
	if th.maxDepth <= 0 {
		th.maxDepth = DefaultMaxDepth
	}
	th.limit = opts.HeapLimit
	th.nextGC = gcMinStepUnlimited
	if th.limit > 0 {
		th.nextGC = gcMinStep
	}
	if th.limit > 0 && th.nextGC > th.limit {
		th.nextGC = th.limit
	}
	in.th = th
	th.updateSlowAt()
	_, err = in.invoke(func() (Value, error) {
		fc := mod.funcs[0]
		fr, err := th.pushFrame(fc, nil)
		if err != nil {
			return nil, err
		}
		r, err := th.run(fr)
		th.popFrame(fr)
		return r, err
	})
	if err != nil {
		return nil, err
	}
	return in, nil
}

// Call calls the global function name with args.
func (in *Instance) Call(name string, args ...Value) (Value, error) {
	fn, ok := in.Global(name)
	if !ok {
		return nil, &Exception{Type: "NameError", Msg: fmt.Sprintf("name '%s' is not defined", name)}
	}
	return in.CallValue(fn, args...)
}

// CallValue calls any callable value with args.
func (in *Instance) CallValue(fn Value, args ...Value) (Value, error) {
	th := in.th
	return in.invoke(func() (Value, error) {
		for i, a := range args {
			if a == nil {
				args[i] = None
			}
		}
		// The arguments (a Lambda event) live in the device heap during
		// the call: charge what they occupy under the size model.
		if err := th.charge(sizeOfValues(args)); err != nil {
			return nil, err
		}
		return th.Call(fn, args, nil)
	})
}

// Global returns the value of a module global.
func (in *Instance) Global(name string) (Value, bool) {
	i, ok := in.mod.gindex[name]
	if !ok || in.mod.globals[i] == nil {
		return nil, false
	}
	return in.mod.globals[i], true
}

// Stats returns the instance's counters.
func (in *Instance) Stats() Stats {
	th := in.th
	th.settle()
	return Stats{Steps: th.stepCount(), Heap: th.heap, PeakHeap: th.peak, PeakDepth: th.peakDepth}
}

// ResetStats zeroes Steps and PeakDepth and sets PeakHeap to the current
// heap, so that the next Call's figures stand alone.
func (in *Instance) ResetStats() {
	th := in.th
	th.settle()
	th.steps = 0
	th.tickSpan = th.tick
	th.peak = th.heap
	th.peakDepth = 0
	th.updateSlowAt()
}

// invoke runs f with the per-call limits, converts an uncaught exception
// to its API form, recovers Go panics, and measures the live heap after.
func (in *Instance) invoke(f func() (Value, error)) (result Value, err error) {
	th := in.th
	th.started = time.Now()
	th.deadline = time.Time{}
	if in.opts.Timeout > 0 {
		th.deadline = th.started.Add(in.opts.Timeout)
	}
	th.stepLimit = 0
	if in.opts.MaxSteps > 0 {
		th.stepLimit = th.stepCount() + in.opts.MaxSteps
	}
	th.setCheckAt()
	depth, nframes := th.depth, len(th.frames)
	defer func() {
		if r := recover(); r != nil {
			result = nil
			err = &internalError{msg: fmt.Sprintf("%v\n%s", r, debug.Stack())}
			// Unwind the frame stack to where the call began.
			for len(th.frames) > nframes {
				th.frames = th.frames[:len(th.frames)-1]
			}
			th.depth = depth
			th.frameBytes = 0
		}
		th.handled = nil
		th.setNative(false)
		th.nativeBytes = 0
		th.reprStack = th.reprStack[:0]
		th.nesting = 0
		if cap(th.catBuf) > 64<<10 {
			// Do not hold a large concatenation buffer between calls.
			th.catBuf = nil
		}
		if th.limit > 0 {
			// Under a budget the next call must start from the live heap,
			// so that its peak and MemoryError are its own.
			th.unsettled = true
			th.settle()
		} else {
			// Without one, only Stats needs the live heap: measure it when
			// asked rather than after every call (tracing the module's
			// globals each time cost 15% of a call that decodes JSON).
			th.unsettled = true
			th.updateSlowAt()
		}
	}()
	result, err = f()
	if err != nil {
		return nil, th.apiError(err)
	}
	return result, nil
}

// apiError converts a raised exception to the *Exception returned by the
// API: type, message, traceback (outermost first) and cause.
func (th *Thread) apiError(err error) error {
	e, ok := err.(*Exception)
	if !ok {
		return err
	}
	if e.value == nil {
		if ex, ok := asException(e); ok {
			e = ex
		}
	}
	return th.exportException(e.value, 0)
}

func (th *Thread) exportException(o *Object, depth int) *Exception {
	out := &Exception{Type: o.class.name, value: o}
	if msg, err := th.Str(o); err == nil {
		out.Msg = msg
	} else {
		out.Msg = "<exception str() failed>"
	}
	tb := o.exc.tb
	out.Frames = make([]Frame, 0, len(tb))
	for i := len(tb) - 1; i >= 0; i-- {
		t := tb[i]
		line, col := t.fc.position(t.pc)
		out.Frames = append(out.Frames, Frame{File: t.fc.mod.filename, Line: line, Col: col, Func: t.fc.name})
	}
	out.HeapLimit, out.Requested = o.exc.heapLimit, o.exc.requested
	if c, ok := o.exc.cause.(*Object); ok && c.exc != nil && depth < 10 {
		out.Cause = th.exportException(c, depth+1)
	} else if c, ok := o.exc.context.(*Object); ok && c.exc != nil && !o.exc.suppress && depth < 10 {
		out.Context = th.exportException(c, depth+1)
	}
	return out
}

// newModule decodes a program for execution.
func newModule(p *bytecode.Program, filename string) (*module, error) {
	if p.Filename != "" {
		filename = p.Filename
	}
	if filename == "" {
		filename = "<image>"
	}
	m := &module{prog: p, filename: filename}
	m.globals = make([]Value, len(p.Globals))
	m.gnames = p.Globals
	m.gindex = make(map[string]int, len(p.Globals))
	m.gbuiltin = make([]Value, len(p.Globals))
	for i, name := range p.Globals {
		m.gindex[name] = i
		m.gbuiltin[i] = builtins[name]
		if name == "__name__" {
			// The loaded module is the program being run, as with
			// `python3 handler.py`.
			m.globals[i] = String("__main__")
		}
	}
	m.consts = make([]Value, len(p.Constants))
	for i, c := range p.Constants {
		switch c.Kind {
		case bytecode.ConstInt:
			m.consts[i] = MakeInt(c.Int)
		case bytecode.ConstFloat:
			m.consts[i] = Float64(c.Float)
		case bytecode.ConstStr:
			m.consts[i] = String(c.Str)
		case bytecode.ConstBytes:
			m.consts[i] = Bytes(c.Str)
		case bytecode.ConstTuple:
			t := make(Tuple, len(c.Tuple))
			for j, k := range c.Tuple {
				if k < 0 || k >= i {
					return nil, fmt.Errorf("constant %d: tuple element %d out of range", i, k)
				}
				t[j] = m.consts[k]
			}
			m.consts[i] = t
		default:
			return nil, fmt.Errorf("constant %d: unknown kind %d", i, c.Kind)
		}
	}
	m.funcs = make([]*funcode, len(p.Functions))
	for i, f := range p.Functions {
		fc, err := decodeFuncode(m, f)
		if err != nil {
			return nil, fmt.Errorf("function %d (%s): %w", i, f.Name, err)
		}
		m.funcs[i] = fc
	}
	return m, nil
}

// decodeFuncode turns the byte code into an instruction array with jump
// targets and exception-table offsets as instruction indices and INT,
// CONSTANT and LOAD_BUILTIN operands as indices into fc.consts.
func decodeFuncode(m *module, f *bytecode.Funcode) (*funcode, error) {
	fc := &funcode{
		src: f, mod: m, name: f.Name,
		nparams: f.NumParams, nposonly: f.NumPosonly, nkwonly: f.NumKwonly, nlocals: f.NumLocals,
		ncells: f.NumCells, nfree: f.NumFree, maxStack: f.MaxStack,
		varargs:   f.Flags&bytecode.FlagVarargs != 0,
		kwargs:    f.Flags&bytecode.FlagKwargs != 0,
		generator: f.Flags&bytecode.FlagGenerator != 0,
		classBody: f.Flags&bytecode.FlagClassBody != 0,
	}
	if fc.nlocals < f.NumParamSlots() {
		return nil, fmt.Errorf("%d locals cannot hold %d parameters", fc.nlocals, f.NumParamSlots())
	}
	np := f.NumParams + f.NumKwonly
	fc.paramNames = make([]string, np)
	for i := 0; i < np; i++ {
		if i < len(f.LocalNames) {
			fc.paramNames[i] = f.LocalNames[i]
		}
	}
	// One spare stack slot: handlers push the exception at depth ≤ MaxStack-1,
	// and a spare keeps a malformed-but-verified edge case from panicking.
	fc.maxStack = f.MaxStack + 1
	fc.frameSize = sizeOfFrame(fc.nlocals + f.MaxStack + fc.ncells + fc.nfree)
	index := make(map[int]int, len(f.Code)/2)
	for pc := 0; pc < len(f.Code); {
		op, arg, next, err := bytecode.ReadInstr(f.Code, pc)
		if err != nil {
			return nil, err
		}
		index[pc] = len(fc.code)
		switch op {
		case bytecode.INT:
			fc.consts = append(fc.consts, MakeInt(bytecode.Unzigzag(uint64(arg))))
			fc.builtinNames = append(fc.builtinNames, "")
			arg = uint32(len(fc.consts) - 1)
		case bytecode.CONSTANT:
			if int(arg) >= len(m.consts) {
				return nil, fmt.Errorf("offset %d: constant %d out of range", pc, arg)
			}
			fc.consts = append(fc.consts, m.consts[arg])
			fc.builtinNames = append(fc.builtinNames, "")
			arg = uint32(len(fc.consts) - 1)
		case bytecode.LOAD_BUILTIN:
			if int(arg) >= len(m.prog.Strings) {
				return nil, fmt.Errorf("offset %d: string %d out of range", pc, arg)
			}
			name := m.prog.Strings[arg]
			fc.consts = append(fc.consts, builtins[name])
			fc.builtinNames = append(fc.builtinNames, name)
			arg = uint32(len(fc.consts) - 1)
		case bytecode.ATTR, bytecode.SET_ATTR, bytecode.DEL_ATTR, bytecode.IMPORT_NAME,
			bytecode.IMPORT_FROM, bytecode.LOAD_NAME, bytecode.STORE_NAME, bytecode.DEL_NAME:
			if int(arg) >= len(m.prog.Strings) {
				return nil, fmt.Errorf("offset %d: string %d out of range", pc, arg)
			}
		case bytecode.LOAD_GLOBAL, bytecode.STORE_GLOBAL, bytecode.DEL_GLOBAL:
			if int(arg) >= len(m.globals) {
				return nil, fmt.Errorf("offset %d: global %d out of range", pc, arg)
			}
		case bytecode.LOAD_LOCAL, bytecode.STORE_LOCAL, bytecode.DEL_LOCAL:
			if int(arg) >= fc.nlocals {
				return nil, fmt.Errorf("offset %d: local %d out of range", pc, arg)
			}
		case bytecode.LOAD_CELL, bytecode.STORE_CELL, bytecode.DEL_CELL, bytecode.LOAD_CLOSURE:
			if int(arg) >= fc.ncells+fc.nfree {
				return nil, fmt.Errorf("offset %d: cell %d out of range", pc, arg)
			}
		case bytecode.MAKE_FUNCTION:
			if int(arg>>2) >= len(m.prog.Functions) {
				return nil, fmt.Errorf("offset %d: function %d out of range", pc, arg>>2)
			}
		case bytecode.INPLACE:
			if bytecode.Opcode(arg) < bytecode.ADD || bytecode.Opcode(arg) > bytecode.BITXOR {
				return nil, fmt.Errorf("offset %d: inplace operator %d invalid", pc, arg)
			}
		}
		fc.code = append(fc.code, insn{op: op, arg: arg})
		fc.offsets = append(fc.offsets, int32(pc))
		pc = next
	}
	index[len(f.Code)] = len(fc.code)
	for _, in := range fc.code {
		if in.op == bytecode.ATTR {
			fc.attrCache = make([]attrCacheEntry, len(fc.code)+2)
			break
		}
	}
	for i := range fc.code {
		in := &fc.code[i]
		if in.op.IsJump() {
			t, ok := index[int(in.arg)]
			if !ok || t >= len(fc.code) {
				return nil, fmt.Errorf("offset %d: jump target %d is not an instruction", fc.offsets[i], in.arg)
			}
			in.arg = uint32(t)
		}
	}
	if len(fc.code) == 0 || !fc.code[len(fc.code)-1].op.Terminal() {
		// Falling off the end must not index past the code.
		fc.code = append(fc.code, insn{op: bytecode.LOAD_NONE}, insn{op: bytecode.RETURN})
		fc.offsets = append(fc.offsets, int32(len(f.Code)), int32(len(f.Code)))
	}
	for _, e := range f.ExcTable {
		s, ok1 := index[e.Start]
		en, ok2 := index[e.End]
		h, ok3 := index[e.Handler]
		if !ok1 || !ok2 || !ok3 || e.Depth < 0 || e.Depth >= fc.maxStack {
			return nil, fmt.Errorf("exception table entry %+v is invalid", e)
		}
		fc.exc = append(fc.exc, excEntry{start: s, end: en, handler: h, depth: e.Depth})
	}
	fuseMethodCalls(fc)
	fuseIntOps(fc)
	return fc, nil
}

// FromGo converts a Go value to a Python value: nil, bool, ints, floats,
// string, []byte, []any, map[string]any (keys sorted, since Go maps have no
// order), []Value, map[string]Value, and Values themselves.
func FromGo(x any) (Value, error) {
	switch v := x.(type) {
	case nil:
		return None, nil
	case Value:
		return v, nil
	case bool:
		return Bool(v), nil
	case int:
		return MakeInt(int64(v)), nil
	case int8:
		return MakeInt(int64(v)), nil
	case int16:
		return MakeInt(int64(v)), nil
	case int32:
		return MakeInt(int64(v)), nil
	case int64:
		return MakeInt(v), nil
	case uint8:
		return MakeInt(int64(v)), nil
	case uint16:
		return MakeInt(int64(v)), nil
	case uint32:
		return MakeInt(int64(v)), nil
	case uint64:
		if v > math.MaxInt64 {
			return nil, fmt.Errorf("fromgo: %d overflows a 64-bit int", v)
		}
		return MakeInt(int64(v)), nil
	case uint:
		if uint64(v) > math.MaxInt64 {
			return nil, fmt.Errorf("fromgo: %d overflows a 64-bit int", v)
		}
		return MakeInt(int64(v)), nil
	case float32:
		return Float64(v), nil
	case float64:
		return Float64(v), nil
	case string:
		return String(v), nil
	case []byte:
		return Bytes(string(v)), nil
	case []any:
		elems := make([]Value, len(v))
		for i, e := range v {
			ev, err := FromGo(e)
			if err != nil {
				return nil, err
			}
			elems[i] = ev
		}
		return NewList(elems), nil
	case []Value:
		return NewList(append([]Value(nil), v...)), nil
	case map[string]any:
		d := NewDict()
		th := scratchThread()
		keys := make([]string, 0, len(v))
		for k := range v {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			ev, err := FromGo(v[k])
			if err != nil {
				return nil, err
			}
			if err := d.Set(th, String(k), ev); err != nil {
				return nil, err
			}
		}
		return d, nil
	case map[string]Value:
		d := NewDict()
		th := scratchThread()
		for _, k := range sortedKeys(v) {
			if err := d.Set(th, String(k), v[k]); err != nil {
				return nil, err
			}
		}
		return d, nil
	}
	return nil, fmt.Errorf("fromgo: cannot convert %T to a Python value", x)
}

// scratchThread returns a Thread with no limits, for building values
// outside a run (no user code can run on it: keys are built-in values).
func scratchThread() *Thread {
	return &Thread{maxDepth: DefaultMaxDepth, nextGC: math.MaxInt64}
}

// ToGo converts a Python value to Go: None → nil, bool, int → int64,
// float → float64, str → string, bytes → []byte, list and tuple → []any,
// dict (str keys) → map[string]any (ordering lost).
func ToGo(v Value) (any, error) {
	return toGo(v, 0)
}

func toGo(v Value, depth int) (any, error) {
	if depth > 500 {
		return nil, errors.New("togo: value nested too deeply")
	}
	switch x := v.(type) {
	case nil, NoneType:
		return nil, nil
	case Boolean:
		return bool(x), nil
	case Int64:
		return int64(x), nil
	case Float64:
		return float64(x), nil
	case String:
		return string(x), nil
	case Bytes:
		return []byte(x), nil
	case *List:
		return toGoSlice(x.elems, depth)
	case Tuple:
		return toGoSlice(x, depth)
	case *NamedTuple: // collections.namedtuple: a tuple
		return toGoSlice(x.t, depth)
	case *Dict:
		out := make(map[string]any, x.ht.n)
		for _, e := range x.ht.entries {
			if e.key == nil {
				continue
			}
			k, ok := e.key.(String)
			if !ok {
				return nil, fmt.Errorf("togo: dict key of type %s (only str keys convert)", e.key.Type())
			}
			ev, err := toGo(e.value, depth+1)
			if err != nil {
				return nil, err
			}
			out[string(k)] = ev
		}
		return out, nil
	}
	return nil, fmt.Errorf("togo: cannot convert a %s value", v.Type())
}

func toGoSlice(elems []Value, depth int) ([]any, error) {
	out := make([]any, len(elems))
	for i, e := range elems {
		ev, err := toGo(e, depth+1)
		if err != nil {
			return nil, err
		}
		out[i] = ev
	}
	return out, nil
}
