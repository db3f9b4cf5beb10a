package flasher

import (
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"time"

	"github.com/nanolambda/nl/flasher/slip"
)

// Command codes of the ROM serial protocol.
const (
	OpFlashBegin      = 0x02
	OpFlashData       = 0x03
	OpFlashEnd        = 0x04
	OpMemBegin        = 0x05
	OpMemEnd          = 0x06
	OpMemData         = 0x07
	OpSync            = 0x08
	OpWriteReg        = 0x09
	OpReadReg         = 0x0A
	OpSPISetParams    = 0x0B
	OpSPIAttach       = 0x0D
	OpChangeBaudrate  = 0x0F
	OpFlashDeflBegin  = 0x10
	OpFlashDeflData   = 0x11
	OpFlashDeflEnd    = 0x12
	OpSPIFlashMD5     = 0x13
	OpGetSecurityInfo = 0x14
)

// Sizes and timeouts of the ROM protocol.
const (
	FlashWriteSize = 0x400  // ROM FLASH_DATA block
	RAMBlockSize   = 0x1800 // MEM_DATA block
	SectorSize     = 0x1000 // erase unit
	ChecksumSeed   = 0xEF

	DefaultTimeout      = 3 * time.Second
	SyncTimeout         = 100 * time.Millisecond
	EraseTimeoutPerMB   = 40 * time.Second
	MemEndTimeout       = 200 * time.Millisecond
	flashDataTimeoutMin = 3 * time.Second
)

// Status error codes a ROM returns after status 1.
var romErrors = map[byte]string{
	0x05: "received message is invalid",
	0x06: "failed to act on received message",
	0x07: "invalid CRC in message",
	0x08: "flash write error",
	0x09: "flash read error",
	0x0A: "flash read length error",
	0x0B: "deflate error",
	0xFF: "command not implemented",
}

var opNames = map[byte]string{
	OpFlashBegin: "FLASH_BEGIN", OpFlashData: "FLASH_DATA", OpFlashEnd: "FLASH_END",
	OpMemBegin: "MEM_BEGIN", OpMemEnd: "MEM_END", OpMemData: "MEM_DATA", OpSync: "SYNC",
	OpWriteReg: "WRITE_REG", OpReadReg: "READ_REG", OpSPISetParams: "SPI_SET_PARAMS",
	OpSPIAttach: "SPI_ATTACH", OpChangeBaudrate: "CHANGE_BAUDRATE",
	OpFlashDeflBegin: "FLASH_DEFL_BEGIN", OpFlashDeflData: "FLASH_DEFL_DATA",
	OpFlashDeflEnd: "FLASH_DEFL_END", OpSPIFlashMD5: "SPI_FLASH_MD5",
	OpGetSecurityInfo: "GET_SECURITY_INFO",
}

// OpName returns the protocol name of a command code.
func OpName(op byte) string {
	if n, ok := opNames[op]; ok {
		return n
	}
	return fmt.Sprintf("command 0x%02X", op)
}

// Checksum is the ROM's data checksum: 0xEF XORed with every byte.
func Checksum(data []byte) uint32 {
	c := byte(ChecksumSeed)
	for _, b := range data {
		c ^= b
	}
	return uint32(c)
}

// SyncData is the payload of SYNC: 07 07 12 20 followed by 32 × 0x55, which
// also lets the ROM measure the baud rate.
func SyncData() []byte {
	d := []byte{0x07, 0x07, 0x12, 0x20}
	for i := 0; i < 32; i++ {
		d = append(d, 0x55)
	}
	return d
}

// EncodeRequest builds the unframed request packet.
func EncodeRequest(op byte, data []byte, chk uint32) []byte {
	p := make([]byte, 8, 8+len(data))
	p[0] = 0x00
	p[1] = op
	binary.LittleEndian.PutUint16(p[2:], uint16(len(data)))
	binary.LittleEndian.PutUint32(p[4:], chk)
	return append(p, data...)
}

