package vm

import (
	"bytes"
	"encoding/json"
	"os/exec"
	"testing"
)

// runPython runs a CPython script that reads a JSON document from stdin
// and writes a JSON list of strings: CPython is the oracle for these tests.
func runPython(t *testing.T, script string, input any) []string {
	t.Helper()
	in, err := json.Marshal(input)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("python3", "-c", script)
	cmd.Stdin = bytes.NewReader(in)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("python3: %v\n%s", err, stderr.String())
	}
	var res []string
	if err := json.Unmarshal(out, &res); err != nil {
		t.Fatalf("decode python3 output: %v\n%s", err, out)
	}
	return res
}

// errText renders a format error the way the oracle script does.
func errText(err error) string {
	if fe, ok := err.(*fmtError); ok {
		return fe.kind + ": " + fe.msg
	}
	return "Error: " + err.Error()
}
