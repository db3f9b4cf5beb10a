package main

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/vm"
	"github.com/spf13/cobra"
)

func init() { register(newCmdExec) }

type execOptions struct {
	File     string
	Args     []string // sys.argv[1:]
	Heap     int64
	MaxSteps uint64
	MaxDepth int
	Timeout  time.Duration
}

func newCmdExec(f *Factory) *cobra.Command {
	opts := &execOptions{}
	cmd := &cobra.Command{
		Use:   "exec FILE.py|FILE.nlb [-- ARGS...]",
		Short: "Run a module's top-level code in the nl VM",
		Long: `Run a module's top-level code in the nl VM, the way python3 runs a script.

FILE.py is compiled first; FILE.nlb is a compiled image (checked before it
runs). print() writes to stdout. An uncaught exception prints a CPython-style
traceback on stderr and exits with status 1; so does a compile error, printed
as file:line:col with the source line and a caret. sys.exit(n) (SystemExit)
exits with status n, as in python3. Arguments after the file are the script's
sys.argv[1:] (put them after -- when they start with a dash).`,
		Example: `  nl exec script.py
  nl exec build/handler.nlb
  nl exec loop.py --max-steps 1000000 --heap 65536
  nl exec tool.py -- --verbose input.json`,
		Args:    cobra.MinimumNArgs(1),
		GroupID: groupProject,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.File, opts.Args = args[0], args[1:]
			return execRun(f, opts)
		},
	}
	cmd.Flags().Int64Var(&opts.Heap, "heap", 0, "heap budget in bytes under the 32-bit size model (0: unlimited)")
	cmd.Flags().Uint64Var(&opts.MaxSteps, "max-steps", 0, "instruction budget (0: unlimited)")
	cmd.Flags().DurationVar(&opts.Timeout, "timeout", 0, "wall-clock limit, e.g. 3s (0: none)")
	cmd.Flags().IntVar(&opts.MaxDepth, "max-depth", 1000, "Python call depth before RecursionError (CPython's limit; devices use their profile's, about 100)")
	return cmd
}

func execRun(f *Factory, opts *execOptions) error {
	data, err := os.ReadFile(resolvePath(f, opts.File))
	if err != nil {
		return fmt.Errorf("read %s: %w", opts.File, err)
	}
	var prog *bytecode.Program
	var src []byte
	if strings.HasSuffix(opts.File, ".nlb") || (len(data) >= 4 && string(data[:4]) == bytecode.Magic) {
		if prog, err = bytecode.Decode(data); err != nil {
			return fmt.Errorf("load image %s: %w", opts.File, err)
		}
	} else {
		src = data
		if prog, err = compiler.Compile(opts.File, src, compiler.Options{}); err != nil {
			return compileFailure(f, err)
		}
	}
	_, err = vm.Load(prog, vm.Options{
		Stdout:    f.IO.Out,
		Stderr:    f.IO.ErrOut,
		Argv:      append([]string{opts.File}, opts.Args...),
		Filename:  opts.File,
		HeapLimit: opts.Heap,
		MaxSteps:  opts.MaxSteps,
		MaxDepth:  opts.MaxDepth,
		Timeout:   opts.Timeout,
	})
	if err == nil {
		return nil
	}
	var ex *vm.Exception
	if errors.As(err, &ex) && ex.Type == "SystemExit" {
		return systemExit(f, ex)
	}
	if errors.As(err, &ex) {
		// python3 names the script by its absolute path in tracebacks.
		shown, aerr := filepath.Abs(resolvePath(f, opts.File))
		if aerr != nil {
			shown = opts.File
		}
		fmt.Fprint(f.IO.ErrOut, formatTraceback(ex, opts.File, shown, src))
		return &ExitError{Code: 1, Err: err, Silent: true}
	}
	var te *vm.TimeoutError
	if errors.As(err, &te) {
		return &ExitError{Code: 1, Err: fmt.Errorf("%s: %w", opts.File, err)}
	}
	return fmt.Errorf("run %s: %w", opts.File, err)
}

// systemExit ends nl exec as python3 ends on an uncaught SystemExit: no
// traceback; the code None (or none) is status 0, an int is the status, and
// anything else is printed on stderr with status 1.
func systemExit(f *Factory, ex *vm.Exception) error {
	code := 0
	switch ex.Msg {
	case "", "None", "False":
	case "True":
		code = 1
	default:
		n, err := strconv.Atoi(ex.Msg)
		if err != nil {
			fmt.Fprintln(f.IO.ErrOut, ex.Msg)
			n = 1
		}
		code = n & 0xff // what the operating system keeps of an exit status
	}
	if code == 0 {
		return nil
	}
	return &ExitError{Code: code, Err: fmt.Errorf("SystemExit: %s", ex.Msg), Silent: true}
}

// formatTraceback prints ex as CPython 3.11 does, with the source line under
// each frame of file when the source is at hand: chained exceptions first
// (explicit cause, else implicit context), and a run of more than
// recursiveCutoff identical frames shortened to "[Previous line repeated N more
// times]". CPython's ^^^ markers under expressions are not reproduced.
func formatTraceback(ex *vm.Exception, file, shown string, src []byte) string {
	var lines []string
	if src != nil {
		lines = strings.Split(string(src), "\n")
	}
	var sb strings.Builder
	frame := func(fr vm.Frame) {
		line := "?"
		if fr.Line > 0 {
			line = strconv.Itoa(fr.Line)
		}
		name := fr.File
		if name == file {
			name = shown
		}
		fmt.Fprintf(&sb, "  File \"%s\", line %s, in %s\n", name, line, fr.Func)
		if fr.File == file && fr.Line > 0 && fr.Line <= len(lines) {
			if text := strings.TrimSpace(lines[fr.Line-1]); text != "" {
				fmt.Fprintf(&sb, "    %s\n", text)
			}
		}
	}
	repeated := func(n int) {
		if n > recursiveCutoff {
			n -= recursiveCutoff
			plural := "s"
			if n == 1 {
				plural = ""
			}
			fmt.Fprintf(&sb, "  [Previous line repeated %d more time%s]\n", n, plural)
		}
	}
	var write func(e *vm.Exception, depth int)
	write = func(e *vm.Exception, depth int) {
		// CPython stops at a cycle; a depth bound also keeps the output finite.
		if depth < 10 {
			if e.Cause != nil {
				write(e.Cause, depth+1)
				sb.WriteString("\nThe above exception was the direct cause of the following exception:\n\n")
			} else if e.Context != nil {
				write(e.Context, depth+1)
				sb.WriteString("\nDuring handling of the above exception, another exception occurred:\n\n")
			}
		}
		if len(e.Frames) > 0 {
			sb.WriteString("Traceback (most recent call last):\n")
		}
		count := 0
		for i, fr := range e.Frames {
			if prev := e.Frames[max(i-1, 0)]; i > 0 && fr.File == prev.File && fr.Line == prev.Line && fr.Func == prev.Func {
				count++
			} else {
				repeated(count)
				count = 1
			}
			if count <= recursiveCutoff {
				frame(fr)
			}
		}
		repeated(count)
		sb.WriteString(e.Error())
		sb.WriteByte('\n')
	}
	write(ex, 0)
	return sb.String()
}

// recursiveCutoff is how many identical consecutive traceback frames CPython
// prints before it summarises the rest (traceback._RECURSIVE_CUTOFF).
const recursiveCutoff = 3
