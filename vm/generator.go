package vm

// newGenerator wraps a bound generator frame in a generator object.
func (th *Thread) newGenerator(fr *frame) (Value, error) {
	size := sizeIterator + sizeOfFrame(len(fr.locals)+len(fr.stack)+len(fr.cells))
	if err := th.charge(size); err != nil {
		return nil, err
	}
	g := &Generator{fr: fr, name: fr.fc.name}
	if fr.fn != nil {
		g.name = fr.fn.qualname
	}
	fr.gen = g
	return g, nil
}

// Next resumes the generator until its next yield.
func (g *Generator) Next(th *Thread) (Value, bool, error) {
	return g.resume(th, None)
}

func (g *Generator) resume(th *Thread, sent Value) (Value, bool, error) {
	if g.done {
		return nil, false, nil
	}
	if g.running {
		return nil, false, valueErrorf("generator already executing")
	}
	fr := g.fr
	if !g.started {
		if sent != None {
			return nil, false, typeErrorf("can't send non-None value to a just-started generator")
		}
		g.started = true
	} else if !fr.yieldFrom {
		fr.stack[fr.sp] = sent
		fr.sp++
	} else {
		fr.fromSent = sent // for the delegate (YIELD_FROM)
	}
	return g.run(th)
}

// run continues the generator's frame from where it stands.
func (g *Generator) run(th *Thread) (Value, bool, error) {
	fr := g.fr
	if th.depth >= th.maxDepth {
		return nil, false, newError(excRecursionError, "maximum recursion depth exceeded")
	}
	th.depth++
	if th.depth > th.peakDepth {
		th.peakDepth = th.depth
	}
	th.frames = append(th.frames, fr)
	g.running = true
	saved := th.inNative
	th.setNative(false)
	v, err := th.run(fr)
	th.setNative(saved)
	g.running = false
	th.frames = th.frames[:len(th.frames)-1]
	th.depth--
	if err != nil {
		g.done = true
		g.fr = nil
		if isStopIteration(err) {
			return nil, false, runtimeErrorf("generator raised StopIteration")
		}
		return nil, false, err
	}
	if fr.yielded {
		fr.yielded = false
		return v, true, nil
	}
	g.done = true
	g.retval = v
	g.fr = nil
	return nil, false, nil
}

func init() {
	registerMethod(generatorMethods, "send", func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
		var v Value
		if err := UnpackPositional("send", args, kwargs, 1, &v); err != nil {
			return nil, err
		}
		r, ok, err := recv.(*Generator).resume(th, v)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, recv.(*Generator).stopIteration()
		}
		return r, nil
	})
	registerMethod(generatorMethods, "throw", func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
		var typ, val, tb Value
		if err := UnpackPositional("throw", args, kwargs, 1, &typ, &val, &tb); err != nil {
			return nil, err
		}
		exc, err := th.thrownException(typ, val)
		if err != nil {
			return nil, err
		}
		g := recv.(*Generator)
		r, ok, err := g.throw(th, exc)
		if err != nil {
			return nil, err
		}
		if !ok {
			return nil, g.stopIteration()
		}
		return r, nil
	})
	registerMethod(generatorMethods, "close", func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
		if err := UnpackPositional("close", args, kwargs, 0); err != nil {
			return nil, err
		}
		return None, recv.(*Generator).close(th)
	})
}

// thrownException makes the exception of gen.throw(typ[, val]): a class is
// called with val (none, one argument, or a tuple of them), an instance is
// thrown as it is (then val must be None).
func (th *Thread) thrownException(typ, val Value) (*Exception, error) {
	if c, ok := typ.(*Class); ok && c.exc {
		var args []Value
		switch v := val.(type) {
		case nil, NoneType:
		case Tuple:
			args = v
		default:
			args = []Value{v}
		}
		r, err := th.callClass(c, args, nil)
		if err != nil {
			return nil, err
		}
		if o, ok := r.(*Object); ok && o.exc != nil {
			return excFromObject(o), nil
		}
	}
	if o, ok := typ.(*Object); ok && o.exc != nil {
		if val != nil && val != None {
			return nil, typeErrorf("instance exception may not have a separate value")
		}
		return excFromObject(o), nil
	}
	return nil, typeErrorf("exceptions must be classes or instances deriving from BaseException, not %s", typ.Type())
}

// throw raises exc inside the generator where it is suspended, as
// gen.throw does: a handler there may catch it and yield again (the value
// is throw's result), or the generator ends with it or another exception.
// While delegating with yield from to another generator, that generator
// gets the exception first.
func (g *Generator) throw(th *Thread, exc *Exception) (Value, bool, error) {
	if g.running {
		return nil, false, valueErrorf("generator already executing")
	}
	if g.done || !g.started {
		// Nothing to run: a generator that has not started ends without
		// running any of its code, as in CPython.
		g.done, g.fr = true, nil
		return nil, false, exc
	}
	fr := g.fr
	faulting := fr.pc - 1 // the YIELD
	if fr.yieldFrom {
		faulting = fr.pc // the YIELD_FROM, re-executed on resume
		if sub, ok := fr.stack[fr.sp-1].(*Generator); ok {
			v, more, err := sub.throw(th, exc)
			if err == nil {
				if more {
					return v, true, nil
				}
				// The delegate returned: YIELD_FROM runs again and pushes
				// its return value.
				return g.run(th)
			}
			e, ok := asException(err)
			if !ok {
				g.done, g.fr = true, nil
				return nil, false, err
			}
			exc = e
		}
		fr.yieldFrom = false
	}
	exc.value.exc.tb = append(exc.value.exc.tb, tbEntry{fr.fc, faulting})
	if fr.catch(exc.value, faulting) {
		return g.run(th)
	}
	g.done, g.fr = true, nil
	return nil, false, exc
}

// close throws GeneratorExit into a suspended generator so that its
// finally blocks run: ending with GeneratorExit or StopIteration is a clean
// close; yielding instead is a RuntimeError.
func (g *Generator) close(th *Thread) error {
	if g.done || !g.started {
		g.done, g.fr = true, nil
		return nil
	}
	exc := &Exception{Type: "GeneratorExit", value: newExceptionObject(excGeneratorExit, Tuple{})}
	_, more, err := g.throw(th, exc)
	if more {
		g.done, g.fr = true, nil
		return runtimeErrorf("generator ignored GeneratorExit")
	}
	if e, ok := err.(*Exception); ok && e.value != nil && IsSubclass(e.value.class, excGeneratorExit) {
		return nil
	}
	return err
}

// stopIteration is the StopIteration that reports the end of g to the caller
// that saw it end: it carries the generator's return value (args and .value),
// once, as in CPython; later calls get a bare StopIteration.
func (g *Generator) stopIteration() *Exception {
	args := Tuple{}
	if g.retval != nil && g.retval != None {
		args = Tuple{g.retval}
	}
	g.retval = nil
	return &Exception{Type: "StopIteration", value: newExceptionObject(excStopIteration, args)}
}
