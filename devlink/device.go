package devlink

import (
	"context"
	"errors"
	"hash/crc32"
	"io"
	"time"
)

// Device is the device side of the protocol, serving requests with an
// Executor. It is what the C firmware implements; this Go version runs in
// nl emulate --serial and in tests.
type Device struct {
	Exec Executor
	// MaxPayload is the longest request payload accepted, announced in
	// HELLO_OK (default 1024, what a 64 KB device can buffer).
	MaxPayload int
	// FrameTimeout drops a partial frame after this much silence (default 100 ms).
	FrameTimeout time.Duration
	// MaxImage bounds an upload before flash is even considered (default 1 MB).
	MaxImage int

	lastSeq int    // sequence number of the last request handled; -1 none
	cached  []byte // its response frame, sent again for a repeated request
	up      *upload
	w       io.Writer
	// Stats
	BadFrames, Duplicates int
}

type upload struct {
	name string
	size int
	crc  uint32
	data []byte
}

// Serve answers requests from rw until it fails or ctx ends.
func (d *Device) Serve(ctx context.Context, rw io.ReadWriter) error {
	if d.MaxPayload == 0 {
		d.MaxPayload = 1024
	}
	if d.FrameTimeout == 0 {
		d.FrameTimeout = 100 * time.Millisecond
	}
	if d.MaxImage == 0 {
		d.MaxImage = 1 << 20
	}
	d.lastSeq = -1
	d.w = rw
	chunks := make(chan []byte, 16)
	rerr := make(chan error, 1)
	go func() {
		for {
			buf := make([]byte, 2048)
			n, err := rw.Read(buf)
			if n > 0 {
				chunks <- buf[:n]
			}
			if err != nil {
				rerr <- err
				return
			}
		}
	}()
	dec := Decoder{Max: d.MaxPayload}
	timer := time.NewTimer(time.Hour)
	defer timer.Stop()
	for {
		select {
		case <-ctx.Done():
			return ctx.Err()
		case err := <-rerr:
			return err
		case <-timer.C:
			dec.Expire()
		case b := <-chunks:
			dec.Write(b)
		}
		for {
			f, res := dec.Next()
			if res == NeedMore {
				break
			}
			if res == Bad {
				d.BadFrames++
				if err := d.send(TypeNak, 0, nil); err != nil {
					return err
				}
				continue
			}
			if err := d.handle(ctx, f); err != nil {
				return err
			}
		}
		if !timer.Stop() {
			select {
			case <-timer.C:
			default:
			}
		}
		if dec.Pending() {
			timer.Reset(d.FrameTimeout)
		}
	}
}

func (d *Device) send(typ, seq byte, payload []byte) error {
	_, err := d.w.Write(EncodeFrame(nil, typ, seq, payload))
	return err
}

func (d *Device) handle(ctx context.Context, f Frame) error {
	if f.Type&TypeResponse != 0 || f.Type == TypeAck || f.Type == TypeNak || f.Type == TypeError {
		return nil // not a request: ignore
	}
	// A repeated request means our answer was lost: acknowledge and answer
	// again from the cache without running it twice. HELLO is never a
	// repeat, since a new host session may reuse the last sequence number.
	if f.Type != TypeHello && int(f.Seq) == d.lastSeq && d.cached != nil {
		d.Duplicates++
		if err := d.send(TypeAck, f.Seq, nil); err != nil {
			return err
		}
		_, err := d.w.Write(d.cached)
		return err
	}
	if err := d.send(TypeAck, f.Seq, nil); err != nil {
		return err
	}
	typ, payload := d.dispatch(ctx, f)
	if len(payload) > MaxPayload {
		typ, payload = TypeError, errorPayload(ErrCodeTooLarge, "result larger than 4096 bytes")
	}
	d.lastSeq = int(f.Seq)
	d.cached = EncodeFrame(nil, typ, f.Seq, payload)
	_, err := d.w.Write(d.cached)
	if f.Type == TypeReset && typ != TypeError {
		// A reset device remembers nothing: a repeated RESET runs again.
		d.lastSeq, d.cached = -1, nil
	}
	return err
}

func fail(code byte, msg string) (byte, []byte) { return TypeError, errorPayload(code, msg) }

func execErr(err error) (byte, []byte) {
	switch {
	case errors.Is(err, ErrNotFound):
		return fail(ErrCodeNotFound, err.Error())
	case errors.Is(err, ErrNoSpace):
		return fail(ErrCodeNoSpace, err.Error())
	case errors.Is(err, ErrBadImage):
		return fail(ErrCodeBadImage, err.Error())
	case errors.Is(err, ErrBadEvent):
		return fail(ErrCodeBadRequest, err.Error())
	}
	return fail(ErrCodeInternal, err.Error())
}

