// Package flasher writes firmware to Espressif ESP8266 and ESP32 chips through
// their ROM serial bootloader, and finds the serial ports boards sit on.
//
// The layers, lowest first: package slip frames packets; protocol.go builds
// command packets, checks responses and names every command, status and
// timeout of Espressif's serial protocol; chip.go is a data table of the chips
// nl knows; reset.go drives the DTR/RTS lines that put a board into the
// bootloader; flasher.go is the high-level API (Connect, WriteFlash) that the
// nl flash command uses. The library never prints: progress and warnings reach
// the caller through Options callbacks.
//
// The port is the narrow Port interface, which go.bug.st/serial's serial.Port
// satisfies, so tests run against the ROM simulator in package romsim over a
// real pseudo-terminal.
package flasher