// Response is a decoded chip→host packet.
type Response struct {
	Op    byte
	Value uint32
	Body  []byte // data including the status bytes
}

// ParseResponse checks a frame's direction and length.
func ParseResponse(frame []byte) (Response, error) {
	if len(frame) < 8 {
		return Response{}, fmt.Errorf("short response (%d bytes)", len(frame))
	}
	if frame[0] != 0x01 {
		return Response{}, fmt.Errorf("response direction byte 0x%02X, want 0x01", frame[0])
	}
	n := int(binary.LittleEndian.Uint16(frame[2:]))
	if 8+n > len(frame) {
		return Response{}, fmt.Errorf("response claims %d data bytes, has %d", n, len(frame)-8)
	}
	return Response{Op: frame[1], Value: binary.LittleEndian.Uint32(frame[4:]), Body: frame[8 : 8+n]}, nil
}

// Words packs u32 words little-endian, as most request payloads are.
func Words(ws ...uint32) []byte {
	b := make([]byte, 4*len(ws))
	for i, w := range ws {
		binary.LittleEndian.PutUint32(b[4*i:], w)
	}
	return b
}

// CommandError is a command the chip answered with a failure status.
type CommandError struct {
	Op     byte
	Status byte
	Code   byte
}

// Error implements error.
func (e *CommandError) Error() string {
	msg, ok := romErrors[e.Code]
	if !ok {
		msg = fmt.Sprintf("error 0x%02X", e.Code)
	}
	return fmt.Sprintf("%s failed: %s (status %d, error 0x%02X)", OpName(e.Op), msg, e.Status, e.Code)
}

// TimeoutError is a command the chip did not answer in time.
type TimeoutError struct {
	Op      byte
	Timeout time.Duration
}

// Error implements error.
func (e *TimeoutError) Error() string {
	return fmt.Sprintf("no answer to %s within %v", OpName(e.Op), e.Timeout)
}

// Port is what the flasher needs of a serial port. go.bug.st/serial's Port
// has all of it. On timeout Read returns (0, nil), as that library does.
type Port interface {
	io.ReadWriter
	SetReadTimeout(t time.Duration) error
	SetDTR(bool) error
	SetRTS(bool) error
	ResetInputBuffer() error
}

// Conn speaks the ROM protocol over a Port.
type Conn struct {
	port Port
	dec  slip.Decoder
	buf  [512]byte
	pend []byte // bytes read but not yet fed to the decoder

	// StatusLen is the number of status bytes at the end of each response
	// body: 2 for the ESP8266 ROM and stubs, 4 for the ESP32 ROM; 0 while the
	// chip is unknown, when the status is the first byte of a body of 4 or fewer.
	StatusLen int
	// BytesOut and BytesIn count bytes on the wire.
	BytesOut, BytesIn int64
}

// NewConn wraps a port.
func NewConn(p Port) *Conn { return &Conn{port: p} }

// Send writes one framed request.
func (c *Conn) Send(op byte, data []byte, chk uint32) error {
	frame := slip.Encode(nil, EncodeRequest(op, data, chk))
	n, err := c.port.Write(frame)
	c.BytesOut += int64(n)
	if err != nil {
		return fmt.Errorf("write %s: %w", OpName(op), err)
	}
	return nil
}

// ReadFrame returns the next SLIP frame or a timeout error (nil frame, nil
// error) when the deadline passes.
func (c *Conn) ReadFrame(deadline time.Time) ([]byte, error) {
	for {
		for len(c.pend) > 0 {
			b := c.pend[0]
			c.pend = c.pend[1:]
			if f, _ := c.dec.Feed(b); f != nil {
				return f, nil
			}
		}
		left := time.Until(deadline)
		if left <= 0 {
			return nil, nil
		}
		if left < time.Millisecond {
			left = time.Millisecond
		}
		if err := c.port.SetReadTimeout(left); err != nil {
			return nil, err
		}
		n, err := c.port.Read(c.buf[:])
		c.BytesIn += int64(n)
		c.pend = c.buf[:n]
		if err != nil {
			return nil, err
		}
	}
}

