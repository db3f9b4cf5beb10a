package vm

// The functools module: reduce, partial, wraps/update_wrapper, lru_cache
// and cache. The wrappers are built-in functions whose state is kept in
// their attributes (partial's func/args/keywords, the cache dict), so the
// heap account traces it and programs can read it as in CPython.

func init() {
	registerModule("functools", func() *Module {
		return NewModule("functools", map[string]Value{
			"reduce":         NewBuiltin("reduce", functoolsReduce),
			"partial":        NewBuiltin("partial", functoolsPartial),
			"wraps":          NewBuiltin("wraps", functoolsWraps),
			"update_wrapper": NewBuiltin("update_wrapper", functoolsUpdateWrapper),
			"lru_cache":      NewBuiltin("lru_cache", functoolsLRUCache),
			"cache":          NewBuiltin("cache", functoolsCache),
		})
	})
}

func functoolsReduce(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var fn, seq, acc Value
	if err := UnpackPositional("reduce", args, kwargs, 2, &fn, &seq, &acc); err != nil {
		return nil, err
	}
	pair := make([]Value, 2)
	err := forEach(th, seq, func(v Value) error {
		if acc == nil {
			acc = v
			return nil
		}
		pair[0], pair[1] = acc, v
		r, err := th.Call(fn, pair, nil)
		acc = r
		return err
	})
	if err != nil {
		if isNotIterable(err, seq) {
			return nil, typeErrorf("reduce() arg 2 must support iteration")
		}
		return nil, err
	}
	if acc == nil {
		return nil, typeErrorf("reduce() of empty iterable with no initial value")
	}
	return acc, nil
}

// isNotIterable reports whether err is forEach's complaint that v is not
// iterable (as opposed to an error raised while iterating).
func isNotIterable(err error, v Value) bool {
	ex, ok := err.(*Exception)
	return ok && ex.Type == "TypeError" && !isIterable(v)
}

func functoolsPartial(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if len(args) == 0 {
		return nil, typeErrorf("type 'partial' takes at least one argument")
	}
	fn := args[0]
	if !isCallable(fn) {
		return nil, typeErrorf("the first argument must be callable")
	}
	bound := append(Tuple(nil), args[1:]...)
	kw, err := th.NewDict()
	if err != nil {
		return nil, err
	}
	for _, k := range kwargs {
		if err := kw.Set(th, String(k.Name), k.Value); err != nil {
			return nil, err
		}
	}
	p := NewBuiltin("partial", func(th *Thread, more []Value, morekw []KeywordArg) (Value, error) {
		all := make([]Value, 0, len(bound)+len(more))
		all = append(append(all, bound...), more...)
		var kws []KeywordArg
		for _, it := range kw.Items() {
			name := string(it[0].(String))
			if !hasKeyword(morekw, name) {
				kws = append(kws, KeywordArg{Name: name, Value: it[1]})
			}
		}
		return th.Call(fn, all, append(kws, morekw...))
	})
	p.attrs = []attr{{"func", fn}, {"args", bound}, {"keywords", kw}}
	return p, th.charge(sizeFunction + sizeOfTuple(len(bound)))
}

func hasKeyword(kwargs []KeywordArg, name string) bool {
	for _, k := range kwargs {
		if k.Name == name {
			return true
		}
	}
	return false
}

// wrapperAssignments are the attributes update_wrapper copies, as CPython's
// WRAPPER_ASSIGNMENTS (without __module__ and __annotations__, which nl
// functions do not have).
var wrapperAssignments = []string{"__name__", "__qualname__", "__doc__"}

func functoolsUpdateWrapper(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var wrapper, wrapped Value
	if err := UnpackArgs("update_wrapper", args, kwargs, "wrapper", &wrapper, "wrapped", &wrapped); err != nil {
		return nil, err
	}
	return wrapper, th.updateWrapper(wrapper, wrapped)
}

func (th *Thread) updateWrapper(wrapper, wrapped Value) error {
	for _, name := range wrapperAssignments {
		if v, ok, err := th.getAttr(wrapped, name); err != nil {
			return err
		} else if ok {
			if err := th.SetAttr(wrapper, name, v); err != nil {
				return err
			}
		}
	}
	var extra []attr
	switch w := wrapped.(type) {
	case *Function:
		extra = w.attrs
	case *Builtin:
		extra = w.attrs
	}
	for _, a := range extra {
		if err := th.SetAttr(wrapper, a.name, a.value); err != nil {
			return err
		}
	}
	return th.SetAttr(wrapper, "__wrapped__", wrapped)
}

