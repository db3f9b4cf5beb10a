package vm

import (
	"strings"
	"time"

	"github.com/nanolambda/nl/bytecode"
)

// limitCheckInterval is how many instructions run between checks of the
// wall-clock deadline (reading the clock every instruction would cost more
// than the instruction).
const limitCheckInterval = 1024

// run executes fr until it returns, yields (fr.yielded) or raises.
func (th *Thread) run(fr *frame) (Value, error) {
	savedHandled := th.handled
	if fr.gen != nil {
		th.handled = fr.handling
	}

	// Two loops: the outer one runs whenever the executing frame changes
	// (inline call, return, exception unwinding) and loads that frame's
	// state; the inner one runs instructions. The frame's code, stack and
	// locals are then invariant in the inner loop, so the compiler does not
	// store them to their spill slots at its head on every instruction:
	// only sp and pc change there.
frames:
	for {
		fc := fr.fc
		code := fc.code
		stack := fr.stack
		locals := fr.locals
		mod := fr.mod
		sp := fr.sp
		pc := fr.pc
		for {
			var err error
			var reraise bool
			th.tick--
			if th.tick <= 0 {
				if err = th.checkLimits(); err != nil {
					fr.pc, fr.sp = pc, sp
					if te, ok := err.(*TimeoutError); ok {
						te.Frames = th.stackFrames()
					}
					th.unwindInline(fr)
					th.handled = savedHandled
					return nil, err
				}
			}
			in := code[pc]
			pc++
			// Keep the frame's stack depth current so that a collection of
			// the heap account (which may run inside any allocating
			// instruction) sees exactly the live operand stack.
			fr.sp = sp
			switch in.op {
			case bytecode.NOP:
				continue

			case bytecode.POP:
				sp--
				continue

			case bytecode.DUP:
				stack[sp] = stack[sp-1]
				sp++
				continue

			case bytecode.DUP2:
				stack[sp] = stack[sp-2]
				stack[sp+1] = stack[sp-1]
				sp += 2
				continue

			case bytecode.ROT2:
				stack[sp-1], stack[sp-2] = stack[sp-2], stack[sp-1]
				continue

			case bytecode.ROT3:
				x, y, z := stack[sp-3], stack[sp-2], stack[sp-1]
				stack[sp-3], stack[sp-2], stack[sp-1] = z, x, y
				continue

			case bytecode.LOAD_NONE:
				stack[sp] = None
				sp++
				continue

			case bytecode.LOAD_TRUE:
				stack[sp] = True
				sp++
				continue

			case bytecode.LOAD_FALSE:
				stack[sp] = False
				sp++
				continue

			case bytecode.UPLUS, bytecode.UMINUS, bytecode.INVERT:
				var r Value
				sym := "+"
				if in.op == bytecode.UMINUS {
					sym = "-"
				} else if in.op == bytecode.INVERT {
					sym = "~"
				}
				if r, err = th.unary(sym, stack[sp-1]); err != nil {
					break
				}
				stack[sp-1] = r
				continue

			case bytecode.NOT:
				var t bool
				if t, err = th.truth(stack[sp-1]); err != nil {
					break
				}
				stack[sp-1] = Bool(!t)
				continue

			case bytecode.ADD:
				x, y := stack[sp-2], stack[sp-1]
				if a, ok := x.(Int64); ok {
					if b, ok := y.(Int64); ok {
						s := a + b
						if (a^s)&(b^s) >= 0 {
							if s >= smallIntMin && s < smallIntMax {
								stack[sp-2] = smallInts[s-smallIntMin]
							} else {
								var r Value
								if r, err = th.boxInt(int64(s)); err != nil {
									break
								}
								stack[sp-2] = r
							}
							sp--
							continue
						}
					}
				}
				if a, ok := x.(String); ok {
					if b, ok := y.(String); ok {
						var r Value
						if r, err = th.concatStr(a, b); err != nil {
							break
						}
						stack[sp-2] = r
						sp--
						stack[sp] = nil
						continue
					}
				}
				var r Value
				if r, err = th.Binary(BinAdd, x, y); err != nil {
					break
				}
				stack[sp-2] = r
				sp--
				continue

			case bytecode.SUB:
				x, y := stack[sp-2], stack[sp-1]
				if a, ok := x.(Int64); ok {
					if b, ok := y.(Int64); ok {
						d := a - b
						if (a^b)&(a^d) >= 0 {
							if d >= smallIntMin && d < smallIntMax {
								stack[sp-2] = smallInts[d-smallIntMin]
							} else {
								var r Value
								if r, err = th.boxInt(int64(d)); err != nil {
									break
								}
								stack[sp-2] = r
							}
							sp--
							continue
						}
					}
				}
				var r Value
				if r, err = th.Binary(BinSub, x, y); err != nil {
					break
				}
				stack[sp-2] = r
				sp--
				continue

			case bytecode.MUL, bytecode.TRUEDIV, bytecode.FLOORDIV, bytecode.MOD, bytecode.POW,
				bytecode.LSHIFT, bytecode.RSHIFT, bytecode.BITAND, bytecode.BITOR, bytecode.BITXOR:
				if a, ok := stack[sp-2].(Int64); ok {
					if b, ok := stack[sp-1].(Int64); ok {
						if r, ok := fastIntOp(in.op, int64(a), int64(b)); ok {
							if r >= smallIntMin && r < smallIntMax {
								stack[sp-2] = smallInts[r-smallIntMin]
							} else {
								var v Value
								if v, err = th.boxInt(r); err != nil {
									break
								}
								stack[sp-2] = v
							}
							sp--
							continue
						}
					}
				}
				var r Value
				if r, err = th.Binary(binOpOf[in.op], stack[sp-2], stack[sp-1]); err != nil {
					break
				}
				stack[sp-2] = r
				sp--
				continue

			case bytecode.INPLACE:
				if a, ok := stack[sp-2].(Int64); ok {
					if b, ok := stack[sp-1].(Int64); ok {
						if r, ok := fastIntOp(bytecode.Opcode(in.arg), int64(a), int64(b)); ok {
							if r >= smallIntMin && r < smallIntMax {
								stack[sp-2] = smallInts[r-smallIntMin]
							} else {
								var v Value
								if v, err = th.boxInt(r); err != nil {
									break
								}
								stack[sp-2] = v
							}
							sp--
							continue
						}
					}
				}
				if bytecode.Opcode(in.arg) == bytecode.ADD {
					if a, ok := stack[sp-2].(String); ok {
						if b, ok := stack[sp-1].(String); ok {
							var r Value
							if r, err = th.concatStr(a, b); err != nil {
								break
							}
							stack[sp-2] = r
							sp--
							stack[sp] = nil
							continue
						}
					}
				}
				var r Value
				if r, err = th.inplace(binOpOf[bytecode.Opcode(in.arg)], stack[sp-2], stack[sp-1]); err != nil {
					break
				}
				stack[sp-2] = r
				sp--
				stack[sp] = nil
				continue

			case bytecode.EQ, bytecode.NE:
				x, y := stack[sp-2], stack[sp-1]
				var eq bool
				if a, ok := x.(Int64); ok {
					if b, ok := y.(Int64); ok {
						eq = a == b
						goto eqDone
					}
				}
				if a, ok := x.(String); ok {
					if b, ok := y.(String); ok {
						eq = a == b
						goto eqDone
					}
				}
				if in.op == bytecode.NE && (isUser(x) || isUser(y)) {
					var r Value
					if r, err = th.richCompare(CmpNe, x, y); err != nil {
						break
					}
					stack[sp-2] = r
					sp--
					continue
				}
				if isUser(x) || isUser(y) {
					var r Value
					if r, err = th.richCompare(CmpEq, x, y); err != nil {
						break
					}
					stack[sp-2] = r
					sp--
					continue
				}
				if eq, err = th.Equal(x, y); err != nil {
					break
				}
			eqDone:
				if in.op == bytecode.NE {
					eq = !eq
				}
				stack[sp-2] = Bool(eq)
				sp--
				continue

			case bytecode.LT, bytecode.LE, bytecode.GT, bytecode.GE:
				x, y := stack[sp-2], stack[sp-1]
				op := cmpOpOf[in.op]
				if a, ok := x.(Int64); ok {
					if b, ok := y.(Int64); ok {
						stack[sp-2] = Bool(cmpResult(op, intCmp(int64(a), int64(b))))
						sp--
						continue
					}
				}
				if isUser(x) || isUser(y) {
					var r Value
					if r, err = th.richCompare(op, x, y); err != nil {
						break
					}
					stack[sp-2] = r
					sp--
					continue
				}
				var b bool
				if b, err = th.Compare(op, x, y); err != nil {
					break
				}
				stack[sp-2] = Bool(b)
				sp--
				continue

			case bytecode.IN, bytecode.NOT_IN:
				var b bool
				if b, err = th.Contains(stack[sp-1], stack[sp-2]); err != nil {
					break
				}
				if in.op == bytecode.NOT_IN {
					b = !b
				}
				stack[sp-2] = Bool(b)
				sp--
				continue

			case bytecode.IS, bytecode.IS_NOT:
				b := sameIdentity(stack[sp-2], stack[sp-1])
				if in.op == bytecode.IS_NOT {
					b = !b
				}
				stack[sp-2] = Bool(b)
				sp--
				continue

			case bytecode.INDEX:
				x, k := stack[sp-2], stack[sp-1]
				if l, ok := x.(*List); ok {
					if i, ok := k.(Int64); ok {
						n := Int64(len(l.elems))
						if i < 0 {
							i += n
						}
						if i >= 0 && i < n {
							stack[sp-2] = l.elems[i]
							sp--
							continue
						}
					}
				}
				var r Value
				if r, err = th.GetItem(x, k); err != nil {
					break
				}
				stack[sp-2] = r
				sp--
				continue

			case bytecode.STORE_INDEX:
				v, x, k := stack[sp-3], stack[sp-2], stack[sp-1]
				if l, ok := x.(*List); ok {
					if i, ok := k.(Int64); ok {
						n := Int64(len(l.elems))
						if i < 0 {
							i += n
						}
						if i >= 0 && i < n {
							l.elems[i] = v
							sp -= 3
							continue
						}
					}
				}
				if err = th.SetItem(x, k, v); err != nil {
					break
				}
				sp -= 3
				continue

			case bytecode.DEL_INDEX:
				if err = th.DelItem(stack[sp-2], stack[sp-1]); err != nil {
					break
				}
				sp -= 2
				continue

			case bytecode.GET_ITER:
				var it Iterator
				if it, err = th.Iterate(stack[sp-1]); err != nil {
					break
				}
				stack[sp-1] = it
				continue

			case bytecode.LIST_TO_TUPLE:
				l, ok := stack[sp-1].(*List)
				if !ok {
					err = badCode("list_to_tuple on %s", stack[sp-1].Type())
					break
				}
				if err = th.charge(sizeOfTuple(len(l.elems))); err != nil {
					break
				}
				stack[sp-1] = Tuple(l.elems)
				continue

			case bytecode.RETURN:
				r := stack[sp-1]
				if fr.inline {
					// Return to the caller running in this same loop.
					th.handled = fr.savedHandled
					th.popFrame(fr)
					fr = th.frames[len(th.frames)-1]
					fr.stack[fr.sp] = r
					fr.sp++
					continue frames
				}
				fr.sp = sp - 1
				fr.pc = pc
				th.handled = savedHandled
				return r, nil

			case bytecode.YIELD:
				if fr.gen == nil {
					err = runtimeErrorf("yield outside a generator")
					break
				}
				r := stack[sp-1]
				sp--
				fr.sp, fr.pc = sp, pc
				fr.yielded = true
				fr.handling = th.handled
				th.handled = savedHandled
				return r, nil

			case bytecode.YIELD_FROM:
				if fr.gen == nil {
					err = runtimeErrorf("yield outside a generator")
					break
				}
				if fr.yieldFrom {
					// Resumed: drop the sent value pushed by the generator.
					fr.yieldFrom = false
				}
				it, ok := stack[sp-1].(Iterator)
				if !ok {
					var it2 Iterator
					if it2, err = th.Iterate(stack[sp-1]); err != nil {
						break
					}
					stack[sp-1] = it2
					it = it2
				}
				var v Value
				var more bool
				sent := fr.fromSent
				fr.fromSent = nil
				if sub, isGen := it.(*Generator); isGen && sent != nil {
					v, more, err = sub.resume(th, sent)
				} else if sent != nil && sent != None {
					err = attributeErrorf("'%s' object has no attribute 'send'", it.Type())
				} else {
					v, more, err = it.Next(th)
				}
				if err != nil {
					break
				}
				if !more {
					var ret Value = None
					if g, ok := it.(*Generator); ok && g.retval != nil {
						ret = g.retval
					}
					stack[sp-1] = ret
					continue
				}
				// Yield v; on resume execute this instruction again.
				fr.yieldFrom = true
				fr.sp, fr.pc = sp, pc-1
				fr.yielded = true
				fr.handling = th.handled
				th.handled = savedHandled
				return v, nil

			case bytecode.PUSH_EXC:
				exc := stack[sp-1]
				prev := th.handled
				if prev == nil {
					prev = None
				}
				th.handled = exc
				stack[sp-1] = prev
				stack[sp] = exc
				sp++
				continue

			case bytecode.POP_EXCEPT:
				prev := stack[sp-1]
				sp--
				if prev == None {
					th.handled = nil
				} else {
					th.handled = prev
				}
				continue

			case bytecode.EXC_MATCH:
				var b bool
				if b, err = excMatches(stack[sp-2], stack[sp-1]); err != nil {
					break
				}
				stack[sp-1] = Bool(b)
				continue

			case bytecode.RERAISE:
				o, ok := stack[sp-1].(*Object)
				if !ok || o.exc == nil {
					err = typeErrorf("exceptions must derive from BaseException")
					break
				}
				sp--
				err = excFromObject(o)
				reraise = true

			case bytecode.SUPER:
				if fr.fn == nil || fr.fn.class == nil {
					err = runtimeErrorf("super(): __class__ cell not found")
					break
				}
				if len(locals) == 0 || locals[0] == nil {
					err = runtimeErrorf("super(): no arguments")
					break
				}
				stack[sp] = &superObj{class: fr.fn.class, self: locals[0]}
				sp++
				continue

			case bytecode.JUMP:
				pc = int(in.arg)
				continue

			case bytecode.POP_JUMP_IF_FALSE, bytecode.POP_JUMP_IF_TRUE:
				v := stack[sp-1]
				sp--
				var t bool
				if b, ok := v.(Boolean); ok {
					t = bool(b)
				} else if t, err = th.truth(v); err != nil {
					break
				}
				if t == (in.op == bytecode.POP_JUMP_IF_TRUE) {
					pc = int(in.arg)
				}
				continue

			case bytecode.JUMP_IF_FALSE_OR_POP, bytecode.JUMP_IF_TRUE_OR_POP:
				var t bool
				if t, err = th.truth(stack[sp-1]); err != nil {
					break
				}
				if t == (in.op == bytecode.JUMP_IF_TRUE_OR_POP) {
					pc = int(in.arg)
				} else {
					sp--
				}
				continue

			case bytecode.FOR_ITER:
				var v Value
				var more bool
				switch it := stack[sp-1].(type) {
				case *rangeIter:
					if (it.step > 0 && it.next < it.stop) || (it.step < 0 && it.next > it.stop) {
						i := it.next
						it.next += it.step
						if (it.step > 0 && it.next < i) || (it.step < 0 && it.next > i) {
							it.next = it.stop
						}
						if i >= smallIntMin && i < smallIntMax {
							v = smallInts[i-smallIntMin]
						} else {
							if n := sizeOfInt(i); n > 0 {
								if err = th.charge(n); err != nil {
									break
								}
							}
							v = th.slab.boxedInt(i)
						}
						more = true
					}
				case *listIter:
					if it.i < len(it.l.elems) {
						v = it.l.elems[it.i]
						it.i++
						more = true
					}
				default:
					fr.sp = sp
					v, more, err = it.(Iterator).Next(th)
				}
				if err != nil {
					break
				}
				if more {
					// for x in …: the store_local that follows runs here,
					// counted as its own step, when the countdown has room.
					if nx := code[pc]; nx.op == bytecode.STORE_LOCAL && th.tick >= 2 {
						th.tick--
						pc++
						locals[nx.arg] = v
						continue
					}
					stack[sp] = v
					sp++
				} else {
					sp--
					pc = int(in.arg)
				}
				continue

			case bytecode.INT, bytecode.CONSTANT:
				stack[sp] = fc.consts[in.arg]
				sp++
				continue

			case opFusedInt:
				f := &fc.fused[in.arg]
				var a Int64
				var ok bool
				if f.local >= 0 {
					a, ok = locals[f.local].(Int64)
				} else {
					a, ok = stack[sp-1].(Int64)
				}
				k := f.k
				if f.rlocal >= 0 && ok {
					var b Int64
					b, ok = locals[f.rlocal].(Int64)
					k = int64(b)
				}
				if ok && th.tick >= f.n {
					if f.tail == fuseTailJump {
						th.tick -= f.n - 1
						if f.local < 0 {
							sp--
							stack[sp] = nil
						}
						if intCompare(f.op, int64(a), k) == f.jtrue {
							pc = int(f.arg)
						} else {
							pc += int(f.n) - 1
						}
						continue
					}
					if isCompareOp(f.op) {
						th.tick -= f.n - 1
						pc += int(f.n) - 1
						if f.local < 0 {
							sp--
						}
						stack[sp] = Bool(intCompare(f.op, int64(a), k))
						sp++
						continue
					}
					r, ok := fastIntOp(f.op, int64(a), k)
					if !ok {
						goto fusedSlow
					}
					var v Value
					if r >= smallIntMin && r < smallIntMax {
						v = smallInts[r-smallIntMin]
					} else if sizeOfInt(r) == 0 {
						v = th.slab.boxedInt(r)
					} else {
						goto fusedSlow
					}
					th.tick -= f.n - 1
					pc += int(f.n) - 1
					if f.local < 0 {
						sp--
					}
					if f.tail == fuseTailStore {
						locals[f.arg] = v
						stack[sp] = nil
					} else {
						stack[sp] = v
						sp++
					}
					continue
				}
			fusedSlow:
				if f.orig.op == bytecode.INT {
					stack[sp] = fc.consts[f.orig.arg]
					sp++
					continue
				}
				v := locals[f.orig.arg]
				if v == nil {
					err = newError(excUnboundLocalError, "cannot access local variable '%s' where it is not associated with a value", fc.localName(int(f.orig.arg)))
					break
				}
				stack[sp] = v
				sp++
				continue

			case bytecode.LOAD_LOCAL:
				v := locals[in.arg]
				if v == nil {
					err = newError(excUnboundLocalError, "cannot access local variable '%s' where it is not associated with a value", fc.localName(int(in.arg)))
					break
				}
				stack[sp] = v
				sp++
				continue

			case bytecode.STORE_LOCAL:
				sp--
				locals[in.arg] = stack[sp]
				continue

			case bytecode.DEL_LOCAL:
				if locals[in.arg] == nil {
					err = newError(excUnboundLocalError, "cannot access local variable '%s' where it is not associated with a value", fc.localName(int(in.arg)))
					break
				}
				locals[in.arg] = nil
				continue

			case bytecode.LOAD_CELL:
				v := fr.cells[in.arg].v
				if v == nil {
					err = fc.unboundCell(int(in.arg))
					break
				}
				stack[sp] = v
				sp++
				continue

			case bytecode.STORE_CELL:
				sp--
				fr.cells[in.arg].v = stack[sp]
				stack[sp] = nil
				continue

			case bytecode.DEL_CELL:
				if fr.cells[in.arg].v == nil {
					err = fc.unboundCell(int(in.arg))
					break
				}
				fr.cells[in.arg].v = nil
				continue

			case bytecode.LOAD_CLOSURE:
				stack[sp] = fr.cells[in.arg]
				sp++
				continue

			case bytecode.LOAD_GLOBAL:
				v := mod.globals[in.arg]
				if v == nil {
					v = mod.gbuiltin[in.arg]
					if v == nil {
						err = newError(excNameError, "name '%s' is not defined", mod.gnames[in.arg])
						break
					}
				}
				stack[sp] = v
				sp++
				continue

			case bytecode.STORE_GLOBAL:
				sp--
				mod.globals[in.arg] = stack[sp]
				continue

			case bytecode.DEL_GLOBAL:
				if mod.globals[in.arg] == nil {
					err = newError(excNameError, "name '%s' is not defined", mod.gnames[in.arg])
					break
				}
				mod.globals[in.arg] = nil
				continue

			case bytecode.LOAD_NAME:
				var v Value
				if v, err = th.loadName(fr, mod.prog.Strings[in.arg]); err != nil {
					break
				}
				stack[sp] = v
				sp++
				continue

			case bytecode.STORE_NAME:
				sp--
				if err = th.storeName(fr, mod.prog.Strings[in.arg], stack[sp]); err != nil {
					break
				}
				stack[sp] = nil
				continue

			case bytecode.DEL_NAME:
				if err = th.delName(fr, mod.prog.Strings[in.arg]); err != nil {
					break
				}
				continue

			case bytecode.LOAD_BUILTIN:
				v := fc.consts[in.arg]
				if v == nil {
					err = newError(excNameError, "name '%s' is not defined", fc.builtinNames[in.arg])
					break
				}
				stack[sp] = v
				sp++
				continue

			case bytecode.ATTR:
				var v Value
				name := mod.prog.Strings[in.arg]
				if o, ok := stack[sp-1].(*Object); ok && o.exc == nil && o.class.userDefined {
					// Instance attribute, else the class chain through the
					// instruction's inline cache.
					for i := range o.attrs {
						if o.attrs[i].name == name {
							v = o.attrs[i].value
							break
						}
					}
					if v == nil {
						c := &fc.attrCache[pc-1]
						if c.cls != o.class || c.version != th.inst.classVersion {
							cv, _ := o.class.lookup(name)
							*c = attrCacheEntry{cls: o.class, version: th.inst.classVersion, v: cv}
						}
						switch cv := c.v.(type) {
						case nil:
						case *Function:
							v = &BoundMethod{self: o, fn: cv}
						case *staticMethod, *classMethod, *propertyObj:
							// Descriptors take the general path.
						default:
							v = cv
						}
					}
					if v != nil {
						stack[sp-1] = v
						continue
					}
				}
				if v, err = th.GetAttr(stack[sp-1], name); err != nil {
					break
				}
				stack[sp-1] = v
				continue

			case bytecode.SET_ATTR:
				if err = th.SetAttr(stack[sp-1], mod.prog.Strings[in.arg], stack[sp-2]); err != nil {
					break
				}
				sp -= 2
				stack[sp], stack[sp+1] = nil, nil
				continue

			case bytecode.DEL_ATTR:
				if err = th.DelAttr(stack[sp-1], mod.prog.Strings[in.arg]); err != nil {
					break
				}
				sp--
				stack[sp] = nil
				continue

			case bytecode.IMPORT_NAME:
				var m Value
				if m, err = th.importModule(mod.prog.Strings[in.arg]); err != nil {
					break
				}
				stack[sp] = m
				sp++
				continue

			case bytecode.IMPORT_FROM:
				name := mod.prog.Strings[in.arg]
				m := stack[sp-1]
				v, ok, e := th.getAttr(m, name)
				if e != nil {
					err = e
					break
				}
				if !ok {
					mname := "?"
					if mm, isMod := m.(*Module); isMod {
						mname = mm.name
					}
					err = newError(excImportError, "cannot import name '%s' from '%s' (unknown location)", name, mname)
					break
				}
				stack[sp] = v
				sp++
				continue

			case bytecode.BUILD_LIST:
				n := int(in.arg)
				if err = th.charge(sizeOfListCap(n)); err != nil {
					break
				}
				elems := make([]Value, n)
				copy(elems, stack[sp-n:sp])
				clear(stack[sp-n : sp])
				sp -= n
				stack[sp] = &List{elems: elems, mcap: n}
				sp++
				continue

			case bytecode.BUILD_TUPLE:
				n := int(in.arg)
				var t Tuple
				if n > 0 {
					if err = th.charge(sizeOfTuple(n)); err != nil {
						break
					}
					t = make(Tuple, n)
					copy(t, stack[sp-n:sp])
					clear(stack[sp-n : sp])
				} else {
					t = Tuple{}
				}
				sp -= n
				stack[sp] = t
				sp++
				continue

			case bytecode.BUILD_SET:
				n := int(in.arg)
				var s *Set
				if s, err = th.NewSet(false); err != nil {
					break
				}
				for _, v := range stack[sp-n : sp] {
					if err = s.Add(th, v); err != nil {
						break
					}
				}
				if err != nil {
					break
				}
				clear(stack[sp-n : sp])
				sp -= n
				stack[sp] = s
				sp++
				continue

			case bytecode.BUILD_DICT:
				n := int(in.arg)
				var d *Dict
				if d, err = th.NewDict(); err != nil {
					break
				}
				base := sp - 2*n
				for i := 0; i < n; i++ {
					if err = d.Set(th, stack[base+2*i], stack[base+2*i+1]); err != nil {
						break
					}
				}
				if err != nil {
					break
				}
				clear(stack[base:sp])
				sp = base
				stack[sp] = d
				sp++
				continue

			case bytecode.BUILD_SLICE:
				n := int(in.arg)
				s := &Slice{start: stack[sp-n], stop: stack[sp-n+1], step: None}
				if n == 3 {
					s.step = stack[sp-1]
				}
				sp -= n
				stack[sp] = s
				sp++
				continue

			case bytecode.BUILD_STRING:
				n := int(in.arg)
				total := 0
				for _, v := range stack[sp-n : sp] {
					if s, ok := v.(String); ok {
						total += len(s)
					}
				}
				var sb strings.Builder
				sb.Grow(total)
				for _, v := range stack[sp-n : sp] {
					s, ok := v.(String)
					if !ok {
						err = typeErrorf("BUILD_STRING: expected str, got %s", v.Type())
						break
					}
					sb.WriteString(string(s))
				}
				if err != nil {
					break
				}
				if err = th.charge(sizeOfStr(total)); err != nil {
					break
				}
				clear(stack[sp-n : sp])
				sp -= n
				stack[sp] = String(sb.String())
				sp++
				continue

			case bytecode.LIST_APPEND:
				sp--
				v := stack[sp]
				stack[sp] = nil
				l, ok := stack[sp-int(in.arg)].(*List)
				if !ok {
					err = badCode("list_append target is not a list")
					break
				}
				if err = l.Append(th, v); err != nil {
					break
				}
				continue

			case bytecode.SET_ADD, bytecode.LIST_EXTEND, bytecode.SET_UPDATE:
				sp--
				v := stack[sp]
				stack[sp] = nil
				if err = th.addToBuilt(in.op, stack[sp-int(in.arg)], v); err != nil {
					break
				}
				continue

			case bytecode.MAP_ADD:
				k, v := stack[sp-2], stack[sp-1]
				sp -= 2
				stack[sp], stack[sp+1] = nil, nil
				d, ok := stack[sp-int(in.arg)].(*Dict)
				if !ok {
					err = badCode("map_add target is not a dict")
					break
				}
				if err = d.Set(th, k, v); err != nil {
					break
				}
				continue

			case bytecode.DICT_UPDATE, bytecode.DICT_MERGE:
				sp--
				src := stack[sp]
				stack[sp] = nil
				dpos := sp - int(in.arg)
				var callee Value
				if in.op == bytecode.DICT_MERGE && dpos > 0 {
					callee = stack[dpos-1]
				}
				d, ok := stack[dpos].(*Dict)
				if !ok {
					err = badCode("dict_update target is not a dict")
					break
				}
				if err = th.dictUpdate(d, src, in.op == bytecode.DICT_MERGE, callee); err != nil {
					break
				}
				continue

			case bytecode.UNPACK:
				n := int(in.arg)
				var elems []Value
				if elems, err = th.unpackSeq(stack[sp-1], n, -1); err != nil {
					break
				}
				sp--
				for i := n - 1; i >= 0; i-- {
					stack[sp] = elems[i]
					sp++
				}
				continue

			case bytecode.UNPACK_EX:
				before, after := int(in.arg&0xff), int(in.arg>>8)
				var elems []Value
				if elems, err = th.unpackSeq(stack[sp-1], before+after, before); err != nil {
					break
				}
				mid := elems[before : len(elems)-after]
				var l *List
				if l, err = th.NewList(append([]Value(nil), mid...)); err != nil {
					break
				}
				sp--
				for i := len(elems) - 1; i >= len(elems)-after; i-- {
					stack[sp] = elems[i]
					sp++
				}
				stack[sp] = l
				sp++
				for i := before - 1; i >= 0; i-- {
					stack[sp] = elems[i]
					sp++
				}
				continue

			case bytecode.FORMAT_VALUE:
				conv := in.arg & 3
				spec := ""
				if in.arg&4 != 0 {
					sp--
					s, ok := stack[sp].(String)
					if !ok {
						err = typeErrorf("format spec must be a str")
						break
					}
					spec = string(s)
					stack[sp] = nil
				}
				var s Value
				if s, err = th.formatValue(stack[sp-1], conv, spec); err != nil {
					break
				}
				stack[sp-1] = s
				continue

			case bytecode.CALL:
				npos := int(in.arg & 0xff)
				nkw := int(in.arg >> 8)
				var kwargs []KeywordArg
				if nkw > 0 {
					names, ok := stack[sp-1].(Tuple)
					if !ok || len(names) != nkw {
						err = badCode("call: keyword names are not a tuple of %d", nkw)
						break
					}
					sp--
					stack[sp] = nil
					kwargs = make([]KeywordArg, nkw)
					base := sp - nkw
					for i := range kwargs {
						name, _ := names[i].(String)
						kwargs[i] = KeywordArg{Name: string(name), Value: stack[base+i]}
					}
					clear(stack[base:sp])
					sp = base
				}
				fn := stack[sp-npos-1]
				args := stack[sp-npos : sp : sp]
				fr.sp, fr.pc = sp, pc
				var r Value
				switch f := fn.(type) {
				case *Function:
					if !f.code.generator {
						// Python-to-Python call: run the callee in this loop
						// (no Go recursion); RETURN switches back.
						var nf *frame
						var e error
						if nkw == 0 && f.code.exactCall(npos) {
							nf, e = th.enterFrame(f.code, f, nil, args)
						} else if nf, e = th.pushFrame(f.code, f); e == nil {
							if e = th.bindArgs(nf, f, args, kwargs); e != nil {
								th.popFrame(nf)
							}
						}
						if e != nil {
							// The shared `sp -= npos + 1` after the switch pops
							// the callee and its arguments.
							err = e
							break
						}
						fr.sp, fr.pc = sp-npos-1, pc
						nf.inline = true
						nf.savedHandled = th.handled
						fr = nf
						continue frames
					}
					r, err = th.callFunction(f, args, kwargs)
				case *BoundMethod:
					if fn := f.fn; !fn.code.generator {
						var nf *frame
						var e error
						if nkw == 0 && fn.code.exactCall(npos+1) {
							nf, e = th.enterFrame(fn.code, fn, f.self, args)
						} else if nf, e = th.pushFrame(fn.code, fn); e == nil {
							full := make([]Value, 0, npos+1)
							full = append(append(full, f.self), args...)
							if e = th.bindArgs(nf, fn, full, kwargs); e != nil {
								th.popFrame(nf)
							}
						}
						if e != nil {
							// The shared `sp -= npos + 1` after the switch pops
							// the callee and its arguments.
							err = e
							break
						}
						fr.sp, fr.pc = sp-npos-1, pc
						nf.inline = true
						nf.savedHandled = th.handled
						fr = nf
						continue frames
					}
					r, err = th.Call(f, args, kwargs)
				case *Builtin:
					r, err = th.callBuiltin(f, args, kwargs)
				default:
					r, err = th.Call(fn, args, kwargs)
				}
				sp -= npos + 1
				if err != nil {
					break
				}
				stack[sp] = r
				sp++
				continue

			case bytecode.CALL_VAR:
				var kwargs []KeywordArg
				if in.arg&1 != 0 {
					sp--
					kd, ok := stack[sp].(*Dict)
					stack[sp] = nil
					if !ok {
						err = typeErrorf("argument after ** must be a mapping, not %s", stack[sp].Type())
						break
					}
					for _, e := range kd.ht.entries {
						if e.key == nil {
							continue
						}
						ks, ok := e.key.(String)
						if !ok {
							err = typeErrorf("keywords must be strings")
							break
						}
						kwargs = append(kwargs, KeywordArg{Name: string(ks), Value: e.value})
					}
					if err != nil {
						break
					}
				}
				fn := stack[sp-2]
				var args Tuple
				if args, err = th.toTuple(stack[sp-1]); err != nil {
					break
				}
				fr.sp, fr.pc = sp, pc
				var r Value
				r, err = th.Call(fn, args, kwargs)
				sp -= 2
				stack[sp], stack[sp+1] = nil, nil
				if err != nil {
					break
				}
				stack[sp] = r
				sp++
				continue

			case bytecode.MAKE_FUNCTION:
				fr.sp = sp
				var f *Function
				if f, sp, err = th.makeFunction(fr, in.arg, sp); err != nil {
					break
				}
				stack[sp] = f
				sp++
				continue

			case bytecode.MAKE_CLASS:
				fr.sp, fr.pc = sp, pc
				var base Value
				if in.arg == 1 {
					sp--
					base = stack[sp]
				}
				name := stack[sp-1]
				body := stack[sp-2]
				var c *Class
				if c, err = th.makeClass(body, name, base); err != nil {
					sp -= 2
					break
				}
				sp -= 2
				stack[sp] = c
				stack[sp+1] = nil
				sp++
				continue

			case bytecode.RAISE:
				switch in.arg {
				case 0:
					if th.handled == nil {
						err = runtimeErrorf("No active exception to reraise")
						break
					}
					if o, ok := th.handled.(*Object); ok && o.exc != nil {
						err = excFromObject(o)
					} else {
						err = badCode("handled exception is not an exception")
					}
					reraise = true
				case 1:
					sp--
					err = th.makeRaise(stack[sp], nil, false)
				case 2:
					sp -= 2
					err = th.makeRaise(stack[sp], stack[sp+1], true)
				}

			case opMethodRecv:
				// The receiver stays in the callee slot for opCallMethod.
				continue

			case opCallMethod:
				npos := int(in.arg & 0xff)
				name := mod.prog.Strings[in.arg>>8]
				recv := stack[sp-npos-1]
				args := stack[sp-npos : sp : sp]
				fr.sp, fr.pc = sp, pc
				var r Value
				if k := methodKind(recv); k != 0 {
					if m := fc.nativeMethod(pc-1, k, recv, name); m != nil {
						r, err = th.callNativeMethod(m, recv, args)
						sp -= npos + 1
						if err != nil {
							break
						}
						stack[sp] = r
						sp++
						continue
					}
				} else if o, ok := recv.(*Object); ok && o.exc == nil && o.class.userDefined && !o.hasAttr(name) {
					c := &fc.attrCache[pc-1]
					if c.cls != o.class || c.version != th.inst.classVersion {
						cv, _ := o.class.lookup(name)
						*c = attrCacheEntry{cls: o.class, version: th.inst.classVersion, v: cv}
					}
					if f, isFn := c.v.(*Function); isFn && !f.code.generator {
						fc2 := f.code
						if fc2.exactCall(npos + 1) {
							nf, e := th.enterFrame(fc2, f, o, args)
							if e != nil {
								sp -= npos + 1
								err = e
								break
							}
							fr.sp, fr.pc = sp-npos-1, pc
							nf.inline = true
							nf.savedHandled = th.handled
							fr = nf
							continue frames
						}
					}
				}
				// General case: bind, then call.
				var fn Value
				if fn, err = th.GetAttr(recv, name); err != nil {
					sp -= npos + 1
					break
				}
				r, err = th.Call(fn, args, nil)
				sp -= npos + 1
				if err != nil {
					break
				}
				stack[sp] = r
				sp++
				continue

			default:
				err = &internalError{msg: "unknown opcode " + in.op.String()}
			}

			// Error path: err != nil.
			if err == nil {
				continue
			}
			exc, ok := asException(err)
			if !ok {
				fr.pc, fr.sp = pc, sp
				th.unwindInline(fr)
				th.handled = savedHandled
				return nil, err
			}
			if !reraise {
				th.setContext(exc)
			}
			for {
				faulting := pc - 1
				if !reraise {
					exc.value.exc.tb = append(exc.value.exc.tb, tbEntry{fc, faulting})
				}
				reraise = false
				fr.sp = sp
				if fr.catch(exc.value, faulting) {
					continue frames
				}
				if !fr.inline {
					break
				}
				// Unwind an inline callee: the exception continues at the
				// caller's call instruction.
				th.handled = fr.savedHandled
				th.popFrame(fr)
				fr = th.frames[len(th.frames)-1]
				fc, stack = fr.fc, fr.stack
				sp, pc = fr.sp, fr.pc
			}
			fr.pc, fr.sp = pc, sp
			th.handled = savedHandled
			return nil, exc
		}
	}
}

