package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/signal"
	"sort"
	"syscall"

	"github.com/spf13/cobra"
)

// commandBuilders is filled by init functions in the files of each command,
// so adding a command never means editing a shared list.
var commandBuilders []func(*Factory) *cobra.Command

func register(build func(*Factory) *cobra.Command) {
	commandBuilders = append(commandBuilders, build)
}

// Command groups shown by `nl help`.
const (
	groupProject = "project"
	groupDevice  = "device"
	groupCloud   = "cloud"
	groupOther   = "other"
)

func newRootCmd(f *Factory) *cobra.Command {
	root := &cobra.Command{
		Use:   "nl <command>",
		Short: "NanoLambda: Python functions on microcontrollers, at the edge and in the cloud",
		Long: `nl compiles AWS-Lambda-style Python handlers into compact bytecode, runs them
under a microcontroller's memory, flash and speed limits, flashes and deploys
them to boards over USB serial, and serves a local Lambda + S3 stack.`,
		Example: `  nl init myproj --template vibration
  nl build && nl size
  nl run handler.py --device esp8266 --event event.json`,
		SilenceUsage:  true,
		SilenceErrors: true,
	}
	root.AddGroup(
		&cobra.Group{ID: groupProject, Title: "Project commands:"},
		&cobra.Group{ID: groupDevice, Title: "Device commands:"},
		&cobra.Group{ID: groupCloud, Title: "Local cloud commands:"},
		&cobra.Group{ID: groupOther, Title: "Other commands:"},
	)
	root.SetOut(f.IO.Out)
	root.SetErr(f.IO.ErrOut)
	root.SetIn(f.IO.In)
	root.SetFlagErrorFunc(func(c *cobra.Command, err error) error {
		return &FlagError{err: err}
	})
	cmds := make([]*cobra.Command, 0, len(commandBuilders))
	for _, b := range commandBuilders {
		cmds = append(cmds, b(f))
	}
	sort.Slice(cmds, func(i, j int) bool { return cmds[i].Name() < cmds[j].Name() })
	for _, c := range cmds {
		if c.GroupID == "" {
			c.GroupID = groupOther
		}
		root.AddCommand(c)
	}
	root.SetHelpCommandGroupID(groupOther)
	root.SetCompletionCommandGroupID(groupOther)
	return root
}

// Main runs nl with args and returns the process exit code.
func Main(args []string, f *Factory) int {
	root := newRootCmd(f)
	root.SetArgs(args)
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	err := root.ExecuteContext(ctx)
	if err == nil {
		return 0
	}
	return reportError(f.IO, root, err)
}

// FlagError is a usage mistake: the message is followed by a hint to --help.
type FlagError struct{ err error }

func (e *FlagError) Error() string { return e.err.Error() }
func (e *FlagError) Unwrap() error { return e.err }

// ExitError carries a specific exit status; Silent means the command has
// already printed everything the user needs.
type ExitError struct {
	Code   int
	Err    error
	Silent bool
}

func (e *ExitError) Error() string {
	if e.Err == nil {
		return fmt.Sprintf("exit status %d", e.Code)
	}
	return e.Err.Error()
}
func (e *ExitError) Unwrap() error { return e.Err }

func reportError(io *IOStreams, root *cobra.Command, err error) int {
	var ee *ExitError
	if errors.As(err, &ee) {
		if !ee.Silent && ee.Err != nil {
			fmt.Fprintf(io.ErrOut, "nl: %v\n", ee.Err)
		}
		return ee.Code
	}
	fmt.Fprintf(io.ErrOut, "nl: %v\n", err)
	var fe *FlagError
	if errors.As(err, &fe) {
		fmt.Fprintln(io.ErrOut, "Run 'nl --help' or 'nl <command> --help' for usage.")
		return 2
	}
	if errors.Is(err, context.Canceled) {
		return 130
	}
	return 1
}