// Flush drops buffered input, in the port and in the decoder.
func (c *Conn) Flush() {
	c.pend = nil
	c.dec.Reset()
	_ = c.port.ResetInputBuffer()
}

// Command sends a request and waits for the matching response, skipping up
// to 100 unrelated frames as esptool does. It returns the value field and the
// response data without status bytes.
func (c *Conn) Command(op byte, data []byte, chk uint32, timeout time.Duration) (uint32, []byte, error) {
	if err := c.Send(op, data, chk); err != nil {
		return 0, nil, err
	}
	return c.Await(op, timeout)
}

// Await reads responses until one for op arrives.
func (c *Conn) Await(op byte, timeout time.Duration) (uint32, []byte, error) {
	deadline := time.Now().Add(timeout)
	for i := 0; i < 100; i++ {
		f, err := c.ReadFrame(deadline)
		if err != nil {
			return 0, nil, err
		}
		if f == nil {
			return 0, nil, &TimeoutError{Op: op, Timeout: timeout}
		}
		r, err := ParseResponse(f)
		if err != nil || r.Op != op {
			continue
		}
		sl := c.StatusLen
		if sl == 0 {
			sl = len(r.Body)
			if sl > 4 {
				sl = 2
			}
		}
		if len(r.Body) < sl || sl < 2 {
			return 0, nil, fmt.Errorf("%s: response has no status bytes", OpName(op))
		}
		st := r.Body[len(r.Body)-sl:]
		if st[0] != 0 {
			return r.Value, nil, &CommandError{Op: op, Status: st[0], Code: st[1]}
		}
		return r.Value, append([]byte(nil), r.Body[:len(r.Body)-sl]...), nil
	}
	return 0, nil, fmt.Errorf("%s: no matching response among 100 frames", OpName(op))
}

// ErrNoSync means the chip never answered SYNC.
var ErrNoSync = errors.New("no answer from the bootloader")

// Sync sends SYNC up to tries times, 50 ms apart, and drains the extra
// replies the ROM sends after a good one. It returns the first reply's value
// (non-zero from a ROM, zero from a running stub).
func (c *Conn) Sync(tries int) (uint32, error) {
	for i := 0; i < tries; i++ {
		val, _, err := c.Command(OpSync, SyncData(), 0, SyncTimeout)
		if err == nil {
			// The ROM answers one SYNC with 8 replies; drop the other 7.
			for j := 0; j < 7; j++ {
				if f, err := c.ReadFrame(time.Now().Add(SyncTimeout)); err != nil || f == nil {
					break
				}
			}
			return val, nil
		}
		var te *TimeoutError
		if !errors.As(err, &te) {
			var ce *CommandError
			if !errors.As(err, &ce) {
				return 0, err
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return 0, ErrNoSync
}

// ReadReg reads a 32-bit register.
func (c *Conn) ReadReg(addr uint32) (uint32, error) {
	v, _, err := c.Command(OpReadReg, Words(addr), 0, DefaultTimeout)
	return v, err
}

// WriteReg writes a 32-bit register under a mask.
func (c *Conn) WriteReg(addr, value, mask, delayUS uint32) error {
	_, _, err := c.Command(OpWriteReg, Words(addr, value, mask, delayUS), 0, DefaultTimeout)
	return err
}

// dataPacket is the payload of FLASH_DATA and MEM_DATA: length, sequence
// number, two zero words, then the data; the checksum covers the data only.
func dataPacket(seq uint32, data []byte) ([]byte, uint32) {
	p := append(Words(uint32(len(data)), seq, 0, 0), data...)
	return p, Checksum(data)
}
