package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// scanString renders the tokens of src compactly: operators and keywords
// as themselves, literals as kind(value), layout tokens in capitals.
func scanString(src string) string {
	sc := newScanner("t.py", []byte(src), 0, len(src), 1, 1, false)
	var parts []string
	for _, t := range sc.scanAll() {
		var s string
		switch t.kind {
		case NAME:
			s = t.text
		case INT:
			if t.bigVal() != nil {
				s = "int(" + t.bigVal().String() + ")"
			} else {
				s = fmt.Sprintf("int(%d)", t.ival)
			}
		case FLOAT:
			s = fmt.Sprintf("float(%g)", t.fval)
		case IMAG:
			s = fmt.Sprintf("imag(%g)", t.fval)
		case STRING:
			s = fmt.Sprintf("str(%q)", t.text)
		case BYTES:
			s = fmt.Sprintf("bytes(%q)", t.text)
		case FSTRING:
			s = fmt.Sprintf("fstr(%q)", src[t.x.fsBody:t.x.fsEnd])
		case NEWLINE, INDENT, DEDENT:
			s = strings.ToUpper(t.kind.String())
		case EOF:
			s = "EOF"
		case ILLEGAL:
			s = fmt.Sprintf("error(%d:%d: %s)", t.err().Pos.Line, t.err().Pos.Col, t.err().Msg)
		default:
			s = t.kind.String()
		}
		parts = append(parts, s)
	}
	return strings.Join(parts, " ")
}

func TestScan(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"empty", "", "EOF"},
		{"assign", "x = 1\n", "x = int(1) NEWLINE EOF"},
		{"no final newline", "x", "x NEWLINE EOF"},
		{"decimal", "0 7 123_456 00", "int(0) int(7) int(123456) int(0) NEWLINE EOF"},
		{"hex octal binary", "0x1F 0X_ff 0o17 0O7_7 0b1010 0B_1_0", "int(31) int(255) int(15) int(63) int(10) int(2) NEWLINE EOF"},
		{"int64 bounds", "9223372036854775807 9223372036854775808", "int(9223372036854775807) int(9223372036854775808) NEWLINE EOF"},
		{"floats", "1.5 1e9 1E-9 .5 5. 1_000.5 1_0e1_0 0e0 1e+3", "float(1.5) float(1e+09) float(1e-09) float(0.5) float(5) float(1000.5) float(1e+11) float(0) float(1000) NEWLINE EOF"},
		{"imaginary", "3j 1.5J 1e3j", "imag(3) imag(1.5) imag(1000) NEWLINE EOF"},
		{"number then keyword", "1if x else 2", "int(1) if x else int(2) NEWLINE EOF"},
		{"number then else", "1else", "int(1) else NEWLINE EOF"},
		{"attribute of int", "1 .real", "int(1) . real NEWLINE EOF"},
		{"operators", "+ - * / // % ** @ & | ^ ~ << >> < > <= >= == != -> := ...", "+ - * / // % ** @ & | ^ ~ << >> < > <= >= == != -> := ... NEWLINE EOF"},
		{"augmented", "+= -= *= /= //= %= **= @= &= |= ^= <<= >>=", "+= -= *= /= //= %= **= @= &= |= ^= <<= >>= NEWLINE EOF"},
		{"keywords", "if elif else while for in not and or is lambda None True False", "if elif else while for in not and or is lambda None True False NEWLINE EOF"},
		{"soft keywords are names", "match case _", "match case _ NEWLINE EOF"},
		{"unicode name", "é = 1", "é = int(1) NEWLINE EOF"},
		{"strings", `'a' "b" '''c''' """d"""`, `str("a") str("b") str("c") str("d") NEWLINE EOF`},
		{"escapes", `'\n\t\\\'\"\a\b\f\v\r\0\101\x41\u00e9\U0001F600\q'`, `str("\n\t\\'\"\a\b\f\v\r\x00AAé😀\\q") NEWLINE EOF`},
		{"escaped newline", "'a\\\nb'", `str("ab") NEWLINE EOF`},
		{"raw", `r'\n' R"\x" rb'\d' Br'\d'`, `str("\\n") str("\\x") bytes("\\d") bytes("\\d") NEWLINE EOF`},
		{"bytes", `b'\x00\xff\u0041' B"x"`, `bytes("\x00\xff\\u0041") bytes("x") NEWLINE EOF`},
		{"unicode prefix", `u'x' U"y"`, `str("x") str("y") NEWLINE EOF`},
		{"surrogate", `'\ud800'`, "str(\"\ufffd\") NEWLINE EOF"},
		{"triple with newlines", "'''a\nb'''\n", `str("a\nb") NEWLINE EOF`},
		{"fstrings", `f'a{b}' rf"{c}\d" F'''{x}'''`, `fstr("a{b}") fstr("{c}\\d") fstr("{x}") NEWLINE EOF`},
		{"indent dedent", "if x:\n    y\n    z\nw\n", "if x : NEWLINE INDENT y NEWLINE z NEWLINE DEDENT w NEWLINE EOF"},
		{"nested dedent", "if a:\n  if b:\n    c\nd\n", "if a : NEWLINE INDENT if b : NEWLINE INDENT c NEWLINE DEDENT DEDENT d NEWLINE EOF"},
		{"dedent at eof", "if a:\n  b", "if a : NEWLINE INDENT b NEWLINE DEDENT EOF"},
		{"tabs", "if a:\n\tb\n\tc\n", "if a : NEWLINE INDENT b NEWLINE c NEWLINE DEDENT EOF"},
		{"blank and comment lines", "a\n\n   # c\n\t\nb\n", "a NEWLINE b NEWLINE EOF"},
		{"comment lines inside block", "if a:\n  b\n# x\n      # y\n  c\n", "if a : NEWLINE INDENT b NEWLINE c NEWLINE DEDENT EOF"},
		{"brackets join lines", "f(a,\n  b\n)\n", "f ( a , b ) NEWLINE EOF"},
		{"backslash continuation", "x = 1 + \\\n  2\n", "x = int(1) + int(2) NEWLINE EOF"},
		{"semicolons", "a; b;\n", "a ; b ; NEWLINE EOF"},
		{"trailing comment", "a  # c\nb", "a NEWLINE b NEWLINE EOF"},
		{"form feed", "\fa\n", "a NEWLINE EOF"},
		{"bad number", "1abc", "error(1:1: invalid decimal literal) EOF"},
		{"leading zero", "x = 0777", "x = error(1:5: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers) EOF"},
		{"unterminated", "'abc\n", "error(1:1: unterminated string literal (detected at line 1)) EOF"},
		{"unterminated triple", "'''a\nb", "error(1:1: unterminated triple-quoted string literal (detected at line 2)) EOF"},
		{"never closed", "f(a,\n", "f ( a , error(1:2: '(' was never closed) EOF"},
		{"unmatched", "a)", "a error(1:2: unmatched ')') EOF"},
		{"mismatched", "(a]", "( a error(1:3: closing parenthesis ']' does not match opening parenthesis '(') EOF"},
		{"bad dedent", "if a:\n    b\n  c\n", "if a : NEWLINE INDENT b NEWLINE error(3:4: unindent does not match any outer indentation level) EOF"},
		{"null byte", "a\x00", "a error(1:2: source code cannot contain null bytes) EOF"},
		{"bad utf8", "a\xff", "a error(1:2: invalid UTF-8 byte 0xff in source) EOF"},
		{"invalid character", "a €", "a error(1:3: invalid character '€' (U+20AC)) EOF"},
		{"N escape", `'\N{EN DASH}\N{bullet}\N{CJK UNIFIED IDEOGRAPH-4E00}\N{HANGUL SYLLABLE GAG}'`, `str("–•一각") NEWLINE EOF`},
		{"N escape unknown", `'\N{DASH}'`, "error(1:11: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-7: unknown Unicode character name) EOF"},
		{"N escape in bytes", `b'\N{EN DASH}'`, `bytes("\\N{EN DASH}") NEWLINE EOF`},
		{"bytes non-ascii", "b'é'", "error(1:1: bytes can only contain ASCII literal characters) EOF"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := scanString(tc.src); got != tc.want {
				t.Errorf("scan(%q) =\n  %s\nwant\n  %s", tc.src, got, tc.want)
			}
		})
	}
}

