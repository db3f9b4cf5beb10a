package flasher

import (
	"fmt"
	"strings"
	"testing"
	"time"

	"golang.org/x/sys/unix"
)

// recordingPort records modem-line changes and sleeps; reads time out.
type recordingPort struct {
	log   []string
	fail  error
	reads int
}

func (p *recordingPort) Read(b []byte) (int, error)         { p.reads++; return 0, nil }
func (p *recordingPort) Write(b []byte) (int, error)        { return len(b), nil }
func (p *recordingPort) SetReadTimeout(time.Duration) error { return nil }
func (p *recordingPort) ResetInputBuffer() error            { return nil }
func (p *recordingPort) SetDTR(v bool) error {
	if p.fail != nil {
		return p.fail
	}
	p.log = append(p.log, fmt.Sprintf("DTR=%v", v))
	return nil
}
func (p *recordingPort) SetRTS(v bool) error {
	if p.fail != nil {
		return p.fail
	}
	p.log = append(p.log, fmt.Sprintf("RTS=%v", v))
	return nil
}

func TestResetSequences(t *testing.T) {
	p := &recordingPort{}
	sleep := func(d time.Duration) { p.log = append(p.log, "sleep "+d.String()) }
	if err := ResetIntoBootloader(p, 500*time.Millisecond, sleep); err != nil {
		t.Fatal(err)
	}
	want := "DTR=false RTS=true DTR=false sleep 100ms DTR=true RTS=false DTR=true sleep 550ms DTR=false RTS=false DTR=false"
	if got := strings.Join(p.log, " "); got != want {
		t.Errorf("bootloader reset:\n got %s\nwant %s", got, want)
	}
	p.log = nil
	if err := HardReset(p, sleep); err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(p.log, " "); got != "RTS=true sleep 100ms RTS=false" {
		t.Errorf("hard reset: %s", got)
	}
}

func TestNoModemLinesWarnsOnce(t *testing.T) {
	p := &recordingPort{fail: unix.ENOTTY}
	if err := ResetIntoBootloader(p, 0, func(time.Duration) {}); err != ErrNoModemLines {
		t.Fatalf("ENOTTY gave %v, want ErrNoModemLines", err)
	}
	var warns []string
	f := New(p, Options{ConnectAttempts: 3, Timeout: time.Millisecond, Sleep: func(time.Duration) {}, Warn: func(m string) { warns = append(warns, m) }})
	f.reset(0)
	f.reset(1)
	f.HardReset()
	if len(warns) != 1 || !strings.Contains(warns[0], "NOT reset") || !f.NoResetLines() {
		t.Fatalf("warnings %q", warns)
	}
}
