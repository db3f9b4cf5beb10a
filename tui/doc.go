// Package tui holds the bubbletea models of `nl top`: a live view of a
// running fleet (`nl dev`), fed by the fleet's HTTP API (package
// fleet/events).
//
// Model follows the usual shape: Update is a type switch that changes the
// model and returns Cmds; all I/O (snapshots, the event stream, switching a
// policy, injecting a spike) happens in Cmds (cmds.go), which return one
// message each. The event stream is read by a Cmd that returns one event and
// is issued again after each, and a one-second tick refreshes the snapshot.
// When the stream or a snapshot fails, the model shows the error and
// reconnects with backoff, resuming the stream after the last event seen
// (or from the start if `nl dev` restarted).
//
// The view fits small terminals: sections shrink to their headers and the
// decision list takes the rows that are left. With NoColor, nothing is
// styled and spikes are marked in words.
package tui
