package main

import (
	"errors"
	"fmt"
	"path/filepath"
	"strings"

	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/sizecheck"
	"github.com/spf13/cobra"
)

func init() { register(newCmdSize) }

type sizeOptions struct {
	Functions    []string
	Baseline     string
	SaveBaseline string
	Strip        bool
	JSON         bool
}

func newCmdSize(f *Factory) *cobra.Command {
	opts := &sizeOptions{}
	cmd := &cobra.Command{
		Use:   "size [FUNCTION...]",
		Short: "Check image sizes against budgets and device flash",
		Long: `Compile each function as nl build does and print a table: image bytes, the
function's size_budget, the share of each target device's bytecode flash,
and the change against a baseline. Exits with status 1 when any budget is
exceeded, naming the function, the limit, the overshoot and the largest
Python function in the image.

Under GitHub Actions (GITHUB_ACTIONS=true) each violation is also printed
as an ::error annotation on the nanolambda.toml line of the function.`,
		Example: `  nl size
  nl size --save-baseline .nl/size-baseline.json
  nl size --baseline .nl/size-baseline.json --json`,
		GroupID: groupProject,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Functions = args
			return sizeRun(f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Baseline, "baseline", "", "compare with sizes saved in `FILE`")
	cmd.Flags().StringVar(&opts.SaveBaseline, "save-baseline", "", "save the sizes to `FILE` for later comparison")
	cmd.Flags().BoolVar(&opts.Strip, "strip", false, "measure stripped images")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func sizeRun(f *Factory, opts *sizeOptions) error {
	p, err := projLoad(f)
	if err != nil {
		return err
	}
	fns, err := projSelect(p, opts.Functions)
	if err != nil {
		return err
	}
	var base *sizecheck.Baseline
	if opts.Baseline != "" {
		if base, err = sizecheck.LoadBaseline(projAbs(f, opts.Baseline)); err != nil {
			return err
		}
	}
	compiled, err := projCompileAll(f, p, fns, opts.Strip || p.Build.Strip)
	if err != nil {
		return err
	}
	configFile := projRel(f, p.Path)
	if ws := f.Getenv("GITHUB_WORKSPACE"); ws != "" {
		if rel, err := filepath.Rel(ws, p.Path); err == nil && !strings.HasPrefix(rel, "..") {
			configFile = filepath.ToSlash(rel)
		}
	}
	var inputs []sizecheck.Input
	for _, c := range compiled {
		in := sizecheck.Input{Function: c.Fn.Name, Source: c.Source, ConfigFile: configFile, ConfigLine: c.Fn.Line,
			ImageBytes: int64(len(c.Image)), SizeBudget: c.Fn.SizeBudget}
		if l := p.Line(fmt.Sprintf("function[%d].size_budget", projIndex(p, c.Fn))); l > 0 {
			in.ConfigLine = l
		}
		for _, t := range c.Fn.Targets {
			prof, err := p.Profile(t)
			if err != nil {
				return err
			}
			in.Targets = append(in.Targets, prof)
		}
		for _, fs := range c.Prog.FuncSizes() {
			in.Parts = append(in.Parts, sizecheck.Part{Name: fs.Name, Line: fs.Line, Bytes: fs.Bytes})
		}
		inputs = append(inputs, in)
	}
	rep := sizecheck.Check(inputs, base)
	if opts.SaveBaseline != "" {
		if err := sizecheck.SaveBaseline(projAbs(f, opts.SaveBaseline), sizecheck.NewBaseline(rep)); err != nil {
			return err
		}
	}
	if opts.JSON {
		err = writeJSON(f.IO.Out, rep)
	} else {
		// The table goes to stdout; the violations are errors, so they go
		// to stderr below, where a redirected table does not hide them.
		table := rep
		table.Violations = nil
		err = sizecheck.WriteTable(f.IO.Out, table)
	}
	if err != nil {
		return err
	}
	if f.Getenv("GITHUB_ACTIONS") == "true" {
		// Workflow commands are read from stdout.
		if err := sizecheck.WriteAnnotations(f.IO.Out, rep); err != nil {
			return err
		}
	}
	if !rep.OK {
		var msg strings.Builder
		fmt.Fprintf(&msg, "size check failed: %d limit(s) exceeded; shrink the code or raise the limit named below", len(rep.Violations))
		for _, v := range rep.Violations {
			fmt.Fprintf(&msg, "\n  %s:%d: %s", v.File, v.Line, v.Message)
		}
		return &ExitError{Code: 1, Err: errors.New(msg.String()), Silent: opts.JSON}
	}
	return nil
}

func projIndex(p *config.Project, fn *config.Function) int {
	for i := range p.Functions {
		if &p.Functions[i] == fn {
			return i
		}
	}
	return -1
}

func projAbs(f *Factory, path string) string {
	if filepath.IsAbs(path) {
		return path
	}
	return filepath.Join(projWorkDir(f), path)
}
