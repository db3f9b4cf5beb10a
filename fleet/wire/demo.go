package wire

import (
	"context"
	"fmt"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/fleet"
	"github.com/nanolambda/nl/scheduler"
)

// DemoImage compiles DemoHandler for the devices.
func DemoImage() ([]byte, error) {
	prog, err := compiler.Compile(fleet.DemoFunction+".py", []byte(DemoHandler), compiler.Options{})
	if err != nil {
		return nil, fmt.Errorf("compile the demo handler: %w", err)
	}
	return bytecode.Encode(prog)
}

// DemoFleet builds `nl dev --demo`'s fleet on nl's real parts: DemoHandler
// is deployed through remote (nl dev's Lambda API) for the edge and the
// cloud, and each ESP8266 of fleet.Demo runs it on the emulator.
func DemoFleet(ctx context.Context, remote *LambdaRemote) (*fleet.Fleet, error) {
	if err := DeployDemo(ctx, remote); err != nil {
		return nil, err
	}
	img, err := DemoImage()
	if err != nil {
		return nil, err
	}
	prof, err := config.BuiltinProfile("esp8266")
	if err != nil {
		return nil, err
	}
	seed := int64(0)
	cfg, err := fleet.Demo(remote, func(name string, _ scheduler.DeviceSpec) (fleet.Executor, error) {
		seed++
		return NewEmulatorExecutor(prof, fleet.DemoFunction, "handler", img, seed)
	})
	if err != nil {
		return nil, err
	}
	return fleet.New(cfg)
}
