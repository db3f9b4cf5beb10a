// Package e2e runs the real nl binary's `nl top` in a pseudo-terminal
// against a real fleet API on loopback.
package e2e

import (
	"bytes"
	"context"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/charmbracelet/x/ansi"
	"github.com/creack/pty"
	"github.com/nanolambda/nl/fleet"
)

var nlBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "nl-top-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	nlBin = filepath.Join(dir, "nl")
	out, err := exec.Command("go", "build", "-o", nlBin, "github.com/nanolambda/nl/cmd/nl").CombinedOutput()
	if err != nil {
		fmt.Fprintf(os.Stderr, "build nl: %v\n%s", err, out)
		os.RemoveAll(dir)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// serveFleet runs a demo fleet at 10× speed on ln until the returned stop.
func serveFleet(t *testing.T, ln net.Listener) (stop func()) {
	t.Helper()
	remote := fleet.RemoteFunc(func(ctx context.Context, fn string, p []byte) ([]byte, time.Duration, error) {
		out, err := fleet.VibrationRMS(p)
		return out, time.Millisecond, err
	})
	cfg, err := fleet.Demo(remote, nil)
	if err != nil {
		t.Fatal(err)
	}
	cfg.Speed = 10
	f, err := fleet.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { f.Run(ctx); close(done) }()
	srv := &http.Server{Handler: f.Handler()}
	go srv.Serve(ln)
	return func() {
		srv.Close()
		cancel()
		<-done
	}
}

// screen collects everything the program writes to the terminal.
type screen struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (s *screen) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.buf.Write(p)
}

func (s *screen) text() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return ansi.Strip(s.buf.String())
}

// waitFor waits until want appears in the output after offset, and returns
// the end of where it appeared.
func (s *screen) waitFor(t *testing.T, want string, offset int) int {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		txt := s.text()
		if offset > len(txt) {
			offset = len(txt)
		}
		if i := strings.Index(txt[offset:], want); i >= 0 {
			return offset + i + len(want)
		}
		time.Sleep(50 * time.Millisecond)
	}
	txt := s.text()
	t.Fatalf("%q did not appear on the screen; last 2000 bytes:\n%s", want, txt[max(0, len(txt)-2000):])
	return 0
}

func TestTopInPseudoTerminal(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	stop := serveFleet(t, ln)

	cmd := exec.Command(nlBin, "top", "--addr", addr)
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "TERM=xterm-256color")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 120})
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	scr := &screen{}
	go func() { _, _ = ptyCopy(scr, tty) }()

	at := scr.waitFor(t, "FLEET (3 devices)", 0)
	scr.waitFor(t, "esp-3", at)
	scr.waitFor(t, "DECISIONS", at)
	at = scr.waitFor(t, "live", 0)
	scr.waitFor(t, "vibration", at)

	tty.Write([]byte("s"))
	at = scr.waitFor(t, "!! SPIKE +800 ms", at)

	tty.Write([]byte("c"))
	at = scr.waitFor(t, "esp-1 now uses the", at)

	// nl dev stops: top says so, then follows the restarted fleet.
	stop()
	at = scr.waitFor(t, "reconnecting", at)
	ln2, err := net.Listen("tcp", addr)
	if err != nil {
		t.Fatalf("listen again on %s: %v", addr, err)
	}
	stop2 := serveFleet(t, ln2)
	defer stop2()
	at = scr.waitFor(t, "live", at)
	scr.waitFor(t, "esp-2", at)

	tty.Write([]byte("q"))
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("nl top exited with %v", err)
		}
	case <-time.After(10 * time.Second):
		cmd.Process.Kill()
		t.Fatal("nl top did not quit on q")
	}
	if strings.Contains(scr.text(), "panic") {
		t.Fatalf("panic on screen:\n%s", scr.text())
	}
}

// devProcess is a running `nl dev --demo`.
type devProcess struct {
	addr   string // host:port nl dev listens on
	cmd    *exec.Cmd
	out    *screen
	exited chan struct{} // closed once the process has exited; err is then set
	err    error
}

