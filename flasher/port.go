package flasher

import (
	"context"
	"errors"
	"fmt"
	"os"

	"go.bug.st/serial"
)

// OpenPort opens a serial port for the flasher and the device link. It is
// the one place nl calls serial.Open. InitialStatusBits stays nil: setting it
// makes Open fail on ports without modem lines (pseudo-terminals).
func OpenPort(path string, baud int) (serial.Port, error) {
	if baud == 0 {
		baud = 115200
	}
	if _, err := os.Stat(path); err != nil {
		return nil, &PortError{Path: path, Kind: "not-found", Err: err}
	}
	p, err := serial.Open(path, &serial.Mode{BaudRate: baud})
	if err != nil {
		kind := "open"
		var pe *serial.PortError
		if errors.As(err, &pe) {
			switch pe.Code() {
			case serial.PortBusy:
				kind = "busy"
			case serial.PortNotFound:
				kind = "not-found"
			case serial.PermissionDenied:
				kind = "permission"
			case serial.InvalidSpeed:
				kind = "speed"
			case serial.InvalidSerialPort:
				kind = "not-serial"
			}
		}
		if errors.Is(err, os.ErrPermission) {
			kind = "permission"
		}
		return nil, &PortError{Path: path, Kind: kind, Err: err}
	}
	return p, nil
}

// PortError is a port that could not be opened.
type PortError struct {
	Path string
	Kind string // not-found, busy, permission, speed, not-serial, open
	Err  error
}

// Error implements error.
func (e *PortError) Error() string { return fmt.Sprintf("open port %s: %v", e.Path, e.Err) }

// Unwrap returns the underlying error.
func (e *PortError) Unwrap() error { return e.Err }

// Explain turns an error from opening, connecting or flashing into one
// sentence saying what failed and what to try.
func Explain(err error, port string) string {
	var pe *PortError
	var wc *WrongChipError
	var tl *ImageTooLargeError
	var spe *serial.PortError
	switch {
	case err == nil:
		return ""
	case errors.Is(err, context.Canceled):
		return "flashing interrupted; the chip is still in its bootloader: run nl flash again, or press RESET to leave it"
	case errors.As(err, &pe) && pe.Kind == "not-found":
		return fmt.Sprintf("no serial port %s: check the cable, then run 'nl ports' to list the ports present", port)
	case errors.As(err, &pe) && pe.Kind == "busy":
		return fmt.Sprintf("port %s is busy: close the other program using it (a serial monitor, another nl)", port)
	case errors.As(err, &pe) && pe.Kind == "permission":
		return fmt.Sprintf("permission denied opening %s: add yourself to the port's group (often dialout) and log in again", port)
	case errors.As(err, &pe) && pe.Kind == "speed":
		return fmt.Sprintf("port %s does not accept that baud rate: try --baud 115200", port)
	case errors.As(err, &pe) && pe.Kind == "not-serial":
		return fmt.Sprintf("%s is not a serial port: pass the board's port ('nl ports' lists them)", port)
	case errors.As(err, &pe):
		return fmt.Sprintf("cannot open %s: %v", port, pe.Err)
	case errors.Is(err, ErrNoBoard):
		return "no board found: no USB serial port is connected; plug the board in (some cables carry only power) or pass --port with its path"
	case errors.Is(err, ErrNoSync):
		return fmt.Sprintf("no answer from the bootloader on %s: hold BOOT (GPIO0), press RESET, release BOOT and try again; check --port and that nothing else uses the port", port)
	case errors.As(err, &wc):
		return fmt.Sprintf("%v on %s: pass --chip auto or the right chip", wc, port)
	case errors.As(err, &tl):
		return fmt.Sprintf("%v: use a smaller image or a board with more flash", tl)
	case errors.As(err, &spe) && spe.Code() == serial.PortClosed:
		return fmt.Sprintf("port %s went away during the transfer: reconnect the board and flash again", port)
	}
	return fmt.Sprintf("%v (port %s)", err, port)
}
