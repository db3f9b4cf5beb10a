package main

import (
	"fmt"
	"text/tabwriter"

	"github.com/nanolambda/nl/flasher"
	"github.com/spf13/cobra"
)

func init() { register(newCmdPorts) }

func newCmdPorts(f *Factory) *cobra.Command {
	var jsonOut bool
	cmd := &cobra.Command{
		Use:   "ports",
		Short: "List serial ports and the USB-UART bridges boards use",
		Long: `Ports lists the serial ports of this machine with their USB VID:PID, serial
number and product, and names the USB-UART bridge (CP210x, CH34x, FTDI...)
where it is a known one. The port marked * is the one --port auto would pick.
Pseudo-terminals (simulated devices from nl emulate) are not listed: pass
their path to --port.`,
		Example: "  nl ports\n  nl ports --json",
		GroupID: groupDevice,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			ports, err := flasher.ListPorts()
			if err != nil {
				return err
			}
			if jsonOut {
				if ports == nil {
					ports = []flasher.PortInfo{}
				}
				return writeJSON(f.IO.Out, ports)
			}
			if len(ports) == 0 {
				fmt.Fprintln(f.IO.ErrOut, "no serial ports found: connect a board, or use nl emulate for a simulated one")
				return nil
			}
			pick, _ := flasher.PickPort(ports)
			tw := tabwriter.NewWriter(f.IO.Out, 0, 2, 2, ' ', 0)
			fmt.Fprintln(tw, "  PORT\tVID:PID\tBRIDGE\tPRODUCT\tSERIAL")
			for _, p := range ports {
				mark := " "
				if p.Name == pick.Name {
					mark = "*"
				}
				id := ""
				if p.IsUSB {
					id = p.VID + ":" + p.PID
				}
				fmt.Fprintf(tw, "%s %s\t%s\t%s\t%s\t%s\n", mark, p.Name, id, p.Bridge, p.Product, p.SerialNumber)
			}
			return tw.Flush()
		},
	}
	addJSONFlag(cmd, &jsonOut)
	return cmd
}
