package flasher

import (
	"context"
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"
	"time"

	"go.bug.st/serial"
)

// Image is one blob to write at a flash address.
type Image struct {
	Name string
	Addr uint32
	Data []byte
}

// Progress reports a write in flight.
type Progress struct {
	Image         int // index into the images
	Name          string
	Addr          uint32
	Written       int // bytes of this image acknowledged by the chip
	Total         int
	Elapsed       time.Duration // since this image started
	Retransmitted int           // blocks sent again after a bad response
}

// Options configures a Flasher. The zero value works: auto chip, no
// callbacks, esptool's timeouts.
type Options struct {
	// Chip is "auto" (or empty), "esp8266" or "esp32"; a named chip that
	// does not match what answers is an error.
	Chip string
	// Baud is the rate to switch to after connecting, where the chip allows
	// (ESP32); 0 keeps the current rate.
	Baud int
	// ConnectAttempts is how many reset+sync rounds to try (default 4).
	ConnectAttempts int
	// Timeout is the per-command timeout (default 3 s).
	Timeout time.Duration
	// BlockRetries is how often a FLASH_DATA block is resent (default 3).
	BlockRetries int
	// Warn receives one-line warnings, such as a port without reset lines.
	Warn func(msg string)
	// Progress is called after every block.
	Progress func(Progress)
	// Sleep replaces time.Sleep in the reset sequences (tests).
	Sleep func(time.Duration)
}

// Flasher talks to one chip's ROM bootloader.
type Flasher struct {
	Conn      *Conn
	ChipKey   string // "esp8266" or "esp32"
	Chip      *Chip
	FlashID   uint32
	FlashSize int64 // from the flash JEDEC ID; 0 if unknown

	port     Port
	opts     Options
	noLines  bool
	attached bool
}

// New wraps an open port.
func New(p Port, opts Options) *Flasher {
	if opts.ConnectAttempts <= 0 {
		opts.ConnectAttempts = 4
	}
	if opts.Timeout <= 0 {
		opts.Timeout = DefaultTimeout
	}
	if opts.BlockRetries <= 0 {
		opts.BlockRetries = 3
	}
	if opts.Sleep == nil {
		opts.Sleep = time.Sleep
	}
	if opts.Warn == nil {
		opts.Warn = func(string) {}
	}
	return &Flasher{Conn: NewConn(p), port: p, opts: opts}
}

// NoResetLines reports whether the port turned out to lack DTR/RTS.
func (f *Flasher) NoResetLines() bool { return f.noLines }

func (f *Flasher) reset(attempt int) {
	if f.noLines {
		return
	}
	extra := time.Duration(0)
	if attempt > 0 {
		extra = 500 * time.Millisecond
	}
	if err := ResetIntoBootloader(f.port, extra, f.opts.Sleep); err != nil {
		f.noLines = true
		f.opts.Warn(fmt.Sprintf("%v, so the chip was NOT reset; if it does not answer, hold BOOT (GPIO0) and press RESET", err))
	}
}

// Connect resets the chip into its bootloader, synchronises, identifies the
// chip and its flash, and switches baud rate if asked.
func (f *Flasher) Connect(ctx context.Context) error {
	var synced bool
	for a := 0; a < f.opts.ConnectAttempts && !synced; a++ {
		if err := ctx.Err(); err != nil {
			return err
		}
		f.reset(a)
		f.Conn.Flush()
		if _, err := f.Conn.Sync(5); err == nil {
			synced = true
		} else if !errors.Is(err, ErrNoSync) {
			return err
		}
	}
	if !synced {
		return ErrNoSync
	}
	magic, err := f.readReg(ChipMagicReg)
	if err != nil {
		return fmt.Errorf("read chip id: %w", err)
	}
	key, chip, err := ChipByMagic(magic)
	if err != nil {
		return err
	}
	if want := strings.ToLower(f.opts.Chip); want != "" && want != "auto" && want != key {
		return &WrongChipError{Want: want, Got: chip.Name}
	}
	f.ChipKey, f.Chip = key, chip
	f.Conn.StatusLen = chip.ROMStatusLen
	if chip.NeedsSPIAttach {
		if err := f.spiAttach(); err != nil {
			return err
		}
	}
	if id, err := f.readFlashID(); err == nil {
		f.FlashID = id
		f.FlashSize, _ = FlashSizeFromID(id)
	} else {
		return fmt.Errorf("read flash id: %w", err)
	}
	if chip.NeedsSPIAttach && f.FlashSize > 0 {
		// Tell the ROM the flash geometry: id 0, size, 64 KB block, 4 KB
		// sector, 256-byte page, status mask.
		if _, _, err := f.command(OpSPISetParams, Words(0, uint32(f.FlashSize), 0x10000, SectorSize, 0x100, 0xFFFF), f.opts.Timeout); err != nil {
			return fmt.Errorf("set flash parameters: %w", err)
		}
	}
	if f.opts.Baud > 0 && chip.HasBaudChange {
		if err := f.ChangeBaud(f.opts.Baud); err != nil {
			return err
		}
	}
	return nil
}

