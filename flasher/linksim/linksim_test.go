package linksim_test

import (
	"bytes"
	"io"
	"testing"
	"time"

	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/linksim"
)

func open(t *testing.T, o linksim.Options) (*linksim.Link, io.ReadWriteCloser) {
	t.Helper()
	l, err := linksim.New(o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { l.Close() })
	p, err := flasher.OpenPort(l.Path, 115200)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return l, p
}

// Every byte value crosses unchanged in both directions.
func TestTransparent(t *testing.T) {
	l, p := open(t, linksim.Options{})
	all := make([]byte, 256)
	for i := range all {
		all[i] = byte(i)
	}
	go p.Write(all)
	got := make([]byte, 256)
	if _, err := io.ReadFull(l.Device, got); err != nil || !bytes.Equal(got, all) {
		t.Fatalf("host to device: % x (%v)", got, err)
	}
	go l.Device.Write(all)
	if _, err := io.ReadFull(p, got); err != nil || !bytes.Equal(got, all) {
		t.Fatalf("device to host: % x (%v)", got, err)
	}
}

// A throttled link takes 10 bit times per byte.
func TestThrottle(t *testing.T) {
	l, p := open(t, linksim.Options{Baud: 115200})
	data := make([]byte, 2880) // 250 ms at 11520 bytes/s
	start := time.Now()
	go p.Write(data)
	if _, err := io.ReadFull(l.Device, make([]byte, len(data))); err != nil {
		t.Fatal(err)
	}
	if el := time.Since(start); el < 240*time.Millisecond || el > 2*time.Second {
		t.Fatalf("2880 bytes at 115200 baud took %v, want about 250 ms", el)
	}
}

func TestNoiseCounts(t *testing.T) {
	l, p := open(t, linksim.Options{Seed: 1, ToDevice: linksim.Noise{FlipRate: 0.05, DropRate: 0.05, After: 100}})
	data := bytes.Repeat([]byte{0x55}, 4000)
	go p.Write(data)
	got := make([]byte, 0, 4000)
	buf := make([]byte, 4096)
	deadline := time.Now().Add(2 * time.Second)
	for st := l.Stats(); time.Now().Before(deadline) && st.ToDevice < 4000; st = l.Stats() {
		time.Sleep(10 * time.Millisecond)
	}
	go func() { time.Sleep(200 * time.Millisecond); l.Device.Close() }()
	for {
		n, err := l.Device.Read(buf)
		got = append(got, buf[:n]...)
		if err != nil || len(got)+int(l.Stats().Dropped) >= 4000 {
			break
		}
	}
	st := l.Stats()
	if st.Dropped == 0 || st.Flipped == 0 || len(got) != 4000-int(st.Dropped) {
		t.Fatalf("stats %+v, received %d", st, len(got))
	}
	if !bytes.Equal(got[:100], data[:100]) {
		t.Fatal("the first After bytes were touched")
	}
}
