package devlink

import (
	"context"
	"errors"
	"fmt"
	"hash/crc32"
	"io"
	"math/rand"
	"time"
)

// Port is what the host side needs of a serial port; go.bug.st/serial's
// Port has it. On timeout Read returns (0, nil).
type Port interface {
	io.ReadWriter
	SetReadTimeout(time.Duration) error
}

// Options tunes the host side. Zero values give the documented defaults.
type Options struct {
	// Baud is the line rate, used to allow for a frame's transmission time
	// in the acknowledgement timeout (default 115200).
	Baud int
	// AckTimeout is how long to wait for ACK beyond transmission time before
	// sending a request again (default 250 ms).
	AckTimeout time.Duration
	// Timeout bounds the wait for a response after ACK (default 10 s;
	// invokes add their own timeout).
	Timeout time.Duration
	// Retries is how often a request is sent again (default 8).
	Retries int
	// Progress is called during an upload with bytes acknowledged so far.
	Progress func(done, total int)
}

// Stats counts the host's traffic.
type Stats struct {
	BytesOut, BytesIn int64
	Frames            int // requests sent, first attempts only
	Retransmits       int
	BadFrames         int
}

// Client is the host side of the device link.
type Client struct {
	port  Port
	opts  Options
	dec   Decoder
	seq   byte
	info  DeviceInfo
	buf   [2048]byte
	Stats Stats
}

// ErrNoAnswer means the device never acknowledged a request.
var ErrNoAnswer = errors.New("the device does not answer")

// Connect says HELLO and reads the device's info.
func Connect(ctx context.Context, p Port, opts Options) (*Client, error) {
	if opts.Baud <= 0 {
		opts.Baud = 115200
	}
	if opts.AckTimeout <= 0 {
		opts.AckTimeout = 250 * time.Millisecond
	}
	if opts.Timeout <= 0 {
		opts.Timeout = 10 * time.Second
	}
	if opts.Retries <= 0 {
		opts.Retries = 8
	}
	// A random first sequence number makes a stale cached answer from a
	// previous session unlikely even before HELLO clears it.
	c := &Client{port: p, opts: opts, seq: byte(rand.Intn(256))}
	f, err := c.request(ctx, TypeHello, []byte{ProtocolVer}, 0)
	if err != nil {
		return nil, err
	}
	if c.info, err = decodeInfo(f.Payload); err != nil {
		return nil, fmt.Errorf("HELLO_OK: %w", err)
	}
	if c.info.Protocol != ProtocolVer {
		return nil, fmt.Errorf("the device speaks protocol version %d, nl speaks %d", c.info.Protocol, ProtocolVer)
	}
	c.dec.Max = MaxPayload
	return c, nil
}

// Info is what the device said in answer to HELLO.
func (c *Client) Info() DeviceInfo { return c.info }

// Refresh asks for the device info again (free heap and flash change).
func (c *Client) Refresh(ctx context.Context) (DeviceInfo, error) {
	f, err := c.request(ctx, TypeHello, []byte{ProtocolVer}, 0)
	if err != nil {
		return DeviceInfo{}, err
	}
	c.info, err = decodeInfo(f.Payload)
	return c.info, err
}

// frameTime is how long n payload bytes take on the wire at the link rate.
func (c *Client) frameTime(n int) time.Duration {
	return time.Duration(float64(n+Overhead) * 10 / float64(c.opts.Baud) * float64(time.Second))
}

// request sends one request and returns its response, retransmitting on
// silence, on a NAK and on a corrupted frame. extra lengthens the wait for
// the response after ACK (an invoke's own timeout).
func (c *Client) request(ctx context.Context, typ byte, payload []byte, extra time.Duration) (Frame, error) {
	c.seq++
	seq := c.seq
	frame := EncodeFrame(nil, typ, seq, payload)
	c.Stats.Frames++
	for attempt := 0; attempt <= c.opts.Retries; attempt++ {
		if err := ctx.Err(); err != nil {
			return Frame{}, err
		}
		if attempt > 0 {
			c.Stats.Retransmits++
		}
		n, err := c.port.Write(frame)
		c.Stats.BytesOut += int64(n)
		if err != nil {
			return Frame{}, fmt.Errorf("send %s: %w", TypeName(typ), err)
		}
		// Allow for our frame going out, the ACK coming back, and (after ACK)
		// the longest response coming back.
		deadline := time.Now().Add(2*c.frameTime(len(payload)) + c.opts.AckTimeout)
	wait:
		for {
			f, res, err := c.readFrame(ctx, deadline)
			if err != nil {
				return Frame{}, err
			}
			switch {
			case res == NeedMore: // timed out
				break wait
			case res == Bad:
				c.Stats.BadFrames++
				break wait
			case f.Type == TypeNak:
				break wait
			case f.Seq != seq:
				continue // a late answer to an earlier attempt
			case f.Type == TypeAck:
				deadline = time.Now().Add(c.opts.Timeout + extra + c.frameTime(MaxPayload))
			case f.Type == TypeError:
				return Frame{}, decodeError(f.Payload)
			case f.Type == typ|TypeResponse:
				return f, nil
			}
		}
	}
	return Frame{}, fmt.Errorf("%s: %w after %d attempts", TypeName(typ), ErrNoAnswer, c.opts.Retries+1)
}

