package resolve

import (
	"encoding/json"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

func TestZZMutDump(t *testing.T) {
	if os.Getenv("MUTDUMP") == "" {
		t.Skip()
	}
	files, _ := filepath.Glob("../syntax/testdata/parse/*.py")
	more, _ := filepath.Glob("testdata/resolve/*.py")
	files = append(files, more...)
	var srcs []string
	for _, f := range files {
		if strings.HasSuffix(f, "unsupported.py") {
			continue
		}
		data, _ := os.ReadFile(f)
		srcs = append(srcs, string(data))
	}
	muts := mutants(srcs, 20000, 99)
	srcJSON, _ := json.Marshal(muts)
	cmd := exec.Command("python3", "-c", `
import json, sys, warnings
warnings.simplefilter("ignore")
out = []
for src in json.load(sys.stdin):
    try:
        compile(src, "h.py", "exec", dont_inherit=True)
        out.append("no error")
    except SyntaxError as e:
        out.append("%s:%s: %s: %s" % (e.lineno, e.offset, type(e).__name__, e.msg))
    except Exception as e:
        out.append(type(e).__name__)
json.dump(out, sys.stdout)
`)
	cmd.Stdin = strings.NewReader(string(srcJSON))
	out, _ := cmd.Output()
	var py []string
	json.Unmarshal(out, &py)
	var rep []string
	acc := 0
	for i, m := range muts {
		got := frontEndError(m)
		if got != py[i] {
			if (got == "no error") != (py[i] == "no error") {
				acc++
			}
			rep = append(rep, fmt.Sprintf("%q\n\tnl: %s\n\tpy: %s", m, got, py[i]))
		}
	}
	fmt.Println("mismatches", len(rep), "validity", acc)
	os.WriteFile("/tmp/syn/mut2.txt", []byte(strings.Join(rep, "\n")), 0o644)
}
