package devlink

import (
	"encoding/binary"
	"fmt"
)

// Frame layout (docs/device-protocol.md §2), little-endian:
//
//	frame = 0xA5 0x5A type:u8 seq:u8 len:u16 payload[len] crc:u16
//	crc   = CRC-16/CCITT-FALSE over type, seq, len and payload
const (
	SOF1        = 0xA5
	SOF2        = 0x5A
	HeaderLen   = 6
	Overhead    = HeaderLen + 2
	MaxPayload  = 4096 // no frame is longer, whatever a device announces
	ProtocolVer = 1
)

// Message types. A response has the request's type with the high bit set.
const (
	TypeHello       = 0x01
	TypeUploadBegin = 0x02
	TypeUploadChunk = 0x03
	TypeUploadEnd   = 0x04
	TypeList        = 0x05
	TypeDelete      = 0x06
	TypeInvoke      = 0x07
	TypeReset       = 0x08

	TypeResponse = 0x80 // OR-ed into the request type
	TypeNak      = 0x7D
	TypeAck      = 0x7E
	TypeError    = 0x7F
)

// TypeName names a frame type for errors and traces.
func TypeName(t byte) string {
	names := map[byte]string{TypeHello: "HELLO", TypeUploadBegin: "UPLOAD_BEGIN", TypeUploadChunk: "UPLOAD_CHUNK",
		TypeUploadEnd: "UPLOAD_END", TypeList: "LIST", TypeDelete: "DELETE", TypeInvoke: "INVOKE", TypeReset: "RESET",
		TypeNak: "NAK", TypeAck: "ACK", TypeError: "ERROR"}
	if n, ok := names[t]; ok {
		return n
	}
	if n, ok := names[t&^TypeResponse]; ok && t&TypeResponse != 0 {
		return n + "_OK"
	}
	return fmt.Sprintf("type 0x%02X", t)
}

// Frame is one decoded frame.
type Frame struct {
	Type    byte
	Seq     byte
	Payload []byte
}

// CRC16 is CRC-16/CCITT-FALSE: polynomial 0x1021, initial value 0xFFFF, no
// reflection, no final XOR. CRC16([]byte("123456789")) == 0x29B1.
func CRC16(data []byte) uint16 {
	crc := uint16(0xFFFF)
	for _, b := range data {
		crc ^= uint16(b) << 8
		for i := 0; i < 8; i++ {
			if crc&0x8000 != 0 {
				crc = crc<<1 ^ 0x1021
			} else {
				crc <<= 1
			}
		}
	}
	return crc
}

// EncodeFrame appends a frame to dst.
func EncodeFrame(dst []byte, typ, seq byte, payload []byte) []byte {
	start := len(dst)
	dst = append(dst, SOF1, SOF2, typ, seq, 0, 0)
	binary.LittleEndian.PutUint16(dst[start+4:], uint16(len(payload)))
	dst = append(dst, payload...)
	crc := CRC16(dst[start+2:])
	return binary.LittleEndian.AppendUint16(dst, crc)
}

// Decoder finds frames in a byte stream by their start bytes and length,
// checking each CRC. After a bad frame it resumes the search one byte past
// the bad frame's start, so a corrupted length field costs only that frame.
type Decoder struct {
	// Max bounds the payload length; 0 means MaxPayload.
	Max int

	buf []byte
	// Noise counts bytes skipped outside frames; BadCRC counts frames dropped.
	Noise, BadCRC int
}

// Write adds received bytes.
func (d *Decoder) Write(p []byte) { d.buf = append(d.buf, p...) }

// Pending reports whether part of a frame is buffered.
func (d *Decoder) Pending() bool { return len(d.buf) > 0 }

// Result of Decoder.Next.
const (
	NeedMore = iota
	Got
	Bad
)

// Next returns the next frame (Got), reports a frame that failed its CRC or
// length check (Bad; call again), or asks for more bytes (NeedMore).
func (d *Decoder) Next() (Frame, int) {
	max := d.Max
	if max == 0 || max > MaxPayload {
		max = MaxPayload
	}
	for {
		i := 0
		for i < len(d.buf) && !(d.buf[i] == SOF1 && (i+1 == len(d.buf) || d.buf[i+1] == SOF2)) {
			i++
		}
		d.Noise += i
		d.drop(i)
		if len(d.buf) < HeaderLen {
			return Frame{}, NeedMore
		}
		n := int(binary.LittleEndian.Uint16(d.buf[4:]))
		if n > max {
			d.drop(1)
			d.BadCRC++
			return Frame{}, Bad
		}
		if len(d.buf) < HeaderLen+n+2 {
			return Frame{}, NeedMore
		}
		want := binary.LittleEndian.Uint16(d.buf[HeaderLen+n:])
		if CRC16(d.buf[2:HeaderLen+n]) != want {
			d.drop(1)
			d.BadCRC++
			return Frame{}, Bad
		}
		f := Frame{Type: d.buf[2], Seq: d.buf[3], Payload: append([]byte(nil), d.buf[HeaderLen:HeaderLen+n]...)}
		d.drop(HeaderLen + n + 2)
		return f, Got
	}
}

// Expire gives up on a partial frame that stopped arriving: it skips the
// start bytes so that the search resumes inside it.
func (d *Decoder) Expire() {
	if len(d.buf) > 0 {
		d.drop(1)
		d.Noise++
	}
}

func (d *Decoder) drop(n int) {
	d.buf = d.buf[:copy(d.buf, d.buf[n:])]
}
