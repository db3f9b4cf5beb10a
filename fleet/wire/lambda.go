package wire

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/nanolambda/nl/fleet"
)

// LambdaRemote runs functions through the Lambda Invoke API: nl dev's
// local stack on loopback, or AWS Lambda itself.
type LambdaRemote struct {
	Client *lambda.Client
}

// NewLambdaRemote returns a remote for the Lambda API at endpoint (for
// example http://127.0.0.1:4566), signing with the given key pair.
func NewLambdaRemote(endpoint, accessKey, secretKey, region string) *LambdaRemote {
	if region == "" {
		region = "us-east-1"
	}
	return &LambdaRemote{Client: lambda.New(lambda.Options{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(accessKey, secretKey, ""),
		BaseEndpoint: aws.String(endpoint),
	})}
}

// Invoke calls function synchronously with payload. The duration is the
// wall time of the call; a function error (the handler raised) is an error.
func (l *LambdaRemote) Invoke(ctx context.Context, function string, payload []byte) ([]byte, time.Duration, error) {
	start := time.Now()
	out, err := l.Client.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String(function), Payload: payload})
	dur := time.Since(start)
	if err != nil {
		return nil, dur, fmt.Errorf("invoke %s: %w", function, err)
	}
	if out.FunctionError != nil {
		return nil, dur, fmt.Errorf("invoke %s: %s: %s", function, aws.ToString(out.FunctionError),
			strings.TrimSpace(string(out.Payload)))
	}
	return out.Payload, dur, nil
}

// DemoHandler is the demo's function, run both on the emulated devices and
// on the edge and cloud: the vibration template's RMS check on the
// readings an event carries, plus a 32-bin spectrum of the vertical axis
// (the work that makes large batches worth offloading), in nl's Python
// subset.
const DemoHandler = `import math

NORMAL_RMS = 0.045
ALERT_RATIO = 2.5
BINS = 32


def spectrum(xs):
    n = len(xs)
    out = []
    for k in range(1, BINS + 1):
        re = 0.0
        im = 0.0
        for i in range(n):
            a = 6.283185307179586 * k * i / n
            re += xs[i] * math.cos(a)
            im -= xs[i] * math.sin(a)
        out.append(math.sqrt(re * re + im * im) / n)
    return out


def handler(event, context):
    readings = event.get("readings", [])
    n = len(readings)
    if n == 0:
        return {"status": "warming_up", "readings": 0}
    m = [sum(r[i] for r in readings) / n for i in range(3)]
    total = 0.0
    for r in readings:
        for i in range(3):
            total += (r[i] - m[i]) ** 2
    rms = math.sqrt(total / n)
    mags = spectrum([r[2] - m[2] for r in readings])
    peak = 0
    for k in range(len(mags)):
        if mags[k] > mags[peak]:
            peak = k
    status = "alert" if rms > ALERT_RATIO * NORMAL_RMS else "ok"
    return {"status": status, "rms": rms, "peak_bin": peak + 1}
`

// demoRole is the execution role functions are created with; nl's local
// stack accepts any.
const demoRole = "arn:aws:iam::000000000000:role/nl-demo"

// DeployDemo creates (or updates) fleet.DemoFunction from DemoHandler on the
// Lambda API behind r.
func DeployDemo(ctx context.Context, r *LambdaRemote) error {
	zipped, err := zipModule("handler.py", []byte(DemoHandler))
	if err != nil {
		return fmt.Errorf("package the demo function: %w", err)
	}
	_, err = r.Client.CreateFunction(ctx, &lambda.CreateFunctionInput{
		FunctionName: aws.String(fleet.DemoFunction), Runtime: ltypes.RuntimePython312,
		Role:    aws.String(demoRole),
		Handler: aws.String("handler.handler"), Code: &ltypes.FunctionCode{ZipFile: zipped},
	})
	var exists *ltypes.ResourceConflictException
	if errors.As(err, &exists) {
		_, err = r.Client.UpdateFunctionCode(ctx, &lambda.UpdateFunctionCodeInput{
			FunctionName: aws.String(fleet.DemoFunction), ZipFile: zipped})
	}
	if err != nil {
		return fmt.Errorf("deploy the demo function %s: %w", fleet.DemoFunction, err)
	}
	return nil
}
