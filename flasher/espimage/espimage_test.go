package espimage

import (
	"bytes"
	"encoding/binary"
	"errors"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// The shape of esptool's helloworld-esp8266 test image: two segments, 80 bytes.
func helloImage() *Image {
	return &Image{SizeFreq: 0x20, Entry: 0x40108008, Segments: []Segment{
		{Addr: 0x40108000, Data: bytes.Repeat([]byte{0x11, 0x22, 0x33, 0x44}, 7)},
		{Addr: 0x3FFE8000, Data: bytes.Repeat([]byte{0x55}, 16)},
	}}
}

func TestEncodeLayout(t *testing.T) {
	b, err := helloImage().Encode()
	if err != nil {
		t.Fatal(err)
	}
	if len(b) != 80 {
		t.Fatalf("image is %d bytes, want 80", len(b))
	}
	if b[0] != 0xE9 || b[1] != 2 || b[3] != 0x20 || binary.LittleEndian.Uint32(b[4:]) != 0x40108008 {
		t.Fatalf("header % x", b[:8])
	}
	want := byte(0xEF)
	for _, x := range b[16 : 16+28] {
		want ^= x
	}
	for _, x := range b[16+28+8 : 16+28+8+16] {
		want ^= x
	}
	if b[79] != want {
		t.Fatalf("checksum 0x%02X, want 0x%02X", b[79], want)
	}
	for _, x := range b[68:79] {
		if x != 0 {
			t.Fatal("padding not zero")
		}
	}
}

func TestParseRoundTrip(t *testing.T) {
	b, _ := helloImage().Encode()
	im, err := Parse(b)
	if err != nil {
		t.Fatal(err)
	}
	b2, _ := im.Encode()
	if !bytes.Equal(b, b2) {
		t.Fatal("encode(parse(x)) != x")
	}
	var out strings.Builder
	im.Describe(&out)
	for _, s := range []string{"entry 0x40108008", "2 segments", "qio 1MB 40m", "0x3FFE8000", "DRAM", "IRAM"} {
		if !strings.Contains(out.String(), s) {
			t.Errorf("Describe output lacks %q:\n%s", s, out.String())
		}
	}
}

func TestParseErrors(t *testing.T) {
	good, _ := helloImage().Encode()
	mut := func(f func(b []byte) []byte) []byte { return f(append([]byte(nil), good...)) }
	tests := []struct {
		name string
		in   []byte
		msg  string
	}{
		{"short", good[:5], "shorter than the 8-byte header"},
		{"magic", mut(func(b []byte) []byte { b[0] = 0x7F; return b }), "magic 0x7F"},
		{"v2", mut(func(b []byte) []byte { b[0] = 0xEA; return b }), "version 2"},
		{"no segments", mut(func(b []byte) []byte { b[1] = 0; return b }), "segment count 0"},
		{"bad checksum", mut(func(b []byte) []byte { b[79] ^= 1; return b }), "checksum"},
		{"flipped data", mut(func(b []byte) []byte { b[20] ^= 4; return b }), "checksum"},
		{"truncated", good[:70], "ends before the checksum"},
		{"trailing", append(append([]byte(nil), good...), 0), "after the checksum"},
		{"huge length", mut(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[12:], 1<<30); return b }), "past the end"},
		{"odd length", mut(func(b []byte) []byte { binary.LittleEndian.PutUint32(b[12:], 27); return b }), "multiple of 4"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(tt.in)
			var fe *FormatError
			if !errors.As(err, &fe) || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("Parse = %v, want a FormatError mentioning %q", err, tt.msg)
			}
		})
	}
}

// elfSection is a section for the test ELF writer.
type elfSection struct {
	name  string
	typ   uint32
	flags uint32
	addr  uint32
	data  []byte
}

