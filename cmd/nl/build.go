package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/config"
	"github.com/spf13/cobra"
)

func init() { register(newCmdBuild) }

type buildOptions struct {
	Functions []string
	Strip     bool
	JSON      bool
}

type builtImage struct {
	Function string `json:"function"`
	Source   string `json:"source"`
	Image    string `json:"image"`
	Bytes    int    `json:"bytes"`
}

func newCmdBuild(f *Factory) *cobra.Command {
	opts := &buildOptions{}
	cmd := &cobra.Command{
		Use:   "build [FUNCTION...]",
		Short: "Compile the project's functions into images",
		Long: `Compile every [[function]] of nanolambda.toml (or the ones named) into
build/NAME.nlb, the bytecode image that runs in the emulator, the local
stack and on devices. Every compile error is reported, as
file:line:col: SyntaxError: message, with the source line.`,
		Example: `  nl build
  nl build detect --strip
  nl build --json`,
		GroupID: groupProject,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Functions = args
			if cmd.Flags().Changed("strip") {
				return buildRun(f, opts, &opts.Strip)
			}
			return buildRun(f, opts, nil)
		},
	}
	cmd.Flags().BoolVar(&opts.Strip, "strip", false, "drop line tables and local names (default: [build] strip)")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

// projWorkDir is where commands look for nanolambda.toml.
func projWorkDir(f *Factory) string {
	if f.WorkDir != "" {
		return f.WorkDir
	}
	if wd, err := os.Getwd(); err == nil {
		return wd
	}
	return "."
}

// projLoad finds and loads the project around the working directory.
func projLoad(f *Factory) (*config.Project, error) {
	path, err := config.Find(projWorkDir(f))
	if err != nil {
		return nil, err
	}
	return projLoadFile(f, path)
}

// projLoadFile loads a project file, naming it in errors as the user would
// type it from the working directory.
func projLoadFile(f *Factory, path string) (*config.Project, error) {
	p, err := config.Load(path)
	var list config.ErrorList
	if errors.As(err, &list) {
		for _, e := range list {
			e.File = projRel(f, e.File)
		}
	}
	return p, err
}

// projSelect returns the named functions, or all of them.
func projSelect(p *config.Project, names []string) ([]*config.Function, error) {
	if len(names) == 0 {
		if len(p.Functions) == 0 {
			return nil, fmt.Errorf("%s declares no [[function]]; add one (see nanolambda.toml.example)", p.Path)
		}
		out := make([]*config.Function, len(p.Functions))
		for i := range p.Functions {
			out[i] = &p.Functions[i]
		}
		return out, nil
	}
	var out []*config.Function
	for _, n := range names {
		fn, err := p.Function(n)
		if err != nil {
			return nil, err
		}
		out = append(out, fn)
	}
	return out, nil
}

// projRel shows path relative to the working directory when it is inside it.
func projRel(f *Factory, path string) string {
	if rel, err := filepath.Rel(projWorkDir(f), path); err == nil && !strings.HasPrefix(rel, "..") {
		return rel
	}
	return path
}

// compiledFunc is a function compiled in memory.
type compiledFunc struct {
	Fn     *config.Function
	Source string // as shown in messages
	Prog   *bytecode.Program
	Image  []byte
}

// projCompileFile compiles one Python file into an encoded image.
func projCompileFile(display, path string, strip bool) (*bytecode.Program, []byte, error) {
	src, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, os.ErrNotExist) {
			return nil, nil, fmt.Errorf("source %s does not exist; check source/handler in nanolambda.toml", display)
		}
		return nil, nil, fmt.Errorf("read source: %w", err)
	}
	return projCompileSource(display, src, strip)
}

func projCompileSource(display string, src []byte, strip bool) (*bytecode.Program, []byte, error) {
	prog, err := compiler.Compile(display, src, compiler.Options{Strip: strip})
	if err != nil {
		return nil, nil, err
	}
	image, err := bytecode.Encode(prog)
	if err != nil {
		return nil, nil, fmt.Errorf("encode %s: %w", display, err)
	}
	return prog, image, nil
}

// projCompileAll compiles fns; compile errors of every function are joined.
func projCompileAll(f *Factory, p *config.Project, fns []*config.Function, strip bool) ([]compiledFunc, error) {
	var out []compiledFunc
	var errs []string
	for _, fn := range fns {
		display := projRel(f, p.SourcePath(fn))
		prog, image, err := projCompileFile(display, p.SourcePath(fn), strip)
		if err != nil {
			errs = append(errs, strings.TrimRight(err.Error(), "\n"))
			continue
		}
		if err := projCheckHandler(p, fn, projRel(f, p.Path), display, prog); err != nil {
			errs = append(errs, err.Error())
			continue
		}
		out = append(out, compiledFunc{Fn: fn, Source: display, Prog: prog, Image: image})
	}
	if len(errs) > 0 {
		return out, errors.New(strings.Join(errs, "\n"))
	}
	return out, nil
}

// projCheckHandler fails a function whose module never names its handler,
// so that a typo in handler = "module.func" shows at build time rather than
// on the device. A module global has a slot for every name it stores, so a
// handler without a slot is certainly missing.
func projCheckHandler(p *config.Project, fn *config.Function, configFile, display string, prog *bytecode.Program) error {
	name := fn.Func()
	for _, g := range prog.Globals {
		if g == name {
			return nil
		}
	}
	where := configFile
	if l := p.Line(fmt.Sprintf("function[%d].handler", projIndex(p, fn))); l > 0 {
		where = fmt.Sprintf("%s:%d", configFile, l)
	}
	return fmt.Errorf("%s: function %s: %s defines no %s(event, context); fix the handler key or add the function", where, fn.Name, display, name)
}

func buildRun(f *Factory, opts *buildOptions, strip *bool) error {
	p, err := projLoad(f)
	if err != nil {
		return err
	}
	fns, err := projSelect(p, opts.Functions)
	if err != nil {
		return err
	}
	doStrip := p.Build.Strip
	if strip != nil {
		doStrip = *strip
	}
	compiled, cerr := projCompileAll(f, p, fns, doStrip)
	var built []builtImage
	for _, c := range compiled {
		path := p.ImagePath(c.Fn)
		if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
			return fmt.Errorf("build: %w", err)
		}
		if err := os.WriteFile(path, c.Image, 0o644); err != nil {
			return fmt.Errorf("build: %w", err)
		}
		built = append(built, builtImage{Function: c.Fn.Name, Source: c.Source, Image: projRel(f, path), Bytes: len(c.Image)})
	}
	if opts.JSON {
		if err := writeJSON(f.IO.Out, map[string]any{"images": orEmpty(built), "ok": cerr == nil}); err != nil {
			return err
		}
	} else {
		for _, b := range built {
			fmt.Fprintf(f.IO.Out, "%-20s %s -> %s  %d B\n", b.Function, b.Source, b.Image, b.Bytes)
		}
	}
	if cerr != nil {
		fmt.Fprintln(f.IO.ErrOut, cerr)
		return &ExitError{Code: 1, Err: cerr, Silent: true}
	}
	return nil
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
