// Package bench holds nl's VM benchmarks: CPU-bound Python programs
// (testdata/*.py) run by nl, the equivalent Starlark programs
// (testdata/*.star) run by go.starlark.net, and the same Python programs
// timed under CPython, so that each report compares the three on the same
// work. Run them with
//
//	go test ./bench/ -run '^$' -bench . -benchtime=2s
//
// or print the comparison table of docs/performance/vm.md with
//
//	go test ./bench/ -run TestReport -report
package bench