// addToBuilt implements SET_ADD, LIST_EXTEND and SET_UPDATE: v goes into
// the list or set being built (a display or comprehension) deeper in the
// stack. LIST_APPEND, the hot one, stays inline in run.
func (th *Thread) addToBuilt(op bytecode.Opcode, target, v Value) error {
	switch op {
	case bytecode.SET_ADD, bytecode.SET_UPDATE:
		st, ok := target.(*Set)
		if !ok {
			return badCode("%s target is not a set", op)
		}
		if op == bytecode.SET_ADD {
			return st.Add(th, v)
		}
		return th.setUpdate(st, v)
	}
	l, ok := target.(*List)
	if !ok {
		return badCode("%s target is not a list", op)
	}
	return th.listExtend(l, v)
}

// unwindInline pops the inline frames above the base frame of a run (for
// errors Python cannot catch: budget and internal errors).
func (th *Thread) unwindInline(fr *frame) {
	for fr.inline {
		th.popFrame(fr)
		fr = th.frames[len(th.frames)-1]
	}
}

// fastIntOp computes the common int operations that cannot fail; ok=false
// sends the operation to the general path (overflow, division by zero,
// negative exponents and shifts, true division).
func fastIntOp(op bytecode.Opcode, a, b int64) (int64, bool) {
	switch op {
	case bytecode.ADD:
		s := a + b
		return s, (a^s)&(b^s) >= 0
	case bytecode.SUB:
		d := a - b
		return d, (a^b)&(a^d) >= 0
	case bytecode.MUL:
		if a > -(1<<31) && a < 1<<31 && b > -(1<<31) && b < 1<<31 {
			return a * b, true
		}
	case bytecode.MOD:
		if b > 0 {
			r := a % b
			if r < 0 {
				r += b
			}
			return r, true
		}
	case bytecode.FLOORDIV:
		if b > 0 {
			q := a / b
			if a%b < 0 {
				q--
			}
			return q, true
		}
	case bytecode.BITAND:
		return a & b, true
	case bytecode.BITOR:
		return a | b, true
	case bytecode.BITXOR:
		return a ^ b, true
	}
	return 0, false
}

