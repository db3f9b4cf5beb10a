// Package romsim simulates the Espressif ROM serial bootloader of an ESP8266
// or ESP32 on any byte stream, usually the master side of a pseudo-terminal,
// so that nl's flasher, and third-party flashers, can be tested without a
// board. It answers as the ROM does on the wire (SLIP framing, checksums
// checked, 2 or 4 status bytes, SYNC answered 8 times, unknown commands
// refused with error 0x05) and keeps a flash array that behaves like NOR flash:
// erasing sets bytes to 0xFF and programming can only clear bits, so a flasher
// that erases too little (the ESP8266 erase-size quirk) corrupts data here
// as it would on a chip.
//
// What it cannot do: run code. MEM_BEGIN/DATA/END are accepted and the data
// kept, but MEM_END does not start a stub, and FLASH_END leaves the simulator
// in the loader, because a pseudo-terminal has no reset line to bring it back.
package romsim

import (
	"crypto/md5"
	"encoding/binary"
	"encoding/hex"
	"fmt"
	"io"
	"sync"

	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/slip"
)

// Options configures a simulated chip.
type Options struct {
	// Chip is "esp8266" or "esp32".
	Chip string
	// Flash is the flash contents; its length is the flash size (a power of
	// two from 256 KB to 16 MB). The simulator modifies it in place.
	Flash []byte
	// Store, when set, receives every changed range of flash (a file).
	Store io.WriterAt
	// MAC is the station MAC reported through the eFuse registers.
	MAC [6]byte
}

// Stats counts what the simulator saw.
type Stats struct {
	Frames, BadChecksums, BadFrames int
	Commands                        map[byte]int
}

// Sim is one simulated chip.
type Sim struct {
	mu       sync.Mutex
	opts     Options
	chip     *flasher.Chip
	regs     map[uint32]uint32
	attached bool
	stats    Stats

	// the FLASH_BEGIN or MEM_BEGIN in progress
	flashOn          bool
	fOff, fBlockSize uint32
	fBlocks, fNext   uint32
	memOn            bool
	mAddr, mSize     uint32
	mBlockSize       uint32
	mNext            uint32
	ram              map[uint32][]byte // MEM_DATA blocks by address
}

// New checks the options and builds a simulator.
func New(opts Options) (*Sim, error) {
	c, ok := flasher.Chips[opts.Chip]
	if !ok {
		return nil, fmt.Errorf("romsim: unknown chip %q (want esp8266 or esp32)", opts.Chip)
	}
	n := len(opts.Flash)
	if n < 256<<10 || n > 16<<20 || n&(n-1) != 0 {
		return nil, fmt.Errorf("romsim: flash size %d is not a power of two between 256 KB and 16 MB", n)
	}
	s := &Sim{opts: opts, chip: c, regs: map[uint32]uint32{}, ram: map[uint32][]byte{}}
	s.stats.Commands = map[byte]int{}
	s.regs[flasher.ChipMagicReg] = c.Magic
	m := opts.MAC
	if opts.Chip == "esp8266" {
		// eFuse words: the ROM and esptool derive the MAC and chip id from these.
		s.regs[0x3FF00050] = uint32(m[3])<<24 | 0x00A0_0000
		s.regs[0x3FF00054] = uint32(m[4])<<8 | uint32(m[5]) | 0x0200_0000
		s.regs[0x3FF00058] = 0
		s.regs[0x3FF0005C] = uint32(m[0])<<16 | uint32(m[1])<<8 | uint32(m[2])
		s.regs[0x60000014] = 0x1C4 // UART divider at 115200 with a 26 MHz crystal
	}
	return s, nil
}

// FlashID is the JEDEC ID the simulated flash reports: a Winbond part
// (manufacturer 0xEF, type 0x40) of the configured capacity.
func (s *Sim) FlashID() uint32 {
	cap := uint32(0)
	for 1<<cap < len(s.opts.Flash) {
		cap++
	}
	return cap<<16 | 0x40<<8 | 0xEF
}

// Stats returns counters; the map is a copy.
func (s *Sim) Stats() Stats {
	s.mu.Lock()
	defer s.mu.Unlock()
	st := s.stats
	st.Commands = map[byte]int{}
	for k, v := range s.stats.Commands {
		st.Commands[k] = v
	}
	return st
}

// RAM returns a copy of the MEM_DATA block loaded at addr.
func (s *Sim) RAM(addr uint32) []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.ram[addr]...)
}

// Flash returns a copy of the flash contents.
func (s *Sim) Flash() []byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]byte(nil), s.opts.Flash...)
}

