package main

import (
	"context"
	"errors"
)

// deviceDeployOptions are the --port flags of `nl deploy`, handed to the
// serial device link (docs/device-protocol.md).
type deviceDeployOptions struct {
	Port      string
	Baud      int
	Functions []string // names from nanolambda.toml; empty means all
	JSON      bool
}

// deviceInvokeOptions are the --port flags of `nl invoke`.
type deviceInvokeOptions struct {
	Port     string
	Baud     int
	Function string
	Event    []byte // JSON
	JSON     bool
}

// deployToDevice and invokeOnDevice are replaced by the serial device link.
func deployToDevice(ctx context.Context, f *Factory, opts deviceDeployOptions) error {
	return errors.New("deploy over serial is not built into this nl yet")
}

func invokeOnDevice(ctx context.Context, f *Factory, opts deviceInvokeOptions) error {
	return errors.New("invoke over serial is not built into this nl yet")
}
