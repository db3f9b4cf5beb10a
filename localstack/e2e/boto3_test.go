package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// boto3Python returns a python3 that can import boto3: the first python3
// in PATH, else Debian's /usr/bin/python3 (scripts/ensure-deps.sh installs
// python3-boto3 there).
func boto3Python() (string, bool) {
	for _, py := range []string{"python3", "/usr/bin/python3"} {
		if exec.Command(py, "-c", "import boto3").Run() == nil {
			return py, true
		}
	}
	return "", false
}

// TestBoto3 runs localstack/testdata/boto3_check.py against a real `nl
// dev`. boto3 is the only client here that signs presigned URLs with
// signature version 2 (its default for us-east-1) and that reads a
// function's Environment through os.environ inside the handler, so these
// are checked from outside with it.
func TestBoto3(t *testing.T) {
	py, ok := boto3Python()
	if !ok {
		t.Fatal("boto3 is not importable by python3 or /usr/bin/python3: run `make deps` (scripts/ensure-deps.sh installs python3-boto3)")
	}
	p := startDev(t, "--ephemeral", "--quiet")
	script, err := filepath.Abs("../testdata/boto3_check.py")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(py, script)
	cmd.Dir = t.TempDir()
	cmd.Env = append(os.Environ(), "EP="+p.url, "AWS_CONFIG_FILE=/dev/null", "AWS_SHARED_CREDENTIALS_FILE=/dev/null")
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("boto3_check.py (%s): %v\n%s\nserver log:\n%s", py, err, out, p.stderr)
	}
	t.Logf("%s", out)
}
