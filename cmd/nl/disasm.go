package main

import (
	"github.com/nanolambda/nl/bytecode"
	"github.com/spf13/cobra"
)

func init() { register(newCmdDisasm) }

func newCmdDisasm(f *Factory) *cobra.Command {
	return &cobra.Command{
		Use:   "disasm FILE.nlb|FILE.py",
		Short: "Print a readable listing of a bytecode image",
		Long: `Print a readable listing of a bytecode image: the size of each part (header,
string and constant pools, each function's code, exception table and line
table), the pools, and every function's instructions with offsets, source
lines and operands resolved to names and constants. A .py file is compiled
first.`,
		Example: `  nl disasm handler.nlb
  nl disasm handler.py | less`,
		Args:    cobra.ExactArgs(1),
		GroupID: groupProject,
		RunE: func(cmd *cobra.Command, args []string) error {
			p, err := loadProgram(f, args[0])
			if err != nil {
				return compileFailure(f, err)
			}
			return bytecode.Disassemble(f.IO.Out, p)
		},
	}
}
