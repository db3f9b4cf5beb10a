package main

import (
	"flag"
	"os"
	"path/filepath"
	"testing"
)

var updateDocs = flag.Bool("update-docs", false, "rewrite docs/commands.md")

// The command reference in docs/ is generated; this fails when a flag or
// command changed without regenerating it (go test ./cmd/nl -update-docs).
func TestCommandReferenceUpToDate(t *testing.T) {
	f, _, _ := testFactory()
	got := commandReference(newRootCmd(f))
	path := filepath.Join("..", "..", "docs", "commands.md")
	if *updateDocs {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("read %s: %v (run go test ./cmd/nl -run TestCommandReferenceUpToDate -update-docs)", path, err)
	}
	if string(got) != string(want) {
		t.Fatalf("%s is out of date: run go test ./cmd/nl -run TestCommandReferenceUpToDate -update-docs", path)
	}
}
