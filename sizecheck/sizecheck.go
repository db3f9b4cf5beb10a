// Package sizecheck compares compiled function images with their budgets:
// the size_budget of nanolambda.toml and the bytecode flash of each target
// device. It renders the result as a table, as JSON, and as GitHub Actions
// annotations, and saves and compares baselines so that CI can show how much
// a change grew each image. It does no compiling and no I/O beyond baseline
// files; `nl size` feeds it.
package sizecheck

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
	"text/tabwriter"

	"github.com/nanolambda/nl/config"
)

// Part is one Python function inside an image and the bytes it takes.
type Part struct {
	Name  string `json:"name"`
	Line  int    `json:"line"`
	Bytes int    `json:"bytes"`
}

// Input is one compiled function to check.
type Input struct {
	Function   string
	Source     string // the handler's file, for messages
	ConfigFile string // nanolambda.toml, as annotations should name it
	ConfigLine int    // line of the [[function]] table
	ImageBytes int64
	SizeBudget int64            // from nanolambda.toml; 0 = the smallest target's bytecode flash
	Targets    []config.Profile // devices the image must fit
	Parts      []Part           // per-function sizes, for "where the bytes go"
}

// TargetShare is the image's share of one device's bytecode flash.
type TargetShare struct {
	Device     string  `json:"device"`
	FlashBytes int64   `json:"bytecode_flash_bytes"`
	Percent    float64 `json:"percent"`
	Fits       bool    `json:"fits"`
}

// FunctionSize is the check of one function.
type FunctionSize struct {
	Name         string        `json:"name"`
	Source       string        `json:"source"`
	ImageBytes   int64         `json:"image_bytes"`
	Budget       int64         `json:"budget_bytes"`
	BudgetSource string        `json:"budget_source"`
	Targets      []TargetShare `json:"targets"`
	Baseline     *int64        `json:"baseline_bytes,omitempty"`
	Delta        *int64        `json:"delta_bytes,omitempty"`
	Largest      []Part        `json:"largest_parts,omitempty"`
	OK           bool          `json:"ok"`
}

// Violation is one exceeded limit.
type Violation struct {
	Function   string `json:"function"`
	Limit      string `json:"limit"` // "size_budget" or "flash:DEVICE"
	ImageBytes int64  `json:"image_bytes"`
	LimitBytes int64  `json:"limit_bytes"`
	OverBytes  int64  `json:"over_bytes"`
	File       string `json:"file"`
	Line       int    `json:"line"`
	Message    string `json:"message"`
}

// Report is the result of Check.
type Report struct {
	Functions  []FunctionSize `json:"functions"`
	Violations []Violation    `json:"violations"`
	OK         bool           `json:"ok"`
}

// Check compares each input with its limits and, when baseline is not nil,
// with the sizes recorded there.
func Check(inputs []Input, baseline *Baseline) Report {
	rep := Report{Functions: []FunctionSize{}, Violations: []Violation{}, OK: true}
	for _, in := range inputs {
		fs := FunctionSize{Name: in.Function, Source: in.Source, ImageBytes: in.ImageBytes, OK: true}
		fs.Budget, fs.BudgetSource = in.SizeBudget, "size_budget"
		if fs.Budget == 0 {
			for _, t := range in.Targets {
				if fs.Budget == 0 || t.BytecodeFlashBytes < fs.Budget {
					fs.Budget, fs.BudgetSource = t.BytecodeFlashBytes, "flash:"+t.Name
				}
			}
		}
		fs.Largest = largest(in.Parts, 3)
		where := ""
		if len(fs.Largest) > 0 {
			p := fs.Largest[0]
			where = fmt.Sprintf("; largest function: %s (%s:%d, %d B)", p.Name, in.Source, p.Line, p.Bytes)
		}
		if fs.Budget > 0 && in.ImageBytes > fs.Budget && fs.BudgetSource == "size_budget" {
			over := in.ImageBytes - fs.Budget
			rep.Violations = append(rep.Violations, Violation{
				Function: in.Function, Limit: "size_budget", ImageBytes: in.ImageBytes, LimitBytes: fs.Budget, OverBytes: over,
				File: in.ConfigFile, Line: in.ConfigLine,
				Message: fmt.Sprintf("function %s: image is %d B, over its size_budget of %d B by %d B (%.1f%%)%s",
					in.Function, in.ImageBytes, fs.Budget, over, 100*float64(over)/float64(fs.Budget), where),
			})
			fs.OK = false
		}
		for _, t := range in.Targets {
			ts := TargetShare{Device: t.Name, FlashBytes: t.BytecodeFlashBytes, Fits: in.ImageBytes <= t.BytecodeFlashBytes}
			if t.BytecodeFlashBytes > 0 {
				ts.Percent = 100 * float64(in.ImageBytes) / float64(t.BytecodeFlashBytes)
			}
			if !ts.Fits {
				over := in.ImageBytes - t.BytecodeFlashBytes
				rep.Violations = append(rep.Violations, Violation{
					Function: in.Function, Limit: "flash:" + t.Name, ImageBytes: in.ImageBytes, LimitBytes: t.BytecodeFlashBytes, OverBytes: over,
					File: in.ConfigFile, Line: in.ConfigLine,
					Message: fmt.Sprintf("function %s: image is %d B, over the %d B of bytecode flash on %s by %d B%s",
						in.Function, in.ImageBytes, t.BytecodeFlashBytes, t.Name, over, where),
				})
				fs.OK = false
			}
			fs.Targets = append(fs.Targets, ts)
		}
		if baseline != nil {
			if b, ok := baseline.Functions[in.Function]; ok {
				d := in.ImageBytes - b
				fs.Baseline, fs.Delta = &b, &d
			}
		}
		rep.OK = rep.OK && fs.OK
		rep.Functions = append(rep.Functions, fs)
	}
	return rep
}

