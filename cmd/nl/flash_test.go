package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/espimage"
	"github.com/nanolambda/nl/flasher/linksim"
	"github.com/nanolambda/nl/flasher/romsim"
)

func simChip(t *testing.T, chip string, size int) (*romsim.Sim, *linksim.Link) {
	t.Helper()
	sim, err := romsim.New(romsim.Options{Chip: chip, Flash: bytes.Repeat([]byte{0x5A}, size)})
	if err != nil {
		t.Fatal(err)
	}
	link, err := linksim.New(linksim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { link.Close() })
	go sim.Serve(link.Device)
	return sim, link
}

func writeTemp(t *testing.T, name string, data []byte) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestFlashCommand(t *testing.T) {
	sim, link := simChip(t, "esp8266", 1<<20)
	img, _ := (&espimage.Image{SizeFreq: 0x20, Entry: 0x40100000, Segments: []espimage.Segment{{Addr: 0x40100000, Data: make([]byte, 64)}}}).Encode()
	app := make([]byte, 9000)
	rand.New(rand.NewSource(1)).Read(app)
	f, out, errOut := testFactory()
	code := Main([]string{"flash", "--port", link.Path, "0x0", writeTemp(t, "fw.bin", img), "0x10000", writeTemp(t, "app.bin", app)}, f)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	fl := sim.Flash()
	if !bytes.Equal(fl[:len(img)], img) || !bytes.Equal(fl[0x10000:0x10000+len(app)], app) {
		t.Fatal("flash contents differ from the images")
	}
	for _, s := range []string{"Chip is ESP8266, flash 1024 KB", "NOT reset", "app.bin at 0x10000: 100%"} {
		if !strings.Contains(errOut.String(), s) {
			t.Errorf("stderr lacks %q:\n%s", s, errOut)
		}
	}
	if !strings.Contains(out.String(), fmt.Sprintf("Wrote %d bytes", len(img)+len(app))) || !strings.Contains(out.String(), "not verified") {
		t.Errorf("stdout: %q", out)
	}
}

func TestFlashCommandJSON(t *testing.T) {
	sim, link := simChip(t, "esp8266", 1<<20)
	app := make([]byte, 5000)
	rand.New(rand.NewSource(2)).Read(app)
	f, out, errOut := testFactory()
	if code := Main([]string{"flash", "--port", link.Path, "--json", "0x20000", writeTemp(t, "app.bin", app)}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var rep struct {
		Chip     string `json:"chip"`
		Bytes    int    `json:"bytes"`
		Verified bool   `json:"verified"`
		Images   []struct {
			Address uint32 `json:"address"`
			Bytes   int    `json:"bytes"`
		} `json:"images"`
	}
	if err := json.Unmarshal(out.Bytes(), &rep); err != nil {
		t.Fatalf("stdout is not JSON: %v\n%s", err, out)
	}
	if rep.Chip != "ESP8266" || rep.Bytes != len(app) || rep.Verified || len(rep.Images) != 1 || rep.Images[0].Address != 0x20000 {
		t.Errorf("report = %+v", rep)
	}
	if !bytes.Equal(sim.Flash()[0x20000:0x20000+len(app)], app) {
		t.Error("flash contents differ from the image")
	}
}

func TestFlashCommandErrors(t *testing.T) {
	_, link := simChip(t, "esp8266", 512<<10)
	small := writeTemp(t, "a.bin", []byte{1, 2, 3, 4})
	tests := []struct {
		name string
		args []string
		code int
		msg  string
	}{
		{"no port", []string{"flash", "0x0", small}, 2, "--port is required"},
		{"odd args", []string{"flash", "--port", link.Path, "0x0"}, 2, "ADDR FILE pairs"},
		{"bad addr", []string{"flash", "--port", link.Path, "zero", small}, 2, "is not a number"},
		{"unaligned addr", []string{"flash", "--port", "/dev/nl-missing", "0x1234", small}, 2, "0x1234 is not a multiple of the 4 KB sector size (0x1000); the nearest below is 0x1000"},
		{"missing port", []string{"flash", "--port", "/dev/nl-missing", "0x0", small}, 1, "no serial port /dev/nl-missing"},
		{"wrong chip", []string{"flash", "--port", link.Path, "--chip", "esp32", "0x0", small}, 1, "asked for esp32 but an ESP8266 answered"},
		{"too large", []string{"flash", "--port", link.Path, "0x70000", writeTemp(t, "big.bin", make([]byte, 0x20000))}, 1, "does not fit in the 512 KB flash"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, _, errOut := testFactory()
			f.WorkDir = t.TempDir() // no nanolambda.toml, so no [serial] port
			if code := Main(tt.args, f); code != tt.code || !strings.Contains(errOut.String(), tt.msg) {
				t.Fatalf("exit %d, stderr %q; want exit %d and %q", code, errOut, tt.code, tt.msg)
			}
		})
	}
}

