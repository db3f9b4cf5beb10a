package bytecode

import (
	"encoding/binary"
	"fmt"
	"hash/crc32"
	"math"
)

// HeaderSize is the size of the fixed image header: magic, version, flags, CRC-32.
const HeaderSize = 10

// Encode returns the image of p. The output depends only on p, so the same
// program always gives byte-identical images. Strings used by constants, globals and
// names that are missing from p.Strings are appended to the pool in order of first use.
func Encode(p *Program) ([]byte, error) {
	e, err := newEncoder(p)
	if err != nil {
		return nil, err
	}
	body := e.body()
	out := make([]byte, 0, HeaderSize+len(body))
	out = append(out, Magic...)
	out = append(out, Version)
	var flags byte
	if p.Stripped {
		flags |= FlagStripped
	}
	if e.wellKnown {
		flags |= FlagWellKnown
	}
	out = append(out, flags)
	out = binary.LittleEndian.AppendUint32(out, crc32.ChecksumIEEE(body))
	out = append(out, body...)
	return out, nil
}

// encoder holds the string pool being written.
type encoder struct {
	p       *Program
	strings []string
	index   map[string]int
	// funcSizes records each function's encoded size (filled by body).
	funcSizes []int
	// sections records the size of each part, for the disassembler.
	sections sectionSizes
	// wellKnown: the pool starts with WellKnown, which the image omits.
	wellKnown bool
}

type sectionSizes struct {
	header, filename, strings, constants, globals int
	funcs                                         []funcPartSizes
}

type funcPartSizes struct {
	head, code, exc, lines int
}

func newEncoder(p *Program) (*encoder, error) {
	if p == nil || len(p.Functions) == 0 {
		return nil, fmt.Errorf("encode: program has no top-level function")
	}
	e := &encoder{p: p, index: make(map[string]int)}
	e.wellKnown = HasWellKnownPrefix(p.Strings)
	// Keep the program's pool as it is (operands index it), duplicates included.
	e.strings = append(e.strings, p.Strings...)
	for i, s := range p.Strings {
		if _, ok := e.index[s]; !ok {
			e.index[s] = i
		}
	}
	// Intern everything else before writing, so that the pool is complete.
	if !p.Stripped {
		e.intern(p.Filename)
	}
	for i, c := range p.Constants {
		switch c.Kind {
		case ConstStr:
			e.intern(c.Str)
		case ConstInt, ConstFloat, ConstBytes:
		case ConstTuple:
			for _, j := range c.Tuple {
				if j < 0 || j >= i {
					return nil, fmt.Errorf("encode: constant %d: tuple element %d is not an earlier constant", i, j)
				}
			}
		default:
			return nil, fmt.Errorf("encode: constant %d has invalid kind %d", i, c.Kind)
		}
	}
	for _, g := range p.Globals {
		e.intern(g)
	}
	for i, f := range p.Functions {
		if f == nil {
			return nil, fmt.Errorf("encode: function %d is nil", i)
		}
		e.intern(f.Name)
		nslots := f.NumParamSlots()
		if f.NumLocals < nslots {
			return nil, fmt.Errorf("encode: function %s: %d locals for %d parameters", f.Name, f.NumLocals, nslots)
		}
		if f.NumPosonly < 0 || f.NumPosonly > f.NumParams {
			return nil, fmt.Errorf("encode: function %s: %d positional-only of %d parameters", f.Name, f.NumPosonly, f.NumParams)
		}
		if f.Flags > 0xf {
			return nil, fmt.Errorf("encode: function %s: invalid flags %#x", f.Name, f.Flags)
		}
		if len(f.LocalNames) < nslots {
			return nil, fmt.Errorf("encode: function %s: %d local names for %d parameters", f.Name, len(f.LocalNames), nslots)
		}
		names := f.LocalNames[:nslots]
		if !p.Stripped {
			if len(f.LocalNames) != f.NumLocals {
				return nil, fmt.Errorf("encode: function %s: %d local names for %d locals", f.Name, len(f.LocalNames), f.NumLocals)
			}
			if len(f.CellNames) != f.NumCells+f.NumFree {
				return nil, fmt.Errorf("encode: function %s: %d cell names for %d cells", f.Name, len(f.CellNames), f.NumCells+f.NumFree)
			}
			names = f.LocalNames
			for _, n := range f.CellNames {
				e.intern(n)
			}
		}
		for _, n := range names {
			e.intern(n)
		}
		if len(f.Code) > math.MaxUint16 {
			return nil, fmt.Errorf("encode: function %s: code is %d bytes (at most 65535)", f.Name, len(f.Code))
		}
	}
	return e, nil
}

func (e *encoder) intern(s string) int {
	if i, ok := e.index[s]; ok {
		return i
	}
	i := len(e.strings)
	e.strings = append(e.strings, s)
	e.index[s] = i
	return i
}

