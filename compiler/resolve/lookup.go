package resolve

// lookupAll is pass 2: it annotates the identifiers of s and of every
// scope inside it, in source order.
func (r *resolver) lookupAll(s *scope) {
	if s.usesSuper && (s.fn.Kind == DefScope || s.fn.Kind == LambdaScope) {
		// Zero-argument super() reads the implicit __class__ cell of the
		// enclosing class.
		if s.free["__class__"] == nil && s.locals["__class__"] == nil {
			if b := r.capture(s.parent, "__class__"); b != nil {
				r.addFree(s, "__class__", b)
			}
		}
	}
	reported := map[string]bool{}
	for _, id := range s.idents {
		b := r.lookup(s, id.Name, reported)
		id.Binding = b
		if s.fn.names == nil {
			s.fn.names = map[string]*Binding{}
		}
		s.fn.names[id.Name] = b
	}
	for _, c := range s.children {
		r.lookupAll(c)
	}
}

// lookup returns the binding of name as used in scope s.
func (r *resolver) lookup(s *scope, name string, reported map[string]bool) *Binding {
	if s.fn.Kind == ModuleScope {
		return r.globalOrBuiltin(name)
	}
	if _, ok := s.globals[name]; ok {
		return r.global(name, nil)
	}
	if pos, ok := s.nonlocals[name]; ok {
		if b := s.free[name]; b != nil {
			return b
		}
		if outer := r.capture(s.parent, name); outer != nil {
			return r.addFree(s, name, outer)
		}
		if !reported[name] {
			reported[name] = true
			r.errorf(pos, "no binding for nonlocal '%s' found", name)
		}
		return r.globalOrBuiltin(name)
	}
	if b := s.locals[name]; b != nil {
		return b
	}
	if b := s.free[name]; b != nil {
		return b
	}
	if outer := r.capture(s.parent, name); outer != nil {
		return r.addFree(s, name, outer)
	}
	return r.globalOrBuiltin(name)
}

// capture returns the binding that an inner scope of s closes over for
// name: a local of s (which becomes a Cell), a free variable of s, or one
// found further out (s then gets a free variable to pass it through). It
// returns nil when name is not a function variable anywhere out there, so
// that it is global or builtin. Class scopes do not expose their own names.
func (r *resolver) capture(s *scope, name string) *Binding {
	if s == nil || s.fn.Kind == ModuleScope {
		return nil
	}
	if s.fn.Kind == ClassScope {
		if name == "__class__" {
			if s.fn.ClassCell < 0 {
				b := &Binding{Scope: Cell, Index: len(s.fn.Locals), Name: "__class__"}
				s.fn.ClassCell = b.Index
				s.fn.Locals = append(s.fn.Locals, b)
			}
			return s.fn.Locals[s.fn.ClassCell]
		}
		if _, ok := s.globals[name]; ok {
			return nil
		}
		if b := s.free[name]; b != nil {
			return b
		}
		outer := r.capture(s.parent, name)
		if outer == nil {
			return nil
		}
		return r.addFree(s, name, outer)
	}
	if _, ok := s.globals[name]; ok {
		return nil
	}
	if _, ok := s.nonlocals[name]; !ok {
		if b := s.locals[name]; b != nil {
			b.Scope = Cell
			return b
		}
	}
	if b := s.free[name]; b != nil {
		return b
	}
	outer := r.capture(s.parent, name)
	if outer == nil {
		return nil
	}
	return r.addFree(s, name, outer)
}

// addFree gives s a free variable for name, closing over outer (a binding
// of s's parent).
func (r *resolver) addFree(s *scope, name string, outer *Binding) *Binding {
	if b := s.free[name]; b != nil {
		return b
	}
	b := &Binding{Scope: Free, Index: len(s.fn.FreeVars), Name: name}
	if outer.First != nil {
		b.First = outer.First
	}
	s.free[name] = b
	s.fn.FreeVars = append(s.fn.FreeVars, outer)
	return b
}

// globalOrBuiltin classifies a name that no function scope binds.
func (r *resolver) globalOrBuiltin(name string) *Binding {
	if b := r.globals[name]; b != nil {
		return b
	}
	b := r.builtins[name]
	if b == nil {
		b = &Binding{Scope: Builtin, Index: len(r.module.Builtins), Name: name}
		r.builtins[name] = b
		r.module.Builtins = append(r.module.Builtins, b)
	}
	return b
}
