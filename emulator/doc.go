// Package emulator runs compiled NanoLambda functions on the host as a
// microcontroller would: the Go VM limited to a device profile's heap, call
// depth and bytecode flash, with instruction counts turned into device time
// (steps × cycles per instruction / clock) and energy (active and idle
// power), sensors backed by seeded generators or recorded traces, and a
// virtual clock so that a stream of events at a rate takes no wall time to
// wait for.
//
// A Device holds deployed images like the flash of a board; Invoke calls a
// handler with a JSON event and a Lambda-compatible context and returns the
// result with a Report of the resources used. Stream runs a sequence of
// events in virtual time and summarises them.
package emulator
