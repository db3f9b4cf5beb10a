// Package config holds nl's project file, nanolambda.toml, and the device
// profiles that describe each tier a function can run on.
//
// Loading is strict: a key nl does not know, or a value of the wrong type, is
// an error naming the file, line and column, because a silently ignored typo
// in a size budget or heap limit would make every later check meaningless.
// The schema, with every key commented, is nanolambda.toml.example at the
// repository root; docs/configuration.md explains it.
//
// A Profile is the data-driven description of a device (clock, cycles per VM
// instruction, heap, flash, power, radio). BuiltinProfiles gives the ones nl
// ships; a project's [device.NAME] tables override fields of a built-in or add
// new devices based on one.
package config