// Serve answers requests read from rw until it returns an error (EOF when the
// stream closes).
func (s *Sim) Serve(rw io.ReadWriter) error {
	var dec slip.Decoder
	buf := make([]byte, 4096)
	for {
		n, err := rw.Read(buf)
		for _, b := range buf[:n] {
			f, ferr := dec.Feed(b)
			if ferr != nil {
				s.mu.Lock()
				s.stats.BadFrames++
				s.mu.Unlock()
			}
			if f == nil {
				continue
			}
			for _, resp := range s.Handle(f) {
				if _, werr := rw.Write(resp); werr != nil {
					return werr
				}
			}
		}
		if err != nil {
			return err
		}
	}
}

const (
	errBadMessage  = 0x05
	errFailedToAct = 0x06
	errChecksum    = 0x07
	errFlashWrite  = 0x08
)

// Handle processes one decoded request frame and returns the framed
// responses (none for frames a ROM would ignore).
func (s *Sim) Handle(frame []byte) [][]byte {
	s.mu.Lock()
	defer s.mu.Unlock()
	s.stats.Frames++
	if len(frame) < 8 || frame[0] != 0x00 {
		s.stats.BadFrames++
		return nil
	}
	op := frame[1]
	size := int(binary.LittleEndian.Uint16(frame[2:]))
	chk := binary.LittleEndian.Uint32(frame[4:])
	data := frame[8:]
	s.stats.Commands[op]++
	if size != len(data) {
		s.stats.BadFrames++
		return s.fail(op, errBadMessage)
	}
	word := func(i int) uint32 { return binary.LittleEndian.Uint32(data[4*i:]) }
	need := func(words int) bool { return len(data) >= 4*words }
	switch op {
	case flasher.OpSync:
		if len(data) != 36 || data[0] != 0x07 || data[1] != 0x07 || data[2] != 0x12 || data[3] != 0x20 {
			return s.fail(op, errBadMessage)
		}
		var out [][]byte
		for i := 0; i < 8; i++ {
			out = append(out, s.reply(op, 0x20120707, nil))
		}
		return out
	case flasher.OpReadReg:
		if !need(1) {
			return s.fail(op, errBadMessage)
		}
		return [][]byte{s.reply(op, s.regs[word(0)], nil)}
	case flasher.OpWriteReg:
		if !need(4) {
			return s.fail(op, errBadMessage)
		}
		s.writeReg(word(0), word(1), word(2))
		return [][]byte{s.reply(op, 0, nil)}
	case flasher.OpSPIAttach:
		if s.opts.Chip == "esp8266" {
			return s.fail(op, errBadMessage) // the ESP8266 ROM attaches in FLASH_BEGIN
		}
		s.attached = true
		return [][]byte{s.reply(op, 0, nil)}
	case flasher.OpSPISetParams, flasher.OpChangeBaudrate:
		if s.opts.Chip == "esp8266" {
			return s.fail(op, errBadMessage)
		}
		return [][]byte{s.reply(op, 0, nil)}
	case flasher.OpFlashBegin:
		return s.flashBegin(op, data, need, word)
	case flasher.OpFlashData:
		return s.flashData(op, data, chk)
	case flasher.OpFlashEnd:
		s.flashOn = false
		return [][]byte{s.reply(op, 0, nil)}
	case flasher.OpSPIFlashMD5:
		if s.opts.Chip == "esp8266" || !need(4) {
			return s.fail(op, errBadMessage)
		}
		addr, n := word(0), word(1)
		if uint64(addr)+uint64(n) > uint64(len(s.opts.Flash)) {
			return s.fail(op, 0x0A)
		}
		sum := md5.Sum(s.opts.Flash[addr : addr+n])
		return [][]byte{s.reply(op, 0, []byte(hex.EncodeToString(sum[:])))}
	case flasher.OpMemBegin:
		if !need(4) {
			return s.fail(op, errBadMessage)
		}
		s.memOn = true
		s.mSize, s.mBlockSize, s.mAddr, s.mNext = word(0), word(2), word(3), 0
		return [][]byte{s.reply(op, 0, nil)}
	case flasher.OpMemData:
		if !s.memOn || len(data) < 16 {
			return s.fail(op, errFailedToAct)
		}
		n, seq, payload := word(0), word(1), data[16:]
		if int(n) != len(payload) {
			return s.fail(op, errBadMessage)
		}
		if flasher.Checksum(payload) != chk&0xFF {
			s.stats.BadChecksums++
			return s.fail(op, errChecksum)
		}
		s.ram[s.mAddr+seq*s.mBlockSize] = append([]byte(nil), payload...)
		s.mNext = seq + 1
		return [][]byte{s.reply(op, 0, nil)}
	case flasher.OpMemEnd:
		s.memOn = false
		return [][]byte{s.reply(op, 0, nil)}
	}
	// Unknown commands, GET_SECURITY_INFO included on these ROMs: one
	// prompt refusal, which is what tells a host it is not a newer chip.
	return s.fail(op, errBadMessage)
}

