// Command nl is the NanoLambda toolchain: compile Python handlers to compact
// bytecode, run them under device limits, flash and deploy to boards, and
// serve a local Lambda + S3 stack. Logic lives in packages; this command only
// parses flags, wires dependencies and prints.
package main

import "os"

func main() {
	os.Exit(Main(os.Args[1:], NewFactory()))
}