func largest(parts []Part, n int) []Part {
	ps := append([]Part(nil), parts...)
	sort.SliceStable(ps, func(i, j int) bool { return ps[i].Bytes > ps[j].Bytes })
	if len(ps) > n {
		ps = ps[:n]
	}
	return ps
}

// WriteTable prints the report for people: one row per function, one
// column per target device's flash share, and the change from baseline.
func WriteTable(w io.Writer, rep Report) error {
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	devices := []string{}
	seen := map[string]bool{}
	for _, f := range rep.Functions {
		for _, t := range f.Targets {
			if !seen[t.Device] {
				seen[t.Device] = true
				devices = append(devices, t.Device)
			}
		}
	}
	header := []string{"FUNCTION", "IMAGE", "BUDGET", "USED"}
	for _, d := range devices {
		header = append(header, strings.ToUpper(d))
	}
	header = append(header, "CHANGE", "STATUS")
	fmt.Fprintln(tw, strings.Join(header, "\t"))
	for _, f := range rep.Functions {
		used := "-"
		if f.Budget > 0 {
			used = fmt.Sprintf("%.1f%%", 100*float64(f.ImageBytes)/float64(f.Budget))
		}
		row := []string{f.Name, fmt.Sprintf("%d B", f.ImageBytes), fmt.Sprintf("%d B", f.Budget), used}
		for _, d := range devices {
			cell := "-"
			for _, t := range f.Targets {
				if t.Device == d {
					cell = fmt.Sprintf("%.2f%%", t.Percent)
				}
			}
			row = append(row, cell)
		}
		change := "-"
		if f.Delta != nil {
			change = fmt.Sprintf("%+d B", *f.Delta)
			if *f.Baseline > 0 {
				change += fmt.Sprintf(" (%+.1f%%)", 100*float64(*f.Delta)/float64(*f.Baseline))
			}
		}
		status := "ok"
		if !f.OK {
			status = "OVER"
		}
		row = append(row, change, status)
		fmt.Fprintln(tw, strings.Join(row, "\t"))
	}
	if err := tw.Flush(); err != nil {
		return err
	}
	for _, v := range rep.Violations {
		if _, err := fmt.Fprintf(w, "%s:%d: %s\n", v.File, v.Line, v.Message); err != nil {
			return err
		}
	}
	return nil
}

// WriteAnnotations prints one GitHub Actions ::error workflow command per
// violation, so each shows on the line of nanolambda.toml that sets the limit.
func WriteAnnotations(w io.Writer, rep Report) error {
	for _, v := range rep.Violations {
		props := "file=" + escapeProperty(v.File)
		if v.Line > 0 {
			props += fmt.Sprintf(",line=%d", v.Line)
		}
		props += ",title=" + escapeProperty("nl size: "+v.Function)
		if _, err := fmt.Fprintf(w, "::error %s::%s\n", props, escapeData(v.Message)); err != nil {
			return err
		}
	}
	return nil
}

// Escaping as GitHub's workflow-command parser expects: data escapes %, CR
// and LF; property values also escape : and ,.
func escapeData(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A").Replace(s)
}

func escapeProperty(s string) string {
	return strings.NewReplacer("%", "%25", "\r", "%0D", "\n", "%0A", ":", "%3A", ",", "%2C").Replace(s)
}

// Baseline is a saved set of image sizes to compare against.
type Baseline struct {
	Version   int              `json:"version"`
	Functions map[string]int64 `json:"functions"`
}

// BaselineVersion is the format version SaveBaseline writes.
const BaselineVersion = 1

// NewBaseline records the sizes of a report.
func NewBaseline(rep Report) *Baseline {
	b := &Baseline{Version: BaselineVersion, Functions: map[string]int64{}}
	for _, f := range rep.Functions {
		b.Functions[f.Name] = f.ImageBytes
	}
	return b
}

// SaveBaseline writes b as JSON to path.
func SaveBaseline(path string, b *Baseline) error {
	data, err := json.MarshalIndent(b, "", "  ")
	if err != nil {
		return err
	}
	if err := os.WriteFile(path, append(data, '\n'), 0o644); err != nil {
		return fmt.Errorf("save baseline: %w", err)
	}
	return nil
}

// LoadBaseline reads a baseline written by SaveBaseline.
func LoadBaseline(path string) (*Baseline, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("load baseline: %w; write one with nl size --save-baseline %s", err, path)
		}
		return nil, fmt.Errorf("load baseline: %w", err)
	}
	var b Baseline
	if err := json.Unmarshal(data, &b); err != nil {
		return nil, fmt.Errorf("load baseline %s: not a baseline file: %v", path, err)
	}
	if b.Version != BaselineVersion {
		return nil, fmt.Errorf("load baseline %s: version %d, this nl reads version %d; save a new one with nl size --save-baseline", path, b.Version, BaselineVersion)
	}
	if b.Functions == nil {
		b.Functions = map[string]int64{}
	}
	return &b, nil
}
