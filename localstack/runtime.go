package localstack

import (
	"context"
	"io"
	"time"
)

// Runtime compiles and runs Lambda function code. The implementation on
// nl's VM is package pyrt; the server only sees this interface.
type Runtime interface {
	// Compile compiles the handler module of a function. files holds every
	// .py file of the deployment zip by path; module is the path of the
	// handler's module ("app/handler.py"). The error's message is shown to
	// the user as is (file:line:col and the construct).
	Compile(function, module string, files map[string][]byte) (Code, error)
	// Invoke runs the handler function of code on one event.
	Invoke(ctx context.Context, code Code, inv *Invocation) (*InvokeResult, error)
}

// Code is a compiled function, opaque to the server and cached by it.
type Code any

// FunctionInfo describes the function being invoked, for the handler's
// context object.
type FunctionInfo struct {
	Name       string
	Version    string
	ARN        string
	Handler    string // "module.func"
	MemoryMB   int
	Timeout    time.Duration
	Env        map[string]string
	LogGroup   string
	LogStream  string
	HeapBudget int64 // bytes of VM heap the function may use
}

// Invocation is one call of a function.
type Invocation struct {
	Function  FunctionInfo
	RequestID string
	Event     []byte // JSON
	Deadline  time.Time
	// Log receives the function's print output.
	Log io.Writer
	// Host lets the handler call back into the stack (S3, Lambda).
	Host Host
}

// FunctionError is an unhandled error of a function, in the shape Lambda
// returns it.
type FunctionError struct {
	Type       string   `json:"errorType"`
	Message    string   `json:"errorMessage"`
	StackTrace []string `json:"stackTrace"`
}

// InvokeResult is what a finished invocation returned.
type InvokeResult struct {
	Payload []byte         // the handler's return value as JSON (when Err is nil)
	Err     *FunctionError // unhandled error
	// PeakHeap is the most VM heap the invocation used, in bytes.
	PeakHeap int64
	Steps    uint64
}

// Host is the stack as a handler sees it, through the nanolambda and boto3
// modules. Errors are *APIError values whose Code is the AWS error code.
type Host interface {
	GetObject(ctx context.Context, bucket, key string) (ObjectData, error)
	HeadObject(ctx context.Context, bucket, key string) (ObjectData, error)
	PutObject(ctx context.Context, bucket, key string, body []byte, contentType string, meta map[string]string) (ObjectData, error)
	DeleteObject(ctx context.Context, bucket, key string) error
	ListObjects(ctx context.Context, bucket, prefix, delimiter, startAfter string, maxKeys int) (ObjectList, error)
	// Invoke calls another function; async queues it as an Event invocation.
	Invoke(ctx context.Context, function string, payload []byte, async bool) (InvokeOutcome, error)
}

// ObjectData is an object as the Host returns it (Body empty for Head/Put).
type ObjectData struct {
	Bucket       string
	Key          string
	Body         []byte
	Size         int64
	ETag         string
	ContentType  string
	LastModified time.Time
	Meta         map[string]string
}

// ObjectList is one page of ListObjects.
type ObjectList struct {
	Objects        []ObjectData
	CommonPrefixes []string
	IsTruncated    bool
	NextStartAfter string
}

// InvokeOutcome is the result of Host.Invoke.
type InvokeOutcome struct {
	StatusCode    int
	Payload       []byte
	FunctionError string // "Unhandled" or ""
}
