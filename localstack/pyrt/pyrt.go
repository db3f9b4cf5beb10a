// Package pyrt runs Lambda functions for the local stack on nl's VM: it
// compiles a handler module with package compiler, keeps loaded instances
// warm between invocations (module top level runs once per instance, as in
// a Lambda execution environment), and gives handlers the `nanolambda`,
// `boto3` and `botocore.exceptions` modules that call back into the stack.
package pyrt

import (
	"context"
	"errors"
	"fmt"
	"io"
	"strings"
	"sync"
	"time"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/vm"
)

// warmPerFunction bounds the idle instances kept per function revision.
const warmPerFunction = 16

// Runtime implements localstack.Runtime on nl's VM.
type Runtime struct{}

// New returns the VM runtime.
func New() *Runtime { return &Runtime{} }

// code is one compiled function revision and its warm instances.
type code struct {
	prog   *bytecode.Program
	module string // "handler.py"
	files  map[string][]byte
	pool   chan *instance
}

// instance is a loaded module with hooks that point at the invocation it
// is currently serving.
type instance struct {
	in    *vm.Instance
	state *invState
	heap  int64
	limit time.Duration
	env   string // envKey of the variables os.environ was built from
}

// invState is the invocation an instance serves; the modules and print
// read it, so one loaded instance serves many invocations in turn.
type invState struct {
	mu  sync.Mutex
	ctx context.Context
	inv *localstack.Invocation
}

func (s *invState) get() (context.Context, *localstack.Invocation) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.ctx, s.inv
}

func (s *invState) Write(p []byte) (int, error) {
	_, inv := s.get()
	if inv == nil || inv.Log == nil {
		return len(p), nil
	}
	return inv.Log.Write(p)
}

// Compile implements localstack.Runtime.
func (r *Runtime) Compile(function, module string, files map[string][]byte) (localstack.Code, error) {
	src, ok := files[module]
	if !ok {
		return nil, fmt.Errorf("%s: no such file in the deployment package", module)
	}
	prog, err := compiler.Compile(module, src, compiler.Options{})
	if err != nil {
		return nil, fmt.Errorf("%s", strings.TrimRight(err.Error(), "\n"))
	}
	return &code{prog: prog, module: module, files: files, pool: make(chan *instance, warmPerFunction)}, nil
}

func (c *code) moduleName() string {
	return strings.TrimSuffix(strings.ReplaceAll(c.module, "/", "."), ".py")
}

// load starts a new instance: the module's top level runs here.
func (c *code) load(inv *localstack.Invocation, st *invState) (*instance, *localstack.FunctionError) {
	mods, err := modules(st, inv.Function)
	if err != nil {
		return nil, &localstack.FunctionError{Type: "Runtime.ExitError", Message: err.Error(), StackTrace: []string{}}
	}
	in, err := vm.Load(c.prog, vm.Options{
		HeapLimit: inv.Function.HeapBudget,
		Timeout:   inv.Function.Timeout,
		Stdout:    st,
		Modules:   mods,
		Filename:  c.module,
	})
	if err != nil {
		fe := c.functionError(err, inv)
		if fe.Type != "Sandbox.Timedout" {
			fe.Message = fmt.Sprintf("Unable to import module '%s': %s", c.moduleName(), fe.Message)
			if fe.Type != "MemoryError" {
				fe.Type = "Runtime.ImportModuleError"
			}
		}
		return nil, fe
	}
	return &instance{in: in, state: st, heap: inv.Function.HeapBudget, limit: inv.Function.Timeout, env: envKey(inv.Function)}, nil
}

