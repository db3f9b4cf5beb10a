package config

import "testing"

// FuzzParse: no input panics or hangs the loader, and every error it returns
// has the file name and a position inside the input.
func FuzzParse(f *testing.F) {
	f.Add([]byte("name = \"x\"\n[[function]]\nname = \"f\"\nhandler = \"h.h\"\n"))
	f.Add([]byte("[device.esp8266]\nheap_bytes = 1\n[device.esp8266.radio]\nrtt_ms = 2.0\n"))
	f.Add([]byte("[[fleet]]\nname=1\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Parse("nanolambda.toml", data)
		if err == nil {
			if p == nil {
				t.Fatal("nil project without error")
			}
			return
		}
		list, ok := err.(ErrorList)
		if !ok {
			t.Fatalf("error is %T, want ErrorList", err)
		}
		lines := 1
		for _, c := range data {
			if c == '\n' {
				lines++
			}
		}
		for _, e := range list {
			if e.File != "nanolambda.toml" || e.Line < 0 || e.Line > lines {
				t.Fatalf("bad error position %+v (input has %d lines)", e, lines)
			}
		}
	})
}
