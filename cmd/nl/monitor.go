package main

import (
	"errors"
	"fmt"
	"os"

	"github.com/nanolambda/nl/flasher"
	"github.com/nanolambda/nl/flasher/monitor"
	"github.com/spf13/cobra"
	"golang.org/x/term"
)

func init() { register(newCmdMonitor) }

func newCmdMonitor(f *Factory) *cobra.Command {
	var port, logPath string
	var baud int
	var stamps bool
	cmd := &cobra.Command{
		Use:   "monitor --port PORT",
		Short: "Open a serial console to a board (exit with Ctrl-])",
		Long: `Monitor shows what the board prints and sends what you type. Exit with
Ctrl-]. The ESP8266 ROM prints its boot messages at 74880 baud. Without
--port or --baud, the [serial] section of nanolambda.toml gives them.`,
		Example: `  nl monitor --port /dev/ttyUSB0
  nl monitor --port auto --baud 74880 --timestamps --log boot.log`,
		GroupID: groupDevice,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if port == "" || !cmd.Flags().Changed("baud") {
				sd, err := serialDefault(f)
				if err != nil {
					return err
				}
				if port == "" {
					if sd.Port == "" {
						return &FlagError{err: errors.New("--port is required (a path, or auto), or set port in the [serial] section of nanolambda.toml")}
					}
					port = sd.Port
				}
				if !cmd.Flags().Changed("baud") && sd.Baud > 0 {
					baud = sd.Baud
				}
			}
			path, err := resolvePort(f, port)
			if err != nil {
				return &ExitError{Code: 1, Err: errors.New(flasher.Explain(err, port))}
			}
			p, err := flasher.OpenPort(path, baud)
			if err != nil {
				return &ExitError{Code: 1, Err: errors.New(flasher.Explain(err, path))}
			}
			defer p.Close()
			opts := monitor.Options{Timestamps: stamps}
			if logPath != "" {
				lf, err := os.OpenFile(logPath, os.O_CREATE|os.O_WRONLY|os.O_APPEND, 0o644)
				if err != nil {
					return fmt.Errorf("open log: %w", err)
				}
				defer lf.Close()
				opts.Log = lf
			}
			if in, ok := f.IO.In.(*os.File); ok && term.IsTerminal(int(in.Fd())) {
				st, err := term.MakeRaw(int(in.Fd()))
				if err == nil {
					defer term.Restore(int(in.Fd()), st)
					opts.CRLF = true
				}
			}
			fmt.Fprintf(f.IO.ErrOut, "Connected to %s at %d baud. Exit with Ctrl-]\r\n", path, baud)
			if err := monitor.Run(p, f.IO.In, f.IO.Out, opts); err != nil {
				return fmt.Errorf("monitor %s: %w", path, err)
			}
			return nil
		},
	}
	cmd.Flags().StringVarP(&port, "port", "p", "", "serial port, or auto")
	cmd.Flags().IntVarP(&baud, "baud", "b", 115200, "baud rate")
	cmd.Flags().BoolVar(&stamps, "timestamps", false, "prefix each line with the time")
	cmd.Flags().StringVar(&logPath, "log", "", "also append the output to this file")
	return cmd
}
