package localstack

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"net/http"
	"strings"
	"sync"
	"time"
)

// logTailBytes is how much of the log LogType=Tail returns, as AWS does.
const logTailBytes = 4096

// lockedBuffer collects print output; handlers may print from callbacks.
type lockedBuffer struct {
	mu  sync.Mutex
	buf bytes.Buffer
}

func (b *lockedBuffer) Write(p []byte) (int, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.buf.Len() > 1<<20 {
		return len(p), nil // keep at most 1 MiB of a runaway log
	}
	return b.buf.Write(p)
}

func (b *lockedBuffer) String() string {
	b.mu.Lock()
	defer b.mu.Unlock()
	return b.buf.String()
}

// outcome is a finished invocation.
type outcome struct {
	res   *InvokeResult
	entry LogEntry
	tail  string // START … REPORT, as Lambda's log stream shows it
}

// run invokes a function once and records it in the log.
func (l *lambdaService) run(ctx context.Context, name string, event []byte, reqID, trigger string, attempt int) (*outcome, error) {
	f, err := l.get(name)
	if err != nil {
		return nil, err
	}
	c, err := l.compile(f)
	if err != nil {
		return nil, err
	}
	// A synchronous call from one handler to another runs on its caller's
	// slot: waiting for a slot of its own could deadlock when every slot is
	// held by a caller waiting for its callee.
	if hostDepth(ctx) == 0 {
		select {
		case l.sem <- struct{}{}:
		case <-ctx.Done():
			return nil, apiErr("TooManyRequestsException", "Rate Exceeded: no free invocation slot before the request was cancelled")
		}
		defer func() { <-l.sem }()
	}

	timeout := time.Duration(f.Timeout) * time.Second
	start := time.Now()
	log := &lockedBuffer{}
	var res *InvokeResult
	if c.importErr != nil {
		res = &InvokeResult{Err: c.importErr}
	} else {
		ictx, cancel := context.WithTimeout(ctx, timeout)
		inv := &Invocation{
			Function: FunctionInfo{Name: f.Name, Version: "$LATEST", ARN: l.s.arn(f.Name), Handler: f.Handler, MemoryMB: f.MemorySize,
				Timeout: timeout, Env: f.Env, LogGroup: "/aws/lambda/" + f.Name,
				LogStream:  start.UTC().Format("2006/01/02") + "/[$LATEST]" + strings.ToLower(reqID),
				HeapBudget: int64(f.MemorySize) << 20},
			RequestID: reqID, Event: event, Deadline: start.Add(timeout), Log: log, Host: &host{s: l.s, depth: hostDepth(ctx)},
		}
		res, err = l.s.runtime.Invoke(ictx, c.code, inv)
		cancel()
		if err != nil {
			return nil, apiErr("ServiceException", "run %s: %v", name, err)
		}
	}
	d := time.Since(start)
	e := LogEntry{Function: name, RequestID: reqID, Start: start.UTC(), DurationMS: float64(d.Microseconds()) / 1000,
		Trigger: trigger, Attempt: attempt, Status: "ok", MemorySizeMB: f.MemorySize, PeakHeap: res.PeakHeap, Steps: res.Steps,
		Log: log.String()}
	if res.Err != nil {
		e.Status, e.Error = "error", res.Err
	} else {
		e.Result = string(res.Payload)
		if len(e.Result) > 1024 {
			e.Result = e.Result[:1024]
		}
	}
	l.logs.Append(e)
	var t strings.Builder
	fmt.Fprintf(&t, "START RequestId: %s Version: $LATEST\n", reqID)
	t.WriteString(e.Log)
	if res.Err != nil {
		fmt.Fprintf(&t, "[ERROR] %s: %s\n", res.Err.Type, res.Err.Message)
		for _, line := range res.Err.StackTrace {
			t.WriteString(line)
			if !strings.HasSuffix(line, "\n") {
				t.WriteByte('\n')
			}
		}
	}
	fmt.Fprintf(&t, "END RequestId: %s\n", reqID)
	usedMB := (res.PeakHeap + 1<<20 - 1) >> 20
	fmt.Fprintf(&t, "REPORT RequestId: %s\tDuration: %.2f ms\tBilled Duration: %d ms\tMemory Size: %d MB\tMax Memory Used: %d MB\t\n",
		reqID, e.DurationMS, d.Milliseconds()+1, f.MemorySize, usedMB)
	return &outcome{res: res, entry: e, tail: t.String()}, nil
}

