package devlink_test

import (
	"bytes"
	"context"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"math/rand"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/nanolambda/nl/devlink"
	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/linksim"
)

// memExecutor stores images and "runs" a function by echoing the event with
// its image's length; enough to test the protocol, not the VM.
type memExecutor struct {
	mu    sync.Mutex
	fns   map[string][]byte
	flash int
}

func newMem() *memExecutor { return &memExecutor{fns: map[string][]byte{}, flash: 64 << 10} }

func (m *memExecutor) image(name string) []byte {
	m.mu.Lock()
	defer m.mu.Unlock()
	return m.fns[name]
}

func (m *memExecutor) Info() devlink.DeviceInfo {
	m.mu.Lock()
	defer m.mu.Unlock()
	used := 0
	for _, b := range m.fns {
		used += len(b)
	}
	return devlink.DeviceInfo{ImageVersion: 1, FreeHeap: 40000, FreeFlash: uint32(m.flash - used), VM: "test", Device: "mem"}
}

func (m *memExecutor) Deploy(name string, image []byte) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if bytes.HasPrefix(image, []byte("BAD")) {
		return fmt.Errorf("%w: bad magic", devlink.ErrBadImage)
	}
	m.fns[name] = append([]byte(nil), image...)
	return nil
}

func (m *memExecutor) List() []devlink.FunctionInfo {
	m.mu.Lock()
	defer m.mu.Unlock()
	var out []devlink.FunctionInfo
	for n, b := range m.fns {
		out = append(out, devlink.FunctionInfo{Name: n, Bytes: len(b)})
	}
	return out
}

func (m *memExecutor) Delete(name string) error {
	m.mu.Lock()
	defer m.mu.Unlock()
	if _, ok := m.fns[name]; !ok {
		return fmt.Errorf("%w: %s", devlink.ErrNotFound, name)
	}
	delete(m.fns, name)
	return nil
}

func (m *memExecutor) Invoke(ctx context.Context, req devlink.InvokeRequest) (devlink.InvokeResult, error) {
	m.mu.Lock()
	img, ok := m.fns[req.Function]
	m.mu.Unlock()
	if !ok {
		return devlink.InvokeResult{}, fmt.Errorf("%w: %s", devlink.ErrNotFound, req.Function)
	}
	if string(req.Event) == `"raise"` {
		return devlink.InvokeResult{Status: devlink.StatusException, ErrType: "ValueError", ErrMsg: "bad", Traceback: "Traceback (most recent call last):\n  File \"h.py\", line 2, in handler\nValueError: bad\n"}, nil
	}
	return devlink.InvokeResult{Output: []byte(fmt.Sprintf(`{"echo":%s,"image":%d}`, req.Event, len(img))), Logs: []string{"hello from " + req.Function}, Steps: 42, PeakHeap: 1000, DeviceTime: 1500 * time.Microsecond}, nil
}

type rig struct {
	link *linksim.Link
	dev  *devlink.Device
	exec *memExecutor
	c    *devlink.Client
}

func newRig(t *testing.T, lo linksim.Options, co devlink.Options) *rig {
	t.Helper()
	link, err := linksim.New(lo)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { link.Close() })
	r := &rig{link: link, exec: newMem()}
	r.dev = &devlink.Device{Exec: r.exec, MaxPayload: 512}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go r.dev.Serve(ctx, link.Device)
	port, err := flasher.OpenPort(link.Path, 115200)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { port.Close() })
	if co.AckTimeout == 0 {
		co.AckTimeout = 100 * time.Millisecond
	}
	r.c, err = devlink.Connect(context.Background(), port, co)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func image(n int, seed int64) []byte {
	b := make([]byte, n)
	rand.New(rand.NewSource(seed)).Read(b)
	return b
}