// buildELF writes a minimal ELF32 little-endian executable: header, section
// contents, section name table and section headers.
func buildELF(machine uint16, entry uint32, secs []elfSection) []byte {
	shstr := []byte{0}
	nameOff := make([]uint32, len(secs))
	for i, s := range secs {
		nameOff[i] = uint32(len(shstr))
		shstr = append(append(shstr, s.name...), 0)
	}
	shstrName := uint32(len(shstr))
	shstr = append(append(shstr, ".shstrtab"...), 0)
	var body bytes.Buffer
	body.Write(make([]byte, 52))
	offs := make([]uint32, len(secs))
	for i, s := range secs {
		offs[i] = uint32(body.Len())
		if s.typ != 8 { // NOBITS has no contents
			body.Write(s.data)
		}
	}
	strOff := uint32(body.Len())
	body.Write(shstr)
	for body.Len()%4 != 0 {
		body.WriteByte(0)
	}
	shoff := uint32(body.Len())
	le := binary.LittleEndian
	sh := func(name, typ, flags, addr, off, size uint32) {
		for _, v := range []uint32{name, typ, flags, addr, off, size, 0, 0, 1, 0} {
			binary.Write(&body, le, v)
		}
	}
	sh(0, 0, 0, 0, 0, 0)
	for i, s := range secs {
		sh(nameOff[i], s.typ, s.flags, s.addr, offs[i], uint32(len(s.data)))
	}
	sh(shstrName, 3, 0, 0, strOff, uint32(len(shstr)))
	b := body.Bytes()
	copy(b, []byte{0x7F, 'E', 'L', 'F', 1, 1, 1})
	le.PutUint16(b[16:], 2) // ET_EXEC
	le.PutUint16(b[18:], machine)
	le.PutUint32(b[20:], 1)
	le.PutUint32(b[24:], entry)
	le.PutUint32(b[32:], shoff)
	le.PutUint16(b[40:], 52)
	le.PutUint16(b[46:], 40)
	le.PutUint16(b[48:], uint16(len(secs)+2))
	le.PutUint16(b[50:], uint16(len(secs)+1))
	return b
}

const progbits, nobits, alloc, exec = 1, 8, 2, 4

func TestFromELF(t *testing.T) {
	text := bytes.Repeat([]byte{0xA1}, 30) // padded to 32, then .text2 follows
	text2 := bytes.Repeat([]byte{0xA2}, 8)
	data := bytes.Repeat([]byte{0xD0}, 12)
	irom := bytes.Repeat([]byte{0x1F}, 100)
	elfBytes := buildELF(94, 0x40100004, []elfSection{
		{".text", progbits, alloc | exec, 0x40100000, text},
		{".text2", progbits, alloc | exec, 0x40100020, text2},
		{".data", progbits, alloc, 0x3FFE8000, data},
		{".bss", nobits, alloc, 0x3FFE8010, make([]byte, 64)},
		{".irom0.text", progbits, alloc | exec, 0x40210000, irom},
		{".comment", progbits, 0, 0, []byte("gcc")},
	})
	im, blobs, err := FromELF(bytes.NewReader(elfBytes), ELFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if im.Entry != 0x40100004 || im.SizeFreq != 0x20 || len(im.Segments) != 2 {
		t.Fatalf("image entry 0x%X sizefreq 0x%X segments %d", im.Entry, im.SizeFreq, len(im.Segments))
	}
	wantText := append(append(append([]byte(nil), text...), 0, 0), text2...)
	if im.Segments[0].Addr != 0x40100000 || !bytes.Equal(im.Segments[0].Data, wantText) {
		t.Errorf("IRAM segment not merged, or not first as in the ELF: %x, %d bytes", im.Segments[0].Addr, len(im.Segments[0].Data))
	}
	if im.Segments[1].Addr != 0x3FFE8000 || !bytes.Equal(im.Segments[1].Data, data) {
		t.Errorf("DRAM segment wrong: %+v", im.Segments[1])
	}
	if len(blobs) != 1 || blobs[0].Addr != 0x10000 || !bytes.Equal(blobs[0].Data, irom) {
		t.Errorf("irom blobs %+v", blobs)
	}
	enc, err := im.Encode()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := Parse(enc); err != nil {
		t.Fatalf("image built from ELF does not parse: %v", err)
	}
}

func TestFromELFErrors(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		msg  string
	}{
		{"not elf", []byte("hello"), "not an ELF"},
		{"arm", buildELF(40, 0, []elfSection{{".text", progbits, alloc, 0x40100000, []byte{1, 2, 3, 4}}}), "want Xtensa"},
		{"outside", buildELF(94, 0, []elfSection{{".text", progbits, alloc, 0x20000000, []byte{1, 2, 3, 4}}}), "outside IRAM"},
		{"empty", buildELF(94, 0, nil), "no loadable sections"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := FromELF(bytes.NewReader(tt.in), ELFOptions{})
			if err == nil || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("FromELF = %v, want error mentioning %q", err, tt.msg)
			}
		})
	}
}

