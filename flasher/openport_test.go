package flasher_test

import (
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/linksim"
)

// openPortAs runs OpenPort(path) in a child process of this test binary and
// returns the PortError kind it got ("ok" when it opened). Root bypasses
// TIOCEXCL and file modes, so as root the child runs as nobody (65534).
func openPortAs(t *testing.T, path string) string {
	t.Helper()
	bin := os.Args[0]
	cmd := exec.Command(bin, "-test.run=^TestOpenPortChild$")
	cmd.Env = append(os.Environ(), "NL_OPENPORT_CHILD="+path)
	if os.Getuid() == 0 {
		// The go test binary sits in a private directory: give nobody a copy.
		dir, err := os.MkdirTemp("", "nl-openport")
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { os.RemoveAll(dir) })
		data, err := os.ReadFile(bin)
		if err != nil {
			t.Fatal(err)
		}
		bin = filepath.Join(dir, "flasher.test")
		if err := os.WriteFile(bin, data, 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.Chmod(dir, 0o755); err != nil {
			t.Fatal(err)
		}
		cmd.Path = bin
		cmd.Args[0] = bin
		cmd.Dir = dir
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: 65534, Gid: 65534}}
	}
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("child: %v\n%s", err, out)
	}
	for _, l := range strings.Split(string(out), "\n") {
		if k, ok := strings.CutPrefix(l, "KIND="); ok {
			return k
		}
	}
	t.Fatalf("child printed no KIND:\n%s", out)
	return ""
}

// TestOpenPortChild is the child of openPortAs; it does nothing on its own.
func TestOpenPortChild(t *testing.T) {
	path := os.Getenv("NL_OPENPORT_CHILD")
	if path == "" {
		return
	}
	p, err := flasher.OpenPort(path, 115200)
	var pe *flasher.PortError
	switch {
	case err == nil:
		p.Close()
		fmt.Println("KIND=ok")
	case errors.As(err, &pe):
		fmt.Println("KIND=" + pe.Kind)
	default:
		fmt.Println("KIND=other:", err)
	}
}

// A port held by another program and a port the user may not open are
// told apart, so that Explain can say what to do about each.
func TestOpenPortBusyAndPermission(t *testing.T) {
	master, slave, err := linksim.OpenPTY()
	if err != nil {
		t.Fatal(err)
	}
	defer master.Close()
	defer slave.Close()
	path := slave.Name()

	if err := os.Chmod(path, 0o666); err != nil {
		t.Fatal(err)
	}
	if got := openPortAs(t, path); got != "ok" {
		t.Fatalf("free port: kind %q, want ok", got)
	}
	held, err := flasher.OpenPort(path, 115200) // sets TIOCEXCL
	if err != nil {
		t.Fatal(err)
	}
	got := openPortAs(t, path)
	held.Close()
	if got != "busy" {
		t.Errorf("port held by another program: kind %q, want busy", got)
	}
	if msg := flasher.Explain(&flasher.PortError{Path: path, Kind: got}, path); !strings.Contains(msg, "is busy: close the other program") {
		t.Errorf("Explain(busy) = %q", msg)
	}

	if err := os.Chmod(path, 0o600); err != nil {
		t.Fatal(err)
	}
	if os.Getuid() != 0 {
		// The owner may still open a 0600 file; take the permission away.
		if err := os.Chmod(path, 0o000); err != nil {
			t.Fatal(err)
		}
	}
	if got := openPortAs(t, path); got != "permission" {
		t.Errorf("port without access: kind %q, want permission", got)
	}
}