func TestDeployListInvokeDelete(t *testing.T) {
	var progress []int
	r := newRig(t, linksim.Options{}, devlink.Options{Progress: func(d, total int) { progress = append(progress, d) }})
	ctx := context.Background()
	info := r.c.Info()
	if info.Protocol != 1 || info.MaxPayload != 512 || info.FreeFlash != 64<<10 || info.Device != "mem" {
		t.Fatalf("info %+v", info)
	}
	img := image(4096, 1)
	if err := r.c.Deploy(ctx, "sense", img); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(r.exec.image("sense"), img) {
		t.Fatal("device stored a different image")
	}
	if len(progress) != 9 || progress[len(progress)-1] != 4096 {
		t.Errorf("progress calls %v", progress)
	}
	fns, err := r.c.List(ctx)
	if err != nil || len(fns) != 1 || fns[0] != (devlink.FunctionInfo{Name: "sense", Bytes: 4096}) {
		t.Fatalf("List = %v, %v", fns, err)
	}
	res, err := r.c.Invoke(ctx, devlink.InvokeRequest{Function: "sense", Event: []byte(`{"t":21.5}`), Timeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	if string(res.Output) != `{"echo":{"t":21.5},"image":4096}` || res.Logs[0] != "hello from sense" || res.Steps != 42 || res.DeviceTime != 1500*time.Microsecond {
		t.Fatalf("result %+v output %s", res, res.Output)
	}
	res, err = r.c.Invoke(ctx, devlink.InvokeRequest{Function: "sense", Event: []byte(`"raise"`)})
	if err != nil || res.Status != devlink.StatusException || res.ErrType != "ValueError" || !strings.Contains(res.Traceback, "line 2") {
		t.Fatalf("exception result %+v, %v", res, err)
	}
	if err := r.c.Delete(ctx, "sense"); err != nil {
		t.Fatal(err)
	}
	var de *devlink.DeviceError
	if err := r.c.Delete(ctx, "sense"); !errors.As(err, &de) || de.Code != devlink.ErrCodeNotFound {
		t.Fatalf("second Delete = %v, want not found", err)
	}
	if _, err := r.c.Invoke(ctx, devlink.InvokeRequest{Function: "gone"}); !errors.As(err, &de) || de.Code != devlink.ErrCodeNotFound {
		t.Fatalf("Invoke missing = %v", err)
	}
	if err := r.c.Reset(ctx); err != nil {
		t.Fatal(err)
	}
	// A clean line needs no retransmissions, unless the machine stalled the
	// device past the ACK timeout; that is legal, so only report it.
	if r.c.Stats.Retransmits != 0 {
		t.Logf("clean line needed %d retransmissions", r.c.Stats.Retransmits)
	}
}

func TestDeviceErrors(t *testing.T) {
	r := newRig(t, linksim.Options{}, devlink.Options{})
	ctx := context.Background()
	var de *devlink.DeviceError
	tests := []struct {
		name string
		do   func() error
		code byte
	}{
		{"too big for flash", func() error { return r.c.Deploy(ctx, "big", make([]byte, 65<<10)) }, devlink.ErrCodeNoSpace},
		{"bad name", func() error { return r.c.Deploy(ctx, "a/b", []byte{1}) }, devlink.ErrCodeBadRequest},
		{"rejected image", func() error { return r.c.Deploy(ctx, "x", []byte("BADIMAGE")) }, devlink.ErrCodeBadImage},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if err := tt.do(); !errors.As(err, &de) || de.Code != tt.code {
				t.Fatalf("got %v, want device error %d", err, tt.code)
			}
		})
	}
	if _, err := r.c.Invoke(ctx, devlink.InvokeRequest{Function: "f", Event: make([]byte, 600)}); err == nil || !strings.Contains(err.Error(), "at most") {
		t.Fatalf("oversized event: %v", err)
	}
}

// TestNoisyLine injects flipped and dropped bytes both ways and checks that
// the deployed image and the results arrive intact.
func TestNoisyLine(t *testing.T) {
	nz := linksim.Noise{FlipRate: 0.0005, DropRate: 0.0002, After: 300}
	r := newRig(t, linksim.Options{Seed: 3, ToDevice: nz, ToHost: nz}, devlink.Options{Retries: 20})
	ctx := context.Background()
	for i := 0; i < 3; i++ {
		img := image(8192, int64(i))
		name := fmt.Sprintf("fn%d", i)
		if err := r.c.Deploy(ctx, name, img); err != nil {
			t.Fatal(err)
		}
		if !bytes.Equal(r.exec.image(name), img) {
			t.Fatalf("%s corrupted on a noisy line", name)
		}
		res, err := r.c.Invoke(ctx, devlink.InvokeRequest{Function: name, Event: []byte(`[1,2,3]`)})
		if err != nil {
			t.Fatal(err)
		}
		if want := fmt.Sprintf(`{"echo":[1,2,3],"image":%d}`, len(img)); string(res.Output) != want {
			t.Fatalf("output %s, want %s", res.Output, want)
		}
	}
	st := r.link.Stats()
	if st.Flipped+st.Dropped == 0 || r.c.Stats.Retransmits == 0 {
		t.Fatalf("noise not exercised: %+v, host %+v", st, r.c.Stats)
	}
	t.Logf("relay %+v; host %+v; device bad frames %d, duplicates %d", st, r.c.Stats, r.dev.BadFrames, r.dev.Duplicates)
}