// readFrame returns a frame (Got), a bad frame (Bad) or a timeout (NeedMore).
func (c *Client) readFrame(ctx context.Context, deadline time.Time) (Frame, int, error) {
	for {
		f, res := c.dec.Next()
		if res != NeedMore {
			return f, res, nil
		}
		left := time.Until(deadline)
		if left <= 0 {
			return Frame{}, NeedMore, nil
		}
		if err := ctx.Err(); err != nil {
			return Frame{}, 0, err
		}
		// Wake at least every 100 ms to drop a partial frame that stopped.
		if err := c.port.SetReadTimeout(min(left, 100*time.Millisecond)); err != nil {
			return Frame{}, 0, err
		}
		n, err := c.port.Read(c.buf[:])
		c.Stats.BytesIn += int64(n)
		if err != nil {
			return Frame{}, 0, fmt.Errorf("read from device: %w", err)
		}
		if n == 0 && c.dec.Pending() {
			c.dec.Expire()
		}
		c.dec.Write(c.buf[:n])
	}
}

// Deploy uploads an image under a name in chunks, each acknowledged, and
// ends with the device checking the whole image's CRC-32.
func (c *Client) Deploy(ctx context.Context, name string, image []byte) error {
	var e enc
	e.str8(name)
	e.u32(uint32(len(image)))
	e.u32(crc32.ChecksumIEEE(image))
	if _, err := c.request(ctx, TypeUploadBegin, e.b, 0); err != nil {
		return fmt.Errorf("upload %s: %w", name, err)
	}
	chunk := int(c.info.MaxPayload) - 4
	if chunk <= 0 || chunk > MaxPayload-4 {
		chunk = MaxPayload - 4
	}
	for off := 0; off < len(image); off += chunk {
		end := min(off+chunk, len(image))
		var p enc
		p.u32(uint32(off))
		p.raw(image[off:end])
		if _, err := c.request(ctx, TypeUploadChunk, p.b, 0); err != nil {
			return fmt.Errorf("upload %s at byte %d: %w", name, off, err)
		}
		if c.opts.Progress != nil {
			c.opts.Progress(end, len(image))
		}
	}
	if _, err := c.request(ctx, TypeUploadEnd, nil, 0); err != nil {
		return fmt.Errorf("upload %s: %w", name, err)
	}
	return nil
}

// List returns the deployed functions.
func (c *Client) List(ctx context.Context) ([]FunctionInfo, error) {
	f, err := c.request(ctx, TypeList, nil, 0)
	if err != nil {
		return nil, err
	}
	d := dec{b: f.Payload}
	n := int(d.u8())
	out := make([]FunctionInfo, 0, n)
	for i := 0; i < n; i++ {
		out = append(out, FunctionInfo{Name: d.str8(), Bytes: int(d.u32())})
	}
	if err := d.done(); err != nil {
		return nil, fmt.Errorf("LIST_OK: %w", err)
	}
	return out, nil
}

// Delete removes a function.
func (c *Client) Delete(ctx context.Context, name string) error {
	var e enc
	e.str8(name)
	_, err := c.request(ctx, TypeDelete, e.b, 0)
	return err
}

// Invoke runs a function with a JSON event.
func (c *Client) Invoke(ctx context.Context, req InvokeRequest) (InvokeResult, error) {
	if len(req.Event)+len(req.Function)+len(req.Handler)+6 > int(c.info.MaxPayload) {
		return InvokeResult{}, fmt.Errorf("event is %d bytes; this device accepts at most %d in one request", len(req.Event), int(c.info.MaxPayload)-len(req.Function)-len(req.Handler)-6)
	}
	f, err := c.request(ctx, TypeInvoke, req.encode(), req.Timeout)
	if err != nil {
		return InvokeResult{}, err
	}
	r, err := decodeResult(f.Payload)
	if err != nil {
		return InvokeResult{}, fmt.Errorf("INVOKE_OK: %w", err)
	}
	return r, nil
}

// Reset restarts the device.
func (c *Client) Reset(ctx context.Context) error {
	_, err := c.request(ctx, TypeReset, nil, 0)
	return err
}
