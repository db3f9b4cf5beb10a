package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/devlink"
	"github.com/nanolambda/nl/flasher/linksim"
)

const linkProjectTOML = `name = "linktest"

[[function]]
name = "double"
handler = "handler.handler"
`

const linkHandler = `def handler(event, context):
    print("got", event["x"])
    return {"y": event["x"] * 2}
`

func linkProjectDir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	for name, body := range map[string]string{"nanolambda.toml": linkProjectTOML, "handler.py": linkHandler} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// imageCheckingExecutor accepts only images that decode and verify, and
// answers invokes with a canned result; the protocol is under test here, the
// VM in the nlvm-tagged tests.
type imageCheckingExecutor struct {
	mu     sync.Mutex
	images map[string][]byte
	last   devlink.InvokeRequest
}

func (e *imageCheckingExecutor) snapshot(name string) ([]byte, devlink.InvokeRequest) {
	e.mu.Lock()
	defer e.mu.Unlock()
	return e.images[name], e.last
}

func (e *imageCheckingExecutor) Info() devlink.DeviceInfo {
	return devlink.DeviceInfo{ImageVersion: bytecode.Version, FreeHeap: 40960, FreeFlash: 65536, VM: "check", Device: "esp8266"}
}
func (e *imageCheckingExecutor) Deploy(name string, image []byte) error {
	if _, err := bytecode.Decode(image); err != nil {
		return fmt.Errorf("%w: %v", devlink.ErrBadImage, err)
	}
	e.mu.Lock()
	defer e.mu.Unlock()
	e.images[name] = image
	return nil
}
func (e *imageCheckingExecutor) List() []devlink.FunctionInfo { return nil }
func (e *imageCheckingExecutor) Delete(string) error          { return nil }
func (e *imageCheckingExecutor) Invoke(ctx context.Context, req devlink.InvokeRequest) (devlink.InvokeResult, error) {
	e.mu.Lock()
	e.last = req
	e.mu.Unlock()
	if string(req.Event) == `{"x": "boom"}` {
		return devlink.InvokeResult{Status: devlink.StatusException, ErrType: "TypeError", ErrMsg: "can't multiply",
			Traceback: "Traceback (most recent call last):\n  File \"handler.py\", line 3, in handler\nTypeError: can't multiply\n"}, nil
	}
	return devlink.InvokeResult{Output: []byte(`{"y": 42}`), Logs: []string{"got 21"}, Steps: 99}, nil
}

func serveLink(t *testing.T, exec devlink.Executor, lo linksim.Options) (string, *linksim.Link) {
	t.Helper()
	link, err := linksim.New(lo)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(func() { cancel(); link.Close() })
	go (&devlink.Device{Exec: exec}).Serve(ctx, link.Device)
	return link.Path, link
}

func TestDeployAndInvokeOverLink(t *testing.T) {
	exec := &imageCheckingExecutor{images: map[string][]byte{}}
	port, _ := serveLink(t, exec, linksim.Options{})
	f, out, errOut := testFactory()
	f.WorkDir = linkProjectDir(t)
	if err := deployToDevice(context.Background(), f, deviceDeployOptions{Port: port}); err != nil {
		t.Fatalf("deploy: %v; stderr %s", err, errOut)
	}
	if img, _ := exec.snapshot("double"); len(img) == 0 || !strings.Contains(out.String(), "deployed double (") {
		t.Fatalf("image not deployed; stdout %q", out)
	}
	f, out, errOut = testFactory()
	f.WorkDir = linkProjectDir(t)
	if err := invokeOnDevice(context.Background(), f, deviceInvokeOptions{Port: port, Function: "double", Event: []byte(`{"x": 21}`), JSON: true}); err != nil {
		t.Fatal(err)
	}
	var rep deviceInvokeReport
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("invoke --json: %v: %s", err, out)
	}
	_, last := exec.snapshot("")
	var compact bytes.Buffer
	json.Compact(&compact, rep.Output)
	if rep.Status != "ok" || compact.String() != `{"y":42}` || rep.Logs[0] != "got 21" || last.Handler != "handler" {
		t.Fatalf("report %+v, request %+v", rep, last)
	}
	f, _, errOut = testFactory()
	err := invokeOnDevice(context.Background(), f, deviceInvokeOptions{Port: port, Function: "double", Event: []byte(`{"x": "boom"}`)})
	if ee, ok := err.(*ExitError); !ok || ee.Code != 1 || !strings.Contains(errOut.String(), "line 3, in handler") {
		t.Fatalf("exception: err %v, stderr %q", err, errOut)
	}
}

func TestDeviceLinkErrors(t *testing.T) {
	f, _, _ := testFactory()
	f.WorkDir = linkProjectDir(t)
	err := deployToDevice(context.Background(), f, deviceDeployOptions{Port: "/dev/nl-none"})
	if err == nil || !strings.Contains(err.Error(), "no serial port /dev/nl-none") {
		t.Fatalf("missing port: %v", err)
	}
	err = deployToDevice(context.Background(), f, deviceDeployOptions{Port: "/dev/null", Functions: []string{"nope"}})
	if err == nil || !strings.Contains(err.Error(), "nope") {
		t.Fatalf("unknown function: %v", err)
	}
	err = invokeOnDevice(context.Background(), f, deviceInvokeOptions{Port: "/dev/nl-none", Function: "double", Event: []byte("{")})
	if err == nil || !strings.Contains(err.Error(), "not valid JSON") {
		t.Fatalf("bad event: %v", err)
	}
}

// An invoke of a function the device does not hold says so once and says
// what to do.
func TestInvokeUndeployedFunction(t *testing.T) {
	f, _, _ := testFactory()
	f.WorkDir = t.TempDir()
	exec, err := newEmulatorExecutor(f, "esp8266")
	if err != nil {
		t.Fatal(err)
	}
	port, _ := serveLink(t, exec, linksim.Options{})
	err = invokeOnDevice(context.Background(), f, deviceInvokeOptions{Port: port, Function: "nosuch", Event: []byte(`{}`)})
	if err == nil {
		t.Fatal("invoke of an undeployed function succeeded")
	}
	msg := err.Error()
	if strings.Count(msg, "not found") != 1 || !strings.Contains(msg, "nosuch") || !strings.Contains(msg, "nl deploy --port "+port) {
		t.Fatalf("error = %q, want one 'not found', the name and a deploy hint", msg)
	}
}