func TestScanPositions(t *testing.T) {
	src := "if x:  # note\n\tyé = 'a\\\nb' + 1\n"
	sc := newScanner("t.py", []byte(src), 0, len(src), 1, 1, false)
	var got []string
	for _, tok := range sc.scanAll() {
		got = append(got, fmt.Sprintf("%s@%d:%d", tok.kind, tok.line, tok.col))
	}
	want := "if@1:1 name@1:4 :@1:5 newline@1:8 indent@2:1 name@2:2 =@2:5 string literal@2:7 +@3:4 int literal@3:6 newline@3:7 dedent@4:1 end of file@4:1"
	if g := strings.Join(got, " "); g != want {
		t.Errorf("positions =\n  %s\nwant\n  %s", g, want)
	}
}

func TestFormatError(t *testing.T) {
	src := []byte("def f():\n    if x\n        pass\n")
	_, err := Parse("h.py", src)
	if err == nil {
		t.Fatal("no error")
	}
	want := "h.py:2:9: SyntaxError: expected ':'\n    if x\n        ^"
	if got := FormatError(err, src); got != want {
		t.Errorf("FormatError =\n%s\nwant\n%s", got, want)
	}
	if got := err.Error(); got != want {
		t.Errorf("Error() =\n%s\nwant\n%s", got, want)
	}
	// Errors without a saved line take it from src.
	e := &Error{Pos: Position{File: "h.py", Line: 3, Col: 9}, Kind: KindNotSupported, Msg: "x is not supported by nl"}
	want = "h.py:3:9: NotSupportedError: x is not supported by nl\n    pass\n    ^"
	if got := FormatError(ErrorList{e}, src); got != want {
		t.Errorf("FormatError =\n%s\nwant\n%s", got, want)
	}
}

func TestCRLF(t *testing.T) {
	f, err := Parse("h.py", []byte("if x:\r\n    y = 'a'\r\n\r\nz = 1\r"))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := Dump(f), "1:1 IfStmt Test=x\n  Body:\n    2:5 AssignStmt Targets=[y] Value=\"a\"\n4:1 AssignStmt Targets=[z] Value=1\n"; got != want {
		t.Errorf("Dump =\n%s\nwant\n%s", got, want)
	}
}
