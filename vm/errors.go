package vm

import (
	"errors"
	"fmt"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Exception is a Python exception that was not caught: the error Load,
// Call and CallValue return for it. It is also how native code raises a
// Python exception (NewException and the helpers below): the VM turns it
// into a Python exception object at the call site.
type Exception struct {
	Type   string  // class name, e.g. "ValueError" or a user class
	Msg    string  // str() of the exception (may be empty)
	Frames []Frame // traceback, outermost call first

	// HeapLimit and Requested are set for a MemoryError raised by the heap
	// budget: the limit and the size of the allocation that failed.
	HeapLimit, Requested int64

	// Cause is the exception this one was raised from (raise X from Y).
	Cause *Exception
	// Context is the exception being handled when this one was raised
	// (implicit chaining), unless a cause was given or it was raised
	// "from None".
	Context *Exception

	value *Object // the Python exception object, once created
}

// Frame is one entry of a traceback.
type Frame struct {
	File string
	Line int // 0 when the image carries no line table (stripped)
	Col  int
	Func string // function name, or "<module>" for top-level code
}

// Error returns "Type: msg", as the last line of a Python traceback.
func (e *Exception) Error() string {
	if e.Msg == "" {
		return e.Type
	}
	return e.Type + ": " + e.Msg
}

// Traceback returns the exception as CPython prints an uncaught one:
// "Traceback (most recent call last):", one "  File ..., line N, in f"
// line per frame, then "Type: msg". A cause is printed first, followed
// by "The above exception was the direct cause of the following
// exception:", or the context with "During handling of the above
// exception, another exception occurred:", as CPython does. Source lines
// are not included: the image carries no source.
func (e *Exception) Traceback() string {
	var sb strings.Builder
	e.writeTraceback(&sb, 0)
	return sb.String()
}

func (e *Exception) writeTraceback(sb *strings.Builder, depth int) {
	if e.Cause != nil && depth < 10 {
		e.Cause.writeTraceback(sb, depth+1)
		sb.WriteString("\nThe above exception was the direct cause of the following exception:\n\n")
	} else if e.Context != nil && depth < 10 {
		e.Context.writeTraceback(sb, depth+1)
		sb.WriteString("\nDuring handling of the above exception, another exception occurred:\n\n")
	}
	if len(e.Frames) > 0 {
		sb.WriteString("Traceback (most recent call last):\n")
		// Like CPython, more than three identical consecutive entries
		// (deep recursion) are summarized.
		repeats := 0
		for i, f := range e.Frames {
			if i > 0 && f == e.Frames[i-1] {
				repeats++
			} else {
				flushRepeats(sb, repeats)
				repeats = 0
			}
			if repeats >= 3 {
				continue
			}
			line := "?"
			if f.Line > 0 {
				line = strconv.Itoa(f.Line)
			}
			fmt.Fprintf(sb, "  File \"%s\", line %s, in %s\n", f.File, line, f.Func)
		}
		flushRepeats(sb, repeats)
	}
	sb.WriteString(e.Error())
	sb.WriteByte('\n')
}

func flushRepeats(sb *strings.Builder, repeats int) {
	if n := repeats - 2; n > 0 {
		fmt.Fprintf(sb, "  [Previous line repeated %d more time%s]\n", n, plural(n))
	}
}

// TimeoutError reports that a Load or Call exceeded its instruction budget
// (Options.MaxSteps) or wall-clock deadline (Options.Timeout). It is not a
// Python exception: Python code cannot catch it.
type TimeoutError struct {
	Steps   uint64        // instructions executed when the run was stopped
	Elapsed time.Duration // wall-clock time of the run
	Limit   string        // which limit: "steps" or "timeout"
	// Budget is the limit's value in words, for the message.
	Budget string
	// Frames are the active Python frames when the run stopped, outermost
	// first, so that a timeout can say where the time went.
	Frames []Frame
}

// Error reads like Lambda's message, e.g. "Task timed out after 3.00
// seconds" or "Task exceeded its instruction budget of 1000000 steps".
func (e *TimeoutError) Error() string {
	if e.Limit == "steps" {
		return fmt.Sprintf("Task exceeded its instruction budget of %s steps", e.Budget)
	}
	return fmt.Sprintf("Task timed out after %s seconds", e.Budget)
}

// NewException returns an error that raises a Python exception of the
// named built-in class (e.g. "ValueError", "KeyError") with one argument,
// msg. Native functions return it. An unknown class name gets a new
// Exception subclass of that name, so `except Exception` still catches it.
func NewException(typeName, msg string) error {
	return &Exception{Type: typeName, Msg: msg, value: nil}
}

// Helpers for native code: each returns a Python exception of its class,
// with a printf-style message.
func typeErrorf(format string, args ...any) error {
	return newError(excTypeError, format, args...)
}
func valueErrorf(format string, args ...any) error {
	return newError(excValueError, format, args...)
}
func indexErrorf(format string, args ...any) error {
	return newError(excIndexError, format, args...)
}
func overflowErrorf(format string, args ...any) error {
	return newError(excOverflowError, format, args...)
}
func zeroDivisionErrorf(format string, args ...any) error {
	return newError(excZeroDivisionError, format, args...)
}
func attributeErrorf(format string, args ...any) error {
	return newError(excAttributeError, format, args...)
}
func runtimeErrorf(format string, args ...any) error {
	return newError(excRuntimeError, format, args...)
}

// keyError returns KeyError(key); str() of it is repr(key), as in Python.
func keyError(key Value) error {
	return &Exception{Type: "KeyError", value: newExceptionObject(excKeyError, Tuple{key})}
}

// newError builds an exception of class cls with one str argument.
func newError(cls *Class, format string, args ...any) *Exception {
	msg := format
	if len(args) > 0 {
		msg = fmt.Sprintf(format, args...)
	}
	return &Exception{Type: cls.name, Msg: msg, value: newExceptionObject(cls, Tuple{String(msg)})}
}

// newExceptionObject returns an exception instance of cls with args.
func newExceptionObject(cls *Class, args Tuple) *Object {
	return &Object{class: cls, exc: &excInfo{args: args}}
}

// Built-in exception classes, in CPython's hierarchy.
var (
	excBaseException       = newExceptionClass("BaseException", nil)
	excSystemExit          = newExceptionClass("SystemExit", excBaseException)
	excKeyboardInterrupt   = newExceptionClass("KeyboardInterrupt", excBaseException)
	excGeneratorExit       = newExceptionClass("GeneratorExit", excBaseException)
	excException           = newExceptionClass("Exception", excBaseException)
	excArithmeticError     = newExceptionClass("ArithmeticError", excException)
	excFloatingPointError  = newExceptionClass("FloatingPointError", excArithmeticError)
	excOverflowError       = newExceptionClass("OverflowError", excArithmeticError)
	excZeroDivisionError   = newExceptionClass("ZeroDivisionError", excArithmeticError)
	excAssertionError      = newExceptionClass("AssertionError", excException)
	excAttributeError      = newExceptionClass("AttributeError", excException)
	excBufferError         = newExceptionClass("BufferError", excException)
	excEOFError            = newExceptionClass("EOFError", excException)
	excImportError         = newExceptionClass("ImportError", excException)
	excModuleNotFoundError = newExceptionClass("ModuleNotFoundError", excImportError)
	excLookupError         = newExceptionClass("LookupError", excException)
	excIndexError          = newExceptionClass("IndexError", excLookupError)
	excKeyError            = newExceptionClass("KeyError", excLookupError)
	excMemoryError         = newExceptionClass("MemoryError", excException)
	excNameError           = newExceptionClass("NameError", excException)
	excUnboundLocalError   = newExceptionClass("UnboundLocalError", excNameError)
	excOSError             = newExceptionClass("OSError", excException)
	excTimeoutErrorPy      = newExceptionClass("TimeoutError", excOSError)
	excConnectionError     = newExceptionClass("ConnectionError", excOSError)
	_                      = newExceptionClass("BrokenPipeError", excConnectionError)
	_                      = newExceptionClass("ConnectionAbortedError", excConnectionError)
	_                      = newExceptionClass("ConnectionRefusedError", excConnectionError)
	_                      = newExceptionClass("ConnectionResetError", excConnectionError)
	_                      = newExceptionClass("BlockingIOError", excOSError)
	_                      = newExceptionClass("FileExistsError", excOSError)
	_                      = newExceptionClass("FileNotFoundError", excOSError)
	_                      = newExceptionClass("InterruptedError", excOSError)
	_                      = newExceptionClass("PermissionError", excOSError)
	_                      = newExceptionClass("StopAsyncIteration", excException)
	excReferenceError      = newExceptionClass("ReferenceError", excException)
	excRuntimeError        = newExceptionClass("RuntimeError", excException)
	excNotImplementedError = newExceptionClass("NotImplementedError", excRuntimeError)
	excRecursionError      = newExceptionClass("RecursionError", excRuntimeError)
	excStopIteration       = newExceptionClass("StopIteration", excException)
	excSyntaxError         = newExceptionClass("SyntaxError", excException)
	excSystemError         = newExceptionClass("SystemError", excException)
	excTypeError           = newExceptionClass("TypeError", excException)
	excValueError          = newExceptionClass("ValueError", excException)
	excUnicodeError        = newExceptionClass("UnicodeError", excValueError)
	excUnicodeDecodeError  = newExceptionClass("UnicodeDecodeError", excUnicodeError)
	excUnicodeEncodeError  = newExceptionClass("UnicodeEncodeError", excUnicodeError)
)

// IOError and EnvironmentError are CPython's aliases of OSError.
func init() {
	builtins["IOError"] = excOSError
	builtins["EnvironmentError"] = excOSError
}

// exceptionClasses maps built-in exception names to classes.
var exceptionClasses = map[string]*Class{}

// newExceptionClass creates a built-in exception class and makes it a
// builtin name. The library uses it for module exceptions such as
// json.JSONDecodeError (give it a base and do not register it globally
// by calling newExceptionClassIn instead).
func newExceptionClass(name string, base *Class) *Class {
	c := newExceptionClassIn(name, base)
	exceptionClasses[name] = c
	builtins[name] = c
	return c
}

// newExceptionClassIn creates an exception class that is not a builtin
// name (for a module attribute such as json.JSONDecodeError).
func newExceptionClassIn(name string, base *Class) *Class {
	return &Class{name: name, base: base, dict: map[string]Value{}, exc: true}
}

// extraExcClasses holds classes made on demand for NewException with an
// unknown name.
var extraExcClasses struct {
	sync.Mutex
	m map[string]*Class
}

// exceptionClassNamed returns the built-in exception class with this name,
// creating an Exception subclass for an unknown name.
func exceptionClassNamed(name string) *Class {
	if c, ok := exceptionClasses[name]; ok {
		return c
	}
	extraExcClasses.Lock()
	defer extraExcClasses.Unlock()
	if c, ok := extraExcClasses.m[name]; ok {
		return c
	}
	if extraExcClasses.m == nil {
		extraExcClasses.m = map[string]*Class{}
	}
	c := newExceptionClassIn(name, excException)
	extraExcClasses.m[name] = c
	return c
}

// asException converts any error a native function or the interpreter
// produced into a raised Python exception with its object created. A
// *TimeoutError and other control errors are returned unchanged in ok=false.
func asException(err error) (*Exception, bool) {
	var e *Exception
	if errors.As(err, &e) {
		if e.value == nil {
			cls := exceptionClassNamed(e.Type)
			var args Tuple
			if e.Msg != "" || cls == excKeyError {
				args = Tuple{String(e.Msg)}
			}
			e.value = newExceptionObject(cls, args)
			if cls == excMemoryError {
				e.value.exc.heapLimit, e.value.exc.requested = e.HeapLimit, e.Requested
			}
		}
		return e, true
	}
	var te *TimeoutError
	if errors.As(err, &te) {
		return nil, false
	}
	var ie *internalError
	if errors.As(err, &ie) {
		return nil, false
	}
	// A plain Go error from native code: raise it as RuntimeError.
	return newError(excRuntimeError, "%s", err.Error()), true
}

// tbEntry is one traceback entry, resolved to a Frame only when needed.
type tbEntry struct {
	fc *funcode
	pc int
}

// internalError is a Go panic recovered at the API boundary (a VM bug),
// reported with context rather than crashing the host.
type internalError struct {
	msg string
}

func (e *internalError) Error() string { return "internal error in nl vm: " + e.msg }

// excFromObject wraps a Python exception object for propagation.
func excFromObject(o *Object) *Exception {
	return &Exception{Type: o.class.name, value: o}
}
