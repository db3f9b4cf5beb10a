package main

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	awsconfig "github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/spf13/cobra"

	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/localstack"
)

// cloudFlags select where deploy, invoke and logs talk to: the local stack
// (default), another endpoint, or real AWS through a named profile.
type cloudFlags struct {
	Endpoint string
	Profile  string
	Region   string
}

func addCloudFlags(cmd *cobra.Command, c *cloudFlags) {
	fl := cmd.Flags()
	fl.StringVar(&c.Endpoint, "endpoint", "", "Lambda/S3 endpoint URL (default the local stack: http://127.0.0.1:4566 or [dev] addr)")
	fl.StringVar(&c.Profile, "profile", "", "AWS profile of ~/.aws/config; talks to real AWS unless --endpoint is given")
	fl.StringVar(&c.Region, "region", "", "AWS region (default us-east-1 locally, the profile's region on AWS)")
}

// projWorkDirOrCwd is where commands look for nanolambda.toml.
func cloudWorkDir(f *Factory) string {
	if f.WorkDir != "" {
		return f.WorkDir
	}
	d, _ := os.Getwd()
	return d
}

// loadProjectOptional returns the project around the working directory,
// or nil when there is none.
func loadProjectOptional(f *Factory) (*config.Project, error) {
	path, err := config.Find(cloudWorkDir(f))
	if errors.Is(err, config.ErrNotFound) {
		return nil, nil
	} else if err != nil {
		return nil, err
	}
	return config.Load(path)
}

// localEndpoint is the local stack's URL and keys from [dev], or defaults.
func localEndpoint(p *config.Project) (url, ak, sk string) {
	url, ak, sk = "http://127.0.0.1:4566", localstack.DefaultAccessKey, localstack.DefaultSecretKey
	if p != nil {
		if p.Dev.Addr != "" {
			url = "http://" + p.Dev.Addr
		}
		if pk, ps := projectKeys(p); pk != "" {
			ak, sk = pk, ps
		}
	}
	return url, ak, sk
}

// lambdaClient builds an aws-sdk-go-v2 Lambda client for the flags; local
// reports whether it talks to the local stack.
func (c *cloudFlags) lambdaClient(ctx context.Context, f *Factory, p *config.Project) (client *lambda.Client, endpoint string, local bool, err error) {
	if c.Profile != "" {
		opts := []func(*awsconfig.LoadOptions) error{awsconfig.WithSharedConfigProfile(c.Profile)}
		if c.Region != "" {
			opts = append(opts, awsconfig.WithRegion(c.Region))
		}
		cfg, err := awsconfig.LoadDefaultConfig(ctx, opts...)
		if err != nil {
			return nil, "", false, fmt.Errorf("load AWS profile %q: %w", c.Profile, err)
		}
		var lo []func(*lambda.Options)
		if c.Endpoint != "" {
			lo = append(lo, func(o *lambda.Options) { o.BaseEndpoint = aws.String(c.Endpoint) })
		}
		return lambda.NewFromConfig(cfg, lo...), c.Endpoint, c.Endpoint != "", nil
	}
	url, ak, sk := localEndpoint(p)
	if c.Endpoint != "" {
		url = c.Endpoint
	}
	if v := f.Getenv("AWS_ACCESS_KEY_ID"); v != "" && f.Getenv("AWS_SECRET_ACCESS_KEY") != "" && p == nil {
		ak, sk = v, f.Getenv("AWS_SECRET_ACCESS_KEY")
	}
	region := c.Region
	if region == "" {
		region = localstack.DefaultRegion
	}
	return lambda.New(lambda.Options{
		Region:       region,
		Credentials:  credentials.NewStaticCredentialsProvider(ak, sk, ""),
		BaseEndpoint: aws.String(url),
	}), url, true, nil
}

type deployOptions struct {
	cloudFlags
	Functions []string
	Role      string
	Runtime   string
	Port      string
	Baud      int
	JSON      bool
}

// deployResult is one function's outcome, for --json.
type deployResult struct {
	Function   string `json:"function"`
	Action     string `json:"action"` // created, updated
	ARN        string `json:"arn"`
	CodeSha256 string `json:"codeSha256"`
	CodeSize   int64  `json:"codeSize"`
}

func init() { register(newCmdDeploy) }

func newCmdDeploy(f *Factory) *cobra.Command {
	opts := &deployOptions{}
	cmd := &cobra.Command{
		Use:     "deploy [FUNCTION...]",
		Short:   "Create or update the project's functions on the local stack, AWS Lambda or a device",
		GroupID: groupCloud,
		Long: `nl deploy packages each [[function]] of nanolambda.toml (its handler module
as a zip) and creates or updates it through the AWS Lambda API, with the
function's memory and timeout. By default it talks to the local stack that
nl dev serves; --endpoint names another, and --profile deploys the same
handlers to real AWS Lambda (give --role there). With --port it deploys to a
board over USB serial instead.`,
		Example: `  nl deploy
  nl deploy detect --endpoint http://127.0.0.1:4566
  nl deploy --profile prod --region eu-west-1 --role arn:aws:iam::123456789012:role/lambda-basic
  nl deploy --port /dev/ttyUSB0`,
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Functions = args
			return deployRun(cmd.Context(), f, opts)
		},
	}
	addCloudFlags(cmd, &opts.cloudFlags)
	fl := cmd.Flags()
	fl.StringVar(&opts.Role, "role", "", "execution role ARN (required on AWS; the local stack does not check it)")
	fl.StringVar(&opts.Runtime, "runtime", "python3.12", "Lambda runtime name to declare")
	fl.StringVar(&opts.Port, "port", "", "deploy to the board on this serial port instead")
	fl.IntVar(&opts.Baud, "baud", 0, "serial baud rate with --port (default [serial] baud)")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

