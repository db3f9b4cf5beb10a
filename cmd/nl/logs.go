package main

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"

	"github.com/spf13/cobra"

	"github.com/nanolambda/nl/localstack"
)

type logsOptions struct {
	Function string
	Endpoint string
	Follow   bool
	JSON     bool
}

func init() { register(newCmdLogs) }

func newCmdLogs(f *Factory) *cobra.Command {
	opts := &logsOptions{}
	cmd := &cobra.Command{
		Use:     "logs FUNCTION",
		Short:   "Show a function's invocation log from the local stack",
		GroupID: groupCloud,
		Long: `nl logs prints every invocation of a function that nl dev ran: request id,
start time, duration, trigger, result or error, peak heap, and what the
handler printed. --follow keeps printing new invocations until interrupted.
--json prints one JSON object per line (the fields of docs/local-stack.md).`,
		Example: `  nl logs detect
  nl logs detect --follow
  nl logs detect --json | jq .durationMs`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Function = args[0]
			return logsRun(cmd.Context(), f, opts)
		},
	}
	cmd.Flags().StringVar(&opts.Endpoint, "endpoint", "", "the local stack's URL (default http://127.0.0.1:4566 or [dev] addr)")
	cmd.Flags().BoolVarP(&opts.Follow, "follow", "f", false, "keep printing new invocations")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func logsRun(ctx context.Context, f *Factory, opts *logsOptions) error {
	endpoint := opts.Endpoint
	if endpoint == "" {
		p, err := loadProjectOptional(f)
		if err != nil {
			return err
		}
		endpoint, _, _ = localEndpoint(p)
	}
	u := strings.TrimRight(endpoint, "/") + "/_nl/logs/" + url.PathEscape(opts.Function)
	if opts.Follow {
		u += "?follow=1"
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, u, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		if ctx.Err() != nil {
			return nil
		}
		// Without a running nl dev, the log is still in the data dir.
		if !opts.Follow && opts.Endpoint == "" {
			if data, ferr := readLogFile(f, opts.Function); ferr == nil {
				return printLogLines(f, opts, bytes.NewReader(data), ctx)
			}
		}
		return fmt.Errorf("read logs from %s: %w (is nl dev running?)", endpoint, err)
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		var e struct{ Message string }
		body, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
		json.Unmarshal(body, &e)
		if e.Message == "" {
			e.Message = strings.TrimSpace(string(body))
		}
		return fmt.Errorf("logs of %s: %s", opts.Function, e.Message)
	}
	return printLogLines(f, opts, resp.Body, ctx)
}

// readLogFile reads FUNCTION's log from the data dir nl dev would use here.
func readLogFile(f *Factory, function string) ([]byte, error) {
	var o DevOptions
	if err := resolveDev(f, &o); err != nil {
		return nil, err
	}
	return os.ReadFile(filepath.Join(o.DataDir, "logs", function+".log"))
}

func printLogLines(f *Factory, opts *logsOptions, r io.Reader, ctx context.Context) error {
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 64<<10), 16<<20)
	for sc.Scan() {
		if opts.JSON {
			fmt.Fprintf(f.IO.Out, "%s\n", sc.Bytes())
			continue
		}
		var e localstack.LogEntry
		if err := json.Unmarshal(sc.Bytes(), &e); err != nil {
			continue
		}
		printLogEntry(f.IO.Out, e)
	}
	if err := sc.Err(); err != nil && ctx.Err() == nil {
		return fmt.Errorf("read logs: %w", err)
	}
	return nil
}

func printLogEntry(w io.Writer, e localstack.LogEntry) {
	status := "ok"
	if e.Error != nil {
		status = e.Error.Type + ": " + e.Error.Message
	}
	attempt := ""
	if e.Attempt > 1 {
		attempt = fmt.Sprintf(" attempt %d", e.Attempt)
	}
	fmt.Fprintf(w, "%s %s %s%s %.2f ms heap %d B: %s\n", e.Start.Format("2006-01-02T15:04:05.000Z"), e.RequestID, e.Trigger, attempt, e.DurationMS, e.PeakHeap, status)
	for _, line := range strings.Split(strings.TrimRight(e.Log, "\n"), "\n") {
		if line != "" {
			fmt.Fprintf(w, "    %s\n", line)
		}
	}
}
