package vm_test

import (
	"strings"
	"testing"

	"github.com/nanolambda/nl/vm"
)

// Constructs RE2 cannot run are refused with re.error naming them
// (CPython accepts them, so these are not conformance programs). Each
// case also runs under python3 to confirm CPython does accept it.
func TestRERefused(t *testing.T) {
	cases := []struct{ pat, subject, want string }{
		{`(a)\1`, "aa", `backreference \1`},
		{`(?P<x>a)(?P=x)`, "aa", "backreference (?P=name)"},
		{`a(?=b)`, "ab", "lookahead assertion (?=...)"},
		{`a(?!b)`, "ac", "negative lookahead assertion (?!...)"},
		{`(?<=a)b`, "ab", "lookbehind assertion (?<=...)"},
		{`(?<!a)b`, "cb", "negative lookbehind assertion (?<!...)"},
		{`(a)?(?(1)b|c)`, "ab", "conditional group"},
		{`(?>a+)b`, "aab", "atomic group"},
		{`a++b`, "aab", "possessive quantifier"},
		{`a*+`, "a", "possessive quantifier"},
		{`a{1,2}+`, "a", "possessive quantifier"},
		{`a$b`, "a", "'$' followed by more pattern"},
		{`(a$)+`, "a", "'$' followed by more pattern"},
		{`[^\W\d]`, "a", `\W inside a negated character class`},
		{`[^\S\n]`, "a b", ""}, // \S is finite to negate: accepted
		{`(?m:^a)`, "a", "scoped inline flags"},
		{`\N{DIGIT ONE}`, "1", `\N{...}`},
		{`a`, "a", ""}, // control: accepted
		{`\bx`, "é x", `\b or \B on non-ASCII text`},
		{`a*?`, "aa", "lower-priority non-empty match"},
		{`$|\n`, "a\n", "lower-priority non-empty match"},
		{`(?ai)é`, "É", "ASCII|IGNORECASE"},
		{`(a?)*`, "aa", "repeated group that can match the empty string"},
		{`(?:(a)|b?)+`, "ab", "repeated group that can match the empty string"},
		{`(a?){2}`, "aa", ""}, // bounded: both engines agree
		{`(a?)*`, "aa", "repeated group that can match the empty string"},
		{`(?:(a)|b?)+`, "ab", "repeated group that can match the empty string"},
		{`(a?){2}`, "aa", ""}, // bounded: both engines agree
		{`(?a)(?i:k)`, "\u212a", "Kelvin sign"},
	}
	for _, c := range cases {
		src := "import re\ntry:\n    print(re.findall(" + pyQuote(c.pat) + ", " + pyQuote(c.subject) + "))\nexcept re.error as e:\n    print('re.error:', e)\n"
		out, _, err := runPy(t, src, vm.Options{})
		if err != nil {
			t.Fatalf("%q: %v", c.pat, err)
		}
		if c.want == "" {
			if strings.HasPrefix(out, "re.error") {
				t.Errorf("%q refused: %s", c.pat, out)
			}
			continue
		}
		if !strings.HasPrefix(out, "re.error:") || !strings.Contains(out, c.want) || !strings.Contains(out, "not supported") {
			t.Errorf("%q: got %q, want re.error naming %q", c.pat, out, c.want)
		}
		if py, _ := cpython(t, src); strings.HasPrefix(py, "re.error") {
			t.Errorf("%q: CPython refuses it too (%s): not a limitation", c.pat, py)
		}
	}
}

func pyQuote(s string) string {
	return "'" + strings.NewReplacer(`\`, `\\`, `'`, `\'`, "\n", `\n`).Replace(s) + "'"
}

// TestREBytesRefused: bytes patterns are refused with a TypeError.
func TestREBytesRefused(t *testing.T) {
	out, _, err := runPy(t, "import re\ntry:\n    re.compile(b'a')\nexcept TypeError as e:\n    print(e)\n", vm.Options{})
	if err != nil || !strings.Contains(out, "bytes patterns are not supported") {
		t.Fatalf("got %q, %v", out, err)
	}
}
