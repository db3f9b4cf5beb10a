package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nanolambda/nl/flasher/espimage"
	"github.com/spf13/cobra"
)

func init() { register(newCmdImage) }

func newCmdImage(f *Factory) *cobra.Command {
	var out, mode, size, freq string
	var info bool
	cmd := &cobra.Command{
		Use:   "image FIRMWARE.elf -o FIRMWARE.bin | image --info FILE.bin",
		Short: "Convert an ESP8266 ELF to a flashable firmware image, or check an image",
		Long: `Image turns an ESP8266 ELF executable (from a cross compiler) into a version 1
firmware image for flash address 0: the IRAM and DRAM sections become image
segments, with the entry point, flash mode/size/frequency header and checksum.
Code linked to run from flash (irom0, 0x40200000 and up) goes to a second file
named after the output with its flash address, e.g. FIRMWARE-0x10000.bin.

--info prints and validates an image: header, segments, padding, checksum.`,
		Example: `  nl image build/nl-vm.elf -o nl-vm.bin
  nl image nl-vm.elf -o nl-vm.bin --flash-mode dio --flash-size 4MB
  nl image --info nl-vm.bin`,
		GroupID: groupDevice,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			in := args[0]
			if f.WorkDir != "" && !filepath.IsAbs(in) {
				in = filepath.Join(f.WorkDir, in)
			}
			if info {
				data, err := os.ReadFile(in)
				if err != nil {
					return err
				}
				im, err := espimage.Parse(data)
				if err != nil {
					return fmt.Errorf("%s: %w", args[0], err)
				}
				im.Describe(f.IO.Out)
				return nil
			}
			if out == "" {
				return &FlagError{err: errors.New("-o FILE.bin is required (or --info)")}
			}
			m, err := espimage.ParseMode(mode)
			if err != nil {
				return &FlagError{err: err}
			}
			sf, err := espimage.ParseSizeFreq(size, freq)
			if err != nil {
				return &FlagError{err: err}
			}
			fh, err := os.Open(in)
			if err != nil {
				return err
			}
			defer fh.Close()
			im, blobs, err := espimage.FromELF(fh, espimage.ELFOptions{FlashMode: m, SizeFreq: sf})
			if err != nil {
				return fmt.Errorf("%s: %w", args[0], err)
			}
			enc, err := im.Encode()
			if err != nil {
				return err
			}
			if f.WorkDir != "" && !filepath.IsAbs(out) {
				out = filepath.Join(f.WorkDir, out)
			}
			if err := os.WriteFile(out, enc, 0o644); err != nil {
				return err
			}
			fmt.Fprintf(f.IO.Out, "0x00000  %s  (%d bytes, %d segments, entry 0x%08X)\n", out, len(enc), len(im.Segments), im.Entry)
			for _, b := range blobs {
				name := fmt.Sprintf("%s-0x%05X.bin", strings.TrimSuffix(out, filepath.Ext(out)), b.Addr)
				if err := os.WriteFile(name, b.Data, 0o644); err != nil {
					return err
				}
				fmt.Fprintf(f.IO.Out, "0x%05X  %s  (%d bytes of flash-resident code)\n", b.Addr, name, len(b.Data))
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "image file to write")
	cmd.Flags().BoolVar(&info, "info", false, "print and validate an image instead")
	cmd.Flags().StringVar(&mode, "flash-mode", "qio", "flash mode: qio, qout, dio, dout")
	cmd.Flags().StringVar(&size, "flash-size", "1MB", "flash size: 256KB, 512KB, 1MB, 2MB, 4MB, 8MB, 16MB")
	cmd.Flags().StringVar(&freq, "flash-freq", "40m", "flash clock: 20m, 26m, 40m, 80m")
	return cmd
}
