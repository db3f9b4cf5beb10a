package wire

import (
	"context"
	"fmt"

	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/fleet"
	"github.com/nanolambda/nl/scheduler"
)

// DemoImage compiles DemoHandler for the devices.
func DemoImage() ([]byte, error) {
	img, err := compileImage(fleet.DemoFunction+".py", []byte(DemoHandler))
	if err != nil {
		return nil, fmt.Errorf("compile the demo handler: %w", err)
	}
	return img, nil
}

// DemoFleet builds `nl dev --demo`'s fleet on nl's real parts: DemoHandler
// is deployed through remote (nl dev's Lambda API) for the edge and the
// cloud, and each ESP8266 of fleet.Demo runs it on the emulator.
func DemoFleet(ctx context.Context, remote *LambdaRemote) (*fleet.Fleet, error) {
	cfg, err := DemoFleetConfig(ctx, remote)
	if err != nil {
		return nil, err
	}
	return fleet.New(cfg)
}

// DemoFleetConfig deploys the demo function as DemoFleet does and returns
// the fleet's configuration, for a caller that adjusts it (Speed) before
// fleet.New.
func DemoFleetConfig(ctx context.Context, remote *LambdaRemote) (fleet.Config, error) {
	if err := DeployDemo(ctx, remote); err != nil {
		return fleet.Config{}, err
	}
	img, err := DemoImage()
	if err != nil {
		return fleet.Config{}, err
	}
	prof, err := config.BuiltinProfile("esp8266")
	if err != nil {
		return fleet.Config{}, err
	}
	seed := int64(0)
	return fleet.Demo(remote, func(name string, _ scheduler.DeviceSpec) (fleet.Executor, error) {
		seed++
		return NewEmulatorExecutor(prof, fleet.DemoFunction, "handler", img, seed)
	})
}
