package syntax

import (
	"strconv"
	"strings"
	"sync"

	"golang.org/x/text/unicode/runenames"
)

// The \N{name} escape of str literals looks a character up by its Unicode
// name, as CPython's unicodedata.lookup does: case-insensitively, and also by
// the algorithmic names of CJK unified ideographs ("CJK UNIFIED
// IDEOGRAPH-4E00") and Hangul syllables ("HANGUL SYLLABLE GA"), which CPython
// matches only in upper case. The names come
// from golang.org/x/text/unicode/runenames (Unicode 13; CPython 3.11 has
// Unicode 14), and the aliases of NameAliases.txt ("LF", "NBSP") are not
// known: both are reported as an unknown name.

var (
	unicodeNamesOnce sync.Once
	unicodeNames     map[string]rune
	hangulNames      map[string]rune // "GAG" → U+AC01
)

// Hangul syllable names are built from the short names of their jamo
// (Unicode §3.12, "Hangul Syllable Name Generation").
var (
	jamoL = []string{"G", "GG", "N", "D", "DD", "R", "M", "B", "BB", "S", "SS", "", "J", "JJ", "C", "K", "T", "P", "H"}
	jamoV = []string{"A", "AE", "YA", "YAE", "EO", "E", "YEO", "YE", "O", "WA", "WAE", "OE", "YO", "U", "WEO", "WE", "WI", "YU", "EU", "YI", "I"}
	jamoT = []string{"", "G", "GG", "GS", "N", "NJ", "NH", "D", "L", "LG", "LM", "LB", "LS", "LT", "LP", "LH", "M", "B", "BS", "S", "SS", "NG", "J", "C", "K", "T", "P", "H"}
)

const hangulBase = 0xAC00

// buildUnicodeNames indexes every named character once, on the first \N
// escape a process meets (about 50 ms; most programs never pay it).
func buildUnicodeNames() {
	m := make(map[string]rune, 45000)
	for r := rune(0); r <= 0x10FFFF; r++ {
		if n := runenames.Name(r); n != "" && n[0] != '<' {
			m[n] = r
		}
	}
	unicodeNames = m
	hangulNames = make(map[string]rune, len(jamoL)*len(jamoV)*len(jamoT))
	for l, ln := range jamoL {
		for v, vn := range jamoV {
			for t, tn := range jamoT {
				hangulNames[ln+vn+tn] = rune(hangulBase + (l*len(jamoV)+v)*len(jamoT) + t)
			}
		}
	}
}

// lookupUnicodeName returns the character named name, if there is one.
func lookupUnicodeName(name string) (rune, bool) {
	if hex, ok := strings.CutPrefix(name, "CJK UNIFIED IDEOGRAPH-"); ok {
		if len(hex) < 4 || len(hex) > 5 || strings.ToUpper(hex) != hex {
			return 0, false
		}
		v, err := strconv.ParseUint(hex, 16, 32)
		if err != nil || !strings.HasPrefix(runenames.Name(rune(v)), "<CJK Ideograph") {
			return 0, false
		}
		return rune(v), true
	}
	unicodeNamesOnce.Do(buildUnicodeNames)
	if jamo, ok := strings.CutPrefix(name, "HANGUL SYLLABLE "); ok {
		r, ok := hangulNames[jamo]
		return r, ok
	}
	r, ok := unicodeNames[strings.ToUpper(name)]
	return r, ok
}
