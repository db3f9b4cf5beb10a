package vm

import (
	"fmt"
	"slices"
	"strings"
)

var sprintf = fmt.Sprintf

// Call calls fn with positional args and keyword args. args is not
// retained by the callee.
func (th *Thread) Call(fn Value, args []Value, kwargs []KeywordArg) (Value, error) {
	switch f := fn.(type) {
	case *Function:
		return th.callFunction(f, args, kwargs)
	case *Builtin:
		return th.callBuiltin(f, args, kwargs)
	case *BoundMethod:
		full := make([]Value, 0, len(args)+1)
		full = append(append(full, f.self), args...)
		return th.callFunction(f.fn, full, kwargs)
	case *Class:
		return th.callClass(f, args, kwargs)
	case *Object:
		if !f.class.builtin {
			if m, _ := f.class.lookup("__call__"); m != nil {
				full := make([]Value, 0, len(args)+1)
				full = append(append(full, f), args...)
				if fm, ok := m.(*Function); ok {
					return th.callFunction(fm, full, kwargs)
				}
				return th.Call(m, args, kwargs)
			}
		}
	}
	return nil, typeErrorf("'%s' object is not callable", fn.Type())
}

// isCallable reports whether v can be called.
func isCallable(v Value) bool {
	switch x := v.(type) {
	case *Function, *Builtin, *BoundMethod, *Class:
		return true
	case *Object:
		if x.class.builtin {
			return false
		}
		m, _ := x.class.lookup("__call__")
		return m != nil
	}
	return false
}

func (th *Thread) callBuiltin(b *Builtin, args []Value, kwargs []KeywordArg) (Value, error) {
	saved := th.inNative
	th.setNative(true)
	var r Value
	var err error
	if b.method != nil {
		r, err = b.method.Fn(th, b.recv, args, kwargs)
	} else {
		r, err = b.fn(th, args, kwargs)
	}
	th.setNative(saved)
	if !saved {
		th.nativeBytes = 0
	}
	if err != nil {
		return nil, err
	}
	if r == nil {
		r = None
	}
	return r, nil
}

// callClass instantiates a class.
func (th *Thread) callClass(c *Class, args []Value, kwargs []KeywordArg) (Value, error) {
	if c.construct != nil {
		saved := th.inNative
		th.setNative(true)
		r, err := c.construct(th, args, kwargs)
		th.setNative(saved)
		if !saved {
			th.nativeBytes = 0
		}
		return r, err
	}
	if c.builtin {
		return nil, typeErrorf("cannot create '%s' instances", c.name)
	}
	if !c.userDefined && !c.exc {
		return nil, typeErrorf("cannot create '%s' instances", c.name)
	}
	if err := th.charge(sizeObject); err != nil {
		return nil, err
	}
	o := &Object{class: c}
	if c.exc {
		if err := th.charge(sizeExcInfo + sizeOfTuple(len(args))); err != nil {
			return nil, err
		}
		o.exc = &excInfo{args: append(Tuple(nil), args...)}
	}
	init, _ := c.lookup("__init__")
	if init == nil {
		if !c.exc && (len(args) > 0 || len(kwargs) > 0) {
			return nil, typeErrorf("%s() takes no arguments", c.name)
		}
		if c.exc && len(kwargs) > 0 {
			return nil, typeErrorf("%s() takes no keyword arguments", c.name)
		}
		return o, nil
	}
	full := make([]Value, 0, len(args)+1)
	full = append(append(full, o), args...)
	r, err := th.Call(init, full, kwargs)
	if err != nil {
		return nil, err
	}
	if r != None {
		return nil, typeErrorf("__init__() should return None, not '%s'", r.Type())
	}
	return o, nil
}

// callFunction calls a Python function.
func (th *Thread) callFunction(f *Function, args []Value, kwargs []KeywordArg) (Value, error) {
	fc := f.code
	if fc.generator {
		fr := th.newFrame(fc, f)
		if err := th.bindArgs(fr, f, args, kwargs); err != nil {
			return nil, err
		}
		return th.newGenerator(fr)
	}
	fr, err := th.pushFrame(fc, f)
	if err != nil {
		return nil, err
	}
	if err := th.bindArgs(fr, f, args, kwargs); err != nil {
		th.popFrame(fr)
		return nil, err
	}
	// Python code called back from native code (a key function, a map
	// callback) makes garbage like any Python code: it is not part of the
	// native caller's pending allocations.
	saved := th.inNative
	th.setNative(false)
	r, err := th.run(fr)
	th.setNative(saved)
	th.popFrame(fr)
	return r, err
}

