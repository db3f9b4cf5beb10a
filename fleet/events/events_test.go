package events

import (
	"bufio"
	"errors"
	"io"
	"strings"
	"testing"
)

func newTestStream(body string) *Stream {
	sc := bufio.NewScanner(strings.NewReader(body))
	sc.Buffer(make([]byte, 0, 1024), maxLine)
	return &Stream{body: io.NopCloser(strings.NewReader("")), sc: sc}
}

func TestStreamNext(t *testing.T) {
	st := newTestStream(`{"seq":1,"kind":"decision","decision":{"device":"a","tier":"edge"}}

{"seq":2,"kind":"heartbeat"}
{"seq":3,`)
	ev, err := st.Next()
	if err != nil || ev.Seq != 1 || ev.Decision.Device != "a" {
		t.Fatalf("first = %+v, %v", ev, err)
	}
	if ev, err := st.Next(); err != nil || ev.Kind != KindHeartbeat || st.Last() != 2 {
		t.Fatalf("second = %+v, %v (last %d)", ev, err, st.Last())
	}
	if _, err := st.Next(); err == nil || !strings.Contains(err.Error(), "bad line after event 2") {
		t.Fatalf("truncated line: %v", err)
	}
	if _, err := newTestStream("").Next(); !errors.Is(err, io.EOF) {
		t.Fatalf("empty stream: %v", err)
	}
}

func TestNewClient(t *testing.T) {
	tests := []struct{ in, want string }{
		{"127.0.0.1:4566", "http://127.0.0.1:4566"},
		{"http://localhost:9000/", "http://localhost:9000"},
		{"https://nl.example:443/base", "https://nl.example:443/base"},
	}
	for _, tt := range tests {
		c, err := NewClient(tt.in, nil)
		if err != nil || c.Addr() != tt.want {
			t.Errorf("NewClient(%q) = %v, %v; want %s", tt.in, c, err, tt.want)
		}
	}
	for _, bad := range []string{"http://", "::"} {
		if _, err := NewClient(bad, nil); err == nil {
			t.Errorf("NewClient(%q) accepted", bad)
		}
	}
	if got := (&StatusError{Code: 404, Msg: "no such device"}).Error(); got != "no such device (HTTP 404)" {
		t.Errorf("StatusError = %q", got)
	}
}

// FuzzStream: any bytes from a server give events or a clear error, never
// a panic.
func FuzzStream(f *testing.F) {
	f.Add([]byte(`{"seq":1,"kind":"decision","decision":{"device":"a"}}` + "\n"))
	f.Add([]byte("{\"seq\":2}\n\n{\"seq\":\n"))
	f.Add([]byte("\x00\xff\n[]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		st := newTestStream(string(data))
		for i := 0; i < 1000; i++ {
			_, err := st.Next()
			if err == nil {
				continue
			}
			if !errors.Is(err, io.EOF) && !strings.HasPrefix(err.Error(), "event stream:") {
				t.Fatalf("error without context: %v", err)
			}
			return
		}
	})
}
