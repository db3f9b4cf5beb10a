// Package slip implements the SLIP framing (RFC 1055) used by the Espressif
// ROM serial bootloader: every packet starts and ends with End (0xC0), and
// the two special bytes inside a packet are escaped as two-byte sequences.
package slip

import "errors"

// Special bytes of the framing.
const (
	End    = 0xC0 // frame delimiter
	Esc    = 0xDB // escape introducer
	EscEnd = 0xDC // Esc EscEnd stands for a data 0xC0
	EscEsc = 0xDD // Esc EscEsc stands for a data 0xDB
)

// ErrBadEscape reports an Esc followed by a byte other than EscEnd or EscEsc.
var ErrBadEscape = errors.New("slip: invalid escape sequence")

// ErrTooLong reports a frame longer than the decoder's limit.
var ErrTooLong = errors.New("slip: frame too long")

// Encode appends the framed form of payload to dst and returns it. Escaping is
// byte by byte, so the order of the two substitutions does not matter.
func Encode(dst, payload []byte) []byte {
	dst = append(dst, End)
	for _, b := range payload {
		switch b {
		case End:
			dst = append(dst, Esc, EscEnd)
		case Esc:
			dst = append(dst, Esc, EscEsc)
		default:
			dst = append(dst, b)
		}
	}
	return append(dst, End)
}

// Decoder turns a byte stream into frames. It is a state machine fed one byte
// at a time, so the caller owns all timing (read timeouts live in the layer
// that talks to the port). Bytes outside a frame are ignored; empty frames
// (End End) are skipped.
type Decoder struct {
	// MaxLen bounds a frame's decoded size; 0 means 64 KiB.
	MaxLen int

	buf     []byte
	inFrame bool
	esc     bool
	bad     error
}

// Feed adds one byte. It returns a complete frame (valid until the next call)
// when b closes one, or an error for a malformed frame, which is dropped.
func (d *Decoder) Feed(b byte) (frame []byte, err error) {
	if !d.inFrame {
		if b == End {
			d.inFrame = true
			d.buf = d.buf[:0]
			d.esc, d.bad = false, nil
		}
		return nil, nil
	}
	if b == End {
		if len(d.buf) == 0 && d.bad == nil {
			// C0 C0: an empty frame, or the end of one frame and the start of the
			// next; stay in the frame either way.
			return nil, nil
		}
		d.inFrame = false
		if d.bad != nil || d.esc {
			err := d.bad
			if err == nil {
				err = ErrBadEscape
			}
			d.bad = nil
			// The End that closed a bad frame may open the next one.
			d.inFrame = true
			d.buf = d.buf[:0]
			d.esc = false
			return nil, err
		}
		return d.buf, nil
	}
	if d.bad != nil {
		return nil, nil
	}
	max := d.MaxLen
	if max == 0 {
		max = 64 << 10
	}
	if d.esc {
		d.esc = false
		switch b {
		case EscEnd:
			b = End
		case EscEsc:
			b = Esc
		default:
			d.bad = ErrBadEscape
			return nil, nil
		}
	} else if b == Esc {
		d.esc = true
		return nil, nil
	}
	if len(d.buf) >= max {
		d.bad = ErrTooLong
		return nil, nil
	}
	d.buf = append(d.buf, b)
	return nil, nil
}

// Reset forgets any partial frame.
func (d *Decoder) Reset() {
	d.buf = d.buf[:0]
	d.inFrame, d.esc, d.bad = false, false, nil
}

// Decode splits a complete byte stream into frames, skipping malformed ones.
// It is a convenience for tests and tools; live links use Decoder.
func Decode(stream []byte) [][]byte {
	var d Decoder
	var out [][]byte
	for _, b := range stream {
		if f, _ := d.Feed(b); f != nil {
			out = append(out, append([]byte(nil), f...))
		}
	}
	return out
}