// startDevDemo runs the real `nl dev --demo --ephemeral` on addr, its fleet
// at 10× speed so that spikes come within seconds, and waits until it is
// ready. With port 0 nl dev picks a free port itself (no window in which
// another process could take it); devProcess.addr is where it listens.
func startDevDemo(t *testing.T, addr string) *devProcess {
	t.Helper()
	cmd := exec.Command(nlBin, "dev", "--demo", "--ephemeral", "--addr", addr, "--fleet-speed", "10")
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "NO_COLOR=1")
	out := &screen{}
	cmd.Stdout, cmd.Stderr = out, out
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &devProcess{cmd: cmd, out: out, exited: make(chan struct{})}
	go func() { p.err = cmd.Wait(); close(p.exited) }()
	t.Cleanup(func() {
		select {
		case <-p.exited:
		default:
			cmd.Process.Kill()
			<-p.exited
		}
	})
	end := out.waitFor(t, "ready: http://", 0)
	rest := out.text()[end:]
	if i := strings.IndexAny(rest, "/\n"); i > 0 {
		p.addr = rest[:i]
	}
	if p.addr == "" || (!strings.HasSuffix(addr, ":0") && p.addr != addr) {
		t.Fatalf("nl dev reported address %q, started with --addr %s:\n%s", p.addr, addr, out.text())
	}
	return p
}

// interrupt stops nl dev as Ctrl-C does and checks that it exits cleanly
// and promptly although nl top is attached to its stream.
func (p *devProcess) interrupt(t *testing.T) {
	t.Helper()
	start := time.Now()
	if err := p.cmd.Process.Signal(os.Interrupt); err != nil {
		t.Fatal(err)
	}
	select {
	case <-p.exited:
		if p.err != nil {
			t.Fatalf("nl dev exited with %v after SIGINT:\n%s", p.err, p.out.text())
		}
	case <-time.After(10 * time.Second):
		t.Fatalf("nl dev did not stop within 10 s of SIGINT:\n%s", p.out.text())
	}
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("nl dev took %v to stop", d)
	}
	if !strings.Contains(p.out.text(), "nl dev: stopped") {
		t.Errorf("nl dev's output lacks its stop line:\n%s", p.out.text())
	}
}

// The README's main job: `nl dev --demo` in one terminal, `nl top` in
// another. The real binary runs both; top, in a pseudo-terminal, shows the
// demo fleet placing events on the emulated devices and on the stack's
// Lambda API, a spike it injects, and follows nl dev across a restart.
func TestTopAgainstDevDemo(t *testing.T) {
	dev := startDevDemo(t, "127.0.0.1:0")
	addr := dev.addr
	for _, want := range []string{"fleet: demo: 3 emulated esp8266", "http://" + addr + "/_nl/fleet/v1/events", "nl top --addr " + addr} {
		if !strings.Contains(dev.out.text(), want) {
			t.Errorf("nl dev's start-up lacks %q:\n%s", want, dev.out.text())
		}
	}

	cmd := exec.Command(nlBin, "top", "--addr", addr)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "NO_COLOR=1", "TERM=xterm-256color")
	tty, err := pty.StartWithSize(cmd, &pty.Winsize{Rows: 30, Cols: 120})
	if err != nil {
		t.Fatal(err)
	}
	defer tty.Close()
	scr := &screen{}
	go func() { _, _ = ptyCopy(scr, tty) }()
	done := make(chan error, 1)
	go func() { done <- cmd.Wait() }()
	defer func() {
		select {
		case <-done:
		default:
			cmd.Process.Kill()
		}
	}()

	at := scr.waitFor(t, "FLEET (3 devices)", 0)
	scr.waitFor(t, "esp-3", at)
	scr.waitFor(t, "history", at) // esp-3's policy
	at = scr.waitFor(t, "live", 0)
	// A decision ran on the edge: offloaded through nl dev's Lambda API.
	at = scr.waitFor(t, "vibration    edge", at)

	tty.Write([]byte("s"))
	at = scr.waitFor(t, "!! SPIKE +800 ms", at)

	dev.interrupt(t)
	at = scr.waitFor(t, "reconnecting", at)

	dev2 := startDevDemo(t, addr)
	at = scr.waitFor(t, "live", at)
	scr.waitFor(t, "esp-2", at)

	tty.Write([]byte("q"))
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("nl top exited with %v", err)
		}
		done <- nil // for the deferred check
	case <-time.After(10 * time.Second):
		t.Fatal("nl top did not quit on q")
	}
	dev2.interrupt(t)
	if txt := scr.text() + dev.out.text() + dev2.out.text(); strings.Contains(txt, "panic") {
		t.Fatalf("panic in the output:\n%s", txt)
	}
}
