// Package monitor is a serial console: what the device prints goes to the
// user (optionally time-stamped and copied to a log), what the user types
// goes to the device, and an escape byte (Ctrl-], as in telnet) ends it.
package monitor

import (
	"bytes"
	"errors"
	"io"
	"sync"
	"time"
)

// EscapeByte is Ctrl-].
const EscapeByte = 0x1D

// Port is what the monitor needs of a serial port.
type Port interface {
	io.ReadWriter
	SetReadTimeout(time.Duration) error
}

// Options configures a session.
type Options struct {
	// Timestamps prefixes every line from the device with the local time.
	Timestamps bool
	// Log receives a copy of the device's output (with timestamps if on).
	Log io.Writer
	// CRLF writes "\r\n" for every "\n" to Out, for a terminal in raw mode.
	CRLF bool
	// Now is the clock for timestamps (tests).
	Now func() time.Time
}

// ErrPortGone is returned when the port fails under the session.
var ErrPortGone = errors.New("the serial port went away")

// Run copies until the user types EscapeByte (nil error) or the port fails.
func Run(p Port, in io.Reader, out io.Writer, opts Options) error {
	if opts.Now == nil {
		opts.Now = time.Now
	}
	stop := make(chan struct{})
	var once sync.Once
	quit := func() { once.Do(func() { close(stop) }) }
	done := make(chan error, 1)
	go func() {
		buf := make([]byte, 256)
		for {
			n, err := in.Read(buf)
			if i := bytes.IndexByte(buf[:n], EscapeByte); i >= 0 {
				p.Write(buf[:i])
				quit()
				return
			}
			if n > 0 {
				if _, werr := p.Write(buf[:n]); werr != nil {
					return
				}
			}
			if err != nil {
				return // stdin closed: keep showing output until the port ends or Ctrl-]
			}
		}
	}()
	go func() {
		w := &lineWriter{opts: opts, out: out, atStart: true}
		buf := make([]byte, 1024)
		_ = p.SetReadTimeout(100 * time.Millisecond)
		for {
			select {
			case <-stop:
				done <- nil
				return
			default:
			}
			n, err := p.Read(buf)
			if n > 0 {
				w.write(buf[:n])
			}
			if err != nil {
				done <- ErrPortGone
				return
			}
		}
	}()
	return <-done
}

type lineWriter struct {
	opts    Options
	out     io.Writer
	atStart bool
}

func (w *lineWriter) write(b []byte) {
	var o, l bytes.Buffer
	for _, c := range b {
		if w.atStart && w.opts.Timestamps {
			ts := w.opts.Now().Format("[15:04:05.000] ")
			o.WriteString(ts)
			l.WriteString(ts)
		}
		w.atStart = c == '\n'
		if c == '\n' && w.opts.CRLF {
			o.WriteByte('\r')
		}
		o.WriteByte(c)
		l.WriteByte(c)
	}
	w.out.Write(o.Bytes())
	if w.opts.Log != nil {
		w.opts.Log.Write(l.Bytes())
	}
}
