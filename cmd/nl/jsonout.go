package main

import (
	"encoding/json"
	"io"

	"github.com/spf13/cobra"
)

// addJSONFlag gives a reporting command its --json flag; every such command
// uses this so that the flag reads the same everywhere.
func addJSONFlag(cmd *cobra.Command, target *bool) {
	cmd.Flags().BoolVar(target, "json", false, "print the report as JSON")
}

// writeJSON prints v as indented JSON followed by a newline.
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	return enc.Encode(v)
}
