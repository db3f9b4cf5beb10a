// Package linksim makes serial links out of pseudo-terminals for simulated
// devices: the host side is a real pty path that code opens with
// go.bug.st/serial exactly as it opens /dev/ttyUSB0, and the device side is a
// byte stream for a simulator. Between the two a relay can throttle to a baud
// rate (10 bits per byte: start, 8 data, stop) and inject noise (flipped and
// dropped bytes), and closing the link makes the port vanish mid-transfer.
package linksim

import (
	"errors"
	"fmt"
	"io"
	"math/rand"
	"os"
	"runtime"
	"sync"
	"sync/atomic"
	"time"

	"github.com/creack/pty"
	"golang.org/x/sys/unix"
	"golang.org/x/term"
)

// OpenPTY creates a pseudo-terminal pair with the slave in raw mode, so that
// nothing is echoed or translated before a host opens it. The caller keeps
// slave open for as long as the device should stay visible: with no slave
// open, reads on the master fail.
func OpenPTY() (master, slave *os.File, err error) {
	master, slave, err = pty.Open()
	if err != nil {
		return nil, nil, fmt.Errorf("open pseudo-terminal: %w", err)
	}
	if _, err := term.MakeRaw(int(slave.Fd())); err != nil {
		master.Close()
		slave.Close()
		return nil, nil, fmt.Errorf("raw mode on %s: %w", slave.Name(), err)
	}
	// Put the master in the runtime poller (a non-blocking descriptor given
	// to os.NewFile), so that Close interrupts a goroutine blocked reading it
	// and deadlines work; a blocking descriptor is only released after the
	// pending read returns, and the port would never vanish.
	fd, err := unix.Dup(int(master.Fd()))
	master.Close()
	if err == nil {
		err = unix.SetNonblock(fd, true)
	}
	if err != nil {
		slave.Close()
		return nil, nil, fmt.Errorf("pseudo-terminal master: %w", err)
	}
	return os.NewFile(uintptr(fd), "/dev/ptmx"), slave, nil
}

// Noise corrupts bytes in one direction with a seeded generator, so failures
// reproduce.
type Noise struct {
	FlipRate float64 // probability that a byte is XORed with a random non-zero value
	DropRate float64 // probability that a byte is lost
	// After lets this many bytes through untouched first.
	After int64
}

// Options configures a Link.
type Options struct {
	// Baud throttles both directions to Baud/10 bytes per second; 0 = no limit.
	Baud int
	// ToDevice and ToHost add noise per direction.
	ToDevice, ToHost Noise
	Seed             int64
}

// Stats counts the relay's work.
type Stats struct {
	ToDevice, ToHost int64 // bytes that arrived at the relay
	Flipped, Dropped int64
}

// Link is a pty whose master side is relayed to a device stream.
type Link struct {
	// Path is the pty slave to open as a serial port.
	Path string
	// Device is the simulator's end: it reads what the host wrote and writes
	// what the host will read.
	Device io.ReadWriteCloser

	master, slave *os.File
	toDevR        *io.PipeReader
	toDevW        *io.PipeWriter
	toHostR       *io.PipeReader
	toHostW       *io.PipeWriter
	stats         struct{ toDev, toHost, flipped, dropped atomic.Int64 }
	closeOnce     sync.Once
	done          chan struct{}
}

type deviceEnd struct {
	io.Reader
	io.Writer
	close func() error
}

// Close ends both directions of the device stream.
func (d deviceEnd) Close() error { return d.close() }

// New opens a pty and starts the relay.
func New(opts Options) (*Link, error) {
	m, s, err := OpenPTY()
	if err != nil {
		return nil, err
	}
	l := &Link{Path: s.Name(), master: m, slave: s, done: make(chan struct{})}
	l.toDevR, l.toDevW = io.Pipe()
	l.toHostR, l.toHostW = io.Pipe()
	l.Device = deviceEnd{Reader: l.toDevR, Writer: l.toHostW, close: func() error {
		l.toDevR.Close()
		return l.toHostW.Close()
	}}
	rng := rand.New(rand.NewSource(opts.Seed))
	var rmu sync.Mutex
	go l.pump(m, l.toDevW, opts.Baud, opts.ToDevice, rng, &rmu, &l.stats.toDev)
	go l.pump(l.toHostR, m, opts.Baud, opts.ToHost, rng, &rmu, &l.stats.toHost)
	return l, nil
}

func (l *Link) pump(src io.Reader, dst io.Writer, baud int, nz Noise, rng *rand.Rand, rmu *sync.Mutex, count *atomic.Int64) {
	buf := make([]byte, 4096)
	var next time.Time
	var perByte time.Duration
	if baud > 0 {
		perByte = time.Duration(float64(time.Second) * 10 / float64(baud))
	}
	for {
		n, err := src.Read(buf)
		if n > 0 {
			out := buf[:0]
			for _, b := range buf[:n] {
				seen := count.Add(1)
				if seen > nz.After && (nz.FlipRate > 0 || nz.DropRate > 0) {
					rmu.Lock()
					r := rng.Float64()
					x := byte(1 + rng.Intn(255))
					rmu.Unlock()
					if r < nz.DropRate {
						l.stats.dropped.Add(1)
						continue
					}
					if r < nz.DropRate+nz.FlipRate {
						l.stats.flipped.Add(1)
						b ^= x
					}
				}
				out = append(out, b)
			}
			if perByte > 0 {
				// Pace on a running clock rather than sleeping per byte, whose
				// granularity is coarser than a byte time at 921600 baud.
				now := time.Now()
				if next.Before(now) {
					next = now
				}
				next = next.Add(time.Duration(n) * perByte)
				waitUntil(next)
			}
			if _, werr := dst.Write(out); werr != nil {
				l.Close()
				return
			}
		}
		if err != nil {
			l.Close()
			return
		}
	}
}

// waitUntil sleeps until t. Timer sleeps overshoot by about a millisecond,
// which at 921600 baud is 90 bytes per hop, so the last stretch is spent
// yielding instead; only throttled links (benchmarks) come here.
func waitUntil(t time.Time) {
	const slack = 1500 * time.Microsecond
	if d := time.Until(t) - slack; d > 0 {
		time.Sleep(d)
	}
	for time.Now().Before(t) {
		runtime.Gosched()
	}
}

// Stats returns the relay counters.
func (l *Link) Stats() Stats {
	return Stats{ToDevice: l.stats.toDev.Load(), ToHost: l.stats.toHost.Load(),
		Flipped: l.stats.flipped.Load(), Dropped: l.stats.dropped.Load()}
}

// Close makes the port vanish: the master closes, so the host's next read
// fails, and the device stream ends.
func (l *Link) Close() error {
	var err error
	l.closeOnce.Do(func() {
		err = errors.Join(l.master.Close(), l.slave.Close())
		l.toDevW.CloseWithError(io.EOF)
		l.toHostR.Close()
		close(l.done)
	})
	return err
}
