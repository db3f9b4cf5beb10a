package wire

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"strings"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/emulator"
	"github.com/nanolambda/nl/fleet"
)

// ProjectFleetConfig builds the fleet of nanolambda.toml's [[fleet]]
// tables on nl's real parts: every function a member runs is compiled for
// the emulated devices and deployed through remote (nl dev's Lambda API)
// for the edge and the cloud, once all of it checks out. A member's sensor that is not a fleet event
// source is a device sensor spec (docs/emulator.md), attached to its
// emulated device. The caller may adjust the config (Speed) before
// fleet.New.
func ProjectFleetConfig(ctx context.Context, p *config.Project, remote *LambdaRemote) (fleet.Config, error) {
	images := map[string][]byte{}
	var deploy []config.Function
	sources := map[string][]byte{}
	for _, m := range p.Fleet {
		if _, done := images[m.Function]; done {
			continue
		}
		fn, err := p.Function(m.Function)
		if err != nil {
			return fleet.Config{}, err
		}
		src, err := os.ReadFile(p.SourcePath(fn))
		if err != nil {
			return fleet.Config{}, fmt.Errorf("function %s: read its handler: %w", fn.Name, err)
		}
		img, err := compileImage(fn.Source, src)
		if err != nil {
			return fleet.Config{}, fmt.Errorf("function %s: %w", fn.Name, err)
		}
		images[m.Function] = img
		deploy = append(deploy, *fn)
		sources[fn.Name] = src
	}
	seed := int64(0)
	cfg, err := fleet.FromProject(p, remote, func(m config.FleetMember, prof config.Profile) (fleet.Executor, error) {
		seed++
		fn, err := p.Function(m.Function)
		if err != nil {
			return nil, err
		}
		opts := emulator.Options{Seed: seed}
		if _, builtin := fleet.Sources[m.Sensor]; m.Sensor != "" && !builtin {
			if opts.Sensors, err = emulator.ParseSensorSpec(m.Sensor, p.Dir, seed); err != nil {
				return nil, err
			}
		}
		return NewEmulatorExecutorOptions(prof, fn.Name, fn.Func(), images[m.Function], opts)
	})
	if err != nil {
		return fleet.Config{}, err
	}
	// Deploy last, once everything is known to work on the devices, so
	// that a mistake in nanolambda.toml changes nothing on the stack.
	for _, fn := range deploy {
		if err := DeployFunction(ctx, remote, fn, sources[fn.Name]); err != nil {
			return fleet.Config{}, err
		}
	}
	return cfg, nil
}

// compileImage compiles a handler to an image.
func compileImage(filename string, src []byte) ([]byte, error) {
	prog, err := compiler.Compile(filename, src, compiler.Options{})
	if err != nil {
		return nil, err
	}
	return bytecode.Encode(prog)
}

// DeployFunction creates fn on the Lambda API behind r from its handler
// source, or updates its code and configuration if it exists.
func DeployFunction(ctx context.Context, r *LambdaRemote, fn config.Function, src []byte) error {
	zipped, err := zipModule(strings.ReplaceAll(fn.Module(), ".", "/")+".py", src)
	if err != nil {
		return fmt.Errorf("package function %s: %w", fn.Name, err)
	}
	_, err = r.Client.CreateFunction(ctx, &lambda.CreateFunctionInput{
		FunctionName: aws.String(fn.Name), Runtime: ltypes.RuntimePython312,
		Role: aws.String(demoRole), Handler: aws.String(fn.Handler), Code: &ltypes.FunctionCode{ZipFile: zipped},
		MemorySize: memoryMB(fn.Memory), Timeout: timeoutS(fn.Timeout),
	})
	var exists *ltypes.ResourceConflictException
	if errors.As(err, &exists) {
		_, err = r.Client.UpdateFunctionCode(ctx, &lambda.UpdateFunctionCodeInput{FunctionName: aws.String(fn.Name), ZipFile: zipped})
		if err == nil {
			_, err = r.Client.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{
				FunctionName: aws.String(fn.Name), Handler: aws.String(fn.Handler),
				MemorySize: memoryMB(fn.Memory), Timeout: timeoutS(fn.Timeout)})
		}
	}
	if err != nil {
		return fmt.Errorf("deploy function %s: %w", fn.Name, err)
	}
	return nil
}

// memoryMB and timeoutS leave a zero setting to the Lambda API's default.
func memoryMB(mb int) *int32 {
	if mb <= 0 {
		return nil
	}
	return aws.Int32(int32(mb))
}

func timeoutS(s int) *int32 {
	if s <= 0 {
		return nil
	}
	return aws.Int32(int32(s))
}

// zipModule is a deployment package holding one file.
func zipModule(name string, src []byte) ([]byte, error) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create(name)
	if err == nil {
		_, err = w.Write(src)
	}
	if err == nil {
		err = zw.Close()
	}
	return buf.Bytes(), err
}
