package tui

import "strings"

var sparkRunes = []rune("▁▂▃▄▅▆▇█")

// Sparkline draws the last width values as block characters scaled from
// lo to hi (lo = hi = 0 means the values' own range). Empty input gives "".
func Sparkline(values []float64, width int, lo, hi float64) string {
	if width <= 0 || len(values) == 0 {
		return ""
	}
	if len(values) > width {
		values = values[len(values)-width:]
	}
	if lo == 0 && hi == 0 {
		lo, hi = values[0], values[0]
		for _, v := range values {
			lo = min(lo, v)
			hi = max(hi, v)
		}
	}
	var b strings.Builder
	for _, v := range values {
		i := 0
		if hi > lo {
			f := (v - lo) / (hi - lo)
			i = int(f*float64(len(sparkRunes)-1) + 0.5)
			i = max(0, min(i, len(sparkRunes)-1))
		}
		b.WriteRune(sparkRunes[i])
	}
	return b.String()
}
