package bytecode

import (
	"fmt"
	"io"
	"regexp"
	"strconv"
	"strings"
)

// Disassemble writes a readable listing of p to w: the size of each part of the
// image (header, pools, each function's header, code, exception table and line
// table), the pools, and every function's instructions with offsets, source lines
// and operands resolved to names and constants.
func Disassemble(w io.Writer, p *Program) error {
	e, err := newEncoder(p)
	if err != nil {
		return err
	}
	e.body()
	s := e.sections
	total := HeaderSize + s.filename + s.strings + s.constants + s.globals
	for _, n := range e.funcSizes {
		total += n
	}
	total += uvarintLen(uint64(len(p.Functions)))
	bw := &errWriter{w: w}
	name := p.Filename
	if p.Stripped {
		name = "(stripped)"
	}
	bw.printf("image %s: %d bytes, format version %d\n", name, total, Version)
	bw.printf("  header     %6d\n", s.header+s.filename)
	bw.printf("  strings    %6d  (%d)\n", s.strings, len(e.strings))
	bw.printf("  constants  %6d  (%d)\n", s.constants, len(p.Constants))
	bw.printf("  globals    %6d  (%d)\n", s.globals, len(p.Globals))
	for i, f := range p.Functions {
		ps := s.funcs[i]
		bw.printf("  func %-16s %6d  (head %d, code %d, exc %d, lines %d)\n",
			f.Name, e.funcSizes[i], ps.head, ps.code, ps.exc, ps.lines)
	}
	if len(p.Constants) > 0 {
		bw.printf("\nconstants:\n")
		for i := range p.Constants {
			bw.printf("  %3d %s\n", i, ConstString(p, i))
		}
	}
	if len(p.Globals) > 0 {
		bw.printf("\nglobals: %s\n", strings.Join(p.Globals, " "))
	}
	for i, f := range p.Functions {
		bw.printf("\nfunction %d %s", i, f.Name)
		if f.Line > 0 {
			bw.printf(" (line %d)", f.Line)
		}
		bw.printf(": params %d", f.NumParams)
		if f.NumPosonly > 0 {
			bw.printf(" (%d positional-only)", f.NumPosonly)
		}
		bw.printf(" kwonly %d locals %d cells %d free %d maxstack %d%s\n",
			f.NumKwonly, f.NumLocals, f.NumCells, f.NumFree, f.MaxStack, flagString(f.Flags))
		if len(f.LocalNames) > 0 {
			bw.printf("  locals: %s\n", strings.Join(f.LocalNames, " "))
		}
		if len(f.CellNames) > 0 {
			bw.printf("  cells: %s\n", strings.Join(f.CellNames, " "))
		}
		lastLine := -1
		for pc := 0; pc < len(f.Code); {
			op, arg, next, err := ReadInstr(f.Code, pc)
			if err != nil {
				bw.printf("  %5d  <%v>\n", pc, err)
				break
			}
			line, _ := f.Position(pc)
			lineStr := "    "
			if line != lastLine && line > 0 {
				lineStr = fmt.Sprintf("%4d", line)
				lastLine = line
			}
			bw.printf("%s %5d  %s\n", lineStr, pc, InstrString(p, f, op, arg))
			pc = next
		}
		for _, x := range f.ExcTable {
			bw.printf("  except [%d, %d) -> %d depth %d\n", x.Start, x.End, x.Handler, x.Depth)
		}
	}
	return bw.err
}

var indexBeforeName = regexp.MustCompile(` \d+<`)

// Listing returns a one-line disassembly of f: its instructions separated by
// spaces, with operands resolved (the form the compiler's golden tests compare).
func Listing(p *Program, f *Funcode) string {
	var parts []string
	for pc := 0; pc < len(f.Code); {
		op, arg, next, err := ReadInstr(f.Code, pc)
		if err != nil {
			parts = append(parts, "<"+err.Error()+">")
			break
		}
		// Operands resolved to a name print as the name alone, so that listings do
		// not change when pool indices do.
		parts = append(parts, strings.ReplaceAll(indexBeforeName.ReplaceAllString(InstrString(p, f, op, arg), "<"), " ", "_"))
		pc = next
	}
	return strings.Join(parts, " ")
}

