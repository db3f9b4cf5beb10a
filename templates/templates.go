// Package templates holds the projects `nl init` scaffolds. Each template is
// a directory embedded in the binary: a handler, sample events, a
// nanolambda.toml, a README and a GitHub Actions workflow running the size
// check. Files ending in .tmpl are rendered with text/template (the suffix is
// dropped); every other file is copied byte for byte, so workflow files can
// keep their ${{ }} expressions.
package templates

import (
	"bytes"
	"embed"
	"errors"
	"fmt"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"text/template"
)

//go:embed all:hello all:vibration all:s3-trigger
var files embed.FS

// Template describes one scaffold.
type Template struct {
	Name        string
	Description string
	// Function is the name of the function the template's nanolambda.toml
	// declares, for the hint printed after `nl init`.
	Function string
}

var list = []Template{
	{"hello", "the smallest function: greets whoever the event names", "hello"},
	{"vibration", "motor-vibration failure detector: accelerometer at 5 Hz, 32-reading window, alerts", "detect"},
	{"s3-trigger", "reacts to S3 object-created notifications", "on-upload"},
}

// Default is the template `nl init` uses without --template.
const Default = "vibration"

// List returns the templates, in the order `nl init --help` shows them.
func List() []Template { return append([]Template(nil), list...) }

// Get returns one template by name.
func Get(name string) (Template, error) {
	for _, t := range list {
		if t.Name == name {
			return t, nil
		}
	}
	names := make([]string, len(list))
	for i, t := range list {
		names[i] = t.Name
	}
	return Template{}, fmt.Errorf("unknown template %q (templates: %s)", name, strings.Join(names, ", "))
}

// Data fills the .tmpl files.
type Data struct {
	// Name is the project name, written into nanolambda.toml and the README.
	Name string
}

var projectNameRE = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)

// ProjectName turns a directory name into a project name, or explains why it
// cannot be one.
func ProjectName(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", err
	}
	name := filepath.Base(abs)
	if !projectNameRE.MatchString(name) {
		return "", fmt.Errorf("directory name %q cannot be a project name (letters, digits, '.', '-', '_'; at most 64); pass --name", name)
	}
	return name, nil
}

// ExistsError lists files that would be overwritten.
type ExistsError struct{ Paths []string }

func (e *ExistsError) Error() string {
	return fmt.Sprintf("%s already exist%s; nothing was written (use --force to overwrite)",
		strings.Join(e.Paths, ", "), map[bool]string{true: "s", false: ""}[len(e.Paths) == 1])
}

// File is one rendered file.
type File struct {
	Path string // slash-separated, relative to the project directory
	Data []byte
	Mode fs.FileMode
}

// Files renders a template in memory.
func Files(name string, data Data) ([]File, error) {
	if _, err := Get(name); err != nil {
		return nil, err
	}
	if !projectNameRE.MatchString(data.Name) {
		return nil, fmt.Errorf("invalid project name %q (letters, digits, '.', '-', '_'; at most 64)", data.Name)
	}
	var out []File
	err := fs.WalkDir(files, name, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		body, err := files.ReadFile(p)
		if err != nil {
			return err
		}
		rel := strings.TrimPrefix(p, name+"/")
		if strings.HasSuffix(rel, ".tmpl") {
			rel = strings.TrimSuffix(rel, ".tmpl")
			t, err := template.New(p).Option("missingkey=error").Parse(string(body))
			if err != nil {
				return fmt.Errorf("template %s: %w", p, err)
			}
			var b bytes.Buffer
			if err := t.Execute(&b, data); err != nil {
				return fmt.Errorf("template %s: %w", p, err)
			}
			body = b.Bytes()
		}
		out = append(out, File{Path: rel, Data: body, Mode: 0o644})
		return nil
	})
	if err != nil {
		return nil, err
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Path < out[j].Path })
	return out, nil
}

// Write renders template name into dir, creating it if needed, and returns
// the files written (relative, slash-separated). Unless force is set it
// refuses, before writing anything, when any of the files already exists.
func Write(name, dir string, data Data, force bool) ([]string, error) {
	fs, err := Files(name, data)
	if err != nil {
		return nil, err
	}
	if !force {
		var exists []string
		for _, f := range fs {
			p := filepath.Join(dir, filepath.FromSlash(f.Path))
			if _, err := os.Lstat(p); err == nil {
				exists = append(exists, p)
			} else if !errors.Is(err, os.ErrNotExist) {
				return nil, fmt.Errorf("check %s: %w", p, err)
			}
		}
		if len(exists) > 0 {
			return nil, &ExistsError{Paths: exists}
		}
	}
	written := make([]string, 0, len(fs))
	for _, f := range fs {
		p := filepath.Join(dir, filepath.FromSlash(f.Path))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return written, fmt.Errorf("create %s: %w", filepath.Dir(p), err)
		}
		if err := os.WriteFile(p, f.Data, f.Mode); err != nil {
			return written, fmt.Errorf("write %s: %w", p, err)
		}
		written = append(written, path.Clean(f.Path))
	}
	return written, nil
}
