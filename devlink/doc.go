// Package devlink is the framed protocol between nl and a NanoLambda device
// over a serial line, specified in docs/device-protocol.md: both the host
// side (Client, used by nl deploy/invoke --port) and the device side
// (Device, used by nl emulate --serial and by tests), which serves requests
// with an Executor.
//
// Frames carry a length, a sequence number, a type and a CRC-16. The link is
// stop-and-wait: every request is acknowledged when it arrives and answered
// when done; a lost or corrupted frame is sent again and a repeated request
// is answered from the device's cache, so line noise never corrupts a
// deployed image (which also carries its own CRC-32 end to end).
package devlink
