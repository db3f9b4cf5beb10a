package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/flasher/linksim"
)

// The whole path on the real emulator: nl emulate --serial, then deploy and
// invoke over the pty.
func TestEmulateSerialDeployInvoke(t *testing.T) {
	port := startEmulate(t, &emulateOptions{Serial: true, Device: "esp8266"})
	dir := linkProjectDir(t)
	f, out, errOut := testFactory()
	f.WorkDir = dir
	if err := deployToDevice(context.Background(), f, deviceDeployOptions{Port: port}); err != nil {
		t.Fatalf("deploy: %v; stderr %s", err, errOut)
	}
	if !strings.Contains(errOut.String(), "Device esp8266") || !strings.Contains(out.String(), "deployed double") {
		t.Fatalf("stdout %q stderr %q", out, errOut)
	}
	f, out, errOut = testFactory()
	f.WorkDir = dir
	if err := invokeOnDevice(context.Background(), f, deviceInvokeOptions{Port: port, Function: "double", Event: []byte(`{"x": 21}`)}); err != nil {
		t.Fatalf("invoke: %v; stderr %s", err, errOut)
	}
	var got map[string]any
	if err := json.Unmarshal(out.Bytes(), &got); err != nil || got["y"] != float64(42) {
		t.Fatalf("output %q (%v)", out, err)
	}
	if !strings.Contains(errOut.String(), "got 21") {
		t.Errorf("log line missing from stderr %q", errOut)
	}
	f, _, errOut = testFactory()
	f.WorkDir = dir
	err := invokeOnDevice(context.Background(), f, deviceInvokeOptions{Port: port, Function: "double", Event: []byte(`{"x": null}`)})
	if err == nil || !strings.Contains(errOut.String(), "TypeError") || !strings.Contains(errOut.String(), "line 3") {
		t.Fatalf("a raising handler: err %v, stderr %q", err, errOut)
	}
}

// Deploy and invoke through a relay that flips and drops bytes both ways.
func TestSerialDeployInvokeWithNoise(t *testing.T) {
	f, _, _ := testFactory()
	exec, err := newEmulatorExecutor(f, "esp8266")
	if err != nil {
		t.Fatal(err)
	}
	nz := linksim.Noise{FlipRate: 0.003, DropRate: 0.001, After: 100}
	port, link := serveLink(t, exec, linksim.Options{Seed: 11, ToDevice: nz, ToHost: nz})
	dir := linkProjectDir(t)
	defer func() {
		if st := link.Stats(); st.Flipped+st.Dropped == 0 {
			t.Errorf("no noise injected: %+v", st)
		} else {
			t.Logf("relay: %+v", st)
		}
	}()
	for i := 0; i < 5; i++ {
		f, out, errOut := testFactory()
		f.WorkDir = dir
		if err := deployToDevice(context.Background(), f, deviceDeployOptions{Port: port}); err != nil {
			t.Fatalf("deploy %d: %v; %s", i, err, errOut)
		}
		f, out, errOut = testFactory()
		f.WorkDir = dir
		if err := invokeOnDevice(context.Background(), f, deviceInvokeOptions{Port: port, Function: "double", Event: []byte(`{"x": 5}`), JSON: true}); err != nil {
			t.Fatalf("invoke %d: %v; %s", i, err, errOut)
		}
		var rep deviceInvokeReport
		if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
			t.Fatal(err)
		}
		var c bytes.Buffer
		json.Compact(&c, rep.Output)
		if rep.Status != "ok" || c.String() != `{"y":10}` || rep.Steps == 0 {
			t.Fatalf("invoke %d: %+v", i, rep)
		}
	}
}

// The emulated device applies its profile's heap limit, and a warm function
// still reports its print() lines on every invoke, not only the first.
func TestEmulateSerialLimitsAndWarmLogs(t *testing.T) {
	port := startEmulate(t, &emulateOptions{Serial: true, Device: "esp8266"})
	dir := linkProjectDir(t)
	hungry := "def handler(event, context):\n    print(\"n\", event[\"n\"])\n    xs = []\n    for i in range(event[\"n\"]):\n        xs.append([i, i])\n    return len(xs)\n"
	if err := os.WriteFile(filepath.Join(dir, "handler.py"), []byte(hungry), 0o644); err != nil {
		t.Fatal(err)
	}
	f, _, errOut := testFactory()
	f.WorkDir = dir
	if err := deployToDevice(context.Background(), f, deviceDeployOptions{Port: port}); err != nil {
		t.Fatalf("deploy: %v; stderr %s", err, errOut)
	}
	invoke := func(n int) (deviceInvokeReport, error) {
		f, out, _ := testFactory()
		f.WorkDir = dir
		err := invokeOnDevice(context.Background(), f, deviceInvokeOptions{Port: port, Function: "double", Event: []byte(fmt.Sprintf(`{"n": %d}`, n)), JSON: true})
		var rep deviceInvokeReport
		if jerr := json.Unmarshal(out.Bytes(), &rep); jerr != nil {
			t.Fatalf("invoke --json n=%d: %v: %q", n, jerr, out)
		}
		return rep, err
	}
	for i, n := range []int{10, 20} {
		rep, err := invoke(n)
		if err != nil || rep.Status != "ok" || string(rep.Output) != fmt.Sprint(n) {
			t.Fatalf("invoke %d: %v %+v", i, err, rep)
		}
		if want := fmt.Sprintf("n %d", n); len(rep.Logs) != 1 || rep.Logs[0] != want {
			t.Errorf("invoke %d: logs %q, want [%q]", i, rep.Logs, want)
		}
	}
	rep, err := invoke(100000)
	if err == nil || rep.Status != "memory" || !strings.Contains(rep.Error, "MemoryError") {
		t.Fatalf("over the 64 KB heap: err %v, report %+v", err, rep)
	}
}