// newFrame allocates a frame outside the pool (generators).
func (th *Thread) newFrame(fc *funcode, f *Function) *frame {
	n := fc.nlocals + fc.maxStack
	buf := make([]Value, n)
	fr := &frame{fc: fc, fn: f, mod: fc.mod, buf: buf}
	fr.locals = buf[:fc.nlocals:fc.nlocals]
	fr.stack = buf[fc.nlocals:]
	if nc := fc.ncells + fc.nfree; nc > 0 {
		fr.cells = make([]*Cell, nc)
		for i := 0; i < fc.ncells; i++ {
			fr.cells[i] = &Cell{}
		}
		if f != nil {
			copy(fr.cells[fc.ncells:], f.freevars)
		}
	}
	return fr
}

// pushFrame takes a frame from the pool for a call, enforcing the depth
// limit and charging the frame to the heap.
func (th *Thread) pushFrame(fc *funcode, f *Function) (*frame, error) {
	return th.enterFrame(fc, f, nil, nil)
}

// exactCall reports whether a call with npos positional arguments (self
// included) and no keywords can bind them slot for slot, which is what
// enterFrame does without the general binder.
func (fc *funcode) exactCall(npos int) bool {
	return npos == fc.nparams && !fc.varargs && !fc.kwargs && fc.nkwonly == 0
}

// enterFrame pushes a frame for fc whose first parameter slots receive
// self (when not nil) and then args; the rest of the locals start
// unbound. Callers that pass arguments have checked fc.exactCall.
func (th *Thread) enterFrame(fc *funcode, f *Function, self Value, args []Value) (*frame, error) {
	if th.depth >= th.maxDepth {
		return nil, newError(excRecursionError, "maximum recursion depth exceeded")
	}
	if err := th.charge(fc.frameSize); err != nil {
		return nil, err
	}
	th.frameBytes += fc.frameSize
	d := th.depth
	th.depth++
	if th.depth > th.peakDepth {
		th.peakDepth = th.depth
	}
	var fr *frame
	if d < len(th.framePool) {
		fr = th.framePool[d]
	} else {
		fr = &frame{}
		th.framePool = append(th.framePool, fr)
	}
	n := fc.nlocals + fc.maxStack
	if cap(fr.buf) < n {
		fr.buf = make([]Value, n+8)
	}
	buf := fr.buf[:n]
	fr.fc, fr.fn, fr.mod = fc, f, fc.mod
	locals := buf[:fc.nlocals:fc.nlocals]
	// Element by element: for the one or two arguments of a typical call
	// this beats the runtime's bulk copy and clear with write barriers.
	bound := 0
	if self != nil {
		locals[0] = self
		bound = 1
	}
	for _, a := range args {
		locals[bound] = a
		bound++
	}
	if bound < len(locals) {
		clear(locals[bound:])
	}
	fr.locals = locals
	fr.stack = buf[fc.nlocals:]
	fr.sp, fr.pc = 0, 0
	fr.ns = nil
	fr.gen = nil
	fr.yieldFrom, fr.fromSent = false, nil
	fr.className = ""
	fr.inline = false
	fr.savedHandled = nil
	if nc := fc.ncells + fc.nfree; nc > 0 {
		if cap(fr.cells) < nc {
			fr.cells = make([]*Cell, nc)
		}
		fr.cells = fr.cells[:nc]
		for i := 0; i < fc.ncells; i++ {
			fr.cells[i] = &Cell{}
		}
		if f != nil {
			copy(fr.cells[fc.ncells:], f.freevars)
		}
		if fc.ncells > 0 {
			if err := th.charge(sizeCell * int64(fc.ncells)); err != nil {
				th.popFrame(fr)
				return nil, err
			}
		}
	} else {
		fr.cells = fr.cells[:0]
	}
	th.frames = append(th.frames, fr)
	return fr, nil
}

func (th *Thread) popFrame(fr *frame) {
	th.depth--
	th.frames = th.frames[:len(th.frames)-1]
	th.credit(fr.fc.frameSize)
	th.frameBytes -= fr.fc.frameSize
	// The buffer is cleared when the frame is next pushed (locals must
	// start unbound); the cells are dropped now so closures do not leak.
	clear(fr.cells)
	fr.fn = nil
	fr.ns = nil
}

