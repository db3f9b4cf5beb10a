package romsim

import (
	"bytes"
	"testing"

	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/slip"
)

func newSim(t *testing.T, chip string) *Sim {
	t.Helper()
	s, err := New(Options{Chip: chip, Flash: bytes.Repeat([]byte{0xA5}, 1<<20)})
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func call(t *testing.T, s *Sim, op byte, data []byte, chk uint32) []flasher.Response {
	t.Helper()
	var out []flasher.Response
	for _, fr := range s.Handle(flasher.EncodeRequest(op, data, chk)) {
		frames := slip.Decode(fr)
		if len(frames) != 1 {
			t.Fatalf("response is not one SLIP frame: % x", fr)
		}
		r, err := flasher.ParseResponse(frames[0])
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, r)
	}
	return out
}

func TestROMAnswers(t *testing.T) {
	tests := []struct {
		name    string
		chip    string
		op      byte
		data    []byte
		replies int
		value   uint32
		status  []byte
	}{
		{"sync answered 8 times", "esp8266", flasher.OpSync, flasher.SyncData(), 8, 0x20120707, []byte{0, 0}},
		{"esp32 has 4 status bytes", "esp32", flasher.OpSync, flasher.SyncData(), 8, 0x20120707, []byte{0, 0, 0, 0}},
		{"security info refused once", "esp8266", flasher.OpGetSecurityInfo, nil, 1, 0, []byte{1, 5}},
		{"chip magic", "esp8266", flasher.OpReadReg, flasher.Words(0x40001000), 1, 0xFFF0C101, []byte{0, 0}},
		{"esp32 magic", "esp32", flasher.OpReadReg, flasher.Words(0x40001000), 1, 0x00F01D83, []byte{0, 0, 0, 0}},
		{"uart divider", "esp8266", flasher.OpReadReg, flasher.Words(0x60000014), 1, 0x1C4, []byte{0, 0}},
		{"probe does nothing", "esp8266", flasher.OpFlashBegin, flasher.Words(0, 0, 0x400, 0), 1, 0, []byte{0, 0}},
		{"no md5 on esp8266", "esp8266", flasher.OpSPIFlashMD5, flasher.Words(0, 16, 0, 0), 1, 0, []byte{1, 5}},
		{"esp32 needs attach", "esp32", flasher.OpFlashBegin, flasher.Words(0x1000, 4, 0x400, 0), 1, 0, []byte{1, 6, 0, 0}},
		{"bad sync", "esp8266", flasher.OpSync, []byte{1, 2}, 1, 0, []byte{1, 5}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := newSim(t, tt.chip)
			rs := call(t, s, tt.op, tt.data, 0)
			if len(rs) != tt.replies {
				t.Fatalf("%d replies, want %d", len(rs), tt.replies)
			}
			r := rs[0]
			if r.Op != tt.op || r.Value != tt.value || !bytes.Equal(r.Body, tt.status) {
				t.Fatalf("reply op %x value 0x%X body % x; want value 0x%X body % x", r.Op, r.Value, r.Body, tt.value, tt.status)
			}
		})
	}
}

func TestProbeLeavesFlash(t *testing.T) {
	s := newSim(t, "esp8266")
	call(t, s, flasher.OpFlashBegin, flasher.Words(0, 0, 0x400, 0), 0)
	if s.Flash()[0] != 0xA5 {
		t.Fatal("FLASH_BEGIN(0, 0) erased flash")
	}
}

func TestChecksumChecked(t *testing.T) {
	s := newSim(t, "esp8266")
	call(t, s, flasher.OpFlashBegin, flasher.Words(0x1000, 1, 0x400, 0), 0)
	blk := bytes.Repeat([]byte{0x12}, 0x400)
	pkt := append(flasher.Words(0x400, 0, 0, 0), blk...)
	if r := call(t, s, flasher.OpFlashData, pkt, flasher.Checksum(blk)^1)[0]; !bytes.Equal(r.Body, []byte{1, 7}) {
		t.Fatalf("bad checksum answered % x, want 01 07", r.Body)
	}
	if r := call(t, s, flasher.OpFlashData, pkt, flasher.Checksum(blk))[0]; !bytes.Equal(r.Body, []byte{0, 0}) {
		t.Fatalf("good block answered % x", r.Body)
	}
	if f := s.Flash(); f[0] != 0x12 || f[0x400] != 0xFF || f[0x2000] != 0xA5 {
		t.Fatalf("flash after one block: %x %x %x; want 12, erased FF, untouched A5", f[0], f[0x400], f[0x2000])
	}
}

// The ROM's erase-size bug: asked for m sectors it erases m + min(m, head).
func TestEraseBug(t *testing.T) {
	s := newSim(t, "esp8266")
	call(t, s, flasher.OpFlashBegin, flasher.Words(0x20000, 1, 0x400, 0x3000), 0)
	f := s.Flash()
	// 32 sectors asked from sector 3, head 13: erases 45 sectors, to 0x30000.
	if f[0x2FFFF] != 0xFF || f[0x30000] != 0xA5 || f[0x2FFF] != 0xA5 {
		t.Fatalf("erase region wrong: %x %x %x", f[0x2FFFF], f[0x30000], f[0x2FFF])
	}
}

func TestNewRejects(t *testing.T) {
	if _, err := New(Options{Chip: "esp8266", Flash: make([]byte, 1000)}); err == nil {
		t.Error("odd flash size accepted")
	}
	if _, err := New(Options{Chip: "z80", Flash: make([]byte, 1<<20)}); err == nil {
		t.Error("unknown chip accepted")
	}
}

// FuzzHandle: no request frame makes the simulator panic, and every answer
// is a well-formed response for the request's command.
func FuzzHandle(f *testing.F) {
	f.Add([]byte{0x00, 0x02, 0x10, 0x00, 0, 0, 0, 0, 0, 0x10, 0, 0, 1, 0, 0, 0, 0, 4, 0, 0, 0, 0x30, 0, 0})
	f.Add(flasher.EncodeRequest(flasher.OpSync, flasher.SyncData(), 0))
	f.Fuzz(func(t *testing.T, frame []byte) {
		for _, chip := range []string{"esp8266", "esp32"} {
			s, err := New(Options{Chip: chip, Flash: make([]byte, 256<<10)})
			if err != nil {
				t.Fatal(err)
			}
			// A FLASH_BEGIN first, so that FLASH_DATA paths are reachable.
			s.Handle(flasher.EncodeRequest(flasher.OpFlashBegin, flasher.Words(0x2000, 2, 0x400, 0x1000), 0))
			for _, out := range s.Handle(frame) {
				fs := slip.Decode(out)
				if len(fs) != 1 {
					t.Fatalf("answer is not one frame: % x", out)
				}
				r, err := flasher.ParseResponse(fs[0])
				if err != nil || r.Op != frame[1] {
					t.Fatalf("bad answer % x: %v", fs[0], err)
				}
			}
		}
	})
}
