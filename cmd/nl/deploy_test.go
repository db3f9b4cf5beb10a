package main

import (
	"encoding/json"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/localstack/pyrt"
)

// cloudProject writes a project with two functions and serves a local stack
// accepting the project's [dev] keys.
func cloudProject(t *testing.T) (dir, url string) {
	t.Helper()
	dir = t.TempDir()
	files := map[string]string{
		"nanolambda.toml": `name = "cloudtest"

[dev]
access_key = "AKTEST"
secret_key = "sekrit"

[[function]]
name = "greet"
handler = "greet.handler"
memory = 256
timeout = 5

[[function]]
name = "fail"
handler = "fail.handler"
`,
		"greet.py": "def handler(event, context):\n    print('greeting', event.get('who', 'world'))\n    return {'hello': event.get('who', 'world')}\n",
		"fail.py":  "def handler(event, context):\n    raise KeyError('missing')\n",
		"ev.json":  `{"who": "edge"}`,
	}
	for name, body := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	srv, err := localstack.New(localstack.WithRuntime(pyrt.New()), localstack.WithCredentials(map[string]string{"AKTEST": "sekrit"}))
	if err != nil {
		t.Fatal(err)
	}
	ts := httptest.NewServer(srv)
	t.Cleanup(func() { ts.Close(); srv.Close() })
	return dir, ts.URL
}

func TestDeployInvokeLogs(t *testing.T) {
	dir, url := cloudProject(t)
	run := func(args ...string) (int, string, string) {
		f, out, errOut := testFactory()
		f.WorkDir = dir
		code := Main(args, f)
		return code, out.String(), errOut.String()
	}
	code, out, errOut := run("deploy", "--endpoint", url, "--json")
	if code != 0 {
		t.Fatalf("deploy: exit %d: %s", code, errOut)
	}
	var res []deployResult
	if err := json.Unmarshal([]byte(out), &res); err != nil || len(res) != 2 || res[0].Action != "created" || res[0].Function != "greet" {
		t.Fatalf("deploy --json = %s (%v)", out, err)
	}
	code, out, errOut = run("deploy", "greet", "--endpoint", url)
	if code != 0 || !strings.HasPrefix(out, "updated greet") {
		t.Fatalf("redeploy: exit %d: %q %s", code, out, errOut)
	}
	code, out, errOut = run("invoke", "greet", "--event", "ev.json", "--endpoint", url, "--log")
	if code != 0 || strings.TrimSpace(out) != `{"hello":"edge"}` || !strings.Contains(errOut, "greeting edge") {
		t.Fatalf("invoke: exit %d out %q err %q", code, out, errOut)
	}
	code, out, errOut = run("invoke", "fail", "--endpoint", url)
	if code != 1 || !strings.Contains(errOut, "KeyError") || out != "" {
		t.Fatalf("invoke of a failing function: exit %d out %q err %q", code, out, errOut)
	}
	code, _, errOut = run("invoke", "greet", "--payload", "{oops", "--endpoint", url)
	if code == 0 || !strings.Contains(errOut, "not JSON") {
		t.Fatalf("bad payload: exit %d %q", code, errOut)
	}
	code, _, errOut = run("invoke", "nosuch", "--endpoint", url)
	if code == 0 || !strings.Contains(errOut, "ResourceNotFoundException") {
		t.Fatalf("missing function: exit %d %q", code, errOut)
	}
	code, _, errOut = run("invoke", "greet", "--payload", `{"who": "queue"}`, "--async", "--endpoint", url)
	if code != 0 || !strings.Contains(errOut, "queued greet (status 202)") {
		t.Fatalf("invoke --async: exit %d %q", code, errOut)
	}
	for deadline := time.Now().Add(5 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		_, out, _ := run("logs", "greet", "--endpoint", url)
		if strings.Contains(out, "greeting queue") {
			break
		}
		if time.Now().After(deadline) {
			t.Fatalf("the queued invocation never ran: %q", out)
		}
	}
	code, out, errOut = run("logs", "greet", "--endpoint", url)
	if code != 0 || !strings.Contains(out, "RequestResponse") || !strings.Contains(out, "    greeting edge") {
		t.Fatalf("logs: exit %d %q %q", code, out, errOut)
	}
	code, out, _ = run("logs", "fail", "--endpoint", url, "--json")
	var e localstack.LogEntry
	if code != 0 || json.Unmarshal([]byte(strings.Split(out, "\n")[0]), &e) != nil || e.Error == nil || e.Error.Type != "KeyError" {
		t.Fatalf("logs --json: exit %d %q", code, out)
	}
	code, _, errOut = run("deploy", "--endpoint", "http://127.0.0.1:1")
	if code == 0 || !strings.Contains(errOut, "nl dev") {
		t.Fatalf("deploy with no server: exit %d %q", code, errOut)
	}
}

func TestLogsFromDataDirWhenStopped(t *testing.T) {
	dir := t.TempDir()
	// Nothing listens on port 1: nl logs falls back to the data dir.
	os.WriteFile(filepath.Join(dir, "nanolambda.toml"), []byte("name = \"p\"\n[dev]\naddr = \"127.0.0.1:1\"\ndata_dir = \".nl/data\"\n"), 0o644)
	os.MkdirAll(filepath.Join(dir, ".nl", "data", "logs"), 0o755)
	line := `{"function":"fn","requestId":"R1","start":"2026-11-25T10:00:00Z","durationMs":1.5,"trigger":"Event","status":"ok","memorySizeMb":128,"peakHeapBytes":640,"steps":9,"log":"hi\n"}`
	os.WriteFile(filepath.Join(dir, ".nl", "data", "logs", "fn.log"), []byte(line+"\n"), 0o644)
	f, out, errOut := testFactory()
	f.WorkDir = dir
	if code := Main([]string{"logs", "fn"}, f); code != 0 {
		t.Fatalf("exit %d: %s", code, errOut)
	}
	if !strings.Contains(out.String(), "R1 Event 1.50 ms heap 640 B: ok") || !strings.Contains(out.String(), "    hi") {
		t.Fatalf("logs from the data dir: %q", out)
	}
}

func TestDeployOutsideProject(t *testing.T) {
	f, _, errOut := testFactory()
	f.WorkDir = t.TempDir()
	if code := Main([]string{"deploy"}, f); code == 0 || !strings.Contains(errOut.String(), "nl init") {
		t.Fatalf("deploy outside a project: exit %d %q", code, errOut)
	}
}
