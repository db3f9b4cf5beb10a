package scheduler

import "math"

// ewma is an exponentially weighted moving average. The first sample sets
// the value, so an estimate is never dragged towards an arbitrary zero.
type ewma struct {
	value float64
	n     int
}

func (e *ewma) add(x, alpha float64) {
	if e.n == 0 {
		e.value = x
	} else {
		e.value += alpha * (x - e.value)
	}
	e.n++
}

func (e *ewma) known() bool { return e.n > 0 }

// linear is an exponentially weighted least-squares fit y ≈ a + b·x, used
// for costs that grow with payload size (steps, heap, execution time). With
// a single payload size seen so far it degrades to the weighted mean.
type linear struct {
	sw, sx, sy, sxx, sxy float64
	n                    int
	maxY                 float64
}

func (l *linear) add(x, y, alpha float64) {
	// Decay the old sums by (1-alpha) so recent samples dominate, as in ewma.
	d := 1 - alpha
	if l.n == 0 {
		d = 0
	}
	l.sw = l.sw*d + 1
	l.sx = l.sx*d + x
	l.sy = l.sy*d + y
	l.sxx = l.sxx*d + x*x
	l.sxy = l.sxy*d + x*y
	l.n++
	if y > l.maxY {
		l.maxY = y
	}
}

func (l *linear) known() bool { return l.n > 0 }

func (l *linear) predict(x float64) float64 {
	if l.n == 0 {
		return 0
	}
	mx, my := l.sx/l.sw, l.sy/l.sw
	varx := l.sxx/l.sw - mx*mx
	// A spread below one byte² means every sample had the same payload size.
	if varx < 1 {
		return my
	}
	b := (l.sxy/l.sw - mx*my) / varx
	y := my + b*(x-mx)
	if math.IsNaN(y) || y < 0 {
		return 0
	}
	return y
}
