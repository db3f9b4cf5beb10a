package bytecode

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"math"
	"unicode/utf8"
)

// Errors returned by Decode for a damaged or foreign image. They are wrapped with
// context; test with errors.Is.
var (
	ErrNotImage   = errors.New("not an nl image (bad magic)")
	ErrTruncated  = errors.New("image truncated")
	ErrChecksum   = errors.New("image checksum mismatch (corrupt transfer?)")
	ErrVersion    = errors.New("unsupported image version")
	ErrMalformed  = errors.New("malformed image")
	ErrVerify     = errors.New("invalid bytecode")
	maxPoolLength = 1 << 24 // sanity bound for counts, far above any real image
)

// Decode parses and verifies an image. It checks, in this order, the magic, the
// version, the flags and the CRC, then parses every section and runs Verify. It
// never panics: a bad image gives an error wrapping one of the Err* values.
func Decode(data []byte) (*Program, error) {
	if len(data) < 4 || string(data[:4]) != Magic {
		if len(data) < 4 && len(data) > 0 && string(data) == Magic[:len(data)] {
			return nil, fmt.Errorf("%w: %d bytes, header needs %d", ErrTruncated, len(data), HeaderSize)
		}
		return nil, ErrNotImage
	}
	if len(data) < HeaderSize {
		return nil, fmt.Errorf("%w: %d bytes, header needs %d", ErrTruncated, len(data), HeaderSize)
	}
	if v := data[4]; v != Version {
		return nil, fmt.Errorf("%w %d (this nl reads version %d)", ErrVersion, v, Version)
	}
	flags := data[5]
	if flags&^(FlagStripped|FlagWellKnown) != 0 {
		return nil, fmt.Errorf("%w: unknown header flags %#x", ErrMalformed, flags)
	}
	body := data[HeaderSize:]
	if want, got := binary.LittleEndian.Uint32(data[6:10]), crc32.ChecksumIEEE(body); want != got {
		return nil, fmt.Errorf("%w: header says %08x, body has %08x", ErrChecksum, want, got)
	}
	d := &decoder{buf: body, off: HeaderSize}
	p, err := d.program(flags&FlagStripped != 0, flags&FlagWellKnown != 0)
	if err != nil {
		return nil, err
	}
	// MaxStack is not stored: the verifier computes it.
	for i, f := range p.Functions {
		if f.MaxStack, err = p.MaxStackDepth(i); err != nil {
			return nil, fmt.Errorf("%w: function %d (%s): %v", ErrVerify, i, f.Name, err)
		}
	}
	if err := p.Verify(); err != nil {
		return nil, err
	}
	return p, nil
}

type decoder struct {
	buf     []byte
	off     int // offset of buf[0] in the image, for messages
	strings []string
}

func (d *decoder) fail(format string, args ...any) error {
	return fmt.Errorf("%w: at byte %d: %s", ErrMalformed, d.off, fmt.Sprintf(format, args...))
}

func (d *decoder) uvarint(what string) (uint64, error) {
	x, n := uvarint(d.buf)
	if n == 0 {
		return 0, fmt.Errorf("%w: at byte %d reading %s", ErrTruncated, d.off, what)
	}
	if n < 0 {
		return 0, d.fail("%s: varint overflows 64 bits", what)
	}
	d.buf = d.buf[n:]
	d.off += n
	return x, nil
}

// length reads the length of a following run of bytes, which must fit in the rest.
func (d *decoder) length(what string) (int, error) {
	x, err := d.uvarint(what)
	if err != nil {
		return 0, err
	}
	if x > uint64(len(d.buf)) {
		return 0, fmt.Errorf("%w: at byte %d: %s %d but only %d bytes left", ErrTruncated, d.off, what, x, len(d.buf))
	}
	return int(x), nil
}

// count reads a uvarint that must be at most limit.
func (d *decoder) count(what string, limit int) (int, error) {
	x, err := d.uvarint(what)
	if err != nil {
		return 0, err
	}
	if x > uint64(limit) {
		return 0, d.fail("%s %d out of range (max %d)", what, x, limit)
	}
	return int(x), nil
}