func TestParseSizeFreq(t *testing.T) {
	if b, err := ParseSizeFreq("4MB", "80m"); err != nil || b != 0x4F {
		t.Fatalf("ParseSizeFreq(4MB, 80m) = 0x%X, %v", b, err)
	}
	if _, err := ParseSizeFreq("3MB", "40m"); err == nil {
		t.Fatal("3MB accepted")
	}
	if m, err := ParseMode("DIO"); err != nil || m != 2 {
		t.Fatalf("ParseMode(DIO) = %d, %v", m, err)
	}
}

// FuzzParse: no input panics, and whatever parses re-encodes to itself.
func FuzzParse(f *testing.F) {
	good, _ := helloImage().Encode()
	f.Add(good)
	f.Add([]byte{0xE9, 1, 0, 0, 0, 0, 0, 0})
	f.Fuzz(func(t *testing.T, data []byte) {
		im, err := Parse(data)
		if err != nil {
			return
		}
		b, err := im.Encode()
		if err != nil || !bytes.Equal(b, data) {
			t.Fatalf("parsed image does not re-encode to the input")
		}
	})
}

func TestFuzzCorpusPresent(t *testing.T) {
	if m, _ := filepath.Glob("testdata/fuzz/FuzzParse/*"); len(m) == 0 {
		t.Fatal("no seed corpus")
	}
	if _, err := os.Stat("testdata/fuzz/FuzzParse"); err != nil {
		t.Fatal(err)
	}
}

var update = flag.Bool("update", false, "rewrite golden files in testdata")

// TestRealELF converts an ELF built by the real cross toolchain
// (testdata/lx106: xtensa-lx106-elf-gcc 12.2.0, Debian gcc-xtensa-lx106,
//
//	xtensa-lx106-elf-gcc -Os -ffreestanding -nostdlib -mlongcalls -mtext-section-literals -Wl,-n -T esp.ld -o fw.elf fw.c
//	xtensa-lx106-elf-strip -R .comment -R .xt.prop -R .xt.lit -R .xtensa.info fw.elf
//
// ) and compares with golden images (rewritten by -update).
func TestRealELF(t *testing.T) {
	fh, err := os.Open("testdata/lx106/fw.elf")
	if err != nil {
		t.Fatal(err)
	}
	defer fh.Close()
	im, blobs, err := FromELF(fh, ELFOptions{})
	if err != nil {
		t.Fatal(err)
	}
	// Facts read with xtensa-lx106-elf-readelf/objdump: entry 0x40100008,
	// .text 29 bytes at 0x40100000, .data 13 bytes at 0x3FFE8000 starting
	// 05 00 00 00 "hello nl", .irom0.text 19 bytes at 0x40210000.
	if im.Entry != 0x40100008 || len(im.Segments) != 2 || len(blobs) != 1 {
		t.Fatalf("entry 0x%X, %d segments, %d blobs", im.Entry, len(im.Segments), len(blobs))
	}
	// Section order in this ELF: .data, then .text.
	if !bytes.HasPrefix(im.Segments[0].Data, []byte("\x05\x00\x00\x00hello nl")) || im.Segments[0].Addr != 0x3FFE8000 {
		t.Errorf("data segment %x % x", im.Segments[0].Addr, im.Segments[0].Data)
	}
	if im.Segments[1].Addr != 0x40100000 || len(im.Segments[1].Data) != 29 {
		t.Errorf("text segment at 0x%X, %d bytes; want 29 (Encode pads to 32)", im.Segments[1].Addr, len(im.Segments[1].Data))
	}
	if blobs[0].Addr != 0x10000 || len(blobs[0].Data) != 19 {
		t.Errorf("irom blob at 0x%X, %d bytes", blobs[0].Addr, len(blobs[0].Data))
	}
	enc, err := im.Encode()
	if err != nil {
		t.Fatal(err)
	}
	for name, got := range map[string][]byte{"fw.bin": enc, "fw-0x10000.bin": blobs[0].Data} {
		path := filepath.Join("testdata", "lx106", name)
		if *update {
			if err := os.WriteFile(path, got, 0o644); err != nil {
				t.Fatal(err)
			}
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestRealELF -update)", err)
		}
		if !bytes.Equal(got, want) {
			t.Errorf("%s differs from the golden file", name)
		}
	}
}
