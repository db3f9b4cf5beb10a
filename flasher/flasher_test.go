package flasher_test

import (
	"bytes"
	"context"
	"errors"
	"io"
	"math/rand"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/linksim"
	"github.com/nanolambda/nl/flasher/romsim"
	"github.com/nanolambda/nl/flasher/slip"
)

func TestEraseSize(t *testing.T) {
	c := flasher.Chips["esp8266"]
	tests := []struct{ off, size, want uint32 }{
		{0, 0x1000, 0x1000}, {0, 0x10000, 0x8000}, {0, 0x40000, 0x30000},
		{0x3000, 0x3000, 0x2000}, {0x3000, 0x20000, 0x13000},
	}
	for _, tt := range tests {
		if got := c.EraseSize(tt.off, tt.size); got != tt.want {
			t.Errorf("EraseSize(0x%X, 0x%X) = 0x%X, want 0x%X", tt.off, tt.size, got, tt.want)
		}
	}
	if got := flasher.Chips["esp32"].EraseSize(0x3000, 0x20000); got != 0x20000 {
		t.Errorf("esp32 EraseSize = 0x%X, want the size itself", got)
	}
}

func TestChecksum(t *testing.T) {
	tests := []struct {
		in   []byte
		want uint32
	}{{nil, 0xEF}, {[]byte{0xEF}, 0}, {[]byte{1, 2, 3}, 0xEF ^ 1 ^ 2 ^ 3}}
	for _, tt := range tests {
		if got := flasher.Checksum(tt.in); got != tt.want {
			t.Errorf("Checksum(% x) = 0x%X, want 0x%X", tt.in, got, tt.want)
		}
	}
}

func TestReadRegOnTheWire(t *testing.T) {
	got := slip.Encode(nil, flasher.EncodeRequest(flasher.OpReadReg, flasher.Words(flasher.ChipMagicReg), 0))
	want := []byte{0xc0, 0x00, 0x0a, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x40, 0xc0}
	if !bytes.Equal(got, want) {
		t.Fatalf("READ_REG = % x, want % x", got, want)
	}
}

func TestFlashSizeFromID(t *testing.T) {
	if n, ok := flasher.FlashSizeFromID(0x1640EF); !ok || n != 4<<20 {
		t.Fatalf("FlashSizeFromID(0x1640EF) = %d, %v; want 4 MB", n, ok)
	}
	if _, ok := flasher.FlashSizeFromID(0xFFFFFF); ok {
		t.Fatal("0xFFFFFF accepted as a flash ID")
	}
}

// rig is a simulated chip behind a real pty, and a flasher on that pty.
type rig struct {
	sim   *romsim.Sim
	link  *linksim.Link
	port  flasher.Port
	f     *flasher.Flasher
	warns []string
}

func junk(n int, seed int64) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b)
	return b
}

func newRig(t *testing.T, chip string, flashSize int, lo linksim.Options, fo flasher.Options) *rig {
	t.Helper()
	sim, err := romsim.New(romsim.Options{Chip: chip, Flash: junk(flashSize, 1)})
	if err != nil {
		t.Fatal(err)
	}
	link, err := linksim.New(lo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { link.Close() })
	go sim.Serve(link.Device)
	port, err := flasher.OpenPort(link.Path, 115200)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { port.Close() })
	r := &rig{sim: sim, link: link, port: port}
	if fo.Timeout == 0 {
		fo.Timeout = 500 * time.Millisecond
	}
	fo.Warn = func(m string) { r.warns = append(r.warns, m) }
	r.f = flasher.New(port, fo)
	return r
}

func checkFlash(t *testing.T, flash []byte, ims []flasher.Image) {
	t.Helper()
	for _, im := range ims {
		got := flash[im.Addr : int(im.Addr)+len(im.Data)]
		if !bytes.Equal(got, im.Data) {
			i := 0
			for i < len(got) && got[i] == im.Data[i] {
				i++
			}
			t.Fatalf("%s: flash differs from the image at 0x%X", im.Name, int(im.Addr)+i)
		}
	}
}

