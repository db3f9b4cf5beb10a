package resolve

import (
	"os"
	"strconv"
)

var mutN, mutSeed = func() (int, int64) {
	n, _ := strconv.Atoi(os.Getenv("MUTN"))
	s, _ := strconv.Atoi(os.Getenv("MUTSEED"))
	if n == 0 {
		n = 1500
	}
	if s == 0 {
		s = 1
	}
	return n, int64(s)
}()
