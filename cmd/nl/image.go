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
	var info, asJSON bool
	cmd := &cobra.Command{
		Use:   "image (FIRMWARE.elf -o FIRMWARE.bin | --info FILE.bin)",
		Short: "Convert an ESP8266 ELF to a flashable firmware image, or check an image",
		Long: `Image turns an ESP8266 ELF executable (from a cross compiler) into a version 1
firmware image for flash address 0: the IRAM and DRAM sections become image
segments, with the entry point, flash mode/size/frequency header and checksum.
Code linked to run from flash (irom0, 0x40200000 and up) goes to a second file
named after the output with its flash address, e.g. FIRMWARE-0x10000.bin.

--info prints and validates an image: header, segments, padding, checksum.`,
		Example: `  nl image build/nl-vm.elf -o nl-vm.bin
  nl image nl-vm.elf -o nl-vm.bin --flash-mode dio --flash-size 4MB
  nl image --info nl-vm.bin
  nl image --info nl-vm.bin --json`,
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
					return fmt.Errorf("read image: %w", err)
				}
				im, err := espimage.Parse(data)
				if err != nil {
					return fmt.Errorf("%s is not a valid ESP8266 v1 firmware image: %w", args[0], err)
				}
				if asJSON {
					return writeJSON(f.IO.Out, imageInfoJSON(args[0], len(data), im))
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
				return fmt.Errorf("read ELF: %w", err)
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
			files := []imageFileJSON{{Addr: 0, Path: out, Bytes: len(enc), Segments: len(im.Segments), Entry: fmt.Sprintf("0x%08X", im.Entry)}}
			for _, b := range blobs {
				name := fmt.Sprintf("%s-0x%05X.bin", strings.TrimSuffix(out, filepath.Ext(out)), b.Addr)
				if err := os.WriteFile(name, b.Data, 0o644); err != nil {
					return err
				}
				files = append(files, imageFileJSON{Addr: b.Addr, Path: name, Bytes: len(b.Data)})
			}
			if asJSON {
				return writeJSON(f.IO.Out, map[string]any{"files": files})
			}
			for _, fl := range files {
				if fl.Segments > 0 {
					fmt.Fprintf(f.IO.Out, "0x%05X  %s  (%d bytes, %d segments, entry %s)\n", fl.Addr, fl.Path, fl.Bytes, fl.Segments, fl.Entry)
				} else {
					fmt.Fprintf(f.IO.Out, "0x%05X  %s  (%d bytes of flash-resident code)\n", fl.Addr, fl.Path, fl.Bytes)
				}
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&out, "output", "o", "", "image file to write")
	cmd.Flags().BoolVar(&info, "info", false, "print and validate an image instead")
	cmd.Flags().StringVar(&mode, "flash-mode", "qio", "flash mode: qio, qout, dio, dout")
	cmd.Flags().StringVar(&size, "flash-size", "1MB", "flash size: 256KB, 512KB, 1MB, 2MB, 4MB, 8MB, 16MB")
	cmd.Flags().StringVar(&freq, "flash-freq", "40m", "flash clock: 20m, 26m, 40m, 80m")
	addJSONFlag(cmd, &asJSON)
	return cmd
}

// imageFileJSON is one file nl image wrote, with the flash address it goes to.
type imageFileJSON struct {
	Addr     uint32 `json:"flash_address"`
	Path     string `json:"path"`
	Bytes    int    `json:"bytes"`
	Segments int    `json:"segments,omitempty"`
	Entry    string `json:"entry,omitempty"`
}

// imageInfoJSON is what nl image --info --json prints: the header decoded,
// every segment, and the checksum (Parse has already checked it).
func imageInfoJSON(name string, size int, im *espimage.Image) map[string]any {
	mode := "unknown"
	if int(im.FlashMode) < len(espimage.FlashModes) {
		mode = espimage.FlashModes[im.FlashMode]
	}
	segs := make([]map[string]any, len(im.Segments))
	for i, s := range im.Segments {
		segs[i] = map[string]any{"address": fmt.Sprintf("0x%08X", s.Addr), "bytes": len(s.Data), "region": espimage.Region(s.Addr)}
	}
	return map[string]any{
		"file": name, "bytes": size, "version": 1, "entry": fmt.Sprintf("0x%08X", im.Entry),
		"flash_mode": mode, "flash_size": orUnknown(espimage.FlashSizes[im.SizeFreq>>4]),
		"flash_freq": orUnknown(espimage.FlashFreqs[im.SizeFreq&0xF]),
		"checksum":   fmt.Sprintf("0x%02X", im.Checksum()), "valid": true, "segments": segs,
	}
}

func orUnknown(s string) string {
	if s == "" {
		return "unknown"
	}
	return s
}