// badCode reports an instruction whose operands have the wrong types: only
// a malformed (but verifiable) image gets here, never compiled code.
func badCode(format string, args ...any) error {
	return newError(excSystemError, "bad bytecode: "+format, args...)
}

// setContext records the exception being handled as the new exception's
// __context__ (implicit chaining).
func (th *Thread) setContext(exc *Exception) {
	if th.handled != nil && exc.value.exc.context == nil && th.handled != Value(exc.value) {
		exc.value.exc.context = th.handled
	}
}

var binOpOf = [...]BinaryOp{
	bytecode.ADD: BinAdd, bytecode.SUB: BinSub, bytecode.MUL: BinMul, bytecode.TRUEDIV: BinTrueDiv,
	bytecode.FLOORDIV: BinFloorDiv, bytecode.MOD: BinMod, bytecode.POW: BinPow,
	bytecode.LSHIFT: BinLShift, bytecode.RSHIFT: BinRShift, bytecode.BITAND: BinAnd,
	bytecode.BITOR: BinOr, bytecode.BITXOR: BinXor, bytecode.OpcodeMax: 0,
}

var cmpOpOf = [...]CompareOp{
	bytecode.LT: CmpLt, bytecode.LE: CmpLe, bytecode.GT: CmpGt, bytecode.GE: CmpGe,
	bytecode.EQ: CmpEq, bytecode.NE: CmpNe, bytecode.OpcodeMax: 0,
}

