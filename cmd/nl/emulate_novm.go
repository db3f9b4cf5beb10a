//go:build !nlvm

package main

import (
	"errors"

	"github.com/nanolambda/nl/devlink"
)

// newEmulatorExecutor needs the emulator, which is only built with the VM
// (build tag nlvm) while the VM is being finished.
func newEmulatorExecutor(f *Factory, profile string) (devlink.Executor, error) {
	if _, err := deviceProfile(f, profile); err != nil {
		return nil, err
	}
	return nil, errors.New("this nl was built without the VM, so it cannot run a simulated device: rebuild with -tags nlvm")
}
