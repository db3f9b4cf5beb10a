// Package scheduler decides, for each invocation of a function, which tier
// runs it: the device itself, an edge box, or the cloud.
//
// The package is pure logic: no I/O, no clocks, no goroutines, and the same
// inputs always give the same decisions. A Scheduler keeps exponentially
// weighted estimates, learned from Outcomes, of what a function costs (VM
// steps, peak heap and result size as a function of payload size; execution
// speed per tier) and of the network to each remote tier (round-trip time,
// bandwidth, loss). From them it predicts the latency and the device-side
// energy of every option, and a Policy picks one:
//
//   - local: always the device.
//   - remote: always the nearest remote tier.
//   - history: the NanoLambda paper's rule: run where recent history was
//     faster, and re-try the other side every few invocations so that the
//     choice recovers after a network spike.
//   - cost: nl's own: least predicted latency (or, in deadline mode and on a
//     low battery, least energy that meets the deadline), including payload
//     transfer time and radio energy; an option whose estimate is stale is
//     explored again; a function that needs more heap than the device has is
//     never placed on the device.
//
// The trace simulator (Simulate) runs a policy over a Scenario, read from a
// TOML file, and compares every decision with the hindsight-optimal one.
//
// The scheduler does not import the project configuration: callers convert
// their device profiles into Device.
package scheduler
