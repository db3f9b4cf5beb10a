package main

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/nanolambda/nl/templates"
	"github.com/spf13/cobra"
)

func init() { register(newCmdInit) }

type initOptions struct {
	Dir      string
	Template string
	Name     string
	Force    bool
	JSON     bool
}

type initReport struct {
	Dir      string   `json:"dir"`
	Name     string   `json:"name"`
	Template string   `json:"template"`
	Files    []string `json:"files"`
	Function string   `json:"function"`
}

func newCmdInit(f *Factory) *cobra.Command {
	opts := &initOptions{}
	var names []string
	for _, t := range templates.List() {
		names = append(names, fmt.Sprintf("  %-11s %s", t.Name, t.Description))
	}
	cmd := &cobra.Command{
		Use:   "init [DIR]",
		Short: "Create a NanoLambda project from a template",
		Long: `Create a project in DIR (default: the current directory): handler.py,
sample events, nanolambda.toml, a README and a GitHub Actions workflow that
runs the size check. The project builds and runs as created.

Existing files are never overwritten unless --force is given; when any file
would be, nothing at all is written.

Templates:
` + strings.Join(names, "\n"),
		Example: `  nl init motor --template vibration
  nl init --template hello
  nl init uploads --template s3-trigger --name upload-handler`,
		GroupID: groupProject,
		Args:    cobra.MaximumNArgs(1),
		RunE: func(cmd *cobra.Command, args []string) error {
			opts.Dir = "."
			if len(args) == 1 {
				opts.Dir = args[0]
			}
			return initRun(f, opts)
		},
	}
	cmd.Flags().StringVarP(&opts.Template, "template", "t", templates.Default, "template to start from (hello, vibration, s3-trigger)")
	cmd.Flags().StringVar(&opts.Name, "name", "", "project name (default: the directory's name)")
	cmd.Flags().BoolVar(&opts.Force, "force", false, "overwrite existing files")
	addJSONFlag(cmd, &opts.JSON)
	return cmd
}

func initRun(f *Factory, opts *initOptions) error {
	tmpl, err := templates.Get(opts.Template)
	if err != nil {
		return &FlagError{err: err}
	}
	dir := opts.Dir
	if !filepath.IsAbs(dir) && f.WorkDir != "" {
		dir = filepath.Join(f.WorkDir, dir)
	}
	if st, err := os.Stat(dir); err == nil && !st.IsDir() {
		return fmt.Errorf("init: %s exists and is not a directory", dir)
	}
	name := opts.Name
	if name == "" {
		if name, err = templates.ProjectName(dir); err != nil {
			return fmt.Errorf("init: %w", err)
		}
	}
	written, err := templates.Write(tmpl.Name, dir, templates.Data{Name: name}, opts.Force)
	if err != nil {
		return fmt.Errorf("init %s: %w", dir, err)
	}
	rep := initReport{Dir: dir, Name: name, Template: tmpl.Name, Files: written, Function: tmpl.Function}
	if opts.JSON {
		return writeJSON(f.IO.Out, rep)
	}
	out := f.IO.Out
	fmt.Fprintf(out, "Created %s project %q in %s:\n", tmpl.Name, name, dir)
	for _, w := range written {
		fmt.Fprintf(out, "  %s\n", w)
	}
	cd := ""
	if opts.Dir != "." {
		cd = "cd " + opts.Dir + " && "
	}
	fmt.Fprintf(out, "\nNext:\n  %snl run %s      # run it under the esp8266 profile\n  nl build && nl size   # compile and check sizes\n", cd, tmpl.Function)
	return nil
}