// packageFunction zips the handler module of fn under its module path.
func packageFunction(p *config.Project, fn config.Function) ([]byte, error) {
	src := filepath.Join(p.Dir, fn.Source)
	data, err := os.ReadFile(src)
	if err != nil {
		return nil, fmt.Errorf("function %s: read handler %s: %w", fn.Name, src, err)
	}
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	name := strings.ReplaceAll(fn.Module(), ".", "/") + ".py"
	w, err := zw.CreateHeader(&zip.FileHeader{Name: name, Method: zip.Deflate, Modified: time.Unix(0, 0).UTC()})
	if err != nil {
		return nil, err
	}
	w.Write(data)
	if err := zw.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func deployRun(ctx context.Context, f *Factory, opts *deployOptions) error {
	if opts.Port != "" {
		return deployToDevice(ctx, f, deviceDeployOptions{Port: opts.Port, Baud: opts.Baud, Functions: opts.Functions, JSON: opts.JSON})
	}
	p, err := loadProjectOptional(f)
	if err != nil {
		return err
	}
	if p == nil {
		return fmt.Errorf("nl deploy needs a project: no %s in %s or above; run `nl init`", config.FileName, cloudWorkDir(f))
	}
	fns := p.Functions
	if len(opts.Functions) > 0 {
		fns = nil
		for _, name := range opts.Functions {
			fn, err := p.Function(name)
			if err != nil {
				return err
			}
			fns = append(fns, *fn)
		}
	}
	if len(fns) == 0 {
		return fmt.Errorf("%s has no [[function]] entries to deploy", p.Path)
	}
	client, endpoint, local, err := opts.lambdaClient(ctx, f, p)
	if err != nil {
		return err
	}
	role := opts.Role
	if role == "" {
		if !local {
			return &FlagError{err: errors.New("deploying to AWS needs --role ARN, the execution role the functions run as")}
		}
		role = "arn:aws:iam::" + localstack.AccountID + ":role/nl-dev"
	}
	var results []deployResult
	for _, fn := range fns {
		zipped, err := packageFunction(p, fn)
		if err != nil {
			return err
		}
		r, err := deployOne(ctx, client, fn, zipped, role, opts.Runtime)
		if err != nil {
			where := endpoint
			if where == "" {
				where = "AWS"
			}
			return fmt.Errorf("deploy %s to %s: %w", fn.Name, where, cloudHint(err, local, endpoint))
		}
		results = append(results, r)
		if !opts.JSON {
			fmt.Fprintf(f.IO.Out, "%s %s (%d bytes, %s)\n", r.Action, r.Function, r.CodeSize, r.ARN)
		}
	}
	if opts.JSON {
		return writeJSON(f.IO.Out, results)
	}
	return nil
}

// cloudHint adds what to do when the local stack is not running.
func cloudHint(err error, local bool, endpoint string) error {
	if local && strings.Contains(err.Error(), "connection refused") {
		return fmt.Errorf("%w\nis nl dev running? start it with `nl dev`, or pass --endpoint", err)
	}
	return err
}

func deployOne(ctx context.Context, c *lambda.Client, fn config.Function, zipped []byte, role, runtime string) (deployResult, error) {
	_, err := c.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String(fn.Name)})
	var nf *ltypes.ResourceNotFoundException
	if errors.As(err, &nf) {
		out, err := c.CreateFunction(ctx, &lambda.CreateFunctionInput{
			FunctionName: aws.String(fn.Name), Runtime: ltypes.Runtime(runtime), Role: aws.String(role), Handler: aws.String(fn.Handler),
			MemorySize: aws.Int32(int32(fn.Memory)), Timeout: aws.Int32(int32(fn.Timeout)), Code: &ltypes.FunctionCode{ZipFile: zipped},
			Description: aws.String("deployed by nl"),
		})
		if err != nil {
			return deployResult{}, err
		}
		return deployResult{Function: fn.Name, Action: "created", ARN: aws.ToString(out.FunctionArn), CodeSha256: aws.ToString(out.CodeSha256), CodeSize: out.CodeSize}, nil
	} else if err != nil {
		return deployResult{}, err
	}
	out, err := c.UpdateFunctionCode(ctx, &lambda.UpdateFunctionCodeInput{FunctionName: aws.String(fn.Name), ZipFile: zipped})
	if err != nil {
		return deployResult{}, err
	}
	// AWS applies one update at a time: wait for the code update to finish.
	w := lambda.NewFunctionUpdatedV2Waiter(c)
	if err := w.Wait(ctx, &lambda.GetFunctionInput{FunctionName: aws.String(fn.Name)}, 2*time.Minute); err != nil {
		return deployResult{}, fmt.Errorf("wait for the code update: %w", err)
	}
	if _, err := c.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String(fn.Name),
		Handler: aws.String(fn.Handler), MemorySize: aws.Int32(int32(fn.Memory)), Timeout: aws.Int32(int32(fn.Timeout))}); err != nil {
		return deployResult{}, err
	}
	return deployResult{Function: fn.Name, Action: "updated", ARN: aws.ToString(out.FunctionArn), CodeSha256: aws.ToString(out.CodeSha256), CodeSize: out.CodeSize}, nil
}