// truth is Truth with the common cases inline.
func (th *Thread) truth(v Value) (bool, error) {
	switch x := v.(type) {
	case Boolean:
		return bool(x), nil
	case Int64:
		return x != 0, nil
	case NoneType:
		return false, nil
	}
	return th.Truth(v)
}

// checkLimits runs when the tick countdown reaches zero: it folds the
// counted instructions into th.steps and enforces the step budget and the
// deadline. Counting down one field is cheaper in the dispatch loop than
// comparing a counter with a limit.
func (th *Thread) checkLimits() error {
	th.steps += uint64(th.tickSpan - th.tick)
	th.tickSpan, th.tick = 0, 0
	if th.stepLimit > 0 && th.steps >= th.stepLimit {
		th.setCheckAt()
		return &TimeoutError{Steps: th.steps, Elapsed: time.Since(th.started), Limit: "steps", Budget: itoa(int64(th.opts.MaxSteps))}
	}
	if !th.deadline.IsZero() {
		if now := time.Now(); now.After(th.deadline) {
			th.setCheckAt()
			d := th.opts.Timeout
			return &TimeoutError{Steps: th.steps, Elapsed: now.Sub(th.started), Limit: "timeout", Budget: sprintf("%.2f", d.Seconds())}
		}
	}
	th.setCheckAt()
	return nil
}