// command runs an idempotent command, sending it again after an error status
// or silence: line noise corrupts requests and answers alike.
func (f *Flasher) command(op byte, data []byte, timeout time.Duration) (uint32, []byte, error) {
	var val uint32
	var body []byte
	var err error
	for try := 0; try <= f.opts.BlockRetries; try++ {
		if try > 0 {
			f.Conn.Flush()
		}
		if val, body, err = f.Conn.Command(op, data, 0, timeout); err == nil {
			return val, body, nil
		}
		var ce *CommandError
		var te *TimeoutError
		if !errors.As(err, &ce) && !errors.As(err, &te) {
			break
		}
	}
	return val, body, err
}

func (f *Flasher) readReg(addr uint32) (uint32, error) {
	v, _, err := f.command(OpReadReg, Words(addr), f.opts.Timeout)
	return v, err
}

func (f *Flasher) writeReg(addr, value uint32) error {
	_, _, err := f.command(OpWriteReg, Words(addr, value, 0xFFFFFFFF, 0), f.opts.Timeout)
	return err
}

// WrongChipError is a --chip that does not match the chip that answered.
type WrongChipError struct{ Want, Got string }

// Error implements error.
func (e *WrongChipError) Error() string {
	return fmt.Sprintf("wrong chip: asked for %s but an %s answered", e.Want, e.Got)
}

func (f *Flasher) spiAttach() error {
	data := Words(0)
	if f.Chip.ROMStatusLen == 4 {
		data = Words(0, 0) // the ESP32 ROM wants 4 more zero bytes
	}
	if _, _, err := f.command(OpSPIAttach, data, f.opts.Timeout); err != nil {
		return fmt.Errorf("attach spi flash: %w", err)
	}
	f.attached = true
	return nil
}

// readFlashID sends the JEDEC ID command (0x9F) through the SPI controller's
// user-command registers, as esptool does on a ROM without a stub.
func (f *Flasher) readFlashID() (uint32, error) {
	r := f.Chip.SPI
	oldUSR, err := f.readReg(r.Base + r.USR)
	if err != nil {
		return 0, err
	}
	oldUSR2, err := f.readReg(r.Base + r.USR2)
	if err != nil {
		return 0, err
	}
	const readBits = 24
	if r.MISODLen != 0 {
		if err := f.writeReg(r.Base+r.MISODLen, readBits-1); err != nil {
			return 0, err
		}
	} else if err := f.writeReg(r.Base+r.USR1, (readBits-1)<<8); err != nil {
		return 0, err
	}
	const usrCommand, usrMISO = 1 << 31, 1 << 28
	steps := [][2]uint32{
		{r.Base + r.USR, usrCommand | usrMISO},
		{r.Base + r.USR2, 7<<28 | 0x9F},
		{r.Base + r.W0, 0},
		{r.Base, 1 << 18},
	}
	for _, s := range steps {
		if err := f.writeReg(s[0], s[1]); err != nil {
			return 0, err
		}
	}
	done := false
	for i := 0; i < 10; i++ {
		v, err := f.readReg(r.Base)
		if err != nil {
			return 0, err
		}
		if v&(1<<18) == 0 {
			done = true
			break
		}
	}
	if !done {
		return 0, errors.New("spi flash command did not complete")
	}
	id, err := f.readReg(r.Base + r.W0)
	if err != nil {
		return 0, err
	}
	if err := f.writeReg(r.Base+r.USR, oldUSR); err != nil {
		return 0, err
	}
	if err := f.writeReg(r.Base+r.USR2, oldUSR2); err != nil {
		return 0, err
	}
	return id & 0xFFFFFF, nil
}

