package syntax

import (
	"bufio"
	"bytes"
	"os/exec"
	"strconv"
	"strings"
	"testing"

	"golang.org/x/text/unicode/runenames"
)

// TestUnicodeNamesMatchCPython looks up a spread of Unicode names (every 13th
// named code point, plus lower-case spellings) and checks that \N{name} gives
// the character CPython's unicodedata gives. Characters new in CPython's newer
// Unicode version may be unknown to nl (docs/python-subset-syntax.md), nothing
// else.
func TestUnicodeNamesMatchCPython(t *testing.T) {
	script := `import unicodedata
for cp in range(0, 0x110000, 13):
    n = unicodedata.name(chr(cp), None)
    if n:
        print("%x %s" % (cp, n))
        print("%x %s" % (cp, n.lower()) if not n.startswith(("HANGUL SYLLABLE", "CJK UNIFIED")) else "")
`
	out, err := exec.Command("python3", "-c", script).Output()
	if err != nil {
		t.Fatalf("python3 is required (the oracle for Unicode names): %v", err)
	}
	checked, newer := 0, 0
	sc := bufio.NewScanner(bytes.NewReader(out))
	for sc.Scan() {
		hex, name, ok := strings.Cut(sc.Text(), " ")
		if !ok {
			continue
		}
		cp, _ := strconv.ParseUint(hex, 16, 32)
		r, found := lookupUnicodeName(name)
		switch {
		case found && r == rune(cp):
			checked++
		case !found && runenames.Name(rune(cp)) == "":
			newer++ // assigned after the Unicode version nl's tables have
		default:
			t.Errorf("\\N{%s} = %U (found %v), CPython says U+%04X", name, r, found, cp)
		}
	}
	if checked < 5000 {
		t.Fatalf("only %d names checked", checked)
	}
	t.Logf("%d names agree with CPython; %d characters newer than nl's Unicode tables", checked, newer)
	for _, bad := range []string{"NO SUCH NAME", "hangul syllable ga", "CJK UNIFIED IDEOGRAPH-4e00", "CJK UNIFIED IDEOGRAPH-0041", "HANGUL SYLLABLE XYZ"} {
		if r, ok := lookupUnicodeName(bad); ok {
			t.Errorf("\\N{%s} = %U, want unknown (as CPython)", bad, r)
		}
	}
}