// Without --port, nl flash takes the port of [serial] in nanolambda.toml.
func TestFlashPortFromProject(t *testing.T) {
	sim, link := simChip(t, "esp8266", 1<<20)
	dir := t.TempDir()
	toml := fmt.Sprintf("name = \"p\"\n\n[serial]\nport = %q\n", link.Path)
	if err := os.WriteFile(filepath.Join(dir, "nanolambda.toml"), []byte(toml), 0o644); err != nil {
		t.Fatal(err)
	}
	app := []byte("firmware from the project's port")
	f, _, errOut := testFactory()
	f.WorkDir = dir
	if code := Main([]string{"flash", "0x10000", writeTemp(t, "app.bin", app)}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(errOut.String(), "Using port "+link.Path+" from [serial]") {
		t.Errorf("stderr does not say where the port came from: %s", errOut)
	}
	if !bytes.Equal(sim.Flash()[0x10000:0x10000+len(app)], app) {
		t.Error("flash contents differ from the image")
	}
}

func TestImageInfoCommand(t *testing.T) {
	img, _ := (&espimage.Image{SizeFreq: 0x4F, FlashMode: 2, Entry: 0x40100010, Segments: []espimage.Segment{{Addr: 0x40100000, Data: make([]byte, 40)}}}).Encode()
	good := writeTemp(t, "good.bin", img)
	img[len(img)-1] ^= 0xFF
	bad := writeTemp(t, "bad.bin", img)
	f, out, _ := testFactory()
	if code := Main([]string{"image", "--info", good}, f); code != 0 || !strings.Contains(out.String(), "flash dio 4MB 80m") {
		t.Fatalf("exit %d: %s", code, out)
	}
	f, out, _ = testFactory()
	if code := Main([]string{"image", "--info", good, "--json"}, f); code != 0 {
		t.Fatalf("--info --json: exit %d", code)
	}
	var info struct {
		Entry     string `json:"entry"`
		FlashMode string `json:"flash_mode"`
		FlashSize string `json:"flash_size"`
		Valid     bool   `json:"valid"`
		Segments  []struct {
			Bytes  int    `json:"bytes"`
			Region string `json:"region"`
		} `json:"segments"`
	}
	if err := json.Unmarshal(out.Bytes(), &info); err != nil {
		t.Fatalf("--info --json: %v: %s", err, out)
	}
	if info.Entry != "0x40100010" || info.FlashMode != "dio" || info.FlashSize != "4MB" || !info.Valid || len(info.Segments) != 1 || info.Segments[0].Bytes != 40 || info.Segments[0].Region != "IRAM" {
		t.Errorf("--info --json = %+v", info)
	}
	f, _, errOut := testFactory()
	if code := Main([]string{"image", "--info", bad}, f); code == 0 || !strings.Contains(errOut.String(), "checksum") {
		t.Fatalf("corrupt image: exit %d, %s", code, errOut)
	}
	f, _, errOut = testFactory()
	if code := Main([]string{"image", good, "-o", filepath.Join(t.TempDir(), "x.bin")}, f); code == 0 || !strings.Contains(errOut.String(), "not an ELF") {
		t.Fatalf("non-ELF input: exit %d, %s", code, errOut)
	}
}

func TestPortsJSON(t *testing.T) {
	f, out, errOut := testFactory()
	if code := Main([]string{"ports", "--json"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	var v []map[string]any
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("not a JSON array: %v: %s", err, out)
	}
}

func TestProgressPrinter(t *testing.T) {
	var tty, plain bytes.Buffer
	pt, pp := newProgressPrinter(&tty, true), newProgressPrinter(&plain, false)
	for _, w := range []int{1024, 2048, 4096, 8192, 10240} {
		pr := flasher.Progress{Name: "app.bin", Addr: 0x10000, Written: w, Total: 10240, Elapsed: time.Duration(w) * time.Millisecond}
		pt.update(pr)
		pp.update(pr)
	}
	pt.done()
	if s := tty.String(); !strings.Contains(s, "\rapp.bin @0x10000 [###") || !strings.Contains(s, "100%") || !strings.Contains(s, "KB/s") || !strings.Contains(s, "left") || !strings.HasSuffix(s, "\n") {
		t.Errorf("terminal progress %q", s)
	}
	lines := strings.Split(strings.TrimSpace(plain.String()), "\n")
	if len(lines) != 5 || !strings.HasPrefix(lines[4], "app.bin at 0x10000: 100% (10240 of 10240 bytes") || strings.Contains(plain.String(), "\r") {
		t.Errorf("plain progress %q", plain.String())
	}
}

func TestMonitorCommand(t *testing.T) {
	link, err := linksim.New(linksim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer link.Close()
	go func() {
		link.Device.Write([]byte("ets Jan  8 2013,rst cause:2\n"))
		buf := make([]byte, 16)
		n, _ := link.Device.Read(buf)
		link.Device.Write(append([]byte("echo:"), buf[:n]...))
	}()
	f, _, errOut := testFactory()
	out := &lockedBuffer{}
	f.IO.Out = out
	pr, pw := io.Pipe()
	f.IO.In = pr
	res := make(chan int, 1)
	go func() { res <- Main([]string{"monitor", "--port", link.Path, "--baud", "74880"}, f) }()
	waitOut := func(s string) {
		for i := 0; i < 500 && !strings.Contains(out.String(), s); i++ {
			time.Sleep(10 * time.Millisecond)
		}
	}
	waitOut("rst cause:2")
	pw.Write([]byte("x"))
	waitOut("echo:x")
	pw.Write([]byte{0x1D})
	select {
	case code := <-res:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errOut)
		}
	case <-time.After(5 * time.Second):
		t.Fatal("Ctrl-] did not end nl monitor")
	}
	if !strings.Contains(out.String(), "rst cause:2") || !strings.Contains(out.String(), "echo:x") {
		t.Errorf("monitor output %q", out)
	}
	if !strings.Contains(errOut.String(), "at 74880 baud. Exit with Ctrl-]") {
		t.Errorf("stderr %q", errOut)
	}
}

func TestFlashPatchesHeader(t *testing.T) {
	sim, link := simChip(t, "esp8266", 1<<20)
	img, _ := (&espimage.Image{SizeFreq: 0x20, Entry: 0x40100000, Segments: []espimage.Segment{{Addr: 0x40100000, Data: make([]byte, 16)}}}).Encode()
	f, _, errOut := testFactory()
	if code := Main([]string{"flash", "--port", link.Path, "--flash-mode", "dio", "--flash-size", "4MB", "0x0", writeTemp(t, "fw.bin", img)}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	fl := sim.Flash()
	if fl[2] != 2 || fl[3] != 0x40 {
		t.Fatalf("header bytes 2-3 = %02x %02x, want 02 40", fl[2], fl[3])
	}
	if _, err := espimage.Parse(fl[:len(img)]); err != nil {
		t.Fatalf("patched image no longer valid: %v", err)
	}
	f, _, errOut = testFactory()
	if code := Main([]string{"flash", "--port", link.Path, "--flash-size", "3MB", "0x0", writeTemp(t, "fw.bin", img)}, f); code != 2 || !strings.Contains(errOut.String(), "unknown flash size") {
		t.Fatalf("bad size: exit %d, %s", code, errOut)
	}
}

func TestFlashInterrupted(t *testing.T) {
	_, link := simChip(t, "esp8266", 1<<20)
	f, _, _ := testFactory()
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	err := flashRun(ctx, f, &flashOptions{Port: link.Path, Chip: "auto", Baud: 115200, Mode: "keep", Size: "keep", Freq: "keep",
		Images: []flasher.Image{{Name: "a.bin", Data: []byte{1, 2, 3, 4}}}})
	ee, ok := err.(*ExitError)
	if !ok || ee.Code != 130 || !strings.Contains(ee.Error(), "interrupted") {
		t.Fatalf("flashRun after Ctrl-C = %v", err)
	}
}

func TestMonitorNeedsAPort(t *testing.T) {
	f, _, errOut := testFactory()
	f.WorkDir = t.TempDir()
	if code := Main([]string{"monitor"}, f); code != 2 || !strings.Contains(errOut.String(), "set port in the [serial] section") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
	// A broken nanolambda.toml is reported, not skipped.
	os.WriteFile(filepath.Join(f.WorkDir, "nanolambda.toml"), []byte("name = \"p\"\n[serial]\nprot = \"/dev/x\"\n"), 0o644)
	f2, _, errOut2 := testFactory()
	f2.WorkDir = f.WorkDir
	if code := Main([]string{"monitor"}, f2); code == 0 || !strings.Contains(errOut2.String(), "prot") {
		t.Fatalf("broken project: exit %d, stderr %q", code, errOut2)
	}
}