// stackFrames describes the active Python frames, outermost first, for a
// limit that stops the run instead of raising. The innermost frame's pc is
// the instruction about to run; a caller's pc is just past its CALL.
func (th *Thread) stackFrames() []Frame {
	out := make([]Frame, 0, len(th.frames))
	for i, f := range th.frames {
		pc := f.pc - 1
		if i == len(th.frames)-1 {
			pc = f.pc
		}
		line, col := f.fc.position(pc)
		out = append(out, Frame{File: f.fc.mod.filename, Line: line, Col: col, Func: f.fc.name})
	}
	return out
}

// setCheckAt starts a new countdown to the next limit check. It must be
// called with the countdown folded into th.steps (tickSpan == tick).
func (th *Thread) setCheckAt() {
	th.steps += uint64(th.tickSpan - th.tick)
	span := int64(1 << 62)
	if !th.deadline.IsZero() {
		span = limitCheckInterval
	}
	if th.stepLimit > 0 {
		if th.steps >= th.stepLimit {
			span = 1
		} else if left := int64(th.stepLimit - th.steps); left < span {
			span = left
		}
	}
	th.tickSpan, th.tick = span, span
}

// stepCount returns the instructions executed so far.
func (th *Thread) stepCount() uint64 { return th.steps + uint64(th.tickSpan-th.tick) }

