package main

import (
	"context"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/espimage"
	"github.com/spf13/cobra"
)

func init() { register(newCmdFlash) }

type flashOptions struct {
	Port    string
	Chip    string
	Baud    int
	NoReset bool
	JSON    bool
	Images  []flasher.Image
	// Mode, Size and Freq rewrite an ESP8266 image's header bytes 2-3 when it
	// is written at 0; "keep" leaves them.
	Mode, Size, Freq string
}

func newCmdFlash(f *Factory) *cobra.Command {
	opts := &flashOptions{}
	cmd := &cobra.Command{
		Use:   "flash --port PORT [ADDR FILE]...",
		Short: "Write firmware to an ESP8266 or ESP32 through its ROM bootloader",
		Long: `Flash writes each FILE at flash address ADDR (hex with 0x, or decimal)
through the chip's ROM serial bootloader: it resets the board into the
bootloader with DTR/RTS, identifies the chip and its flash, erases and writes
every image, verifies it by MD5 where the ROM can (ESP32), and resets the
board to run it.

A port without modem-control lines (a pseudo-terminal, some adapters) cannot
reset the board: nl says so and goes on, so put the board in its bootloader
yourself (hold BOOT, press RESET). --port auto picks the one connected board;
without --port, the port of [serial] in nanolambda.toml is used.
See docs/flashing.md.`,
		Example: `  nl flash --port /dev/ttyUSB0 0x0 firmware.bin
  nl flash --port auto --chip esp32 --baud 921600 0x1000 bootloader.bin 0x10000 app.bin
  nl flash --port /dev/pts/3 0x0 nl-vm-0x00000.bin 0x10000 nl-vm-0x10000.bin
  nl flash --port /dev/ttyUSB0 --json 0x0 firmware.bin`,
		GroupID: groupDevice,
		RunE: func(cmd *cobra.Command, args []string) error {
			if opts.Port == "" {
				sd, err := serialDefault(f)
				if err != nil {
					return err
				}
				if sd.Port == "" {
					return &FlagError{err: errors.New("--port is required (a path, or auto), or set port in the [serial] section of nanolambda.toml")}
				}
				opts.Port = sd.Port
				fmt.Fprintf(f.IO.ErrOut, "Using port %s from [serial] in nanolambda.toml\n", sd.Port)
			}
			if len(args) == 0 || len(args)%2 != 0 {
				return &FlagError{err: errors.New("give images as ADDR FILE pairs, e.g. 0x0 firmware.bin")}
			}
			for i := 0; i < len(args); i += 2 {
				addr, err := strconv.ParseUint(args[i], 0, 32)
				if err != nil {
					return &FlagError{err: fmt.Errorf("flash address %q is not a number (use 0x1000 or 4096)", args[i])}
				}
				if addr%flasher.SectorSize != 0 {
					// Checked before the port is touched: the ROM erases whole sectors.
					return &FlagError{err: fmt.Errorf("flash address %s is not a multiple of the 4 KB sector size (0x1000); the nearest below is 0x%X", args[i], addr/flasher.SectorSize*flasher.SectorSize)}
				}
				path := args[i+1]
				if f.WorkDir != "" && !filepath.IsAbs(path) {
					path = filepath.Join(f.WorkDir, path)
				}
				data, err := os.ReadFile(path)
				if err != nil {
					return fmt.Errorf("read image: %w", err)
				}
				if len(data) == 0 {
					return fmt.Errorf("image %s is empty", args[i+1])
				}
				if addr == 0 && data[0] == espimage.Magic && len(data) >= 4 {
					if err := patchHeader(data, opts); err != nil {
						return &FlagError{err: err}
					}
				}
				opts.Images = append(opts.Images, flasher.Image{Name: args[i+1], Addr: uint32(addr), Data: data})
			}
			return flashRun(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Port, "port", "p", "", "serial port of the board, or auto")
	cmd.Flags().StringVar(&opts.Chip, "chip", "auto", "chip: auto, esp8266 or esp32")
	cmd.Flags().IntVarP(&opts.Baud, "baud", "b", 115200, "baud rate for the transfer")
	cmd.Flags().BoolVar(&opts.NoReset, "no-reset", false, "leave the chip in its bootloader afterwards")
	cmd.Flags().StringVar(&opts.Mode, "flash-mode", "keep", "rewrite the image header's flash mode: keep, qio, qout, dio, dout")
	cmd.Flags().StringVar(&opts.Size, "flash-size", "keep", "rewrite the image header's flash size: keep, 512KB, 1MB, 2MB, 4MB...")
	cmd.Flags().StringVar(&opts.Freq, "flash-freq", "keep", "rewrite the image header's flash clock: keep, 20m, 26m, 40m, 80m")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

// patchHeader rewrites bytes 2-3 of an ESP8266 image written at address 0,
// as the board's flash chip may need a different mode or size than the
// image was built for. The image checksum covers segment data only, so it
// stays valid.
func patchHeader(data []byte, opts *flashOptions) error {
	if opts.Mode != "keep" {
		m, err := espimage.ParseMode(opts.Mode)
		if err != nil {
			return err
		}
		data[2] = m
	}
	size, freq := espimage.FlashSizes[data[3]>>4], espimage.FlashFreqs[data[3]&0xF]
	if opts.Size != "keep" {
		size = opts.Size
	}
	if opts.Freq != "keep" {
		freq = opts.Freq
	}
	if opts.Size != "keep" || opts.Freq != "keep" {
		sf, err := espimage.ParseSizeFreq(size, freq)
		if err != nil {
			return err
		}
		data[3] = sf
	}
	return nil
}

// resolvePort turns --port auto into the one likely board.
func resolvePort(f *Factory, port string) (string, error) {
	if port != "auto" {
		return port, nil
	}
	ports, err := flasher.ListPorts()
	if err != nil {
		return "", err
	}
	p, err := flasher.PickPort(ports)
	if err != nil {
		return "", err
	}
	desc := p.Bridge
	if desc == "" {
		desc = p.Product
	}
	fmt.Fprintf(f.IO.ErrOut, "Using %s (%s)\n", p.Name, desc)
	return p.Name, nil
}

func flashRun(ctx context.Context, f *Factory, opts *flashOptions) error {
	fail := func(err error, port string) error {
		code := 1
		if errors.Is(err, context.Canceled) {
			code = 130 // as a shell reports SIGINT
		}
		return &ExitError{Code: code, Err: errors.New(flasher.Explain(err, port))}
	}
	port, err := resolvePort(f, opts.Port)
	if err != nil {
		return fail(err, opts.Port)
	}
	for _, im := range opts.Images {
		if im.Addr == 0 && im.Data[0] == espimage.Magic {
			if _, err := espimage.Parse(im.Data); err != nil {
				fmt.Fprintf(f.IO.ErrOut, "warning: %s does not look like a valid ESP8266 image: %v\n", im.Name, err)
			}
		}
	}
	// The ESP8266 ROM measures the rate from SYNC, so it can be opened at
	// any rate; other ROMs start at 115200 and switch after connecting.
	openBaud, changeTo := 115200, opts.Baud
	if strings.EqualFold(opts.Chip, "esp8266") {
		openBaud, changeTo = opts.Baud, 0
	}
	p, err := flasher.OpenPort(port, openBaud)
	if err != nil {
		return fail(err, port)
	}
	defer p.Close()
	prog := newProgressPrinter(f.IO.ErrOut, f.IO.IsStderrTTY())
	fl := flasher.New(p, flasher.Options{
		Chip: opts.Chip, Baud: changeTo,
		Warn:     func(m string) { fmt.Fprintf(f.IO.ErrOut, "warning: %s\n", m) },
		Progress: prog.update,
	})
	fmt.Fprintf(f.IO.ErrOut, "Connecting to %s...\n", port)
	if err := fl.Connect(ctx); err != nil {
		return fail(err, port)
	}
	fmt.Fprintf(f.IO.ErrOut, "Chip is %s, flash %d KB (JEDEC ID %06X)\n", fl.Chip.Name, fl.FlashSize/1024, fl.FlashID)
	if changeTo == 0 && opts.Baud != openBaud {
		fmt.Fprintf(f.IO.ErrOut, "warning: the %s ROM cannot change rate; flashing at %d baud\n", fl.Chip.Name, openBaud)
	}
	rep, err := fl.WriteFlash(ctx, opts.Images)
	prog.done()
	if err != nil {
		return fail(err, port)
	}
	if rep.Retransmitted > 0 {
		fmt.Fprintf(f.IO.ErrOut, "%d blocks were sent again after bad responses: check the cable\n", rep.Retransmitted)
	}
	if !opts.NoReset {
		fl.HardReset()
	}
	if opts.JSON {
		return writeJSON(f.IO.Out, flashReportJSON(port, fl, opts, rep))
	}
	rate := float64(rep.Bytes) / rep.Elapsed.Seconds() / 1024
	fmt.Fprintf(f.IO.Out, "Wrote %d bytes in %.1fs (%.1f KB/s)", rep.Bytes, rep.Elapsed.Seconds(), rate)
	if rep.Verified {
		fmt.Fprintln(f.IO.Out, ", verified by MD5")
	} else {
		fmt.Fprintf(f.IO.Out, ", not verified (the %s ROM has no MD5 command)\n", fl.Chip.Name)
	}
	return nil
}

// flashReportJSON is what nl flash --json prints on success.
func flashReportJSON(port string, fl *flasher.Flasher, opts *flashOptions, rep flasher.Report) map[string]any {
	images := make([]map[string]any, len(opts.Images))
	for i, im := range opts.Images {
		images[i] = map[string]any{"file": im.Name, "address": im.Addr, "bytes": len(im.Data)}
	}
	return map[string]any{
		"port": port, "chip": fl.Chip.Name, "flash_bytes": fl.FlashSize, "flash_id": fmt.Sprintf("%06X", fl.FlashID),
		"images": images, "bytes": rep.Bytes, "wire_bytes": rep.WireBytes, "elapsed_ns": rep.Elapsed.Nanoseconds(),
		"verified": rep.Verified, "retransmitted_blocks": rep.Retransmitted, "reset": !opts.NoReset,
	}
}

// progressPrinter draws a bar on a terminal and plain lines at every 10%
// otherwise.
type progressPrinter struct {
	w      io.Writer
	tty    bool
	last   int // last decile printed, per image
	image  int
	active bool
}

func newProgressPrinter(w io.Writer, tty bool) *progressPrinter {
	return &progressPrinter{w: w, tty: tty, last: -1, image: -1}
}

func (p *progressPrinter) update(pr flasher.Progress) {
	if pr.Image != p.image {
		p.done()
		p.image, p.last = pr.Image, -1
	}
	pct := 100 * pr.Written / max(pr.Total, 1)
	rate := float64(pr.Written) / max(pr.Elapsed.Seconds(), 1e-3)
	left := time.Duration(float64(pr.Total-pr.Written) / max(rate, 1) * float64(time.Second)).Round(time.Second)
	if p.tty {
		const width = 30
		n := width * pct / 100
		fmt.Fprintf(p.w, "\r%s @0x%05X [%s%s] %3d%% %7.1f KB/s %v left ", pr.Name, pr.Addr,
			strings.Repeat("#", n), strings.Repeat(" ", width-n), pct, rate/1024, left)
		p.active = true
		return
	}
	if d := pct / 10; d != p.last {
		p.last = d
		fmt.Fprintf(p.w, "%s at 0x%X: %d%% (%d of %d bytes, %.1f KB/s)\n", pr.Name, pr.Addr, pct, pr.Written, pr.Total, rate/1024)
	}
}

func (p *progressPrinter) done() {
	if p.tty && p.active {
		fmt.Fprintln(p.w)
		p.active = false
	}
}