func TestFlashESP8266MultiSegment(t *testing.T) {
	r := newRig(t, "esp8266", 1<<20, linksim.Options{}, flasher.Options{Chip: "auto"})
	if err := r.f.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	if r.f.ChipKey != "esp8266" || r.f.FlashSize != 1<<20 {
		t.Fatalf("chip %q flash %d, want esp8266 with 1 MB", r.f.ChipKey, r.f.FlashSize)
	}
	if len(r.warns) != 1 || !strings.Contains(r.warns[0], "NOT reset") {
		t.Fatalf("want exactly one warning about the missing reset lines, got %q", r.warns)
	}
	before := r.sim.Flash()
	sentinel := uint32(0x23000) // just past the second image: the ROM quirk must not erase it
	ims := []flasher.Image{
		{Name: "boot", Addr: 0, Data: junk(5000, 2)},
		{Name: "app", Addr: 0x3000, Data: junk(0x20000, 3)},
		{Name: "odd", Addr: 0x40000, Data: junk(1001, 4)},
	}
	if _, err := flasher.New(r.port, flasher.Options{}).WriteFlash(context.Background(), ims); err == nil {
		t.Fatal("WriteFlash before Connect succeeded")
	}
	rep, err := r.f.WriteFlash(context.Background(), ims)
	if err != nil {
		t.Fatal(err)
	}
	if rep.Verified {
		t.Error("the ESP8266 ROM has no MD5, yet the report says verified")
	}
	if rep.Bytes != 5000+0x20000+1001 {
		t.Errorf("report bytes %d", rep.Bytes)
	}
	after := r.sim.Flash()
	checkFlash(t, after, ims)
	if !bytes.Equal(after[sentinel:sentinel+0x1000], before[sentinel:sentinel+0x1000]) {
		t.Error("flash past the image was erased: the erase-size workaround is wrong")
	}
	if !bytes.Equal(after[0x80000:], before[0x80000:]) {
		t.Error("flash far from any image changed")
	}
}

func TestFlashESP32VerifiesAndChangesBaud(t *testing.T) {
	r := newRig(t, "esp32", 4<<20, linksim.Options{}, flasher.Options{Chip: "esp32", Baud: 921600})
	if err := r.f.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	ims := []flasher.Image{{Name: "bootloader", Addr: 0x1000, Data: junk(7000, 5)}, {Name: "app", Addr: 0x10000, Data: junk(0x9000, 6)}}
	rep, err := r.f.WriteFlash(context.Background(), ims)
	if err != nil {
		t.Fatal(err)
	}
	if !rep.Verified {
		t.Error("ESP32 write not verified by MD5")
	}
	checkFlash(t, r.sim.Flash(), ims)
	st := r.sim.Stats()
	if st.Commands[flasher.OpChangeBaudrate] != 1 || st.Commands[flasher.OpSPIAttach] != 1 || st.Commands[flasher.OpSPISetParams] != 1 || st.Commands[flasher.OpSPIFlashMD5] != 2 {
		t.Errorf("commands seen: %v", st.Commands)
	}
}

func TestWrongChip(t *testing.T) {
	r := newRig(t, "esp8266", 1<<20, linksim.Options{}, flasher.Options{Chip: "esp32"})
	err := r.f.Connect(context.Background())
	var wc *flasher.WrongChipError
	if !errors.As(err, &wc) {
		t.Fatalf("Connect = %v, want WrongChipError", err)
	}
	if msg := flasher.Explain(err, "/dev/x"); !strings.Contains(msg, "asked for esp32 but an ESP8266 answered") {
		t.Errorf("Explain = %q", msg)
	}
}

func TestImageTooLarge(t *testing.T) {
	r := newRig(t, "esp8266", 512<<10, linksim.Options{}, flasher.Options{})
	if err := r.f.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, err := r.f.WriteFlash(context.Background(), []flasher.Image{{Name: "big.bin", Addr: 0x70000, Data: make([]byte, 0x20000)}})
	var tl *flasher.ImageTooLargeError
	if !errors.As(err, &tl) {
		t.Fatalf("WriteFlash = %v, want ImageTooLargeError", err)
	}
	if r.sim.Stats().Commands[flasher.OpFlashBegin] != 0 {
		t.Error("flash was touched before the size check")
	}
	if msg := flasher.Explain(err, "p"); !strings.Contains(msg, "512 KB flash") {
		t.Errorf("Explain = %q", msg)
	}
}