func itoa(i int64) string { return sprintf("%d", i) }

func (fc *funcode) localName(i int) string {
	if i < len(fc.src.LocalNames) {
		return fc.src.LocalNames[i]
	}
	return "?"
}

func (fc *funcode) unboundCell(i int) error {
	name := "?"
	if i < len(fc.src.CellNames) {
		name = fc.src.CellNames[i]
	}
	if i < fc.ncells {
		return newError(excUnboundLocalError, "cannot access local variable '%s' where it is not associated with a value", name)
	}
	return newError(excNameError, "cannot access free variable '%s' where it is not associated with a value in enclosing scope", name)
}

// excMatches implements `except T` for a class or a tuple of classes.
func excMatches(exc, t Value) (bool, error) {
	o, _ := exc.(*Object)
	switch c := t.(type) {
	case *Class:
		if !c.exc {
			return false, typeErrorf("catching classes that do not inherit from BaseException is not allowed")
		}
		return o != nil && IsSubclass(o.class, c), nil
	case Tuple:
		for _, e := range c {
			ok, err := excMatches(exc, e)
			if err != nil || ok {
				return ok, err
			}
		}
		return false, nil
	}
	return false, typeErrorf("catching classes that do not inherit from BaseException is not allowed")
}

// makeRaise builds the exception for `raise exc [from cause]`.
func (th *Thread) makeRaise(exc, cause Value, hasCause bool) error {
	o, err := th.toException(exc, "exceptions must derive from BaseException")
	if err != nil {
		return err
	}
	if hasCause {
		o.exc.suppress = true
		if cause == None {
			o.exc.cause = nil
		} else {
			co, err := th.toException(cause, "exception causes must derive from BaseException")
			if err != nil {
				return err
			}
			o.exc.cause = co
		}
	}
	return excFromObject(o)
}

