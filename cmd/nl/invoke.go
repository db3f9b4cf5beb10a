package main

import (
	"context"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/spf13/cobra"
)

type invokeOptions struct {
	cloudFlags
	Function string
	Event    string
	Payload  string
	Async    bool
	Log      bool
	Port     string
	Baud     int
	JSON     bool
}

// invokeReport is --json output.
type invokeReport struct {
	Function      string          `json:"function"`
	StatusCode    int32           `json:"statusCode"`
	FunctionError string          `json:"functionError,omitempty"`
	Payload       json.RawMessage `json:"payload,omitempty"`
	Log           string          `json:"log,omitempty"`
}

func init() { register(newCmdInvoke) }

func newCmdInvoke(f *Factory) *cobra.Command {
	opts := &invokeOptions{}
	cmd := &cobra.Command{
		Use:     "invoke FUNCTION",
		Short:   "Invoke a deployed function on the local stack, AWS Lambda or a device",
		GroupID: groupCloud,
		Long: `nl invoke calls a deployed function with an event through the AWS Lambda
API (the local stack by default; --endpoint or --profile for others) and
prints what it returned. --log prints the last 4 KB of its log on stderr.
With --port the function runs on a board over USB serial.

Exit status: 0 ok, 1 the function raised (its error document is printed).`,
		Example: `  nl invoke detect --event events/fault.json
  nl invoke detect --payload '{"n": 3}' --log
  nl invoke detect --event e.json --async
  nl invoke detect --event e.json --port /dev/ttyUSB0`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Function = args[0]
			if opts.Event != "" && opts.Payload != "" {
				return &FlagError{err: errors.New("give --event or --payload, not both")}
			}
			return invokeRun(cmd.Context(), f, opts)
		},
	}
	addCloudFlags(cmd, &opts.cloudFlags)
	fl := cmd.Flags()
	fl.StringVarP(&opts.Event, "event", "e", "", "event JSON `FILE` ('-' for stdin; default {})")
	fl.StringVar(&opts.Payload, "payload", "", "event as inline JSON")
	fl.BoolVar(&opts.Async, "async", false, "invoke asynchronously (InvocationType Event) and return at once")
	fl.BoolVar(&opts.Log, "log", false, "print the invocation's log tail on stderr")
	fl.StringVar(&opts.Port, "port", "", "run on the board on this serial port instead")
	fl.IntVar(&opts.Baud, "baud", 0, "serial baud rate with --port")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

// readEvent loads the event and checks that it is JSON.
func readEvent(f *Factory, opts *invokeOptions) ([]byte, error) {
	var data []byte
	var err error
	where := "--payload"
	switch {
	case opts.Payload != "":
		data = []byte(opts.Payload)
	case opts.Event == "-":
		where = "stdin"
		data, err = io.ReadAll(f.IO.In)
	case opts.Event != "":
		where = opts.Event
		path := opts.Event
		if !filepath.IsAbs(path) {
			path = filepath.Join(cloudWorkDir(f), path)
		}
		data, err = os.ReadFile(path)
	default:
		return []byte("{}"), nil
	}
	if err != nil {
		return nil, fmt.Errorf("read event: %w", err)
	}
	var v any
	if err := json.Unmarshal(data, &v); err != nil {
		return nil, fmt.Errorf("event %s is not JSON: %v", where, err)
	}
	return data, nil
}

func invokeRun(ctx context.Context, f *Factory, opts *invokeOptions) error {
	event, err := readEvent(f, opts)
	if err != nil {
		return err
	}
	if opts.Port != "" {
		return invokeOnDevice(ctx, f, deviceInvokeOptions{Port: opts.Port, Baud: opts.Baud, Function: opts.Function, Event: event, JSON: opts.JSON})
	}
	p, err := loadProjectOptional(f)
	if err != nil {
		return err
	}
	client, endpoint, local, err := opts.lambdaClient(ctx, f, p)
	if err != nil {
		return err
	}
	in := &lambda.InvokeInput{FunctionName: aws.String(opts.Function), Payload: event}
	if opts.Async {
		in.InvocationType = ltypes.InvocationTypeEvent
	}
	if opts.Log && !opts.Async {
		in.LogType = ltypes.LogTypeTail
	}
	out, err := client.Invoke(ctx, in)
	if err != nil {
		return fmt.Errorf("invoke %s: %w", opts.Function, cloudHint(err, local, endpoint))
	}
	var logText string
	if out.LogResult != nil {
		b, _ := base64.StdEncoding.DecodeString(*out.LogResult)
		logText = string(b)
	}
	rep := invokeReport{Function: opts.Function, StatusCode: out.StatusCode, FunctionError: aws.ToString(out.FunctionError), Log: logText}
	if len(out.Payload) > 0 {
		rep.Payload = out.Payload
	}
	if opts.JSON {
		if err := writeJSON(f.IO.Out, rep); err != nil {
			return err
		}
	} else {
		if logText != "" {
			fmt.Fprint(f.IO.ErrOut, logText)
		}
		switch {
		case opts.Async:
			fmt.Fprintf(f.IO.ErrOut, "queued %s (status %d)\n", opts.Function, out.StatusCode)
		case rep.FunctionError != "":
			fmt.Fprintf(f.IO.ErrOut, "%s failed (%s):\n%s\n", opts.Function, rep.FunctionError, out.Payload)
		default:
			fmt.Fprintf(f.IO.Out, "%s\n", out.Payload)
		}
	}
	if rep.FunctionError != "" {
		return &ExitError{Code: 1, Silent: true}
	}
	return nil
}