// Invoke implements localstack.Runtime.
func (r *Runtime) Invoke(ctx context.Context, cd localstack.Code, inv *localstack.Invocation) (*localstack.InvokeResult, error) {
	c, ok := cd.(*code)
	if !ok {
		return nil, errors.New("pyrt: code was not compiled by this runtime")
	}
	var it *instance
	for it == nil {
		select {
		case w := <-c.pool:
			if w.heap == inv.Function.HeapBudget && w.limit == inv.Function.Timeout && w.env == envKey(inv.Function) {
				it = w
			}
		default:
			st := &invState{}
			st.ctx, st.inv = ctx, inv
			w, fe := c.load(inv, st)
			if fe != nil {
				return &localstack.InvokeResult{Err: fe}, nil
			}
			it = w
		}
	}
	it.state.mu.Lock()
	it.state.ctx, it.state.inv = ctx, inv
	it.state.mu.Unlock()
	defer func() {
		it.state.mu.Lock()
		it.state.ctx, it.state.inv = nil, nil
		it.state.mu.Unlock()
	}()
	it.in.ResetStats()
	fname := inv.Function.Handler[strings.LastIndex(inv.Function.Handler, ".")+1:]
	fn, ok := it.in.Global(fname)
	if !ok {
		c.release(it)
		return &localstack.InvokeResult{Err: &localstack.FunctionError{Type: "Runtime.HandlerNotFound",
			Message: fmt.Sprintf("Handler '%s' missing on module '%s'", fname, c.moduleName()), StackTrace: []string{}}}, nil
	}
	event, err := vm.UnmarshalJSON(inv.Event)
	if err != nil {
		c.release(it)
		return &localstack.InvokeResult{Err: &localstack.FunctionError{Type: "Runtime.UnmarshalError",
			Message: fmt.Sprintf("Unable to unmarshal input: %v", err), StackTrace: []string{}}}, nil
	}
	res, callErr := it.in.CallValue(fn, event, lambdaContext(inv))
	stats := it.in.Stats()
	out := &localstack.InvokeResult{PeakHeap: stats.PeakHeap, Steps: stats.Steps}
	if callErr != nil {
		out.Err = c.functionError(callErr, inv)
		if reusable(callErr) {
			c.release(it)
		}
		return out, nil
	}
	payload, err := vm.MarshalJSON(res)
	if err != nil {
		out.Err = &localstack.FunctionError{Type: "Runtime.MarshalError", Message: fmt.Sprintf("Unable to marshal response: %v", err), StackTrace: []string{}}
	} else {
		out.Payload = payload
	}
	c.release(it)
	return out, nil
}

// reusable reports whether an instance may serve again after err: not
// after a timeout, a MemoryError or a VM fault, which may leave it broken.
func reusable(err error) bool {
	var e *vm.Exception
	if errors.As(err, &e) {
		return e.Type != "MemoryError" && e.Type != "RecursionError"
	}
	return false
}

func (c *code) release(it *instance) {
	select {
	case c.pool <- it:
	default:
	}
}

// functionError turns a VM error into Lambda's error document.
func (c *code) functionError(err error, inv *localstack.Invocation) *localstack.FunctionError {
	var te *vm.TimeoutError
	if errors.As(err, &te) {
		return &localstack.FunctionError{Type: "Sandbox.Timedout",
			Message:    fmt.Sprintf("%s %s Task timed out after %.2f seconds", time.Now().UTC().Format("2006-01-02T15:04:05Z"), inv.RequestID, inv.Function.Timeout.Seconds()),
			StackTrace: []string{}}
	}
	var e *vm.Exception
	if errors.As(err, &e) {
		fe := &localstack.FunctionError{Type: e.Type, Message: e.Msg, StackTrace: []string{}}
		if e.Type == "MemoryError" && e.HeapLimit > 0 {
			fe.Message = fmt.Sprintf("heap budget of %d bytes (MemorySize %d MB) exceeded allocating %d bytes", e.HeapLimit, inv.Function.MemoryMB, e.Requested)
		}
		for _, f := range e.Frames {
			line := fmt.Sprintf("  File \"/var/task/%s\", line %d, in %s\n", f.File, f.Line, f.Func)
			if src := c.sourceLine(f.File, f.Line); src != "" {
				line += "    " + src + "\n"
			}
			fe.StackTrace = append(fe.StackTrace, line)
		}
		return fe
	}
	return &localstack.FunctionError{Type: "Runtime.ExitError", Message: err.Error(), StackTrace: []string{}}
}

func (c *code) sourceLine(file string, n int) string {
	src, ok := c.files[file]
	if !ok || n <= 0 {
		return ""
	}
	lines := strings.Split(string(src), "\n")
	if n > len(lines) {
		return ""
	}
	return strings.TrimSpace(lines[n-1])
}

// lambdaContext is the handler's second argument, with the attributes and
// method of the Python runtime's LambdaContext.
func lambdaContext(inv *localstack.Invocation) vm.Value {
	f := inv.Function
	deadline := inv.Deadline
	return vm.NewObject("LambdaContext", map[string]vm.Value{
		"function_name":        vm.Str(f.Name),
		"function_version":     vm.Str(f.Version),
		"invoked_function_arn": vm.Str(f.ARN),
		"memory_limit_in_mb":   vm.Int(int64(f.MemoryMB)),
		"aws_request_id":       vm.Str(inv.RequestID),
		"log_group_name":       vm.Str(f.LogGroup),
		"log_stream_name":      vm.Str(f.LogStream),
		"identity":             vm.None,
		"client_context":       vm.None,
		"get_remaining_time_in_millis": vm.NewBuiltin("get_remaining_time_in_millis", func(*vm.Thread, []vm.Value, []vm.KeywordArg) (vm.Value, error) {
			ms := time.Until(deadline).Milliseconds()
			if ms < 0 {
				ms = 0
			}
			return vm.Int(ms), nil
		}),
	})
}

var _ io.Writer = (*invState)(nil)