func TestNoAnswer(t *testing.T) {
	link, err := linksim.New(linksim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer link.Close()
	go io.Copy(io.Discard, link.Device)
	port, err := flasher.OpenPort(link.Path, 115200)
	if err != nil {
		t.Fatal(err)
	}
	defer port.Close()
	_, err = devlink.Connect(context.Background(), port, devlink.Options{AckTimeout: 50 * time.Millisecond, Retries: 2})
	if !errors.Is(err, devlink.ErrNoAnswer) {
		t.Fatalf("Connect = %v, want ErrNoAnswer", err)
	}
}

func TestPortVanishes(t *testing.T) {
	r := newRig(t, linksim.Options{Baud: 115200}, devlink.Options{})
	done := make(chan error, 1)
	go func() { done <- r.c.Deploy(context.Background(), "f", image(60000, 1)) }()
	time.Sleep(300 * time.Millisecond)
	r.link.Close()
	select {
	case err := <-done:
		if err == nil {
			t.Fatal("Deploy succeeded after the port vanished")
		}
		t.Logf("Deploy: %v", err)
	case <-time.After(10 * time.Second):
		t.Fatal("Deploy hung after the port vanished")
	}
}

func TestCRC16(t *testing.T) {
	if got := devlink.CRC16([]byte("123456789")); got != 0x29B1 {
		t.Fatalf("CRC16(123456789) = %04X, want 29B1", got)
	}
}

// The byte dumps in docs/device-protocol.md §9 come from here.
func TestExampleFrames(t *testing.T) {
	tests := []struct {
		name string
		typ  byte
		seq  byte
		p    []byte
		want string
	}{
		{"hello", devlink.TypeHello, 0x10, []byte{1}, "a55a01100100" + "01" + "eb87"},
		{"ack", devlink.TypeAck, 0x10, nil, "a55a7e100000" + "8c27"},
		{"list", devlink.TypeList, 0x11, nil, "a55a05110000" + "d64c"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := hex.EncodeToString(devlink.EncodeFrame(nil, tt.typ, tt.seq, tt.p))
			if got != tt.want {
				t.Errorf("frame = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestDecoderResync(t *testing.T) {
	good := devlink.EncodeFrame(nil, devlink.TypeList, 7, []byte("abc"))
	bad := append([]byte(nil), good...)
	bad[4] = 200 // corrupted length: swallows the next frame until its CRC fails
	var d devlink.Decoder
	d.Write([]byte{0, 0xA5, 1})
	d.Write(bad)
	d.Write(good)
	var got []devlink.Frame
	for i := 0; i < 20; i++ {
		f, res := d.Next()
		if res == devlink.Got {
			got = append(got, f)
		}
		if res == devlink.NeedMore {
			d.Expire()
			if !d.Pending() {
				break
			}
		}
	}
	if len(got) != 1 || got[0].Seq != 7 || string(got[0].Payload) != "abc" {
		t.Fatalf("frames %+v", got)
	}
}

// FuzzDecoder: arbitrary input never panics, and a good frame appended after
// any garbage is still found, unless the garbage itself forms a frame with a
// valid CRC that swallows it (a 1 in 65536 event the fuzzer does construct).
func FuzzDecoder(f *testing.F) {
	f.Add([]byte{0xA5, 0x5A, 0x01, 0x00, 0xFF, 0xFF})
	f.Add(devlink.EncodeFrame(nil, 1, 2, []byte{3}))
	f.Fuzz(func(t *testing.T, garbage []byte) {
		good := devlink.EncodeFrame(nil, devlink.TypeInvoke, 9, []byte("payload"))
		var d devlink.Decoder
		d.Write(garbage)
		d.Write(good)
		found, other := false, false
		for i := 0; i < 10*len(garbage)+100 && !found; i++ {
			fr, res := d.Next()
			switch res {
			case devlink.Got:
				found = fr.Seq == 9 && fr.Type == devlink.TypeInvoke && string(fr.Payload) == "payload"
				other = other || !found
			case devlink.NeedMore:
				if !d.Pending() {
					i = 1 << 30
				}
				d.Expire()
			}
		}
		if !found && !other {
			t.Fatalf("frame lost after % x", garbage)
		}
	})
}

// FuzzDevice: any request frame gets exactly an ACK and one answer (or a
// NAK), and never a panic.
func FuzzDevice(f *testing.F) {
	f.Add(byte(devlink.TypeUploadBegin), []byte{4, 'e', 'c', 'h', 'o', 4, 0, 0, 0, 0, 0, 0, 0})
	f.Add(byte(devlink.TypeInvoke), []byte{1, 'f', 0, 0, 0, 0, 0, '{', '}'})
	f.Add(byte(devlink.TypeUploadChunk), []byte{0, 0, 0, 0, 1, 2, 3})
	f.Fuzz(func(t *testing.T, typ byte, payload []byte) {
		if len(payload) > 1024 {
			return
		}
		in := devlink.EncodeFrame(nil, devlink.TypeUploadBegin, 1, []byte{1, 'f', 8, 0, 0, 0, 0, 0, 0, 0})
		in = devlink.EncodeFrame(in, typ, 2, payload)
		var out bytes.Buffer
		ctx, cancel := context.WithCancel(context.Background())
		defer cancel()
		want := 4
		if typ&devlink.TypeResponse != 0 || typ == devlink.TypeAck || typ == devlink.TypeNak || typ == devlink.TypeError {
			want = 2
		}
		d := &devlink.Device{Exec: newMem()}
		d.Serve(ctx, &onceRW{in: in, out: &out, want: want})
		var dec devlink.Decoder
		dec.Write(out.Bytes())
		var types []byte
		for {
			fr, res := dec.Next()
			if res != devlink.Got {
				break
			}
			types = append(types, fr.Type)
		}
		if typ&devlink.TypeResponse != 0 || typ == devlink.TypeAck || typ == devlink.TypeNak || typ == devlink.TypeError {
			if len(types) != 2 {
				t.Fatalf("non-request type 0x%02X answered: % x", typ, types)
			}
			return
		}
		if len(types) != 4 || types[2] != devlink.TypeAck || (types[3] != typ|devlink.TypeResponse && types[3] != devlink.TypeError) {
			t.Fatalf("answers % x to type 0x%02X", types, typ)
		}
	})
}

// onceRW delivers its input, then ends the stream once want answers have
// been written (or after a second).
type onceRW struct {
	in     []byte
	out    *bytes.Buffer
	want   int
	mu     sync.Mutex
	writes int
	done   bool
}

func (r *onceRW) Read(p []byte) (int, error) {
	if !r.done {
		r.done = true
		return copy(p, r.in), nil
	}
	for i := 0; i < 100; i++ {
		r.mu.Lock()
		n := r.writes
		r.mu.Unlock()
		if n >= r.want {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	return 0, io.EOF
}

func (r *onceRW) Write(p []byte) (int, error) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.writes++
	return r.out.Write(p)
}

// serveFrames runs a Device over a fixed input and returns the frames it sent.
func serveFrames(t *testing.T, exec devlink.Executor, want int, frames ...[]byte) []devlink.Frame {
	t.Helper()
	var in []byte
	for _, f := range frames {
		in = append(in, f...)
	}
	var out bytes.Buffer
	(&devlink.Device{Exec: exec}).Serve(context.Background(), &onceRW{in: in, out: &out, want: want})
	var dec devlink.Decoder
	dec.Write(out.Bytes())
	var got []devlink.Frame
	for {
		f, res := dec.Next()
		if res != devlink.Got {
			return got
		}
		got = append(got, f)
	}
}

func req(typ, seq byte, p ...byte) []byte { return devlink.EncodeFrame(nil, typ, seq, p) }

// TestDeviceConformance pins the device side's answers, which the C firmware
// must reproduce (docs/device-protocol.md sections 3, 4 and 6).
func TestDeviceConformance(t *testing.T) {
	begin := func(seq byte, size byte, crc uint32) []byte {
		return req(devlink.TypeUploadBegin, seq, 1, 'f', size, 0, 0, 0, byte(crc), byte(crc>>8), byte(crc>>16), byte(crc>>24))
	}
	crcABCD := uint32(0xED82CD11) // CRC-32 of "abcd"
	tests := []struct {
		name   string
		frames [][]byte
		last   byte // type of the last frame sent
		code   byte // for ERROR
	}{
		{"hello wrong version", [][]byte{req(devlink.TypeHello, 1, 2)}, devlink.TypeError, devlink.ErrCodeVersion},
		{"hello malformed", [][]byte{req(devlink.TypeHello, 1)}, devlink.TypeError, devlink.ErrCodeBadRequest},
		{"unknown type", [][]byte{req(0x30, 1)}, devlink.TypeError, devlink.ErrCodeUnknown},
		{"chunk without begin", [][]byte{req(devlink.TypeUploadChunk, 1, 0, 0, 0, 0, 'a')}, devlink.TypeError, devlink.ErrCodeNoUpload},
		{"end without begin", [][]byte{req(devlink.TypeUploadEnd, 1)}, devlink.TypeError, devlink.ErrCodeNoUpload},
		{"chunk at wrong offset", [][]byte{begin(1, 4, crcABCD), req(devlink.TypeUploadChunk, 2, 1, 0, 0, 0, 'a')}, devlink.TypeError, devlink.ErrCodeOffset},
		{"chunk past size", [][]byte{begin(1, 4, crcABCD), req(devlink.TypeUploadChunk, 2, 0, 0, 0, 0, 'a', 'b', 'c', 'd', 'e')}, devlink.TypeError, devlink.ErrCodeOffset},
		{"short image", [][]byte{begin(1, 4, crcABCD), req(devlink.TypeUploadChunk, 2, 0, 0, 0, 0, 'a'), req(devlink.TypeUploadEnd, 3)}, devlink.TypeError, devlink.ErrCodeCRC},
		{"wrong crc", [][]byte{begin(1, 4, crcABCD^1), req(devlink.TypeUploadChunk, 2, 0, 0, 0, 0, 'a', 'b', 'c', 'd'), req(devlink.TypeUploadEnd, 3)}, devlink.TypeError, devlink.ErrCodeCRC},
		{"good upload", [][]byte{begin(1, 4, crcABCD), req(devlink.TypeUploadChunk, 2, 0, 0, 0, 0, 'a', 'b', 'c', 'd'), req(devlink.TypeUploadEnd, 3)}, devlink.TypeUploadEnd | devlink.TypeResponse, 0},
		{"delete missing", [][]byte{req(devlink.TypeDelete, 1, 1, 'x')}, devlink.TypeError, devlink.ErrCodeNotFound},
		{"list extra bytes", [][]byte{req(devlink.TypeList, 1, 0)}, devlink.TypeError, devlink.ErrCodeBadRequest},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := serveFrames(t, newMem(), 2*len(tt.frames), tt.frames...)
			if len(got) != 2*len(tt.frames) {
				t.Fatalf("%d frames sent, want an ACK and an answer for each of %d requests", len(got), len(tt.frames))
			}
			last := got[len(got)-1]
			if last.Type != tt.last || last.Seq != got[len(got)-2].Seq || got[len(got)-2].Type != devlink.TypeAck {
				t.Fatalf("last answer %s seq %d after %s", devlink.TypeName(last.Type), last.Seq, devlink.TypeName(got[len(got)-2].Type))
			}
			if tt.last == devlink.TypeError && last.Payload[0] != tt.code {
				t.Fatalf("error code %d, want %d", last.Payload[0], tt.code)
			}
		})
	}
}

// A repeated request is answered from the cache, not run again.
func TestDeviceRepeatedRequest(t *testing.T) {
	exec := newMem()
	crc := uint32(0xED82CD11)
	chunk := req(devlink.TypeUploadChunk, 2, 0, 0, 0, 0, 'a', 'b', 'c', 'd')
	got := serveFrames(t, exec, 10,
		req(devlink.TypeUploadBegin, 1, 1, 'f', 4, 0, 0, 0, byte(crc), byte(crc>>8), byte(crc>>16), byte(crc>>24)),
		chunk, chunk, // the second is a retransmission: same seq
		req(devlink.TypeUploadEnd, 3),
		req(devlink.TypeHello, 3, 1), // HELLO is never a repeat, even with the last seq
	)
	if len(got) != 10 {
		t.Fatalf("%d frames", len(got))
	}
	if got[3].Type != devlink.TypeUploadChunk|devlink.TypeResponse || !bytes.Equal(got[3].Payload, got[5].Payload) || got[4].Type != devlink.TypeAck {
		t.Fatalf("repeat not answered from the cache: %+v / %+v", got[3], got[5])
	}
	if got[7].Type != devlink.TypeUploadEnd|devlink.TypeResponse || string(exec.image("f")) != "abcd" {
		t.Fatalf("upload after a repeated chunk: %s, image %q", devlink.TypeName(got[7].Type), exec.image("f"))
	}
	if got[9].Type != devlink.TypeHello|devlink.TypeResponse {
		t.Fatalf("HELLO with the last seq answered with %s", devlink.TypeName(got[9].Type))
	}
}

// A corrupted frame is answered with NAK.
func TestDeviceNaksBadFrame(t *testing.T) {
	bad := req(devlink.TypeList, 1)
	bad[len(bad)-1] ^= 0xFF
	got := serveFrames(t, newMem(), 1, bad)
	if len(got) != 1 || got[0].Type != devlink.TypeNak {
		t.Fatalf("answers %+v, want one NAK", got)
	}
}
