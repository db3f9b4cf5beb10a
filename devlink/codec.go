package devlink

import (
	"encoding/binary"
	"errors"
)

// enc builds a payload: little-endian integers, str8 (u8 length + bytes) and
// str16 (u16 length + bytes) strings.
type enc struct{ b []byte }

func (e *enc) u8(v byte)     { e.b = append(e.b, v) }
func (e *enc) u16(v uint16)  { e.b = binary.LittleEndian.AppendUint16(e.b, v) }
func (e *enc) u32(v uint32)  { e.b = binary.LittleEndian.AppendUint32(e.b, v) }
func (e *enc) raw(p []byte)  { e.b = append(e.b, p...) }
func (e *enc) str8(s string) { e.u8(byte(len(s))); e.b = append(e.b, s[:min(len(s), 255)]...) }
func (e *enc) str16(s string) {
	s = s[:min(len(s), 0xFFFF)]
	e.u16(uint16(len(s)))
	e.b = append(e.b, s...)
}

// errShort is a payload that ends early or has bytes left over.
var errShort = errors.New("malformed payload")

// dec reads a payload; the first failure sticks, so callers check err once.
type dec struct {
	b   []byte
	err error
}

func (d *dec) take(n int) []byte {
	if d.err != nil || n > len(d.b) {
		d.err = errShort
		return nil
	}
	p := d.b[:n]
	d.b = d.b[n:]
	return p
}
func (d *dec) u8() byte {
	if p := d.take(1); p != nil {
		return p[0]
	}
	return 0
}
func (d *dec) u16() uint16 {
	if p := d.take(2); p != nil {
		return binary.LittleEndian.Uint16(p)
	}
	return 0
}
func (d *dec) u32() uint32 {
	if p := d.take(4); p != nil {
		return binary.LittleEndian.Uint32(p)
	}
	return 0
}
func (d *dec) str8() string  { return string(d.take(int(d.u8()))) }
func (d *dec) str16() string { return string(d.take(int(d.u16()))) }
func (d *dec) rest() []byte  { p := d.b; d.b = nil; return p }

// done reports the sticky error, or leftover bytes as an error.
func (d *dec) done() error {
	if d.err == nil && len(d.b) != 0 {
		d.err = errShort
	}
	return d.err
}
