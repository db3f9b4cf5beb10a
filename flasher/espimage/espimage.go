// Package espimage reads, writes and checks ESP8266 firmware images
// (version 1, the format the ESP8266 ROM boots) and builds them from ELF
// files produced by a cross compiler.
//
// Layout, little-endian:
//
//	image   = header segment{count} padding checksum
//	header  = 0xE9 count:u8 flash_mode:u8 size_freq:u8 entry:u32
//	segment = load_addr:u32 length:u32 data[length]      (length % 4 == 0)
//	padding = 0x00 until the checksum is the last byte of a 16-byte block
//	checksum = 0xEF XOR every byte of every segment's data
//
// size_freq holds the flash size code in the high nibble and the SPI clock
// code in the low nibble. Code executed from flash (irom0, mapped at
// 0x40200000) is not in the image: it is a separate blob written at its
// address minus 0x40200000.
package espimage

import (
	"bytes"
	"debug/elf"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Magic starts a version 1 image.
const Magic = 0xE9

// MaxSegments is the most segments the ROM (and esptool) accept.
const MaxSegments = 16

// IROMBase is where flash is mapped for code executed in place.
const IROMBase = 0x40200000

// Segment is one block loaded to RAM by the ROM.
type Segment struct {
	Addr uint32
	Data []byte
}

// Image is a decoded version 1 image.
type Image struct {
	FlashMode byte // 0 QIO, 1 QOUT, 2 DIO, 3 DOUT
	SizeFreq  byte
	Entry     uint32
	Segments  []Segment
}

// Flash modes, sizes and frequencies by name, for flags and --info.
var (
	FlashModes = []string{"qio", "qout", "dio", "dout"}
	FlashSizes = map[byte]string{0: "512KB", 1: "256KB", 2: "1MB", 3: "2MB", 4: "4MB", 5: "2MB-c1", 6: "4MB-c1", 8: "8MB", 9: "16MB"}
	FlashFreqs = map[byte]string{0: "40m", 1: "26m", 2: "20m", 0xF: "80m"}
)

// Checksum is 0xEF XORed with every segment data byte.
func (im *Image) Checksum() byte {
	c := byte(0xEF)
	for _, s := range im.Segments {
		for _, b := range s.Data {
			c ^= b
		}
	}
	return c
}

// Encode writes the image. Segment data is zero-padded to whole words.
func (im *Image) Encode() ([]byte, error) {
	if len(im.Segments) > MaxSegments {
		return nil, fmt.Errorf("espimage: %d segments, the ROM accepts at most %d", len(im.Segments), MaxSegments)
	}
	var b bytes.Buffer
	b.Write([]byte{Magic, byte(len(im.Segments)), im.FlashMode, im.SizeFreq})
	binary.Write(&b, binary.LittleEndian, im.Entry)
	c := byte(0xEF)
	for _, s := range im.Segments {
		d := s.Data
		if len(d)%4 != 0 {
			d = append(append([]byte(nil), d...), make([]byte, 4-len(d)%4)...)
		}
		binary.Write(&b, binary.LittleEndian, s.Addr)
		binary.Write(&b, binary.LittleEndian, uint32(len(d)))
		b.Write(d)
		for _, x := range d {
			c ^= x
		}
	}
	for (b.Len()+1)%16 != 0 {
		b.WriteByte(0)
	}
	b.WriteByte(c)
	return b.Bytes(), nil
}

// FormatError is a malformed image, with the byte offset of the problem.
type FormatError struct {
	Off int
	Msg string
}

// Error implements error.
func (e *FormatError) Error() string { return fmt.Sprintf("espimage: offset 0x%X: %s", e.Off, e.Msg) }

// Parse decodes and validates an image: magic, segment count and lengths,
// padding, checksum, and nothing after the checksum.
func Parse(data []byte) (*Image, error) {
	if len(data) < 8 {
		return nil, &FormatError{0, fmt.Sprintf("file is %d bytes, shorter than the 8-byte header", len(data))}
	}
	if data[0] != Magic {
		if data[0] == 0xEA {
			return nil, &FormatError{0, "this is a version 2 image (magic 0xEA), not supported"}
		}
		return nil, &FormatError{0, fmt.Sprintf("magic 0x%02X, want 0xE9", data[0])}
	}
	im := &Image{FlashMode: data[2], SizeFreq: data[3], Entry: binary.LittleEndian.Uint32(data[4:])}
	n := int(data[1])
	if n == 0 || n > MaxSegments {
		return nil, &FormatError{1, fmt.Sprintf("segment count %d, want 1 to %d", n, MaxSegments)}
	}
	if im.FlashMode > 3 {
		return nil, &FormatError{2, fmt.Sprintf("flash mode %d, want 0 to 3", im.FlashMode)}
	}
	off := 8
	for i := 0; i < n; i++ {
		if off+8 > len(data) {
			return nil, &FormatError{off, fmt.Sprintf("segment %d header runs past the end of the file", i)}
		}
		addr := binary.LittleEndian.Uint32(data[off:])
		l := int(binary.LittleEndian.Uint32(data[off+4:]))
		if l < 0 || l > len(data)-off-8 {
			return nil, &FormatError{off + 4, fmt.Sprintf("segment %d length %d runs past the end of the file", i, l)}
		}
		if l%4 != 0 {
			return nil, &FormatError{off + 4, fmt.Sprintf("segment %d length %d is not a multiple of 4", i, l)}
		}
		im.Segments = append(im.Segments, Segment{Addr: addr, Data: data[off+8 : off+8+l]})
		off += 8 + l
	}
	end := off
	for (end+1)%16 != 0 {
		end++
	}
	if end >= len(data) {
		return nil, &FormatError{off, "file ends before the checksum"}
	}
	for i := off; i < end; i++ {
		if data[i] != 0 {
			return nil, &FormatError{i, "padding before the checksum is not zero"}
		}
	}
	if got, want := data[end], im.Checksum(); got != want {
		return nil, &FormatError{end, fmt.Sprintf("checksum 0x%02X, computed 0x%02X", got, want)}
	}
	if end+1 != len(data) {
		return nil, &FormatError{end + 1, fmt.Sprintf("%d unexpected bytes after the checksum", len(data)-end-1)}
	}
	return im, nil
}

// Describe prints the header and segments, as `nl image --info` shows them.
func (im *Image) Describe(w io.Writer) {
	mode := "?"
	if int(im.FlashMode) < len(FlashModes) {
		mode = FlashModes[im.FlashMode]
	}
	size, ok := FlashSizes[im.SizeFreq>>4]
	if !ok {
		size = fmt.Sprintf("unknown (0x%X)", im.SizeFreq>>4)
	}
	freq, ok := FlashFreqs[im.SizeFreq&0xF]
	if !ok {
		freq = fmt.Sprintf("unknown (0x%X)", im.SizeFreq&0xF)
	}
	fmt.Fprintf(w, "ESP8266 image v1: entry 0x%08X, %d segments, flash %s %s %s, checksum 0x%02X (valid)\n",
		im.Entry, len(im.Segments), mode, size, freq, im.Checksum())
	for i, s := range im.Segments {
		fmt.Fprintf(w, "  segment %d: 0x%08X  %6d bytes  %s\n", i, s.Addr, len(s.Data), Region(s.Addr))
	}
}

// Region names the ESP8266 memory an address falls in.
func Region(a uint32) string {
	switch {
	case a >= 0x40100000 && a < 0x40110000: // 32 KB IRAM plus 32 KB usable as IRAM when the cache is off
		return "IRAM"
	case a >= 0x3FFE8000 && a < 0x40000000:
		return "DRAM"
	case a >= IROMBase && a < IROMBase+0x100000:
		return "IROM (flash)"
	}
	return "unmapped"
}

// Blob is code to be written to flash at Addr, outside the image.
type Blob struct {
	Addr uint32
	Data []byte
}

// ELFOptions sets the header fields elf2image cannot read from the ELF.
type ELFOptions struct {
	FlashMode byte // default 0 (QIO)
	SizeFreq  byte // default 0x20 (1 MB, 40 MHz)
}

// FromELF builds an image from an ESP8266 ELF executable: allocated sections
// with contents in IRAM/DRAM become image segments (adjacent ones merged, in
// section order); sections in the flash-mapped irom0 region become blobs.
func FromELF(r io.ReaderAt, opts ELFOptions) (*Image, []Blob, error) {
	f, err := elf.NewFile(r)
	if err != nil {
		return nil, nil, fmt.Errorf("espimage: not an ELF file: %w", err)
	}
	defer f.Close()
	if f.Class != elf.ELFCLASS32 || f.ByteOrder != binary.LittleEndian {
		return nil, nil, errors.New("espimage: want a 32-bit little-endian ELF")
	}
	if f.Machine != elf.EM_XTENSA {
		return nil, nil, fmt.Errorf("espimage: ELF machine is %v, want Xtensa (an ESP8266 build)", f.Machine)
	}
	type sec struct {
		name string
		addr uint32
		data []byte
	}
	var ram, irom []sec
	for _, s := range f.Sections {
		if s.Type != elf.SHT_PROGBITS || s.Flags&elf.SHF_ALLOC == 0 || s.Size == 0 {
			continue
		}
		d, err := s.Data()
		if err != nil {
			return nil, nil, fmt.Errorf("espimage: read section %s: %w", s.Name, err)
		}
		a := uint32(s.Addr)
		switch Region(a) {
		case "IRAM", "DRAM":
			ram = append(ram, sec{s.Name, a, d})
		case "IROM (flash)":
			irom = append(irom, sec{s.Name, a, d})
		default:
			return nil, nil, fmt.Errorf("espimage: section %s at 0x%08X is outside IRAM, DRAM and irom0", s.Name, a)
		}
	}
	if len(ram) == 0 {
		return nil, nil, errors.New("espimage: no loadable sections in IRAM or DRAM")
	}
	// Segments keep the ELF's section order, as esptool's elf2image does;
	// a section that starts where the previous one ended (after padding to a
	// word) is merged into it.
	merge := func(ss []sec) []Segment {
		var out []Segment
		for _, s := range ss {
			if n := len(out); n > 0 {
				last := &out[n-1]
				end := last.Addr + uint32(len(last.Data))
				padded := (end + 3) &^ 3
				if s.addr == end || s.addr == padded {
					last.Data = append(last.Data, make([]byte, s.addr-end)...)
					last.Data = append(last.Data, s.data...)
					continue
				}
			}
			out = append(out, Segment{Addr: s.addr, Data: append([]byte(nil), s.data...)})
		}
		return out
	}
	im := &Image{FlashMode: opts.FlashMode, SizeFreq: opts.SizeFreq, Entry: uint32(f.Entry), Segments: merge(ram)}
	if opts.SizeFreq == 0 {
		im.SizeFreq = 0x20
	}
	if len(im.Segments) > MaxSegments {
		return nil, nil, fmt.Errorf("espimage: %d RAM segments, the ROM loads at most %d", len(im.Segments), MaxSegments)
	}
	var blobs []Blob
	for _, s := range merge(irom) {
		blobs = append(blobs, Blob{Addr: s.Addr - IROMBase, Data: s.Data})
	}
	return im, blobs, nil
}

// ParseSizeFreq turns flag values like "4MB" and "40m" into the header byte.
func ParseSizeFreq(size, freq string) (byte, error) {
	var sz, fq byte = 0xFF, 0xFF
	for k, v := range FlashSizes {
		if strings.EqualFold(v, size) {
			sz = k
		}
	}
	for k, v := range FlashFreqs {
		if strings.EqualFold(v, freq) {
			fq = k
		}
	}
	if sz == 0xFF {
		return 0, fmt.Errorf("unknown flash size %q (want 256KB, 512KB, 1MB, 2MB, 4MB, 8MB or 16MB)", size)
	}
	if fq == 0xFF {
		return 0, fmt.Errorf("unknown flash frequency %q (want 20m, 26m, 40m or 80m)", freq)
	}
	return sz<<4 | fq, nil
}

// ParseMode turns "qio", "dio"... into the header byte.
func ParseMode(m string) (byte, error) {
	for i, v := range FlashModes {
		if strings.EqualFold(v, m) {
			return byte(i), nil
		}
	}
	return 0, fmt.Errorf("unknown flash mode %q (want qio, qout, dio or dout)", m)
}