func validName(s string) bool {
	if s == "" || len(s) > 64 {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-' || c == '.') {
			return false
		}
	}
	return true
}

func (d *Device) dispatch(ctx context.Context, f Frame) (byte, []byte) {
	ok := f.Type | TypeResponse
	p := dec{b: f.Payload}
	switch f.Type {
	case TypeHello:
		v := p.u8()
		if p.done() != nil {
			return fail(ErrCodeBadRequest, "HELLO carries one byte, the protocol version")
		}
		if v != ProtocolVer {
			return fail(ErrCodeVersion, "this device speaks protocol version 1")
		}
		d.up = nil
		info := d.Exec.Info()
		info.Protocol, info.MaxPayload = ProtocolVer, uint16(d.MaxPayload)
		return ok, info.encode()
	case TypeUploadBegin:
		name, size, crc := p.str8(), int(p.u32()), p.u32()
		if p.done() != nil {
			return fail(ErrCodeBadRequest, "UPLOAD_BEGIN is name:str8 size:u32 crc32:u32")
		}
		if !validName(name) {
			return fail(ErrCodeBadRequest, "function names are 1-64 characters of A-Z a-z 0-9 _ - .")
		}
		if size == 0 || size > d.MaxImage || int64(size) > int64(d.Exec.Info().FreeFlash) {
			return fail(ErrCodeNoSpace, "image does not fit in the free flash")
		}
		d.up = &upload{name: name, size: size, crc: crc, data: make([]byte, 0, size)}
		return ok, nil
	case TypeUploadChunk:
		off := int(p.u32())
		data := p.rest()
		if p.err != nil {
			return fail(ErrCodeBadRequest, "UPLOAD_CHUNK is offset:u32 data")
		}
		if d.up == nil {
			return fail(ErrCodeNoUpload, "")
		}
		if off != len(d.up.data) || off+len(data) > d.up.size {
			return fail(ErrCodeOffset, "")
		}
		d.up.data = append(d.up.data, data...)
		var e enc
		e.u32(uint32(len(d.up.data)))
		return ok, e.b
	case TypeUploadEnd:
		if p.done() != nil {
			return fail(ErrCodeBadRequest, "UPLOAD_END has no payload")
		}
		up := d.up
		d.up = nil
		if up == nil {
			return fail(ErrCodeNoUpload, "")
		}
		if len(up.data) != up.size || crc32.ChecksumIEEE(up.data) != up.crc {
			return fail(ErrCodeCRC, "")
		}
		if err := d.Exec.Deploy(up.name, up.data); err != nil {
			return execErr(err)
		}
		return ok, nil
	case TypeList:
		if p.done() != nil {
			return fail(ErrCodeBadRequest, "LIST has no payload")
		}
		fs := d.Exec.List()
		var e enc
		e.u8(byte(min(len(fs), 255)))
		for _, fn := range fs[:min(len(fs), 255)] {
			e.str8(fn.Name)
			e.u32(uint32(fn.Bytes))
		}
		return ok, e.b
	case TypeDelete:
		name := p.str8()
		if p.done() != nil {
			return fail(ErrCodeBadRequest, "DELETE is name:str8")
		}
		if err := d.Exec.Delete(name); err != nil {
			return execErr(err)
		}
		return ok, nil
	case TypeInvoke:
		req, err := decodeInvoke(f.Payload)
		if err != nil {
			return fail(ErrCodeBadRequest, "INVOKE is function:str8 handler:str8 timeout_ms:u32 event")
		}
		ictx := ctx
		if req.Timeout > 0 {
			var cancel context.CancelFunc
			ictx, cancel = context.WithTimeout(ctx, req.Timeout)
			defer cancel()
		}
		res, err := d.Exec.Invoke(ictx, req)
		if err != nil {
			return execErr(err)
		}
		out := res.encode()
		for len(out) > MaxPayload && len(res.Logs) > 0 {
			// Keep the result and error; drop the oldest log lines.
			res.Logs = res.Logs[1:]
			out = res.encode()
		}
		return ok, out
	case TypeReset:
		if p.done() != nil {
			return fail(ErrCodeBadRequest, "RESET has no payload")
		}
		d.up = nil
		return ok, nil
	}
	return fail(ErrCodeUnknown, TypeName(f.Type))
}
