package e2e

import (
	"os"
	"os/exec"
	"path/filepath"
	"testing"
)

// TestAWSCLI runs localstack/testdata/awscli.sh, the AWS CLI v2 against a
// real `nl dev`. `make test` installs the CLI (scripts/ensure-deps.sh).
func TestAWSCLI(t *testing.T) {
	if _, err := os.Stat("/usr/bin/aws"); err != nil {
		t.Fatalf("AWS CLI v2 is not installed at /usr/bin/aws: run `make deps` (scripts/ensure-deps.sh installs awscli)")
	}
	p := startDev(t, "--ephemeral", "--quiet")
	script, err := filepath.Abs("../testdata/awscli.sh")
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command("bash", script, t.TempDir())
	cmd.Env = append(os.Environ(), "ENDPOINT="+p.url)
	out, err := cmd.CombinedOutput()
	if err != nil {
		t.Fatalf("awscli.sh: %v\n%s\nserver log:\n%s", err, out, p.stderr)
	}
	t.Logf("%s", out)
}
