package vm_test

import (
	"testing"

	"github.com/nanolambda/nl/vm"
)

// TestOSErrorFamily: the OSError subclasses network and file code catches
// exist with CPython's bases, and IOError/EnvironmentError are OSError.
func TestOSErrorFamily(t *testing.T) {
	src := `
out = []
for cls in [ConnectionError, BrokenPipeError, ConnectionAbortedError, ConnectionRefusedError,
            ConnectionResetError, BlockingIOError, FileExistsError, FileNotFoundError,
            InterruptedError, PermissionError, TimeoutError, StopAsyncIteration]:
    out.append(cls.__name__ + "<" + cls.__bases__[0].__name__)
try:
    raise ConnectionResetError("peer reset")
except OSError as e:
    out.append(type(e).__name__ + ":" + str(e))
print(" ".join(out), IOError is OSError, EnvironmentError is OSError)
`
	got, _, err := runPy(t, src, vm.Options{})
	if err != nil {
		t.Fatal(err)
	}
	want := "ConnectionError<OSError BrokenPipeError<ConnectionError ConnectionAbortedError<ConnectionError " +
		"ConnectionRefusedError<ConnectionError ConnectionResetError<ConnectionError BlockingIOError<OSError " +
		"FileExistsError<OSError FileNotFoundError<OSError InterruptedError<OSError PermissionError<OSError " +
		"TimeoutError<OSError StopAsyncIteration<Exception ConnectionResetError:peer reset True True\n"
	if got != want {
		t.Errorf("got  %q\nwant %q", got, want)
	}
}
