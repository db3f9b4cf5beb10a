package monitor_test

import (
	"bytes"
	"errors"
	"io"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/linksim"
	"github.com/nanolambda/nl/flasher/monitor"
)

type syncBuf struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuf) Write(p []byte) (int, error) { s.mu.Lock(); defer s.mu.Unlock(); return s.b.Write(p) }
func (s *syncBuf) String() string              { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

func TestMonitorOverPTY(t *testing.T) {
	link, err := linksim.New(linksim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer link.Close()
	port, err := flasher.OpenPort(link.Path, 74880)
	if err != nil {
		t.Fatal(err)
	}
	defer port.Close()
	// The device echoes upper-cased and prints a boot banner.
	go func() {
		link.Device.Write([]byte("boot ok\nready"))
		buf := make([]byte, 64)
		for {
			n, err := link.Device.Read(buf)
			if err != nil {
				return
			}
			link.Device.Write([]byte(strings.ToUpper(string(buf[:n]))))
		}
	}()
	inR, inW := io.Pipe()
	out, logf := &syncBuf{}, &syncBuf{}
	clock := time.Date(2026, 1, 2, 3, 4, 5, 6e6, time.UTC)
	res := make(chan error, 1)
	go func() {
		res <- monitor.Run(port, inR, out, monitor.Options{Timestamps: true, Log: logf, CRLF: true, Now: func() time.Time { return clock }})
	}()
	waitFor(t, out, "ready")
	inW.Write([]byte("hi\n"))
	waitFor(t, out, "HI")
	inW.Write([]byte{'x', monitor.EscapeByte})
	select {
	case err := <-res:
		if err != nil {
			t.Fatalf("Run = %v", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("Ctrl-] did not end the session")
	}
	if !strings.HasPrefix(out.String(), "[03:04:05.006] boot ok\r\n[03:04:05.006] ready") {
		t.Errorf("terminal output %q", out.String())
	}
	if !strings.HasPrefix(logf.String(), "[03:04:05.006] boot ok\n[03:04:05.006] ready") {
		t.Errorf("log %q", logf.String())
	}
}

func TestMonitorPortGone(t *testing.T) {
	link, err := linksim.New(linksim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	port, err := flasher.OpenPort(link.Path, 115200)
	if err != nil {
		t.Fatal(err)
	}
	defer port.Close()
	go io.Copy(io.Discard, link.Device)
	res := make(chan error, 1)
	go func() { res <- monitor.Run(port, strings.NewReader(""), io.Discard, monitor.Options{}) }()
	time.Sleep(50 * time.Millisecond)
	link.Close()
	select {
	case err := <-res:
		if !errors.Is(err, monitor.ErrPortGone) {
			t.Fatalf("Run = %v, want ErrPortGone", err)
		}
	case <-time.After(3 * time.Second):
		t.Fatal("monitor did not notice the port going away")
	}
}

func waitFor(t *testing.T, b *syncBuf, s string) {
	t.Helper()
	for i := 0; i < 300; i++ {
		if strings.Contains(b.String(), s) {
			return
		}
		time.Sleep(10 * time.Millisecond)
	}
	t.Fatalf("output never showed %q: %q", s, b.String())
}