func TestNoAnswer(t *testing.T) {
	link, err := linksim.New(linksim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer link.Close()
	go io.Copy(io.Discard, link.Device) // a device that never answers
	port, err := flasher.OpenPort(link.Path, 115200)
	if err != nil {
		t.Fatal(err)
	}
	defer port.Close()
	f := flasher.New(port, flasher.Options{ConnectAttempts: 1})
	err = f.Connect(context.Background())
	if !errors.Is(err, flasher.ErrNoSync) {
		t.Fatalf("Connect = %v, want ErrNoSync", err)
	}
	if msg := flasher.Explain(err, link.Path); !strings.Contains(msg, "no answer from the bootloader on "+link.Path) {
		t.Errorf("Explain = %q", msg)
	}
}

func TestNoisyLine(t *testing.T) {
	nz := linksim.Noise{FlipRate: 0.0003, DropRate: 0.0002, After: 2000}
	r := newRig(t, "esp8266", 1<<20, linksim.Options{Seed: 7, ToDevice: nz, ToHost: linksim.Noise{FlipRate: 0.002, After: 200}},
		flasher.Options{Timeout: 300 * time.Millisecond, BlockRetries: 6})
	if err := r.f.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	ims := []flasher.Image{{Name: "app", Addr: 0x10000, Data: junk(48<<10, 8)}, {Name: "data", Addr: 0x40000, Data: junk(20<<10, 9)}}
	rep, err := r.f.WriteFlash(context.Background(), ims)
	if err != nil {
		t.Fatal(err)
	}
	st := r.link.Stats()
	if st.Flipped+st.Dropped == 0 || rep.Retransmitted == 0 {
		t.Fatalf("no noise exercised: relay %+v, retransmitted %d", st, rep.Retransmitted)
	}
	checkFlash(t, r.sim.Flash(), ims)
	t.Logf("noise: %+v, blocks retransmitted: %d, checksum errors seen by the ROM: %d", st, rep.Retransmitted, r.sim.Stats().BadChecksums)
}

func TestPortVanishes(t *testing.T) {
	r := newRig(t, "esp8266", 1<<20, linksim.Options{}, flasher.Options{})
	fo := flasher.Options{Progress: func(p flasher.Progress) {
		if p.Written >= 8<<10 {
			r.link.Close()
		}
	}}
	f := flasher.New(r.port, fo)
	if err := f.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	_, err := f.WriteFlash(context.Background(), []flasher.Image{{Name: "app", Addr: 0, Data: junk(64<<10, 9)}})
	if err == nil {
		t.Fatal("WriteFlash succeeded after the port vanished")
	}
	if msg := flasher.Explain(err, r.link.Path); !strings.Contains(msg, r.link.Path) {
		t.Errorf("Explain = %q", msg)
	}
}

func TestCancelLeavesChipFlashable(t *testing.T) {
	r := newRig(t, "esp8266", 1<<20, linksim.Options{}, flasher.Options{})
	ctx, cancel := context.WithCancel(context.Background())
	f := flasher.New(r.port, flasher.Options{Progress: func(p flasher.Progress) {
		if p.Written >= 4<<10 {
			cancel()
		}
	}})
	if err := f.Connect(ctx); err != nil {
		t.Fatal(err)
	}
	ims := []flasher.Image{{Name: "app", Addr: 0, Data: junk(32<<10, 10)}}
	_, err := f.WriteFlash(ctx, ims)
	if !errors.Is(err, context.Canceled) {
		t.Fatalf("WriteFlash = %v, want context.Canceled", err)
	}
	if err := r.f.Connect(context.Background()); err != nil {
		t.Fatalf("reconnect after cancel: %v", err)
	}
	if _, err := r.f.WriteFlash(context.Background(), ims); err != nil {
		t.Fatalf("flash after cancel: %v", err)
	}
	checkFlash(t, r.sim.Flash(), ims)
}

func TestLoadRAM(t *testing.T) {
	r := newRig(t, "esp8266", 1<<20, linksim.Options{}, flasher.Options{})
	if err := r.f.Connect(context.Background()); err != nil {
		t.Fatal(err)
	}
	data := junk(0x2000, 11)
	if err := r.f.LoadRAM(0x40100000, data, 0x40100004, false); err != nil {
		t.Fatal(err)
	}
	got := append(r.sim.RAM(0x40100000), r.sim.RAM(0x40100000+flasher.RAMBlockSize)...)
	if !bytes.Equal(got, data) {
		t.Fatal("RAM contents differ from what was loaded")
	}
}

func TestOpenMissingPort(t *testing.T) {
	_, err := flasher.OpenPort("/dev/nl-no-such-port", 115200)
	if msg := flasher.Explain(err, "/dev/nl-no-such-port"); !strings.Contains(msg, "no serial port /dev/nl-no-such-port") {
		t.Fatalf("Explain = %q", msg)
	}
}

// dropFirst loses the first request for one command on the way out.
type dropFirst struct {
	flasher.Port
	op      byte
	dropped bool
}

func (d *dropFirst) Write(p []byte) (int, error) {
	if !d.dropped && len(p) > 2 && p[0] == 0xC0 && p[1] == 0x00 && p[2] == d.op {
		d.dropped = true
		return len(p), nil
	}
	return d.Port.Write(p)
}

func TestLostRequestsAreSentAgain(t *testing.T) {
	for _, op := range []byte{flasher.OpFlashBegin, flasher.OpReadReg, flasher.OpFlashData} {
		t.Run(flasher.OpName(op), func(t *testing.T) {
			r := newRig(t, "esp8266", 1<<20, linksim.Options{}, flasher.Options{})
			port := &dropFirst{Port: r.port, op: op}
			f := flasher.New(port, flasher.Options{Timeout: 200 * time.Millisecond})
			if err := f.Connect(context.Background()); err != nil {
				t.Fatal(err)
			}
			ims := []flasher.Image{{Name: "app", Addr: 0x1000, Data: junk(3000, 12)}}
			if _, err := f.WriteFlash(context.Background(), ims); err != nil {
				t.Fatal(err)
			}
			if !port.dropped {
				t.Fatal("nothing was dropped")
			}
			checkFlash(t, r.sim.Flash(), ims)
		})
	}
}