func (e *encoder) body() []byte {
	p := e.p
	var b []byte
	e.sections.header = HeaderSize
	if !p.Stripped {
		b = appendUvarint(b, uint64(e.index[p.Filename]))
		e.sections.filename = len(b)
	}
	mark := len(b)
	own := e.strings
	if e.wellKnown {
		own = own[len(WellKnown):]
	}
	b = appendUvarint(b, uint64(len(own)))
	for _, s := range own {
		b = appendUvarint(b, uint64(len(s)))
		b = append(b, s...)
	}
	e.sections.strings = len(b) - mark
	mark = len(b)
	b = appendUvarint(b, uint64(len(p.Constants)))
	// Constants are written in runs of up to 32 of one kind: a byte kind<<5 | (n-1),
	// then n payloads.
	for i := 0; i < len(p.Constants); {
		kind := p.Constants[i].Kind
		j := i
		for j < len(p.Constants) && j-i < 32 && p.Constants[j].Kind == kind {
			j++
		}
		b = append(b, byte(kind)<<5|byte(j-i-1))
		for _, c := range p.Constants[i:j] {
			switch c.Kind {
			case ConstInt:
				b = appendUvarint(b, zigzag(c.Int))
			case ConstFloat:
				b = binary.LittleEndian.AppendUint64(b, math.Float64bits(c.Float))
			case ConstStr:
				b = appendUvarint(b, uint64(e.index[c.Str]))
			case ConstBytes:
				b = appendUvarint(b, uint64(len(c.Str)))
				b = append(b, c.Str...)
			case ConstTuple:
				b = appendUvarint(b, uint64(len(c.Tuple)))
				for _, k := range c.Tuple {
					b = appendUvarint(b, uint64(k))
				}
			}
		}
		i = j
	}
	e.sections.constants = len(b) - mark
	mark = len(b)
	b = appendUvarint(b, uint64(len(p.Globals)))
	for _, g := range p.Globals {
		b = appendUvarint(b, uint64(e.index[g]))
	}
	e.sections.globals = len(b) - mark
	b = appendUvarint(b, uint64(len(p.Functions)))
	for _, f := range p.Functions {
		start := len(b)
		b = e.appendFunc(b, f)
		e.funcSizes = append(e.funcSizes, len(b)-start)
	}
	return b
}

// Function shape bits (the byte after the line number).
const (
	shapeKwonly = 1 << 4 // nkwonly follows
	shapeCells  = 1 << 5 // ncells follows
	shapeFree   = 1 << 6 // nfree follows
	shapeExc    = 1 << 7 // an exception table follows the code
)

func (e *encoder) appendFunc(b []byte, f *Funcode) []byte {
	var ps funcPartSizes
	mark := len(b)
	nslots := f.NumParamSlots()
	shape := f.Flags & 0xf
	if f.NumKwonly > 0 {
		shape |= shapeKwonly
	}
	if f.NumCells > 0 {
		shape |= shapeCells
	}
	if f.NumFree > 0 {
		shape |= shapeFree
	}
	if len(f.ExcTable) > 0 {
		shape |= shapeExc
	}
	b = appendUvarint(b, uint64(e.index[f.Name]))
	if !e.p.Stripped {
		b = appendUvarint(b, uint64(max(f.Line, 0)))
	}
	b = append(b, shape)
	// Bit 0 says whether a positional-only count follows: most functions
	// have none, and the parameter count keeps its one byte.
	if f.NumPosonly > 0 {
		b = appendUvarint(b, uint64(f.NumParams)<<1|1)
		b = appendUvarint(b, uint64(f.NumPosonly))
	} else {
		b = appendUvarint(b, uint64(f.NumParams)<<1)
	}
	if f.NumKwonly > 0 {
		b = appendUvarint(b, uint64(f.NumKwonly))
	}
	b = appendUvarint(b, uint64(max(f.NumLocals-nslots, 0)))
	if f.NumCells > 0 {
		b = appendUvarint(b, uint64(f.NumCells))
	}
	if f.NumFree > 0 {
		b = appendUvarint(b, uint64(f.NumFree))
	}
	names := f.LocalNames[:nslots]
	if !e.p.Stripped {
		names = f.LocalNames
	}
	for _, n := range names {
		b = appendUvarint(b, uint64(e.index[n]))
	}
	if !e.p.Stripped {
		for _, n := range f.CellNames {
			b = appendUvarint(b, uint64(e.index[n]))
		}
		b = appendUvarint(b, uint64(max(f.Col, 0)))
	}
	ps.head = len(b) - mark
	mark = len(b)
	b = appendUvarint(b, uint64(len(f.Code)))
	b = append(b, f.Code...)
	ps.code = len(b) - mark
	mark = len(b)
	if len(f.ExcTable) > 0 {
		b = appendUvarint(b, uint64(len(f.ExcTable)))
		for _, x := range f.ExcTable {
			b = appendUvarint(b, uint64(x.Start))
			b = appendUvarint(b, uint64(x.End))
			b = appendUvarint(b, uint64(x.Handler))
			b = appendUvarint(b, uint64(x.Depth))
		}
	}
	ps.exc = len(b) - mark
	if !e.p.Stripped {
		mark = len(b)
		b = appendUvarint(b, uint64(len(f.LineTable)))
		b = append(b, f.LineTable...)
		ps.lines = len(b) - mark
	}
	e.sections.funcs = append(e.sections.funcs, ps)
	return b
}

// FuncSizes returns the encoded size in bytes of each function of p, in order
// (Functions[0], the module top level, first). The sizes add up to the image size
// minus the header and the pools.
func (p *Program) FuncSizes() []FuncSize {
	e, err := newEncoder(p)
	if err != nil {
		return nil
	}
	e.body()
	out := make([]FuncSize, len(p.Functions))
	for i, f := range p.Functions {
		out[i] = FuncSize{Name: f.Name, Line: f.Line, Bytes: e.funcSizes[i]}
	}
	return out
}
