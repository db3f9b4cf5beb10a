package main

import (
	"errors"
	"fmt"
	"net"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/localstack/pyrt"
	"github.com/nanolambda/nl/localstack/store"
)

// DevOptions are the flags of `nl dev`.
type DevOptions struct {
	Addr        string
	DataDir     string
	Ephemeral   bool
	NoAuth      bool
	AccessKey   string
	SecretKey   string
	Region      string
	Concurrency int
	Quiet       bool
}

// devRuntime builds the function runtime of nl dev: nl's VM.
var devRuntime = func() localstack.Runtime { return pyrt.New() }

func init() { register(newCmdDev) }

func newCmdDev(f *Factory) *cobra.Command {
	opts := &DevOptions{}
	cmd := &cobra.Command{
		Use:     "dev",
		Short:   "Serve a local Lambda + S3 stack that AWS SDKs and the AWS CLI can use",
		GroupID: groupCloud,
		Long: `nl dev serves the AWS S3 and Lambda APIs on one port, in this process and
without Docker. Point any AWS client at it with --endpoint-url (or the SDK's
BaseEndpoint); functions run on nl's VM. Buckets, objects and functions are
kept in --data-dir (default .nl/data in the project) unless --ephemeral.

Requests must be signed (SigV4) with the configured access key; the default
pair is test / test. Readiness: GET /_nl/health. Invocation logs: nl logs.

With --demo, or [[fleet]] tables in nanolambda.toml, it also runs a fleet of
emulated devices: the scheduler places each of their events on the device,
the edge or the cloud (this stack's Lambda API), and publishes every decision
on /_nl/fleet/v1/events. Watch it with nl top; see docs/top.md.`,
		Example: `  nl dev
  nl dev --demo                  # then, in another terminal: nl top
  nl dev --addr 127.0.0.1:9000 --ephemeral
  AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test aws --endpoint-url http://127.0.0.1:4566 s3 ls`,
		Args: cobra.NoArgs,
		RunE: func(cmd *cobra.Command, args []string) error {
			return devRun(cmd, f, opts)
		},
	}
	fl := cmd.Flags()
	fl.StringVar(&opts.Addr, "addr", "", "listen address (default 127.0.0.1:4566, or [dev] addr)")
	fl.StringVar(&opts.DataDir, "data-dir", "", "where state is kept (default .nl/data, or [dev] data_dir)")
	fl.BoolVar(&opts.Ephemeral, "ephemeral", false, "keep everything in memory; nothing survives a restart")
	fl.BoolVar(&opts.NoAuth, "no-auth", false, "accept unsigned requests (no SigV4 verification)")
	fl.StringVar(&opts.AccessKey, "access-key", "", "access key id clients sign with (default test)")
	fl.StringVar(&opts.SecretKey, "secret-key", "", "secret key clients sign with (default test)")
	fl.StringVar(&opts.Region, "region", localstack.DefaultRegion, "region reported in ARNs and events")
	fl.IntVar(&opts.Concurrency, "concurrency", 0, "invocations that run at once (default 64, or [dev] concurrency)")
	fl.BoolVar(&opts.Quiet, "quiet", false, "do not print a line per invocation")
	addFleetFlags(fl, opts)
	return cmd
}

// resolveDev fills unset options from nanolambda.toml ([dev]) when the
// working directory is inside a project, then from built-in defaults.
func resolveDev(f *Factory, opts *DevOptions) error {
	dir := f.WorkDir
	if dir == "" {
		dir, _ = os.Getwd()
	}
	base := dir
	if path, err := config.Find(dir); err == nil {
		p, err := config.Load(path)
		if err != nil {
			return err
		}
		base = p.Dir
		if opts.Addr == "" {
			opts.Addr = p.Dev.Addr
		}
		if opts.DataDir == "" && p.Dev.DataDir != "" && p.Dev.DataDir != config.DefaultDevDataDir {
			opts.DataDir = p.Dev.DataDir
		}
		if opts.AccessKey == "" && opts.SecretKey == "" {
			opts.AccessKey, opts.SecretKey = projectKeys(p)
		}
		if opts.Concurrency == 0 {
			opts.Concurrency = p.Dev.Concurrency
		}
	}
	if opts.Addr == "" {
		opts.Addr = "127.0.0.1:4566"
	}
	if opts.DataDir == "" {
		opts.DataDir = filepath.Join(".nl", "data")
	}
	if !filepath.IsAbs(opts.DataDir) {
		opts.DataDir = filepath.Join(base, opts.DataDir)
	}
	if opts.AccessKey == "" {
		opts.AccessKey = localstack.DefaultAccessKey
	}
	if opts.SecretKey == "" {
		opts.SecretKey = localstack.DefaultSecretKey
	}
	return nil
}