func (l *lambdaService) invokeHTTP(w http.ResponseWriter, r *http.Request, reqID, name string, body []byte) error {
	typ := r.Header.Get("X-Amz-Invocation-Type")
	if strings.HasSuffix(r.URL.Path, "/invoke-async") || strings.HasSuffix(r.URL.Path, "/invoke-async/") {
		typ = "Event"
	}
	if typ == "" {
		typ = "RequestResponse"
	}
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	if !json.Valid(body) {
		return apiErr("InvalidRequestContentException", "Could not parse request body into json: Could not parse payload into json")
	}
	f, err := l.get(name)
	if err != nil {
		return err
	}
	switch typ {
	case "DryRun":
		w.WriteHeader(http.StatusNoContent)
		return nil
	case "Event":
		if len(body) > maxAsyncPayload {
			return apiErr("RequestTooLargeException", "Request must be smaller than %d bytes for the InvokeFunction operation", maxAsyncPayload)
		}
		l.enqueue(f.Name, body, reqID, "Event")
		w.WriteHeader(http.StatusAccepted)
		return nil
	case "RequestResponse":
	default:
		return apiErr("InvalidParameterValueException", "InvocationType %q must be RequestResponse, Event or DryRun", typ)
	}
	if len(body) > maxSyncPayload {
		return apiErr("RequestTooLargeException", "")
	}
	o, err := l.run(r.Context(), f.Name, body, reqID, "RequestResponse", 1)
	if err != nil {
		return err
	}
	h := w.Header()
	h.Set("X-Amz-Executed-Version", "$LATEST")
	if strings.EqualFold(r.Header.Get("X-Amz-Log-Type"), "Tail") {
		tail := o.tail
		if len(tail) > logTailBytes {
			tail = tail[len(tail)-logTailBytes:]
		}
		h.Set("X-Amz-Log-Result", base64.StdEncoding.EncodeToString([]byte(tail)))
	}
	h.Set("Content-Type", "application/json")
	if o.res.Err != nil {
		h.Set("X-Amz-Function-Error", "Unhandled")
		w.WriteHeader(http.StatusOK)
		json.NewEncoder(w).Encode(o.res.Err)
		return nil
	}
	w.WriteHeader(http.StatusOK)
	w.Write(o.res.Payload)
	return nil
}

// enqueue runs an asynchronous invocation with Lambda's retry policy: on a
// function error it is retried twice, after retryDelays.
func (l *lambdaService) enqueue(name string, event []byte, reqID, trigger string) {
	l.async.Add(1)
	go func() {
		defer l.async.Done()
		for attempt := 1; attempt <= 1+len(l.retryDelays); attempt++ {
			o, err := l.run(context.Background(), name, event, reqID, trigger, attempt)
			if err == nil && o.res.Err == nil {
				return
			}
			if err != nil && !isRetryable(err) {
				return
			}
			if attempt > len(l.retryDelays) {
				return
			}
			select {
			case <-time.After(l.retryDelays[attempt-1]):
			case <-l.closed:
				return
			}
		}
	}()
}

func isRetryable(err error) bool {
	e := toAPIError(err, "", "")
	return e.Code == "TooManyRequestsException" || e.Code == "ServiceException"
}

// WithRetryDelays sets the waits before the two retries of a failed
// asynchronous invocation (default 1 s and 2 s; AWS waits about 1 and 2
// minutes).
func WithRetryDelays(d ...time.Duration) Option {
	return func(s *Server) { s.retryDelays = d }
}
