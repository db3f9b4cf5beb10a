package e2e

import (
	"errors"
	"io"
	"os"
	"syscall"
)

// ptyCopy copies the pty's output until it closes; the EIO a Linux pty
// master returns once the program has exited is the normal end.
func ptyCopy(dst io.Writer, src *os.File) (int64, error) {
	n, err := io.Copy(dst, src)
	if errors.Is(err, syscall.EIO) {
		err = nil
	}
	return n, err
}
