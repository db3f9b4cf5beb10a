package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/spf13/cobra"
)

func init() { register(newCmdCompile) }

type compileOptions struct {
	Input  string
	Output string
	Strip  bool
	JSON   bool
}

// compileReport is what `nl compile --json` prints.
type compileReport struct {
	Source    string             `json:"source"`
	Output    string             `json:"output"`
	Bytes     int                `json:"bytes"`
	Stripped  bool               `json:"stripped"`
	Functions []compileFuncEntry `json:"functions"`
}

type compileFuncEntry struct {
	Name  string `json:"name"`
	Line  int    `json:"line"`
	Bytes int    `json:"bytes"`
}

func newCmdCompile(f *Factory) *cobra.Command {
	opts := &compileOptions{}
	cmd := &cobra.Command{
		Use:   "compile FILE.py",
		Short: "Compile a Python module into an nl bytecode image",
		Long: `Compile a Python module into an nl bytecode image (.nlb).

The image holds the module's code, constants and names, a header with a
format version and a CRC-32, and (unless --strip) line tables for tracebacks.
The image size and the size of each function are printed on stderr.
Compile errors are printed like CPython's: file:line:col, the source line
and a caret.`,
		Example: `  nl compile handler.py
  nl compile handler.py -o build/handler.nlb --strip
  nl compile handler.py --json`,
		Args:    cobra.ExactArgs(1),
		GroupID: groupProject,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Input = args[0]
			return compileRun(f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Output, "output", "o", "", "image file to write (default: FILE.nlb next to the source)")
	cmd.Flags().BoolVar(&opts.Strip, "strip", false, "drop line tables and local names (smaller image; tracebacks show line ?)")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func compileRun(f *Factory, opts *compileOptions) error {
	in := resolvePath(f, opts.Input)
	src, err := os.ReadFile(in)
	if err != nil {
		return fmt.Errorf("read %s: %w", opts.Input, err)
	}
	prog, err := compiler.Compile(opts.Input, src, compiler.Options{Strip: opts.Strip})
	if err != nil {
		return compileFailure(f, err)
	}
	img, err := bytecode.Encode(prog)
	if err != nil {
		return fmt.Errorf("encode %s: %w", opts.Input, err)
	}
	out := opts.Output
	if out == "" {
		out = strings.TrimSuffix(opts.Input, filepath.Ext(opts.Input)) + ".nlb"
	}
	if err := os.WriteFile(resolvePath(f, out), img, 0o644); err != nil {
		return fmt.Errorf("write image: %w", err)
	}
	rep := compileReport{Source: opts.Input, Output: out, Bytes: len(img), Stripped: opts.Strip}
	for _, s := range prog.FuncSizes() {
		rep.Functions = append(rep.Functions, compileFuncEntry{Name: s.Name, Line: s.Line, Bytes: s.Bytes})
	}
	if opts.JSON {
		return writeJSON(f.IO.Out, rep)
	}
	fmt.Fprintf(f.IO.ErrOut, "%s: %d bytes", out, len(img))
	if opts.Strip {
		fmt.Fprint(f.IO.ErrOut, " (stripped)")
	}
	fmt.Fprintln(f.IO.ErrOut)
	for _, fn := range rep.Functions {
		fmt.Fprintf(f.IO.ErrOut, "  %-24s line %-5d %6d bytes\n", fn.Name, fn.Line, fn.Bytes)
	}
	return nil
}

// compileFailure prints compile errors CPython-style on stderr and returns a
// silent exit status 1.
func compileFailure(f *Factory, err error) error {
	var list compiler.ErrorList
	if errors.As(err, &list) {
		fmt.Fprintln(f.IO.ErrOut, list.Error())
		return &ExitError{Code: 1, Err: err, Silent: true}
	}
	return err
}

// resolvePath interprets p relative to the factory's working directory.
func resolvePath(f *Factory, p string) string {
	if filepath.IsAbs(p) || f.WorkDir == "" {
		return p
	}
	return filepath.Join(f.WorkDir, p)
}

// loadProgram reads FILE.py (compiling it) or FILE.nlb (decoding and verifying it).
// Compile errors are returned as a compiler.ErrorList.
func loadProgram(f *Factory, path string) (*bytecode.Program, error) {
	data, err := os.ReadFile(resolvePath(f, path))
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", path, err)
	}
	if strings.HasSuffix(path, ".nlb") || (len(data) >= 4 && string(data[:4]) == bytecode.Magic) {
		p, err := bytecode.Decode(data)
		if err != nil {
			return nil, fmt.Errorf("load image %s: %w", path, err)
		}
		return p, nil
	}
	return compiler.Compile(path, data, compiler.Options{})
}
