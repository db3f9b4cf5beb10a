package vm_test

import (
	"fmt"
	"os"
	"runtime"
	"syscall"
	"testing"
	"time"

	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/vm"
)

func cpuNow() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_THREAD, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

func TestZZCPUTime(t *testing.T) {
	if os.Getenv("NL_CPUTIME") == "" {
		return
	}
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	for _, bp := range coreBenchPrograms {
		p, _ := compiler.Compile("b.py", []byte(bp.src), compiler.Options{})
		in, _ := vm.Load(p, vm.Options{})
		best := time.Hour
		for i := 0; i < 7; i++ {
			s := cpuNow()
			in.Call("main")
			if d := cpuNow() - s; d < best {
				best = d
			}
		}
		fmt.Printf("%s %.1f\n", bp.name, float64(best.Microseconds())/1000)
	}
}