func (d *decoder) bytes(n int, what string) ([]byte, error) {
	if n > len(d.buf) {
		return nil, fmt.Errorf("%w: at byte %d reading %s (%d bytes, %d left)", ErrTruncated, d.off, what, n, len(d.buf))
	}
	b := d.buf[:n:n]
	d.buf = d.buf[n:]
	d.off += n
	return b, nil
}

func (d *decoder) str(what string) (string, error) {
	i, err := d.uvarint(what)
	if err != nil {
		return "", err
	}
	if i >= uint64(len(d.strings)) {
		return "", d.fail("%s: string index %d out of range (pool has %d)", what, i, len(d.strings))
	}
	return d.strings[i], nil
}

func (d *decoder) program(stripped, wellKnown bool) (*Program, error) {
	p := &Program{Stripped: stripped}
	var fileIdx uint64
	var err error
	if !stripped {
		if fileIdx, err = d.uvarint("filename"); err != nil {
			return nil, err
		}
	}
	n, err := d.count("string count", min(maxPoolLength, len(d.buf)))
	if err != nil {
		return nil, err
	}
	base := 0
	if wellKnown {
		base = len(WellKnown)
	}
	p.Strings = make([]string, base+n)
	copy(p.Strings, WellKnown[:base])
	for i := base; i < len(p.Strings); i++ {
		l, err := d.length("string length")
		if err != nil {
			return nil, err
		}
		b, err := d.bytes(l, "string")
		if err != nil {
			return nil, err
		}
		if !utf8.Valid(b) {
			return nil, d.fail("string %d is not valid UTF-8", i)
		}
		p.Strings[i] = string(b)
	}
	d.strings = p.Strings
	if !stripped {
		if fileIdx >= uint64(len(p.Strings)) {
			return nil, d.fail("filename index %d out of range", fileIdx)
		}
		p.Filename = p.Strings[fileIdx]
	}

	n, err = d.count("constant count", min(maxPoolLength, len(d.buf)))
	if err != nil {
		return nil, err
	}
	p.Constants = make([]Constant, n)
	for i := 0; i < len(p.Constants); {
		kb, err := d.bytes(1, "constant run")
		if err != nil {
			return nil, err
		}
		kind := ConstKind(kb[0] >> 5)
		if kind > ConstTuple {
			return nil, d.fail("constant %d has unknown kind %d", i, kind)
		}
		run := int(kb[0]&31) + 1
		if run > len(p.Constants)-i {
			return nil, d.fail("constant run of %d exceeds the %d constants left", run, len(p.Constants)-i)
		}
		for end := i + run; i < end; i++ {
			c := Constant{Kind: kind}
			switch kind {
			case ConstInt:
				u, err := d.uvarint("int constant")
				if err != nil {
					return nil, err
				}
				c.Int = unzigzag(u)
			case ConstFloat:
				b, err := d.bytes(8, "float constant")
				if err != nil {
					return nil, err
				}
				c.Float = math.Float64frombits(binary.LittleEndian.Uint64(b))
			case ConstStr:
				if c.Str, err = d.str("str constant"); err != nil {
					return nil, err
				}
			case ConstBytes:
				l, err := d.length("bytes length")
				if err != nil {
					return nil, err
				}
				b, err := d.bytes(l, "bytes constant")
				if err != nil {
					return nil, err
				}
				c.Str = string(b)
			case ConstTuple:
				l, err := d.length("tuple length")
				if err != nil {
					return nil, err
				}
				c.Tuple = make([]int, l)
				for j := range c.Tuple {
					k, err := d.count("tuple element", maxPoolLength)
					if err != nil {
						return nil, err
					}
					if k >= i {
						return nil, d.fail("constant %d: tuple element %d is not an earlier constant", i, k)
					}
					c.Tuple[j] = k
				}
			}
			p.Constants[i] = c
		}
	}

	n, err = d.count("global count", min(maxPoolLength, len(d.buf)))
	if err != nil {
		return nil, err
	}
	p.Globals = make([]string, n)
	for i := range p.Globals {
		if p.Globals[i], err = d.str("global name"); err != nil {
			return nil, err
		}
	}

	n, err = d.count("function count", min(maxPoolLength, len(d.buf)))
	if err != nil {
		return nil, err
	}
	if n == 0 {
		return nil, d.fail("image has no functions (the module top level is required)")
	}
	p.Functions = make([]*Funcode, n)
	for i := range p.Functions {
		if p.Functions[i], err = d.funcode(stripped); err != nil {
			return nil, fmt.Errorf("function %d: %w", i, err)
		}
	}
	if len(d.buf) != 0 {
		return nil, d.fail("%d trailing bytes after the last function", len(d.buf))
	}
	return p, nil
}

