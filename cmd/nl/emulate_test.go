package main

import (
	"bytes"
	"context"
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

// lockedBuffer is an io.Writer safe to read while a command writes to it.
type lockedBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (l *lockedBuffer) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedBuffer) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}

// startEmulate runs emulateRun until the test ends and returns the pty path
// it printed on its first line.
func startEmulate(t *testing.T, opts *emulateOptions) string {
	t.Helper()
	f, _, _ := testFactory()
	out, errOut := &lockedBuffer{}, &lockedBuffer{}
	f.IO.Out, f.IO.ErrOut = out, errOut
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- emulateRun(ctx, f, opts) }()
	t.Cleanup(func() {
		cancel()
		if err := <-done; err != nil {
			t.Errorf("emulate: %v", err)
		}
	})
	for i := 0; i < 500; i++ {
		if line, _, ok := strings.Cut(out.String(), "\n"); ok {
			if !strings.HasPrefix(line, "/dev/") {
				t.Fatalf("first line %q is not a device path", line)
			}
			return line
		}
		select {
		case err := <-done:
			t.Fatalf("emulate ended early: %v; stderr %s", err, errOut)
		case <-time.After(10 * time.Millisecond):
		}
	}
	t.Fatal("emulate printed no path")
	return ""
}

func TestEmulateBootloaderTwoFlasherRuns(t *testing.T) {
	flashFile := filepath.Join(t.TempDir(), "flash.bin")
	path := startEmulate(t, &emulateOptions{Bootloader: "esp8266", FlashFile: flashFile, FlashSize: "1MB"})
	for run, addr := range []int{0x0, 0x20000} {
		img := make([]byte, 6000)
		rand.New(rand.NewSource(int64(run))).Read(img)
		f, _, errOut := testFactory()
		if code := Main([]string{"flash", "--port", path, "--chip", "esp8266", fmt.Sprintf("0x%x", addr), writeTemp(t, "img.bin", img)}, f); code != 0 {
			t.Fatalf("run %d: exit %d: %s", run, code, errOut)
		}
		got, err := os.ReadFile(flashFile)
		if err != nil {
			t.Fatal(err)
		}
		if len(got) != 1<<20 || !bytes.Equal(got[addr:addr+len(img)], img) {
			t.Fatalf("run %d: flash file does not hold the image", run)
		}
	}
}

func TestEmulateFlagErrors(t *testing.T) {
	tests := []struct {
		args []string
		msg  string
	}{
		{[]string{"emulate"}, "give --bootloader CHIP or --serial"},
		{[]string{"emulate", "--bootloader", "esp8266"}, "--flash-file"},
		{[]string{"emulate", "--serial"}, "--device PROFILE"},
		{[]string{"emulate", "--serial", "--device", "esp8266", "--bootloader", "esp32"}, "choose one"},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			f, _, errOut := testFactory()
			if code := Main(tt.args, f); code != 2 || !strings.Contains(errOut.String(), tt.msg) {
				t.Fatalf("exit %d, stderr %q; want 2 and %q", code, errOut, tt.msg)
			}
		})
	}
}

func TestEmulateUnknownDevice(t *testing.T) {
	f, out, errOut := testFactory()
	f.WorkDir = t.TempDir()
	if code := Main([]string{"emulate", "--serial", "--device", "z80"}, f); code != 1 || !strings.Contains(errOut.String(), `unknown device profile "z80"`) {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if out.Len() != 0 {
		t.Errorf("a path was printed for a device that cannot run: %q", out)
	}
}

func TestEmulateBadFlashFile(t *testing.T) {
	bad := writeTemp(t, "odd.bin", make([]byte, 1000))
	f, _, errOut := testFactory()
	if code := Main([]string{"emulate", "--bootloader", "esp8266", "--flash-file", bad}, f); code != 1 || !strings.Contains(errOut.String(), "not a power of two") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}

func TestEmulateUnknownChipCreatesNoFile(t *testing.T) {
	path := filepath.Join(t.TempDir(), "flash.bin")
	f, _, errOut := testFactory()
	if code := Main([]string{"emulate", "--bootloader", "esp9999", "--flash-file", path}, f); code != 2 || !strings.Contains(errOut.String(), "simulated chips are esp8266 and esp32") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	if _, err := os.Stat(path); err == nil {
		t.Error("the flash file was created for a chip that cannot be simulated")
	}
}