// projectKeys are the access keys of [dev], or "" when the file leaves them
// to the default. Issue 4 makes test / test the default pair (the local-AWS
// convention users' scripts rely on); config fills in its own default, so
// that value counts as unset here.
func projectKeys(p *config.Project) (ak, sk string) {
	if p == nil || p.Dev.AccessKey == "" || (p.Dev.AccessKey == config.DefaultAccessKey && p.Dev.SecretKey == config.DefaultSecretKey) {
		return "", ""
	}
	return p.Dev.AccessKey, p.Dev.SecretKey
}

func devRun(cmd *cobra.Command, f *Factory, opts *DevOptions) error {
	if err := resolveDev(f, opts); err != nil {
		return err
	}
	var st *store.Store
	var err error
	if opts.Ephemeral {
		st = store.NewMem()
	} else {
		if st, err = store.OpenDir(opts.DataDir); err != nil {
			return fmt.Errorf("open data dir %s: %w", opts.DataDir, err)
		}
	}
	defer st.Close()
	sopts := []localstack.Option{localstack.WithStore(st), localstack.WithRegion(opts.Region)}
	if opts.NoAuth {
		sopts = append(sopts, localstack.WithNoAuth())
	} else {
		sopts = append(sopts, localstack.WithCredentials(map[string]string{opts.AccessKey: opts.SecretKey}))
	}
	if opts.Concurrency > 0 {
		sopts = append(sopts, localstack.WithConcurrency(opts.Concurrency))
	}
	if !opts.Ephemeral {
		sopts = append(sopts, localstack.WithLogDir(filepath.Join(opts.DataDir, "logs")))
	}
	if devRuntime != nil {
		sopts = append(sopts, localstack.WithRuntime(devRuntime()))
	}
	fleetRun, sopts, err := prepareDevFleet(f, opts, sopts)
	if err != nil {
		return err
	}
	srv, err := localstack.New(sopts...)
	if err != nil {
		return err
	}
	ln, err := net.Listen("tcp", opts.Addr)
	if err != nil {
		srv.Close()
		var oe *net.OpError
		if errors.As(err, &oe) && strings.Contains(err.Error(), "address already in use") {
			return fmt.Errorf("listen on %s: the port is taken (is another nl dev running?); use --addr: %w", opts.Addr, err)
		}
		return fmt.Errorf("listen on %s: %w", opts.Addr, err)
	}
	if !opts.Quiet {
		srv.OnInvocation(func(e localstack.LogEntry) {
			status := "ok"
			if e.Error != nil {
				status = e.Error.Type + ": " + e.Error.Message
			}
			fmt.Fprintf(f.IO.ErrOut, "invoke %s %s (%s) %.2f ms, heap %d B: %s\n", e.Function, e.RequestID, e.Trigger, e.DurationMS, e.PeakHeap, status)
		})
	}
	url := "http://" + ln.Addr().String()
	out := f.IO.Out
	fmt.Fprintf(out, "nl dev: S3 and Lambda on %s\n", url)
	if opts.Ephemeral {
		fmt.Fprintln(out, "storage: in memory (--ephemeral)")
	} else {
		fmt.Fprintf(out, "storage: %s\n", opts.DataDir)
	}
	if opts.NoAuth {
		fmt.Fprintln(out, "auth: off (--no-auth)")
	} else {
		fmt.Fprintf(out, "credentials: AWS_ACCESS_KEY_ID=%s AWS_SECRET_ACCESS_KEY=%s AWS_DEFAULT_REGION=%s\n", opts.AccessKey, opts.SecretKey, opts.Region)
	}
	if devRuntime == nil {
		fmt.Fprintln(out, "lambda: no function runtime in this build; CreateFunction and Invoke will fail")
	}
	fleetRun.start(cmd.Context(), url, opts, f.IO)
	defer fleetRun.wait()
	fmt.Fprintf(out, "ready: %s%s\n", url, localstack.HealthPath)
	if err := srv.Serve(cmd.Context(), ln); err != nil {
		return fmt.Errorf("serve %s: %w", url, err)
	}
	fmt.Fprintln(f.IO.ErrOut, "nl dev: stopped")
	return nil
}
