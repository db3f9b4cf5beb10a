package devlink

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"time"
)

// DeviceInfo is the payload of HELLO_OK.
type DeviceInfo struct {
	Protocol     byte   `json:"protocol"`
	ImageVersion byte   `json:"image_version"` // bytecode format version the VM runs
	MaxPayload   uint16 `json:"max_payload"`   // longest request payload the device accepts
	FreeHeap     uint32 `json:"free_heap"`
	FreeFlash    uint32 `json:"free_flash"`
	VM           string `json:"vm"`     // VM name and version, e.g. "nl-vm 0.1 (go emulator)"
	Device       string `json:"device"` // profile or board name
}

func (i DeviceInfo) encode() []byte {
	var e enc
	e.u8(i.Protocol)
	e.u8(i.ImageVersion)
	e.u16(i.MaxPayload)
	e.u32(i.FreeHeap)
	e.u32(i.FreeFlash)
	e.str8(i.VM)
	e.str8(i.Device)
	return e.b
}

func decodeInfo(p []byte) (DeviceInfo, error) {
	d := dec{b: p}
	i := DeviceInfo{Protocol: d.u8(), ImageVersion: d.u8(), MaxPayload: d.u16(), FreeHeap: d.u32(), FreeFlash: d.u32(), VM: d.str8(), Device: d.str8()}
	return i, d.done()
}

// FunctionInfo is one deployed function, as LIST_OK reports it.
type FunctionInfo struct {
	Name  string `json:"name"`
	Bytes int    `json:"bytes"`
}

// InvokeRequest is the payload of INVOKE.
type InvokeRequest struct {
	Function string
	Handler  string        // empty means "handler"
	Timeout  time.Duration // 0 = the device's default; sent in whole milliseconds
	Event    []byte        // JSON
}

func (r InvokeRequest) encode() []byte {
	var e enc
	e.str8(r.Function)
	e.str8(r.Handler)
	e.u32(uint32(r.Timeout / time.Millisecond))
	e.raw(r.Event)
	return e.b
}

func decodeInvoke(p []byte) (InvokeRequest, error) {
	d := dec{b: p}
	r := InvokeRequest{Function: d.str8(), Handler: d.str8()}
	r.Timeout = time.Duration(d.u32()) * time.Millisecond
	r.Event = append([]byte(nil), d.rest()...)
	return r, d.err
}

// Invoke result statuses.
const (
	StatusOK        = 0 // Output holds the handler's JSON result
	StatusException = 1 // an uncaught Python exception: ErrType, ErrMsg, Traceback
	StatusTimeout   = 2 // the instruction budget or deadline ran out
	StatusMemory    = 3 // MemoryError: the heap limit was reached
)

// InvokeResult is the payload of INVOKE_OK.
type InvokeResult struct {
	Status     byte          `json:"status"`
	Output     []byte        `json:"-"`
	Logs       []string      `json:"logs"`
	ErrType    string        `json:"error_type,omitempty"`
	ErrMsg     string        `json:"error_message,omitempty"`
	Traceback  string        `json:"traceback,omitempty"`
	Steps      uint32        `json:"steps"`
	PeakHeap   uint32        `json:"peak_heap"`
	DeviceTime time.Duration `json:"device_time_ns"`
}

func (r InvokeResult) encode() []byte {
	var e enc
	e.u8(r.Status)
	e.u32(uint32(len(r.Output)))
	e.raw(r.Output)
	e.u16(uint16(len(r.Logs)))
	for _, l := range r.Logs {
		e.str16(l)
	}
	e.str16(r.ErrType)
	e.str16(r.ErrMsg)
	e.str16(r.Traceback)
	e.u32(r.Steps)
	e.u32(r.PeakHeap)
	e.u32(uint32(r.DeviceTime / time.Microsecond))
	return e.b
}

func decodeResult(p []byte) (InvokeResult, error) {
	d := dec{b: p}
	r := InvokeResult{Status: d.u8()}
	r.Output = append([]byte(nil), d.take(int(d.u32()))...)
	n := int(d.u16())
	for i := 0; i < n && d.err == nil; i++ {
		r.Logs = append(r.Logs, d.str16())
	}
	r.ErrType, r.ErrMsg, r.Traceback = d.str16(), d.str16(), d.str16()
	r.Steps, r.PeakHeap = d.u32(), d.u32()
	r.DeviceTime = time.Duration(d.u32()) * time.Microsecond
	return r, d.done()
}

// Error codes carried by ERROR frames.
const (
	ErrCodeBadRequest = 1  // payload malformed for its type
	ErrCodeUnknown    = 2  // unknown message type
	ErrCodeNotFound   = 3  // no function by that name
	ErrCodeNoSpace    = 4  // image larger than the free flash
	ErrCodeCRC        = 5  // uploaded image failed its CRC-32
	ErrCodeBadImage   = 6  // image rejected by the VM's loader/verifier
	ErrCodeNoUpload   = 7  // UPLOAD_CHUNK/END without UPLOAD_BEGIN
	ErrCodeOffset     = 8  // chunk offset is not the number of bytes received
	ErrCodeVersion    = 9  // protocol version not supported
	ErrCodeTooLarge   = 10 // the response would exceed MaxPayload
	ErrCodeInternal   = 11 // anything else
)

var errCodeNames = map[byte]string{
	ErrCodeBadRequest: "bad request", ErrCodeUnknown: "unknown message type", ErrCodeNotFound: "function not found",
	ErrCodeNoSpace: "not enough flash", ErrCodeCRC: "image CRC mismatch", ErrCodeBadImage: "image rejected",
	ErrCodeNoUpload: "no upload in progress", ErrCodeOffset: "chunk out of order", ErrCodeVersion: "protocol version not supported",
	ErrCodeTooLarge: "response too large", ErrCodeInternal: "device error",
}

// DeviceError is an ERROR frame from the device.
type DeviceError struct {
	Code byte
	Msg  string
}

// Error implements error.
func (e *DeviceError) Error() string {
	name, ok := errCodeNames[e.Code]
	if !ok {
		name = fmt.Sprintf("error %d", e.Code)
	}
	if e.Msg == "" {
		return "device: " + name
	}
	if strings.HasPrefix(e.Msg, name) {
		// Executors wrap the sentinel whose text is the code's name.
		return "device: " + e.Msg
	}
	return fmt.Sprintf("device: %s: %s", name, e.Msg)
}

// Sentinel errors an Executor wraps so that the device sends the right code.
var (
	ErrNotFound = errors.New("function not found")
	ErrNoSpace  = errors.New("not enough flash")
	ErrBadImage = errors.New("image rejected")
	ErrBadEvent = errors.New("bad event")
)

func errorPayload(code byte, msg string) []byte {
	var e enc
	e.u8(code)
	e.str16(msg)
	return e.b
}

func decodeError(p []byte) *DeviceError {
	d := dec{b: p}
	e := &DeviceError{Code: d.u8(), Msg: d.str16()}
	if d.done() != nil {
		return &DeviceError{Code: ErrCodeInternal, Msg: "malformed ERROR frame"}
	}
	return e
}

// Executor is what a device runs requests with: the Go emulator in
// nl emulate, the C VM on a board.
type Executor interface {
	// Info reports versions and free memory; Protocol and MaxPayload are
	// filled in by the Device.
	Info() DeviceInfo
	Deploy(name string, image []byte) error
	List() []FunctionInfo
	Delete(name string) error
	// Invoke runs a function. Python-level failures are reported in the
	// result's Status, not as an error.
	Invoke(ctx context.Context, req InvokeRequest) (InvokeResult, error)
}
