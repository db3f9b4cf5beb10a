package main

import (
	"io"
	"os"

	"golang.org/x/term"
)

// IOStreams is the terminal a command talks to. Tests build one on buffers
// with TestIOStreams so that commands run without a terminal.
type IOStreams struct {
	In     io.Reader
	Out    io.Writer
	ErrOut io.Writer

	outTTY, errTTY bool
	noColor        bool
}

// IsStdoutTTY reports whether stdout is a terminal (human layout, progress bars).
func (s *IOStreams) IsStdoutTTY() bool { return s.outTTY }

// IsStderrTTY reports whether stderr is a terminal.
func (s *IOStreams) IsStderrTTY() bool { return s.errTTY }

// ColorEnabled is true only on a terminal and never when NO_COLOR is set
// (https://no-color.org: any non-empty value).
func (s *IOStreams) ColorEnabled() bool { return s.outTTY && !s.noColor }

// SetStdoutTTY fakes a terminal in tests.
func (s *IOStreams) SetStdoutTTY(v bool) { s.outTTY = v }

// SetStderrTTY fakes a terminal on stderr in tests.
func (s *IOStreams) SetStderrTTY(v bool) { s.errTTY = v }

func systemIOStreams() *IOStreams {
	return &IOStreams{
		In:      os.Stdin,
		Out:     os.Stdout,
		ErrOut:  os.Stderr,
		outTTY:  term.IsTerminal(int(os.Stdout.Fd())),
		errTTY:  term.IsTerminal(int(os.Stderr.Fd())),
		noColor: os.Getenv("NO_COLOR") != "",
	}
}

// Factory holds the lazily built dependencies commands share.
type Factory struct {
	IO *IOStreams
	// Getenv reads the environment; tests replace it.
	Getenv func(string) string
	// WorkDir is the directory commands resolve relative paths and find
	// nanolambda.toml from; empty means the process's working directory.
	WorkDir string
}

// NewFactory wires the real process environment.
func NewFactory() *Factory {
	return &Factory{IO: systemIOStreams(), Getenv: os.Getenv}
}
