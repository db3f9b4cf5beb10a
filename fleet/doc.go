// Package fleet runs a fleet of emulated devices inside `nl dev`: each device
// produces events at its rate from a sensor source, the scheduler places
// every event on the device, the edge or the cloud, the event runs there
// (on the device's executor, or across the network model on a Remote), and
// every decision with its outcome is published on an HTTP stream.
//
// Time is the fleet's own clock. Step processes the next event in fleet
// time, as fast as the executors allow; Run paces Steps against the wall
// clock at Config.Speed (1 = real time). The network model (base round trip
// per remote tier, jitter, scheduled and injected spikes) and the sensor
// sources are seeded, so a fleet stepped without pacing is deterministic
// apart from what its executors measure.
//
// Executors are interfaces so that the fleet is built and tested without the
// emulator or the local Lambda stack: ModelExecutor prices a run with the
// same time and energy model as the emulator, and any Remote can stand in
// for the Lambda stack. Handler returns the HTTP API documented in package
// fleet/events.
package fleet
