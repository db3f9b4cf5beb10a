package main

import (
	"errors"
	"fmt"
	"os"

	tea "github.com/charmbracelet/bubbletea"
	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/fleet/events"
	"github.com/nanolambda/nl/tui"
	"github.com/spf13/cobra"
)

func init() { register(newCmdTop) }

type topOptions struct {
	IO      *IOStreams
	Addr    string
	Once    bool
	JSON    bool
	Width   int
	NoColor bool
}

func newCmdTop(f *Factory) *cobra.Command {
	return newCmdTopWith(f, nil)
}

func newCmdTopWith(f *Factory, runF func(*topOptions) error) *cobra.Command {
	opts := &topOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "top",
		Short: "Watch a running fleet: placements, heap, energy, network",
		Long: `Top attaches to a running 'nl dev' and shows, live, its fleet of emulated
devices (heap used and peak against budget, energy, events per second,
policy), each placement decision with predicted and actual latency and its
reason, per-function latency sparklines per tier, and the network with
spikes highlighted.

Keys: p pause, d/f filter by device/function, esc clear filters, ↑/↓ select
a device, c switch its policy, s inject a network spike, o an edge outage,
? help, q quit. It reconnects when 'nl dev' restarts.

--once prints one snapshot and exits (--json for scripts). The address is
--addr, else [dev] addr of nanolambda.toml, else ` + config.DefaultDevAddr + `.
See docs/top.md.`,
		Example: `  nl dev --demo &
  nl top
  nl top --addr 127.0.0.1:4566
  nl top --once --json | jq '.devices[] | {name, policy, heap_peak}'`,
		GroupID: groupCloud,
		Args:    cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			if !cmd.Flags().Changed("addr") {
				addr, err := topDefaultAddr(f)
				if err != nil {
					return err
				}
				opts.Addr = addr
			}
			if opts.JSON && !opts.Once {
				return &FlagError{err: errors.New("--json needs --once: the live view is for terminals")}
			}
			opts.NoColor = !f.IO.ColorEnabled()
			if runF != nil {
				return runF(opts)
			}
			return topRun(cmd, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Addr, "addr", config.DefaultDevAddr, "address of the running `nl dev`")
	cmd.Flags().BoolVar(&opts.Once, "once", false, "print one snapshot and exit")
	cmd.Flags().IntVar(&opts.Width, "width", 100, "line width of --once's text output")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

// topDefaultAddr is [dev] addr of the project around the working directory,
// or the default when there is no project.
func topDefaultAddr(f *Factory) (string, error) {
	dir := f.WorkDir
	if dir == "" {
		dir, _ = os.Getwd()
	}
	path, err := config.Find(dir)
	if errors.Is(err, config.ErrNotFound) {
		return config.DefaultDevAddr, nil
	}
	if err != nil {
		return "", err
	}
	p, err := config.Load(path)
	if err != nil {
		return "", fmt.Errorf("%w\n(nl top reads [dev] addr from it; pass --addr to skip)", err)
	}
	return p.Dev.Addr, nil
}

func topRun(cmd *cobra.Command, opts *topOptions) error {
	c, err := events.NewClient(opts.Addr, nil)
	if err != nil {
		return &FlagError{err: fmt.Errorf("--addr: %w", err)}
	}
	ctx := cmd.Context()
	if opts.Once {
		s, err := c.Snapshot(ctx)
		if err != nil {
			return err
		}
		if opts.JSON {
			return writeJSON(opts.IO.Out, s)
		}
		_, err = fmt.Fprint(opts.IO.Out, tui.Render(s, opts.Width))
		return err
	}
	if !opts.IO.IsStdoutTTY() {
		return errors.New("nl top needs a terminal; use `nl top --once --json` in scripts")
	}
	m := tui.New(tui.Options{Client: c, Context: ctx, NoColor: opts.NoColor})
	p := tea.NewProgram(m, tea.WithAltScreen(), tea.WithContext(ctx),
		tea.WithInput(opts.IO.In), tea.WithOutput(opts.IO.Out))
	if _, err := p.Run(); err != nil && !errors.Is(err, tea.ErrProgramKilled) && !errors.Is(err, tea.ErrInterrupted) {
		return fmt.Errorf("nl top: %w", err)
	}
	return nil
}
