package main

import (
	"bytes"
	"fmt"
	"os"
	"strings"

	"github.com/spf13/cobra"
	"github.com/spf13/pflag"
)

func init() { register(newCmdGenDocs) }

// newCmdGenDocs writes docs/commands.md from the command tree itself, so the
// reference cannot drift from the flags (TestCommandReferenceUpToDate).
func newCmdGenDocs(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:     "gen-docs FILE",
		Short:   "Write the command reference (docs/commands.md)",
		Example: "  nl gen-docs docs/commands.md",
		Hidden:  true,
		Args:    cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			return os.WriteFile(args[0], commandReference(cmd.Root()), 0o644)
		},
	}
}

func commandReference(root *cobra.Command) []byte {
	var b bytes.Buffer
	b.WriteString("# Command reference\n\n")
	b.WriteString("Generated from nl's command definitions by `nl gen-docs docs/commands.md`; ")
	b.WriteString("`nl help COMMAND` prints the same text.\n\n")
	var walk func(c *cobra.Command)
	var all []*cobra.Command
	walk = func(c *cobra.Command) {
		for _, sub := range c.Commands() {
			if sub.Hidden || sub.Name() == "help" || sub.Name() == "completion" {
				continue
			}
			all = append(all, sub)
			walk(sub)
		}
	}
	walk(root)
	for _, c := range all {
		if c.Runnable() || c.HasSubCommands() {
			fmt.Fprintf(&b, "- [`%s`](#%s)\n", c.CommandPath(), anchor(c.CommandPath()))
		}
	}
	b.WriteString("\n")
	for _, c := range all {
		fmt.Fprintf(&b, "## %s\n\n%s\n\n", c.CommandPath(), c.Short)
		if c.Long != "" {
			fmt.Fprintf(&b, "%s\n\n", strings.TrimSpace(c.Long))
		}
		fmt.Fprintf(&b, "```\n%s\n```\n\n", c.UseLine())
		if c.Example != "" {
			fmt.Fprintf(&b, "Examples:\n\n```\n%s\n```\n\n", strings.TrimRight(c.Example, "\n"))
		}
		var flags []string
		c.NonInheritedFlags().VisitAll(func(fl *pflag.Flag) {
			if fl.Hidden || fl.Name == "help" {
				return
			}
			name := "--" + fl.Name
			if fl.Shorthand != "" {
				name = "-" + fl.Shorthand + ", " + name
			}
			def := ""
			if fl.DefValue != "" && fl.DefValue != "false" && fl.DefValue != "[]" && fl.DefValue != "0" {
				def = fmt.Sprintf(" (default %s)", fl.DefValue)
			}
			flags = append(flags, fmt.Sprintf("| `%s` | %s%s |", name, strings.ReplaceAll(fl.Usage, "|", "\\|"), def))
		})
		if len(flags) > 0 {
			b.WriteString("| flag | meaning |\n|---|---|\n")
			b.WriteString(strings.Join(flags, "\n"))
			b.WriteString("\n\n")
		}
	}
	return b.Bytes()
}

func anchor(s string) string {
	return strings.ReplaceAll(strings.ToLower(s), " ", "-")
}
