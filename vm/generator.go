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
	}
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
	registerMethod(generatorMethods, "close", func(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
		g := recv.(*Generator)
		g.done = true
		g.fr = nil
		return None, nil
	})
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