// InstrString renders one instruction with its operand resolved.
func InstrString(p *Program, f *Funcode, op Opcode, arg uint32) string {
	if !op.HasArg() {
		return op.String()
	}
	n := int(arg)
	detail := ""
	switch op {
	case CONSTANT:
		if n < len(p.Constants) {
			detail = ConstString(p, n)
		}
	case INT:
		return fmt.Sprintf("%s %d", op, unzigzag(uint64(arg)))
	case LOAD_LOCAL, STORE_LOCAL, DEL_LOCAL:
		if n < len(f.LocalNames) {
			detail = f.LocalNames[n]
		}
	case LOAD_CELL, STORE_CELL, DEL_CELL, LOAD_CLOSURE:
		if n < len(f.CellNames) {
			detail = f.CellNames[n]
		}
	case LOAD_GLOBAL, STORE_GLOBAL, DEL_GLOBAL:
		if n < len(p.Globals) {
			detail = p.Globals[n]
		}
	case LOAD_NAME, STORE_NAME, DEL_NAME, LOAD_BUILTIN, ATTR, SET_ATTR, DEL_ATTR, IMPORT_NAME, IMPORT_FROM:
		if n < len(p.Strings) {
			detail = p.Strings[n]
		}
	case INPLACE:
		return fmt.Sprintf("%s %s", op, Opcode(arg))
	case CALL:
		return fmt.Sprintf("%s %d/%d", op, n&0xff, n>>8)
	case UNPACK_EX:
		return fmt.Sprintf("%s %d/%d", op, n&0xff, n>>8)
	case MAKE_FUNCTION:
		fi := n >> 2
		if fi < len(p.Functions) && p.Functions[fi] != nil {
			detail = p.Functions[fi].Name
		}
		return fmt.Sprintf("%s %d<%s>/%d", op, fi, detail, n&3)
	}
	if detail != "" {
		return fmt.Sprintf("%s %d<%s>", op, n, detail)
	}
	return fmt.Sprintf("%s %d", op, n)
}

// ConstString renders constant i of p as Python source.
func ConstString(p *Program, i int) string {
	return constString(p, i, 0)
}

func constString(p *Program, i, depth int) string {
	if i < 0 || i >= len(p.Constants) || depth > 32 {
		return "?"
	}
	c := p.Constants[i]
	switch c.Kind {
	case ConstInt:
		return strconv.FormatInt(c.Int, 10)
	case ConstFloat:
		s := strconv.FormatFloat(c.Float, 'g', -1, 64)
		if !strings.ContainsAny(s, ".eIN") {
			s += ".0" // written as Python would: 0.0, not 0
		}
		return s
	case ConstStr:
		return strconv.Quote(c.Str)
	case ConstBytes:
		return "b" + strconv.Quote(c.Str)
	case ConstTuple:
		parts := make([]string, len(c.Tuple))
		for j, k := range c.Tuple {
			parts[j] = constString(p, k, depth+1)
		}
		if len(parts) == 1 {
			return "(" + parts[0] + ",)"
		}
		return "(" + strings.Join(parts, ", ") + ")"
	}
	return "?"
}

func flagString(fl uint8) string {
	var s []string
	if fl&FlagVarargs != 0 {
		s = append(s, "varargs")
	}
	if fl&FlagKwargs != 0 {
		s = append(s, "kwargs")
	}
	if fl&FlagGenerator != 0 {
		s = append(s, "generator")
	}
	if fl&FlagClassBody != 0 {
		s = append(s, "class")
	}
	if len(s) == 0 {
		return ""
	}
	return " [" + strings.Join(s, " ") + "]"
}

func uvarintLen(x uint64) int { return len(appendUvarint(nil, x)) }

type errWriter struct {
	w   io.Writer
	err error
}

func (e *errWriter) printf(format string, args ...any) {
	if e.err != nil {
		return
	}
	_, e.err = fmt.Fprintf(e.w, format, args...)
}