// ChangeBaud asks the ROM to switch rate, then switches the port.
func (f *Flasher) ChangeBaud(baud int) error {
	if !f.Chip.HasBaudChange {
		return fmt.Errorf("the %s ROM cannot change baud rate", f.Chip.Name)
	}
	if _, _, err := f.Conn.Command(OpChangeBaudrate, Words(uint32(baud), 0), 0, f.opts.Timeout); err != nil {
		return fmt.Errorf("change baud rate to %d: %w", baud, err)
	}
	if sm, ok := f.port.(interface{ SetMode(*serial.Mode) error }); ok {
		if err := sm.SetMode(&serial.Mode{BaudRate: baud}); err != nil {
			return fmt.Errorf("set port to %d baud: %w", baud, err)
		}
	}
	f.opts.Sleep(50 * time.Millisecond)
	f.Conn.Flush()
	return nil
}

// ImageTooLargeError refuses a write past the end of the flash.
type ImageTooLargeError struct {
	Name      string
	Addr      uint32
	Size      int
	FlashSize int64
}

// Error implements error.
func (e *ImageTooLargeError) Error() string {
	return fmt.Sprintf("%s (%d bytes at 0x%X) does not fit in the %d KB flash: it would end at 0x%X",
		e.Name, e.Size, e.Addr, e.FlashSize/1024, int64(e.Addr)+int64(e.Size))
}

// Report sums up a WriteFlash.
type Report struct {
	Bytes         int
	Elapsed       time.Duration
	Verified      bool // an MD5 read back from the chip matched
	Retransmitted int
	WireBytes     int64 // bytes sent on the wire
}

// WriteFlash erases and writes each image, retransmitting a block after a bad
// or missing response, and verifies by MD5 where the ROM has it. It stops
// between blocks when ctx is cancelled: the ROM keeps no state across
// FLASH_BEGINs, so the chip can be reset and flashed again.
func (f *Flasher) WriteFlash(ctx context.Context, images []Image) (Report, error) {
	var rep Report
	if f.Chip == nil {
		return rep, errors.New("not connected")
	}
	for _, im := range images {
		if f.FlashSize > 0 && int64(im.Addr)+int64(len(im.Data)) > f.FlashSize {
			return rep, &ImageTooLargeError{Name: im.Name, Addr: im.Addr, Size: len(im.Data), FlashSize: f.FlashSize}
		}
		if im.Addr%SectorSize != 0 {
			return rep, fmt.Errorf("%s: address 0x%X is not a multiple of the 4 KB sector size", im.Name, im.Addr)
		}
	}
	start := time.Now()
	out0 := f.Conn.BytesOut
	verified := f.Chip.HasMD5
	for i, im := range images {
		n, err := f.writeOne(ctx, i, im, &rep)
		rep.Bytes += n
		if err != nil {
			return rep, err
		}
		if f.Chip.HasMD5 {
			if err := f.verify(im); err != nil {
				return rep, err
			}
		}
	}
	rep.Elapsed = time.Since(start)
	rep.Verified = verified && len(images) > 0
	rep.WireBytes = f.Conn.BytesOut - out0
	return rep, nil
}

func (f *Flasher) writeOne(ctx context.Context, idx int, im Image, rep *Report) (int, error) {
	data := im.Data
	if len(data)%4 != 0 { // the ROM writes whole words
		data = append(append([]byte(nil), data...), make([]byte, 4-len(data)%4)...)
		for i := len(im.Data); i < len(data); i++ {
			data[i] = 0xFF
		}
	}
	blocks := (len(data) + FlashWriteSize - 1) / FlashWriteSize
	erase := f.Chip.EraseSize(im.Addr, uint32(len(data)))
	to := time.Duration(float64(EraseTimeoutPerMB) * float64(len(data)) / (1 << 20))
	if to < f.opts.Timeout {
		to = f.opts.Timeout
	}
	if _, _, err := f.command(OpFlashBegin, Words(erase, uint32(blocks), FlashWriteSize, im.Addr), to); err != nil {
		return 0, fmt.Errorf("%s: begin flash at 0x%X: %w", im.Name, im.Addr, err)
	}
	start := time.Now()
	written := 0
	for seq := 0; seq < blocks; seq++ {
		if err := ctx.Err(); err != nil {
			return written, err
		}
		blk := data[seq*FlashWriteSize : min((seq+1)*FlashWriteSize, len(data))]
		if len(blk) < FlashWriteSize {
			pad := make([]byte, FlashWriteSize)
			copy(pad, blk)
			for i := len(blk); i < FlashWriteSize; i++ {
				pad[i] = 0xFF
			}
			blk = pad
		}
		pkt, chk := dataPacket(uint32(seq), blk)
		var err error
		for try := 0; try <= f.opts.BlockRetries; try++ {
			if try > 0 {
				rep.Retransmitted++
				f.Conn.Flush()
			}
			if _, _, err = f.Conn.Command(OpFlashData, pkt, chk, f.opts.Timeout); err == nil {
				break
			}
			var ce *CommandError
			var te *TimeoutError
			if !errors.As(err, &ce) && !errors.As(err, &te) {
				break // the port itself failed: retrying cannot help
			}
		}
		if err != nil {
			return written, fmt.Errorf("%s: write block %d of %d at 0x%X: %w", im.Name, seq+1, blocks, im.Addr+uint32(seq*FlashWriteSize), err)
		}
		written = min((seq+1)*FlashWriteSize, len(im.Data))
		if f.opts.Progress != nil {
			f.opts.Progress(Progress{Image: idx, Name: im.Name, Addr: im.Addr, Written: written, Total: len(im.Data),
				Elapsed: time.Since(start), Retransmitted: rep.Retransmitted})
		}
	}
	return len(im.Data), nil
}

