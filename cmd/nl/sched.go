package main

import (
	"fmt"
	"io"
	"path/filepath"
	"slices"
	"strings"
	"text/tabwriter"

	"github.com/nanolambda/nl/scheduler"
	"github.com/spf13/cobra"
)

func init() { register(newCmdSched) }

func newCmdSched(f *Factory) *cobra.Command {
	cmd := &cobra.Command{
		Use:   "sched <command>",
		Short: "Inspect the placement scheduler",
		Long: `The scheduler decides, for each invocation, whether a function runs on the
device, at the edge or in the cloud. See docs/scheduler.md.`,
		Example: "  nl sched simulate scheduler/testdata/spike.toml --policy cost",
		GroupID: groupProject,
	}
	cmd.AddCommand(newCmdSchedSimulate(f, nil))
	return cmd
}

type schedSimulateOptions struct {
	IO       *IOStreams
	Scenario string
	Policy   string
	JSON     bool
	Summary  bool
}

func newCmdSchedSimulate(f *Factory, runF func(*schedSimulateOptions) error) *cobra.Command {
	opts := &schedSimulateOptions{IO: f.IO}
	cmd := &cobra.Command{
		Use:   "simulate SCENARIO.toml",
		Short: "Run a placement policy over a scenario trace",
		Long: `Simulate runs a placement policy over a scenario: a device, a function whose
cost may depend on its input, remote tiers, and a network with spikes and
outages. It prints every decision and the totals: latency, device energy,
deadline misses, and agreement with the hindsight-optimal placement.

Policies: local, remote, history, cost; "all" compares the four.
The scenario format is described in docs/scheduler.md.`,
		Example: `  nl sched simulate spike.toml --policy history
  nl sched simulate energy.toml --policy all
  nl sched simulate steady.toml --json | jq .agreement`,
		Args: cobra.ExactArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Scenario = args[0]
			if !filepath.IsAbs(opts.Scenario) && f.WorkDir != "" {
				opts.Scenario = filepath.Join(f.WorkDir, opts.Scenario)
			}
			if runF != nil {
				return runF(opts)
			}
			return schedSimulateRun(opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Policy, "policy", "p", scheduler.PolicyCost, "placement policy: local, remote, history, cost or all")
	cmd.Flags().BoolVar(&opts.Summary, "summary", false, "print only the totals, not every decision (with --json too)")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func schedSimulateRun(opts *schedSimulateOptions) error {
	policies := []string{opts.Policy}
	if opts.Policy == "all" {
		policies = scheduler.Policies
	} else if !slices.Contains(scheduler.Policies, opts.Policy) {
		// Checked before the scenario is read, so a typo is reported as such.
		return &FlagError{err: fmt.Errorf("--policy: unknown policy %q (want %s or all)", opts.Policy, strings.Join(scheduler.Policies, ", "))}
	}
	sc, err := scheduler.LoadScenario(opts.Scenario)
	if err != nil {
		return err
	}
	results := make([]*scheduler.Result, 0, len(policies))
	for _, p := range policies {
		r, err := scheduler.Simulate(sc, p)
		if err != nil {
			return &FlagError{err: fmt.Errorf("--policy: %w", err)}
		}
		results = append(results, r)
	}
	out := opts.IO.Out
	if opts.Summary {
		// --summary means the totals only, in JSON as in text.
		for _, r := range results {
			r.Steps = nil
		}
	}
	if opts.JSON {
		if len(results) == 1 {
			return writeJSON(out, results[0])
		}
		return writeJSON(out, results)
	}
	if len(results) == 1 && !opts.Summary {
		if err := writeDecisions(out, results[0]); err != nil {
			return err
		}
		fmt.Fprintln(out)
	}
	return writeSummary(out, sc, results)
}

// writeDecisions prints one line per invocation; "*" marks a decision that
// disagrees with the hindsight optimum, "x" an exploration.
func writeDecisions(w io.Writer, r *scheduler.Result) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "#\tPAYLOAD\tTIER\tLATENCY\tENERGY\tOPTIMAL\t\tREASON")
	for _, s := range r.Steps {
		mark := ""
		if s.Decision.Explore {
			mark += "x"
		}
		if !s.Agree {
			mark += "*"
		}
		if s.Fallback {
			mark += "f"
		}
		if s.Missed {
			mark += "m"
		}
		fmt.Fprintf(tw, "%d\t%d B\t%s\t%.1f ms\t%.2f mJ\t%s\t%s\t%s\n", s.Index, s.PayloadBytes,
			s.Decision.Tier, s.LatencyMS, s.EnergyMJ, s.Optimal, mark, s.Decision.Reason)
	}
	fmt.Fprintln(tw, "\tmarks: x exploration, * not the hindsight optimum, f fell back after a failure, m missed the deadline")
	return tw.Flush()
}

func writeSummary(w io.Writer, sc *scheduler.Scenario, results []*scheduler.Result) error {
	fmt.Fprintf(w, "scenario %s: %d invocations, objective %s", sc.Name, sc.Events, sc.Objective)
	if sc.DeadlineMS > 0 {
		fmt.Fprintf(w, ", deadline %.0f ms", sc.DeadlineMS)
	}
	fmt.Fprintln(w)
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "POLICY\tMEAN LATENCY\tTOTAL ENERGY\tMISSES\tFAILURES\tAGREEMENT\tPLACEMENTS\tRECOVERY")
	for _, r := range results {
		var place []string
		for _, t := range []string{"device", "edge", "cloud"} {
			if n := r.PerTier[t]; n > 0 {
				place = append(place, fmt.Sprintf("%s %d", t, n))
			}
		}
		rec := make([]string, len(r.Recovery))
		for i, n := range r.Recovery {
			rec[i] = fmt.Sprint(n)
			if n < 0 {
				rec[i] = "never"
			}
		}
		if len(rec) == 0 {
			rec = []string{"-"}
		}
		fmt.Fprintf(tw, "%s\t%.1f ms\t%.1f mJ\t%d\t%d\t%.1f%%\t%s\t%s\n", r.Policy, r.MeanLatencyMS, r.TotalEnergyMJ,
			r.DeadlineMisses, r.Failures, 100*r.Agreement, strings.Join(place, ", "), strings.Join(rec, " "))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, r := range results {
		if sc.Device.BatteryMJ > 0 {
			if r.DepletedAt >= 0 {
				fmt.Fprintf(w, "%s: battery ran flat at invocation %d\n", r.Policy, r.DepletedAt)
			} else {
				fmt.Fprintf(w, "%s: %.0f of %.0f mJ battery left\n", r.Policy, r.BatteryLeftMJ, sc.Device.BatteryMJ)
			}
		}
	}
	return nil
}