func (th *Thread) toException(v Value, msg string) (*Object, error) {
	switch x := v.(type) {
	case *Class:
		if x.exc {
			r, err := th.callClass(x, nil, nil)
			if err != nil {
				return nil, err
			}
			if o, ok := r.(*Object); ok && o.exc != nil {
				return o, nil
			}
		}
	case *Object:
		if x.exc != nil {
			return x, nil
		}
	}
	return nil, typeErrorf("%s", msg)
}

// loadName implements LOAD_NAME: class namespace, globals, builtins.
func (th *Thread) loadName(fr *frame, name string) (Value, error) {
	if fr.ns != nil {
		if v, ok, err := fr.ns.Get(th, String(name)); err != nil || ok {
			return v, err
		}
	}
	if i, ok := fr.mod.gindex[name]; ok && fr.mod.globals[i] != nil {
		return fr.mod.globals[i], nil
	}
	if v, ok := builtins[name]; ok {
		return v, nil
	}
	return nil, newError(excNameError, "name '%s' is not defined", name)
}

func (th *Thread) storeName(fr *frame, name string, v Value) error {
	if fr.ns != nil {
		return fr.ns.Set(th, String(name), v)
	}
	if i, ok := fr.mod.gindex[name]; ok {
		fr.mod.globals[i] = v
		return nil
	}
	return runtimeErrorf("STORE_NAME outside a class body: '%s'", name)
}

func (th *Thread) delName(fr *frame, name string) error {
	if fr.ns != nil {
		_, ok, err := fr.ns.Delete(th, String(name))
		if err != nil {
			return err
		}
		if ok {
			return nil
		}
	} else if i, ok := fr.mod.gindex[name]; ok && fr.mod.globals[i] != nil {
		fr.mod.globals[i] = nil
		return nil
	}
	return newError(excNameError, "name '%s' is not defined", name)
}

// makeFunction implements MAKE_FUNCTION; it returns the new stack pointer.
func (th *Thread) makeFunction(fr *frame, arg uint32, sp int) (*Function, int, error) {
	stack := fr.stack
	idx := int(arg >> 2)
	fc := fr.mod.funcs[idx]
	f := &Function{code: fc, module: fr.mod, name: fc.name}
	if fc.nfree > 0 {
		sp--
		cells, ok := stack[sp].(Tuple)
		stack[sp] = nil
		if !ok || len(cells) != fc.nfree {
			return nil, sp, &internalError{msg: "MAKE_FUNCTION: bad closure"}
		}
		f.freevars = make([]*Cell, len(cells))
		for i, c := range cells {
			cell, ok := c.(*Cell)
			if !ok {
				return nil, sp, &internalError{msg: "MAKE_FUNCTION: closure item is not a cell"}
			}
			f.freevars[i] = cell
		}
	}
	if arg&2 != 0 {
		sp--
		d, ok := stack[sp].(*Dict)
		stack[sp] = nil
		if !ok {
			return nil, sp, &internalError{msg: "MAKE_FUNCTION: kwdefaults is not a dict"}
		}
		f.kwdefs = make([]Value, fc.nkwonly)
		for i := 0; i < fc.nkwonly; i++ {
			v, ok, err := d.Get(th, String(fc.paramNames[fc.nparams+i]))
			if err != nil {
				return nil, sp, err
			}
			if ok {
				f.kwdefs[i] = v
			}
		}
	}
	if arg&1 != 0 {
		sp--
		t, ok := stack[sp].(Tuple)
		stack[sp] = nil
		if !ok {
			return nil, sp, &internalError{msg: "MAKE_FUNCTION: defaults is not a tuple"}
		}
		f.defaults = t
	}
	switch {
	case fr.className != "":
		f.qualname = fr.className + "." + fc.name
	case fr.fn != nil && !fr.fc.classBody:
		f.qualname = fr.fn.qualname + ".<locals>." + fc.name
	default:
		f.qualname = fc.name
	}
	if err := th.charge(sizeFunction + 4*int64(fc.nfree)); err != nil {
		return nil, sp, err
	}
	return f, sp, nil
}

// makeClass implements MAKE_CLASS.
func (th *Thread) makeClass(bodyV, nameV, baseV Value) (*Class, error) {
	body, ok := bodyV.(*Function)
	name, ok2 := nameV.(String)
	if !ok || !ok2 {
		return nil, &internalError{msg: "MAKE_CLASS: bad operands"}
	}
	base := typeObject
	if baseV != nil {
		b, ok := baseV.(*Class)
		if !ok {
			return nil, typeErrorf("class base must be a class, not '%s'", baseV.Type())
		}
		if b.builtin && b != typeObject {
			return nil, typeErrorf("nl does not support subclassing the built-in type '%s'", b.name)
		}
		if _, nt := b.dict["_fields"].(Tuple); nt && !b.userDefined && b.construct != nil {
			return nil, typeErrorf("nl does not support subclassing the namedtuple '%s'", b.name) // collections
		}
		base = b
	}
	ns, err := th.NewDict()
	if err != nil {
		return nil, err
	}
	fr, err := th.pushFrame(body.code, body)
	if err != nil {
		return nil, err
	}
	fr.ns = ns
	qual := string(name)
	if len(th.frames) >= 2 {
		if caller := th.frames[len(th.frames)-2]; caller.fn != nil && !caller.fc.classBody {
			qual = caller.fn.qualname + ".<locals>." + qual
		} else if caller.className != "" {
			qual = caller.className + "." + qual
		}
	}
	fr.className = qual
	_, err = th.run(fr)
	th.popFrame(fr)
	if err != nil {
		return nil, err
	}
	c := &Class{name: string(name), base: base, dict: make(map[string]Value, ns.Len()), userDefined: true, exc: base.exc,
		hasSetattr: base.hasSetattr}
	for _, e := range ns.ht.entries {
		if e.key == nil {
			continue
		}
		k, ok := e.key.(String)
		if !ok {
			continue
		}
		c.dict[string(k)] = e.value
		c.names = append(c.names, string(k))
		if k == "__setattr__" {
			c.hasSetattr = true
		}
		if f, ok := e.value.(*Function); ok && f.class == nil {
			f.class = c
		}
	}
	if err := th.charge(sizeClass); err != nil {
		return nil, err
	}
	return c, nil
}