// FlashMD5 asks the ROM for the MD5 of a flash region (ESP32 ROM: 32 hex
// characters; a stub: 16 raw bytes).
func (f *Flasher) FlashMD5(addr, size uint32) ([]byte, error) {
	to := time.Duration(float64(8*time.Second) * float64(size) / (1 << 20))
	if to < f.opts.Timeout {
		to = f.opts.Timeout
	}
	_, body, err := f.command(OpSPIFlashMD5, Words(addr, size, 0, 0), to)
	if err != nil {
		return nil, err
	}
	switch len(body) {
	case 32:
		return hex.DecodeString(string(body))
	case 16:
		return body, nil
	}
	return nil, fmt.Errorf("SPI_FLASH_MD5 returned %d bytes", len(body))
}

func (f *Flasher) verify(im Image) error {
	size := (len(im.Data) + 3) &^ 3
	got, err := f.FlashMD5(im.Addr, uint32(size))
	if err != nil {
		return fmt.Errorf("%s: verify: %w", im.Name, err)
	}
	padded := append([]byte(nil), im.Data...)
	for len(padded) < size {
		padded = append(padded, 0xFF)
	}
	want := md5.Sum(padded)
	if hex.EncodeToString(got) != hex.EncodeToString(want[:]) {
		return fmt.Errorf("%s: verify failed: flash at 0x%X has MD5 %x, the image %x", im.Name, im.Addr, got, want)
	}
	return nil
}

// LoadRAM writes data to RAM with MEM_BEGIN/MEM_DATA and, if run, ends with
// MEM_END jumping to entry (how a flasher stub is started).
func (f *Flasher) LoadRAM(addr uint32, data []byte, entry uint32, run bool) error {
	blocks := (len(data) + RAMBlockSize - 1) / RAMBlockSize
	if _, _, err := f.Conn.Command(OpMemBegin, Words(uint32(len(data)), uint32(blocks), RAMBlockSize, addr), 0, f.opts.Timeout); err != nil {
		return fmt.Errorf("mem begin at 0x%X: %w", addr, err)
	}
	for seq := 0; seq < blocks; seq++ {
		blk := data[seq*RAMBlockSize : min((seq+1)*RAMBlockSize, len(data))]
		pkt, chk := dataPacket(uint32(seq), blk)
		if _, _, err := f.Conn.Command(OpMemData, pkt, chk, f.opts.Timeout); err != nil {
			return fmt.Errorf("mem data block %d: %w", seq, err)
		}
	}
	flag := uint32(1)
	if run {
		flag = 0
	}
	if _, _, err := f.Conn.Command(OpMemEnd, Words(flag, entry), 0, max(MemEndTimeout, f.opts.Timeout)); err != nil {
		return fmt.Errorf("mem end: %w", err)
	}
	return nil
}

// FinishFlash sends FLASH_END. On a ROM it leaves the loader, which is why
// the ROM flash sequence skips it and hard-resets instead.
func (f *Flasher) FinishFlash(reboot bool) error {
	flag := uint32(1)
	if reboot {
		flag = 0
	}
	_, _, err := f.Conn.Command(OpFlashEnd, Words(flag), 0, f.opts.Timeout)
	return err
}

// HardReset restarts the chip into its firmware; on a port without reset
// lines it does nothing and says so through Warn once.
func (f *Flasher) HardReset() {
	if f.noLines {
		return
	}
	if err := HardReset(f.port, f.opts.Sleep); err != nil {
		f.noLines = true
		f.opts.Warn(fmt.Sprintf("%v, so the chip was NOT reset: press RESET to run the new firmware", err))
	}
}