func (d *decoder) funcode(stripped bool) (*Funcode, error) {
	f := &Funcode{}
	var err error
	if f.Name, err = d.str("function name"); err != nil {
		return nil, err
	}
	const small = 1 << 20
	if !stripped {
		if f.Line, err = d.count("line", small); err != nil {
			return nil, err
		}
	}
	sb, err := d.bytes(1, "function shape")
	if err != nil {
		return nil, err
	}
	shape := sb[0]
	f.Flags = shape & 0xf
	params, err := d.count("parameter count", 2*small)
	if err != nil {
		return nil, err
	}
	f.NumParams = params >> 1
	if params&1 != 0 {
		if f.NumPosonly, err = d.count("positional-only count", small); err != nil {
			return nil, err
		}
		if f.NumPosonly == 0 || f.NumPosonly > f.NumParams {
			return nil, d.fail("%d positional-only of %d parameters", f.NumPosonly, f.NumParams)
		}
	}
	if shape&shapeKwonly != 0 {
		if f.NumKwonly, err = d.count("keyword-only count", small); err != nil {
			return nil, err
		}
	}
	extra, err := d.count("local count", small)
	if err != nil {
		return nil, err
	}
	nslots := f.NumParamSlots()
	f.NumLocals = nslots + extra
	if shape&shapeCells != 0 {
		if f.NumCells, err = d.count("cell count", small); err != nil {
			return nil, err
		}
	}
	if shape&shapeFree != 0 {
		if f.NumFree, err = d.count("free count", small); err != nil {
			return nil, err
		}
	}
	nnames := nslots
	if !stripped {
		nnames = f.NumLocals
	}
	if nnames > len(d.buf) {
		return nil, fmt.Errorf("%w: at byte %d reading %d local names", ErrTruncated, d.off, nnames)
	}
	f.LocalNames = make([]string, nnames)
	for i := range f.LocalNames {
		if f.LocalNames[i], err = d.str("local name"); err != nil {
			return nil, err
		}
	}
	if !stripped {
		nc := f.NumCells + f.NumFree
		if nc > len(d.buf) {
			return nil, fmt.Errorf("%w: at byte %d reading %d cell names", ErrTruncated, d.off, nc)
		}
		f.CellNames = make([]string, nc)
		for i := range f.CellNames {
			if f.CellNames[i], err = d.str("cell name"); err != nil {
				return nil, err
			}
		}
		if f.Col, err = d.count("column", small); err != nil {
			return nil, err
		}
	}
	l, err := d.count("code length", math.MaxUint16)
	if err != nil {
		return nil, err
	}
	if l > len(d.buf) {
		return nil, fmt.Errorf("%w: at byte %d: code length %d but only %d bytes left", ErrTruncated, d.off, l, len(d.buf))
	}
	if f.Code, err = d.bytes(l, "code"); err != nil {
		return nil, err
	}
	if shape&shapeExc != 0 {
		ne, err := d.count("exception table length", len(d.buf))
		if err != nil {
			return nil, err
		}
		if ne == 0 {
			return nil, d.fail("empty exception table")
		}
		f.ExcTable = make([]ExcEntry, ne)
		for i := range f.ExcTable {
			x := &f.ExcTable[i]
			for _, fp := range []*int{&x.Start, &x.End, &x.Handler, &x.Depth} {
				if *fp, err = d.count("exception table entry", small); err != nil {
					return nil, err
				}
			}
		}
	}
	if !stripped {
		l, err := d.length("line table length")
		if err != nil {
			return nil, err
		}
		if f.LineTable, err = d.bytes(l, "line table"); err != nil {
			return nil, err
		}
		if l == 0 {
			f.LineTable = nil
		}
	}
	return f, nil
}