func (s *Sim) writeReg(addr, val, mask uint32) {
	s.regs[addr] = s.regs[addr]&^mask | val&mask
	r := s.chip.SPI
	if addr == r.Base && s.regs[addr]&(1<<18) != 0 {
		// A user SPI command: the only one flashers send through registers
		// is the JEDEC ID read.
		if s.regs[r.Base+r.USR2]&0xFF == 0x9F {
			s.regs[r.Base+r.W0] = s.FlashID()
		}
		s.regs[addr] &^= 1 << 18
	}
}

func (s *Sim) flashBegin(op byte, data []byte, need func(int) bool, word func(int) uint32) [][]byte {
	if !need(4) {
		return s.fail(op, errBadMessage)
	}
	if s.chip.NeedsSPIAttach && !s.attached {
		return s.fail(op, errFailedToAct)
	}
	eraseSize, blocks, blockSize, off := word(0), word(1), word(2), word(3)
	if eraseSize == 0 && blocks == 0 {
		// The probe esptool sends: do nothing, succeed.
		s.flashOn = false
		return [][]byte{s.reply(op, 0, nil)}
	}
	if off%flasher.SectorSize != 0 || blockSize == 0 || blockSize > 0x10000 {
		return s.fail(op, errBadMessage)
	}
	m := (eraseSize + flasher.SectorSize - 1) / flasher.SectorSize
	sectors := m
	if s.chip.EraseSizeBug {
		// The ESP8266 ROM counts the sectors before the next 64 KB boundary
		// twice: it erases m + min(m, head) sectors.
		head := 16 - (off/flasher.SectorSize)%16
		sectors = m + min(m, head)
	}
	end := uint64(off) + uint64(sectors)*flasher.SectorSize
	if end > uint64(len(s.opts.Flash)) {
		end = uint64(len(s.opts.Flash))
	}
	if uint64(off) > end {
		return s.fail(op, errFlashWrite)
	}
	for i := uint64(off); i < end; i++ {
		s.opts.Flash[i] = 0xFF
	}
	s.store(uint64(off), end)
	s.flashOn, s.fOff, s.fBlocks, s.fBlockSize, s.fNext = true, off, blocks, blockSize, 0
	return [][]byte{s.reply(op, 0, nil)}
}

func (s *Sim) flashData(op byte, data []byte, chk uint32) [][]byte {
	if !s.flashOn || len(data) < 16 {
		return s.fail(op, errFailedToAct)
	}
	n := binary.LittleEndian.Uint32(data)
	seq := binary.LittleEndian.Uint32(data[4:])
	payload := data[16:]
	if int(n) != len(payload) {
		return s.fail(op, errBadMessage)
	}
	if flasher.Checksum(payload) != chk&0xFF {
		s.stats.BadChecksums++
		return s.fail(op, errChecksum)
	}
	// A block sent again after a lost reply rewrites the same bytes, which
	// NOR flash allows because programming the same value clears no new bits.
	if seq != s.fNext && seq+1 != s.fNext || seq >= s.fBlocks {
		return s.fail(op, errFailedToAct)
	}
	addr := uint64(s.fOff) + uint64(seq)*uint64(s.fBlockSize)
	if addr+uint64(len(payload)) > uint64(len(s.opts.Flash)) {
		return s.fail(op, errFlashWrite)
	}
	for i, b := range payload {
		s.opts.Flash[addr+uint64(i)] &= b
	}
	s.store(addr, addr+uint64(len(payload)))
	if seq == s.fNext {
		s.fNext++
	}
	return [][]byte{s.reply(op, 0, nil)}
}

func (s *Sim) store(from, to uint64) {
	if s.opts.Store != nil && to > from {
		_, _ = s.opts.Store.WriteAt(s.opts.Flash[from:to], int64(from))
	}
}

func (s *Sim) statusLen() int { return s.chip.ROMStatusLen }

// reply frames a success response.
func (s *Sim) reply(op byte, val uint32, data []byte) []byte {
	return s.frame(op, val, data, 0, 0)
}

func (s *Sim) fail(op byte, code byte) [][]byte {
	return [][]byte{s.frame(op, 0, nil, 1, code)}
}

func (s *Sim) frame(op byte, val uint32, data []byte, status, code byte) []byte {
	st := make([]byte, s.statusLen())
	st[0], st[1] = status, code
	body := append(append([]byte(nil), data...), st...)
	p := make([]byte, 8, 8+len(body))
	p[0], p[1] = 0x01, op
	binary.LittleEndian.PutUint16(p[2:], uint16(len(body)))
	binary.LittleEndian.PutUint32(p[4:], val)
	return slip.Encode(nil, append(p, body...))
}
