package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/devlink"
	"github.com/nanolambda/nl/flasher/espimage"
	"github.com/nanolambda/nl/flasher/linksim"
	"github.com/nanolambda/nl/flasher/romsim"
	"github.com/spf13/cobra"
)

func init() { register(newCmdEmulate) }

type emulateOptions struct {
	Bootloader string
	FlashFile  string
	FlashSize  string
	Serial     bool
	Device     string
}

func newCmdEmulate(f *Factory) *cobra.Command {
	opts := &emulateOptions{}
	cmd := &cobra.Command{
		Use:   "emulate (--bootloader CHIP --flash-file FILE | --serial --device PROFILE)",
		Short: "Run a simulated board on a new pseudo-terminal",
		Long: `Emulate opens a pseudo-terminal, prints its path on the first line of stdout,
and plays a board on it until interrupted (Ctrl-C). Open the path like any
serial port: with nl flash, nl deploy --port, nl monitor, or another tool.

--bootloader esp8266|esp32 simulates the chip's ROM serial bootloader, with
the flash kept in --flash-file (created, erased, when missing).

--serial --device PROFILE simulates a NanoLambda device speaking the device
protocol (docs/device-protocol.md), running deployed images on the emulator
under that profile's heap, flash and speed limits.`,
		Example: `  nl emulate --bootloader esp8266 --flash-file flash.bin
  nl emulate --serial --device esp8266
  nl emulate --serial --device esp8266 > port.txt &  # then: nl deploy --port $(head -1 port.txt)`,
		GroupID: groupDevice,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			switch {
			case opts.Bootloader != "" && opts.Serial:
				return &FlagError{err: errors.New("choose one of --bootloader and --serial")}
			case opts.Bootloader != "":
				// Before the flash file is created: a typo must not leave a
				// 4 MB file behind.
				if b := strings.ToLower(opts.Bootloader); b != "esp8266" && b != "esp32" {
					return &FlagError{err: fmt.Errorf("--bootloader %q: simulated chips are esp8266 and esp32", opts.Bootloader)}
				}
				opts.Bootloader = strings.ToLower(opts.Bootloader)
				if opts.FlashFile == "" {
					return &FlagError{err: errors.New("--bootloader needs --flash-file FILE to keep the flash in")}
				}
			case opts.Serial:
				if opts.Device == "" {
					return &FlagError{err: errors.New("--serial needs --device PROFILE, e.g. esp8266")}
				}
			default:
				return &FlagError{err: errors.New("give --bootloader CHIP or --serial")}
			}
			return emulateRun(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Bootloader, "bootloader", "", "simulate a ROM bootloader: esp8266 or esp32")
	cmd.Flags().StringVar(&opts.FlashFile, "flash-file", "", "file holding the simulated flash")
	cmd.Flags().StringVar(&opts.FlashSize, "flash-size", "4MB", "flash size when creating --flash-file")
	cmd.Flags().BoolVar(&opts.Serial, "serial", false, "simulate a NanoLambda device on the device protocol")
	cmd.Flags().StringVar(&opts.Device, "device", "", "device profile for --serial")
	return cmd
}

func emulateRun(ctx context.Context, f *Factory, opts *emulateOptions) error {
	master, slave, err := linksim.OpenPTY()
	if err != nil {
		return err
	}
	// Keep the slave open for the whole session, so that a flasher can
	// close and reopen the port between runs and find the device again.
	defer slave.Close()
	defer master.Close()
	var serve func() error
	var what string
	if opts.Bootloader != "" {
		sim, fh, err := openROMSim(opts)
		if err != nil {
			return err
		}
		defer fh.Close()
		serve = func() error { return sim.Serve(master) }
		what = fmt.Sprintf("the %s ROM bootloader, flash %d KB in %s", strings.ToUpper(opts.Bootloader), len(sim.Flash())/1024, opts.FlashFile)
	} else {
		exec, err := newEmulatorExecutor(f, opts.Device)
		if err != nil {
			return err
		}
		dev := &devlink.Device{Exec: exec}
		serve = func() error { return dev.Serve(ctx, master) }
		what = fmt.Sprintf("a NanoLambda device (%s profile) on the device protocol", opts.Device)
	}
	fmt.Fprintln(f.IO.Out, slave.Name())
	if w, ok := f.IO.Out.(interface{ Sync() error }); ok {
		_ = w.Sync()
	}
	fmt.Fprintf(f.IO.ErrOut, "Simulating %s on %s; Ctrl-C to stop\n", what, slave.Name())
	done := make(chan error, 1)
	go func() { done <- serve() }()
	select {
	case <-ctx.Done():
		return nil
	case err := <-done:
		if err == nil || errors.Is(err, context.Canceled) || errors.Is(err, os.ErrClosed) {
			return nil
		}
		return fmt.Errorf("simulated device on %s: %w", slave.Name(), err)
	}
}

func openROMSim(opts *emulateOptions) (*romsim.Sim, *os.File, error) {
	fh, err := os.OpenFile(opts.FlashFile, os.O_RDWR|os.O_CREATE, 0o644)
	if err != nil {
		return nil, nil, fmt.Errorf("flash file: %w", err)
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, nil, err
	}
	var flash []byte
	if st.Size() == 0 {
		sf, err := espimage.ParseSizeFreq(opts.FlashSize, "40m")
		if err != nil {
			fh.Close()
			return nil, nil, &FlagError{err: err}
		}
		sizes := map[byte]int{0: 512 << 10, 1: 256 << 10, 2: 1 << 20, 3: 2 << 20, 4: 4 << 20, 5: 2 << 20, 6: 4 << 20, 8: 8 << 20, 9: 16 << 20}
		flash = make([]byte, sizes[sf>>4])
		for i := range flash {
			flash[i] = 0xFF
		}
		if _, err := fh.WriteAt(flash, 0); err != nil {
			fh.Close()
			return nil, nil, fmt.Errorf("flash file: %w", err)
		}
	} else if flash, err = os.ReadFile(opts.FlashFile); err != nil {
		fh.Close()
		return nil, nil, fmt.Errorf("flash file: %w", err)
	}
	sim, err := romsim.New(romsim.Options{Chip: opts.Bootloader, Flash: flash, Store: fh,
		MAC: [6]byte{0x5C, 0xCF, 0x7F, 0x00, 0x00, 0x01}})
	if err != nil {
		fh.Close()
		return nil, nil, fmt.Errorf("%s: %w", opts.FlashFile, err)
	}
	return sim, fh, nil
}

// deviceProfile finds a profile by name: the project's [device.NAME] when a
// nanolambda.toml is found, else the built-in one.
func deviceProfile(f *Factory, name string) (config.Profile, error) {
	dir := f.WorkDir
	if dir == "" {
		dir, _ = os.Getwd()
	}
	if path, err := config.Find(dir); err == nil {
		proj, err := config.Load(path)
		if err != nil {
			return config.Profile{}, err
		}
		return proj.Profile(name)
	}
	return config.BuiltinProfile(name)
}