// bindArgs binds call arguments to the frame's parameter slots, with
// CPython's error messages.
func (th *Thread) bindArgs(fr *frame, f *Function, args []Value, kwargs []KeywordArg) error {
	fc := f.code
	locals := fr.locals
	np := fc.nparams
	// Fast path: exact positional call.
	if len(kwargs) == 0 && len(args) == np && !fc.varargs && !fc.kwargs && fc.nkwonly == 0 {
		copy(locals, args)
		return nil
	}
	nargs := len(args)
	if nargs > np {
		if !fc.varargs {
			return th.tooManyPositional(f, nargs, kwargs)
		}
	}
	copy(locals, args[:min(nargs, np)])
	slot := np + fc.nkwonly
	if fc.varargs {
		var extra Tuple
		if nargs > np {
			extra = append(Tuple(nil), args[np:]...)
			if err := th.charge(sizeOfTuple(len(extra))); err != nil {
				return err
			}
		} else {
			extra = Tuple{}
		}
		locals[slot] = extra
		slot++
	}
	var kwdict *Dict
	if fc.kwargs {
		d, err := th.NewDict()
		if err != nil {
			return err
		}
		kwdict = d
		locals[slot] = d
	}
	names := fc.paramNames
	for _, kw := range kwargs {
		found := false
		for i := fc.nposonly; i < np+fc.nkwonly; i++ {
			if names[i] == kw.Name {
				if locals[i] != nil {
					return typeErrorf("%s() got multiple values for argument '%s'", f.qualname, kw.Name)
				}
				locals[i] = kw.Value
				found = true
				break
			}
		}
		if found {
			continue
		}
		if kwdict == nil {
			if posonly := posonlyByKeyword(fc, kwargs); len(posonly) > 0 {
				return typeErrorf("%s() got some positional-only arguments passed as keyword arguments: '%s'",
					f.qualname, strings.Join(posonly, ", "))
			}
			return typeErrorf("%s() got an unexpected keyword argument '%s'", f.qualname, kw.Name)
		}
		if err := kwdict.Set(th, String(kw.Name), kw.Value); err != nil {
			return err
		}
	}
	// Defaults and missing positional parameters.
	nd := len(f.defaults)
	var missing []string
	for i := 0; i < np; i++ {
		if locals[i] != nil {
			continue
		}
		if j := i - (np - nd); j >= 0 {
			locals[i] = f.defaults[j]
			continue
		}
		missing = append(missing, names[i])
	}
	if len(missing) > 0 {
		return typeErrorf("%s() missing %d required positional argument%s: %s", f.qualname, len(missing), plural(len(missing)), quoteList(missing))
	}
	for i := 0; i < fc.nkwonly; i++ {
		if locals[np+i] != nil {
			continue
		}
		if i < len(f.kwdefs) && f.kwdefs[i] != nil {
			locals[np+i] = f.kwdefs[i]
			continue
		}
		missing = append(missing, names[np+i])
	}
	if len(missing) > 0 {
		return typeErrorf("%s() missing %d required keyword-only argument%s: %s", f.qualname, len(missing), plural(len(missing)), quoteList(missing))
	}
	return nil
}

// posonlyByKeyword lists the keywords that name positional-only parameters,
// in call order (CPython reports them all at once).
func posonlyByKeyword(fc *funcode, kwargs []KeywordArg) []string {
	var out []string
	for _, kw := range kwargs {
		if slices.Contains(fc.paramNames[:fc.nposonly], kw.Name) {
			out = append(out, kw.Name)
		}
	}
	return out
}

func (th *Thread) tooManyPositional(f *Function, nargs int, kwargs []KeywordArg) error {
	fc := f.code
	np := fc.nparams
	nd := len(f.defaults)
	var takes string
	switch {
	case nd > 0:
		takes = sprintf("from %d to %d positional arguments", np-nd, np)
	case np == 1:
		takes = "1 positional argument"
	default:
		takes = sprintf("%d positional arguments", np)
	}
	given := nargs
	was := "were"
	if given == 1 {
		was = "was"
	}
	// CPython counts keyword-only arguments given by keyword separately.
	nkw := 0
	for _, kw := range kwargs {
		for i := np; i < np+fc.nkwonly; i++ {
			if fc.paramNames[i] == kw.Name {
				nkw++
			}
		}
	}
	if nkw > 0 {
		kwpart := sprintf(" positional argument%s (and %d keyword-only argument%s) were given", plural(given), nkw, plural(nkw))
		if given == 1 {
			kwpart = sprintf(" positional argument (and %d keyword-only argument%s) were given", nkw, plural(nkw))
		}
		return typeErrorf("%s() takes %s but %d%s", f.qualname, takes, given, kwpart)
	}
	return typeErrorf("%s() takes %s but %d %s given", f.qualname, takes, given, was)
}

// quoteList formats names as CPython does: 'a', 'a' and 'b', 'a', 'b', and 'c'.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "'" + n + "'"
	}
	switch len(q) {
	case 1:
		return q[0]
	case 2:
		return q[0] + " and " + q[1]
	}
	return strings.Join(q[:len(q)-1], ", ") + ", and " + q[len(q)-1]
}
