package main

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"
)

// testFactory returns a factory on buffers, as a non-terminal.
func testFactory() (*Factory, *bytes.Buffer, *bytes.Buffer) {
	out, errOut := &bytes.Buffer{}, &bytes.Buffer{}
	f := &Factory{
		IO:     &IOStreams{In: strings.NewReader(""), Out: out, ErrOut: errOut},
		Getenv: func(string) string { return "" },
	}
	return f, out, errOut
}

func TestVersionJSON(t *testing.T) {
	f, out, _ := testFactory()
	if code := Main([]string{"version", "--json"}, f); code != 0 {
		t.Fatalf("exit %d", code)
	}
	var v versionInfo
	if err := json.Unmarshal(out.Bytes(), &v); err != nil {
		t.Fatalf("version --json is not JSON: %v\n%s", err, out)
	}
	if v.Version == "" || v.GoVersion == "" {
		t.Fatalf("incomplete version report: %+v", v)
	}
}

func TestUnknownCommandFails(t *testing.T) {
	f, out, errOut := testFactory()
	code := Main([]string{"no-such-command"}, f)
	if code == 0 {
		t.Fatal("unknown command exited 0")
	}
	if out.Len() != 0 {
		t.Errorf("stdout should be empty, got %q", out)
	}
	if !strings.Contains(errOut.String(), "no-such-command") {
		t.Errorf("stderr does not name the command: %q", errOut)
	}
}

func TestCompletionScripts(t *testing.T) {
	for _, shell := range []string{"bash", "zsh", "fish"} {
		t.Run(shell, func(t *testing.T) {
			f, out, _ := testFactory()
			if code := Main([]string{"completion", shell}, f); code != 0 {
				t.Fatalf("exit %d", code)
			}
			if !strings.Contains(out.String(), "nl") || out.Len() < 200 {
				t.Fatalf("completion script looks empty: %q", out.String())
			}
		})
	}
}

// Every command documents itself with an example, as `nl help` promises.
func TestEveryCommandHasExample(t *testing.T) {
	f, _, _ := testFactory()
	root := newRootCmd(f)
	for _, c := range root.Commands() {
		if c.Name() == "help" || c.Name() == "completion" || c.Hidden {
			continue
		}
		if c.Short == "" || c.Example == "" {
			t.Errorf("nl %s: missing Short or Example", c.Name())
		}
	}
}
