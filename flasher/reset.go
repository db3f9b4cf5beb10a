package flasher

import (
	"errors"
	"time"

	"golang.org/x/sys/unix"
)

// ErrNoModemLines means the port cannot drive DTR/RTS: pseudo-terminals and
// some adapters fail the modem-control ioctl with ENOTTY or EINVAL.
var ErrNoModemLines = errors.New("port has no DTR/RTS lines")

func modemErr(err error) error {
	if err == nil {
		return nil
	}
	if errors.Is(err, unix.ENOTTY) || errors.Is(err, unix.EINVAL) {
		return ErrNoModemLines
	}
	return err
}

// setLines writes DTR then RTS and DTR again: some drivers apply a change only
// on a DTR write.
func setLines(p Port, dtr, rts bool) error {
	if err := modemErr(p.SetDTR(dtr)); err != nil {
		return err
	}
	if err := modemErr(p.SetRTS(rts)); err != nil {
		return err
	}
	return modemErr(p.SetDTR(dtr))
}

// ResetIntoBootloader runs the classic sequence: DTR drives GPIO0 and RTS
// drives EN through the usual two-transistor circuit. extraDelay lengthens
// the wait after EN rises, for boards with slow capacitors (esptool uses
// 50 ms, then 550 ms on retry).
func ResetIntoBootloader(p Port, extraDelay time.Duration, sleep func(time.Duration)) error {
	if err := setLines(p, false, true); err != nil { // EN low: chip in reset
		return err
	}
	sleep(100 * time.Millisecond)
	if err := setLines(p, true, false); err != nil { // GPIO0 low, EN high: boot into ROM loader
		return err
	}
	sleep(50*time.Millisecond + extraDelay)
	return setLines(p, false, false)
}

// HardReset pulses EN so that the chip runs its firmware.
func HardReset(p Port, sleep func(time.Duration)) error {
	if err := modemErr(p.SetRTS(true)); err != nil {
		return err
	}
	sleep(100 * time.Millisecond)
	return modemErr(p.SetRTS(false))
}
