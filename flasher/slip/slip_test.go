package slip

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

func TestEncode(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want []byte
	}{
		{"empty", nil, []byte{0xC0, 0xC0}},
		{"plain", []byte{1, 2, 3}, []byte{0xC0, 1, 2, 3, 0xC0}},
		{"end", []byte{0xC0}, []byte{0xC0, 0xDB, 0xDC, 0xC0}},
		{"esc", []byte{0xDB}, []byte{0xC0, 0xDB, 0xDD, 0xC0}},
		{"esc then end", []byte{0xDB, 0xDC}, []byte{0xC0, 0xDB, 0xDD, 0xDC, 0xC0}},
		// READ_REG 0x40001000 exactly as DEVICES.md shows it on the wire.
		{"read_reg", []byte{0x00, 0x0a, 0x04, 0x00, 0, 0, 0, 0, 0x00, 0x10, 0x00, 0x40},
			[]byte{0xc0, 0x00, 0x0a, 0x04, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x40, 0xc0}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Encode(nil, tt.in); !bytes.Equal(got, tt.want) {
				t.Errorf("Encode(% x) = % x, want % x", tt.in, got, tt.want)
			}
		})
	}
}

func TestDecoder(t *testing.T) {
	tests := []struct {
		name   string
		stream []byte
		want   [][]byte
	}{
		{"one", []byte{0xC0, 1, 0xDB, 0xDC, 0xDB, 0xDD, 0xC0}, [][]byte{{1, 0xC0, 0xDB}}},
		{"noise before", []byte{9, 9, 0xC0, 5, 0xC0}, [][]byte{{5}}},
		{"empty frames skipped", []byte{0xC0, 0xC0, 0xC0, 7, 0xC0}, [][]byte{{7}}},
		{"two", []byte{0xC0, 1, 0xC0, 0xC0, 2, 0xC0}, [][]byte{{1}, {2}}},
		{"bad escape dropped", []byte{0xC0, 1, 0xDB, 0x01, 0xC0, 0xC0, 3, 0xC0}, [][]byte{{3}}},
		{"lost start byte", []byte{1, 2, 0xC0, 0xC0, 3, 0xC0}, [][]byte{{3}}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := Decode(tt.stream)
			if fmt.Sprint(got) != fmt.Sprint(tt.want) {
				t.Errorf("Decode(% x) = %v, want %v", tt.stream, got, tt.want)
			}
		})
	}
}

func TestDecoderErrors(t *testing.T) {
	d := Decoder{MaxLen: 2}
	var errs []error
	for _, b := range []byte{0xC0, 1, 2, 3, 0xC0, 0xC0, 1, 0xDB, 0xC0} {
		if _, err := d.Feed(b); err != nil {
			errs = append(errs, err)
		}
	}
	if len(errs) != 2 || errs[0] != ErrTooLong || errs[1] != ErrBadEscape {
		t.Fatalf("errors = %v, want [too long, bad escape]", errs)
	}
}

// FuzzSLIP checks that encoding never leaves a raw 0xC0 inside a frame and
// that decoding gives the payload back.
func FuzzSLIP(f *testing.F) {
	f.Add([]byte{})
	f.Add([]byte{0xC0, 0xDB, 0xDC, 0xDD})
	f.Fuzz(func(t *testing.T, payload []byte) {
		enc := Encode(nil, payload)
		if bytes.IndexByte(enc[1:len(enc)-1], End) >= 0 {
			t.Fatalf("raw End inside frame: % x", enc)
		}
		frames := Decode(enc)
		if len(payload) == 0 {
			if len(frames) != 0 {
				t.Fatalf("empty payload decoded to %v", frames)
			}
			return
		}
		if len(frames) != 1 || !bytes.Equal(frames[0], payload) {
			t.Fatalf("round trip: % x -> %v", payload, frames)
		}
		// Arbitrary streams never panic.
		Decode(payload)
	})
}

func TestFuzzCorpusPresent(t *testing.T) {
	m, _ := filepath.Glob("testdata/fuzz/FuzzSLIP/*")
	if len(m) == 0 {
		t.Fatal("no seed corpus in testdata/fuzz/FuzzSLIP")
	}
	for _, p := range m {
		if _, err := os.ReadFile(p); err != nil {
			t.Fatal(err)
		}
	}
}