// inplace implements augmented assignment: lists, sets and dicts mutate.
func (th *Thread) inplace(op BinaryOp, x, y Value) (Value, error) {
	switch a := x.(type) {
	case *List:
		switch op {
		case BinAdd:
			if err := th.listExtend(a, y); err != nil {
				return nil, err
			}
			return a, nil
		case BinMul:
			n, ok := asInt(y)
			if !ok {
				return nil, typeErrorf("can't multiply sequence by non-int of type '%s'", y.Type())
			}
			elems, err := th.repeatSeq(a.elems, n)
			if err != nil {
				return nil, err
			}
			return a, a.SetElems(th, elems)
		}
	case *Set:
		if b, ok := y.(*Set); ok && !a.frozen {
			r, err, done := th.setBinary(op, a, b)
			if done {
				if err != nil {
					return nil, err
				}
				rs := r.(*Set)
				a.ht = rs.ht
				return a, nil
			}
		}
	case *Deque: // collections.deque: += extends, *= repeats in place
		switch op {
		case BinAdd:
			return a, th.dequeExtendFrom(a, y, false)
		case BinMul:
			if n, ok := asInt(y); ok {
				elems, err := th.repeatSeq(a.elems(), n)
				if err == nil {
					if a.maxlen >= 0 && len(elems) > a.maxlen {
						elems = elems[len(elems)-a.maxlen:]
					}
					err = th.dequeSet(a, append([]Value(nil), elems...))
				}
				return a, err
			}
		}
	case *Dict:
		if a.sub != nil { // collections subclass (Counter's in-place arithmetic)
			if r, err, done := th.dictSubInplace(op, a, y); done {
				return r, err
			}
		}
		if op == BinOr {
			if err := th.dictUpdate(a, y, false, nil); err != nil {
				return nil, err
			}
			return a, nil
		}
	case *Object:
		if !a.class.builtin {
			name := "__i" + binDunder[op][2:]
			if m, _ := a.class.lookup(name); m != nil {
				r, err := th.callMethod(a, m, []Value{y})
				if err != nil || r != notImplemented {
					return r, err
				}
			}
		}
	}
	return th.Binary(op, x, y)
}

func (th *Thread) listExtend(l *List, src Value) error {
	var elems []Value
	switch s := src.(type) {
	case *List:
		elems = s.elems
	case Tuple:
		elems = s
	default:
		var err error
		if elems, err = th.IterateAll(src); err != nil {
			return err
		}
	}
	if len(elems) == 0 {
		return nil
	}
	need := len(l.elems) + len(elems)
	if need > l.mcap {
		nc := listGrowCap(need)
		if err := th.charge(4 * int64(nc-l.mcap)); err != nil {
			return err
		}
		l.mcap = nc
	}
	l.elems = append(l.elems, elems...)
	return nil
}

func (th *Thread) setUpdate(s *Set, src Value) error {
	elems, err := th.IterateAll(src)
	if err != nil {
		return err
	}
	for _, v := range elems {
		if err := s.Add(th, v); err != nil {
			return err
		}
	}
	return nil
}

// dictUpdate implements {**m} (merge=false) and f(**m) (merge=true: a
// repeated key is a TypeError naming the callee).
func (th *Thread) dictUpdate(d *Dict, src Value, merge bool, callee Value) error {
	m, ok := src.(*Dict)
	if !ok {
		if merge {
			return typeErrorf("%s argument after ** must be a mapping, not %s", calleeName(callee), src.Type())
		}
		return typeErrorf("'%s' object is not a mapping", src.Type())
	}
	for _, e := range m.ht.entries {
		if e.key == nil {
			continue
		}
		if merge {
			if _, dup, err := d.Get(th, e.key); err != nil {
				return err
			} else if dup {
				k, _ := th.Str(e.key)
				return typeErrorf("%s got multiple values for keyword argument '%s'", calleeName(callee), k)
			}
		}
		if err := d.Set(th, e.key, e.value); err != nil {
			return err
		}
	}
	return nil
}

func calleeName(v Value) string {
	switch f := v.(type) {
	case *Function:
		return f.qualname + "()"
	case *Builtin:
		return f.Name() + "()"
	case *BoundMethod:
		return f.fn.qualname + "()"
	case *Class:
		return f.name + "()"
	}
	return "function"
}

// unpackSeq returns exactly n elements (starIndex < 0), or at least n
// elements for a starred target (UNPACK_EX).
func (th *Thread) unpackSeq(v Value, n int, starIndex int) ([]Value, error) {
	var elems []Value
	switch x := v.(type) {
	case Tuple:
		elems = x
	case *List:
		elems = x.elems
	default:
		var err error
		if !isIterable(v) {
			return nil, typeErrorf("cannot unpack non-iterable %s object", v.Type())
		}
		if elems, err = th.IterateAll(v); err != nil {
			return nil, err
		}
	}
	if starIndex < 0 {
		if len(elems) < n {
			return nil, valueErrorf("not enough values to unpack (expected %d, got %d)", n, len(elems))
		}
		if len(elems) > n {
			return nil, valueErrorf("too many values to unpack (expected %d)", n)
		}
		return elems, nil
	}
	if len(elems) < n {
		return nil, valueErrorf("not enough values to unpack (expected at least %d, got %d)", n, len(elems))
	}
	return elems, nil
}

// formatValue implements FORMAT_VALUE.
func (th *Thread) formatValue(v Value, conv uint32, spec string) (Value, error) {
	switch conv {
	case 1:
		s, err := th.Str(v)
		if err != nil {
			return nil, err
		}
		v = String(s)
	case 2, 3:
		s, err := th.Repr(v)
		if err != nil {
			return nil, err
		}
		if conv == 3 {
			s = asciiEscape(s)
		}
		v = String(s)
	}
	if spec == "" {
		if s, ok := v.(String); ok {
			return s, nil
		}
		s, err := th.Str(v)
		if err != nil {
			return nil, err
		}
		return th.NewStr(s)
	}
	if o, ok := v.(*Object); ok && !o.class.builtin {
		if m, _ := o.class.lookup("__format__"); m != nil {
			return th.callMethod(o, m, []Value{String(spec)})
		}
	}
	if formatHook == nil {
		return nil, newError(excNotImplementedError, "format specs are not available")
	}
	s, err := formatHook(th, v, spec)
	if err != nil {
		return nil, err
	}
	return th.NewStr(s)
}

// asciiEscape is ascii(): repr with non-ASCII characters escaped.
func asciiEscape(s string) string {
	var sb strings.Builder
	for _, r := range s {
		switch {
		case r < 0x80:
			sb.WriteRune(r)
		case r <= 0xff:
			sb.WriteString(sprintf(`\x%02x`, r))
		case r <= 0xffff:
			sb.WriteString(sprintf(`\u%04x`, r))
		default:
			sb.WriteString(sprintf(`\U%08x`, r))
		}
	}
	return sb.String()
}

// importModule implements IMPORT_NAME.
func (th *Thread) importModule(name string) (Value, error) {
	in := th.inst
	if m, ok := in.imported[name]; ok {
		return m, nil
	}
	if th.opts != nil {
		if m, ok := th.opts.Modules[name]; ok && m != nil {
			in.imported[name] = m
			return m, nil
		}
	}
	if mk, ok := builtinModules[name]; ok {
		m := mk()
		if name == "sys" {
			if err := th.initSys(m); err != nil {
				return nil, err
			}
		}
		in.imported[name] = m
		return m, nil
	}
	return nil, newError(excModuleNotFoundError, "No module named '%s'", name)
}