func functoolsWraps(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var wrapped Value
	if err := UnpackPositional("wraps", args, kwargs, 1, &wrapped); err != nil {
		return nil, err
	}
	return NewBuiltin("wraps", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var wrapper Value
		if err := UnpackPositional("wraps", args, kwargs, 1, &wrapper); err != nil {
			return nil, err
		}
		return wrapper, th.updateWrapper(wrapper, wrapped)
	}), nil
}

func functoolsCache(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var fn Value
	if err := UnpackPositional("cache", args, kwargs, 1, &fn); err != nil {
		return nil, err
	}
	return th.lruWrap(fn, -1)
}

// functoolsLRUCache is lru_cache(maxsize=128) used with arguments, or
// @lru_cache directly on a function.
func functoolsLRUCache(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var maxsize, typed Value = MakeInt(128), False
	if len(args) == 1 && len(kwargs) == 0 && isCallable(args[0]) {
		return th.lruWrap(args[0], 128)
	}
	if err := UnpackArgs("lru_cache", args, kwargs, "maxsize?", &maxsize, "typed?", &typed); err != nil {
		return nil, err
	}
	limit := int64(-1)
	if maxsize != None {
		n, ok := asInt(maxsize)
		if !ok {
			return nil, typeErrorf("Expected first argument to be an integer, a callable, or None")
		}
		limit = max(n, 0)
	}
	return NewBuiltin("decorating_function", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var fn Value
		if err := UnpackPositional("decorating_function", args, kwargs, 1, &fn); err != nil {
			return nil, err
		}
		return th.lruWrap(fn, limit)
	}), nil
}

// lruWrap memoizes fn on its arguments, keeping at most limit results
// (all when limit < 0), least recently used out first; the wrapper has
// cache_info() and cache_clear() as in CPython.
func (th *Thread) lruWrap(fn Value, limit int64) (Value, error) {
	if !isCallable(fn) {
		return nil, typeErrorf("the first argument must be callable")
	}
	memo, err := th.NewDict()
	if err != nil {
		return nil, err
	}
	var hits, misses int64
	w := NewBuiltin("lru_cache_wrapper", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		key := make(Tuple, 0, len(args)+2*len(kwargs)+1)
		key = append(key, args...)
		if len(kwargs) > 0 {
			key = append(key, kwMark)
			for _, k := range kwargs {
				key = append(key, String(k.Name), k.Value)
			}
		}
		if v, ok, err := memo.Get(th, key); err != nil {
			return nil, err
		} else if ok {
			hits++
			if limit > 0 { // most recently used last
				if _, _, err := memo.Delete(th, key); err != nil {
					return nil, err
				}
				if err := memo.Set(th, key, v); err != nil {
					return nil, err
				}
			}
			return v, nil
		}
		misses++
		v, err := th.Call(fn, args, kwargs)
		if err != nil || limit == 0 {
			return v, err
		}
		if err := th.charge(sizeOfTuple(len(key))); err != nil {
			return nil, err
		}
		if err := memo.Set(th, key, v); err != nil {
			return nil, err
		}
		if limit > 0 && int64(memo.Len()) > limit {
			if _, _, err := memo.Delete(th, memo.Keys()[0]); err != nil {
				return nil, err
			}
		}
		return v, nil
	})
	maxsize := Value(None)
	if limit >= 0 {
		maxsize = MakeInt(limit)
	}
	w.attrs = []attr{
		{"_cache", memo},
		{"cache_info", NewBuiltin("cache_info", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			if err := UnpackPositional("cache_info", args, kwargs, 0); err != nil {
				return nil, err
			}
			return NewObject("CacheInfo", map[string]Value{
				"hits": MakeInt(hits), "misses": MakeInt(misses), "maxsize": maxsize, "currsize": MakeInt(int64(memo.Len())),
			}), nil
		})},
		{"cache_clear", NewBuiltin("cache_clear", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			if err := UnpackPositional("cache_clear", args, kwargs, 0); err != nil {
				return nil, err
			}
			memo.Clear()
			hits, misses = 0, 0
			return None, nil
		})},
	}
	if err := th.charge(sizeFunction); err != nil {
		return nil, err
	}
	return w, th.updateWrapper(w, fn)
}

// kwMark separates positional arguments from keyword ones in a cache key
// (CPython uses a private sentinel object the same way).
var kwMark = NewObject("_kwmark", nil)
