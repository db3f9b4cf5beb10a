package localstack

import (
	"bufio"
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"strconv"
	"sync"
	"time"
)

// LogEntry is one invocation in a function's log.
type LogEntry struct {
	Function     string         `json:"function"`
	RequestID    string         `json:"requestId"`
	Start        time.Time      `json:"start"`
	DurationMS   float64        `json:"durationMs"`
	Trigger      string         `json:"trigger"` // RequestResponse, Event, s3, function
	Attempt      int            `json:"attempt,omitempty"`
	Status       string         `json:"status"` // ok, error
	Error        *FunctionError `json:"error,omitempty"`
	Result       string         `json:"result,omitempty"` // the first 1 KB of the returned JSON
	MemorySizeMB int            `json:"memorySizeMb"`
	PeakHeap     int64          `json:"peakHeapBytes"`
	Steps        uint64         `json:"steps"`
	Log          string         `json:"log,omitempty"` // print output
}

// LogBook keeps every function's invocation log: in memory, and also as
// JSON lines in dir/FUNCTION.log when dir is set.
type LogBook struct {
	dir     string
	mu      sync.Mutex
	entries map[string][]LogEntry
	changed chan struct{} // closed and replaced on every append
	hooks   []func(LogEntry)
}

func newLogBook(dir string) (*LogBook, error) {
	b := &LogBook{dir: dir, entries: map[string][]LogEntry{}, changed: make(chan struct{})}
	if dir != "" {
		if err := os.MkdirAll(dir, 0o700); err != nil {
			return nil, fmt.Errorf("create log dir: %w", err)
		}
	}
	return b, nil
}

func (b *LogBook) close() {}

func (b *LogBook) path(fn string) string { return filepath.Join(b.dir, fn+".log") }

// Append records an entry.
func (b *LogBook) Append(e LogEntry) {
	b.mu.Lock()
	if b.dir != "" {
		if line, err := json.Marshal(e); err == nil {
			if f, err := os.OpenFile(b.path(e.Function), os.O_CREATE|os.O_APPEND|os.O_WRONLY, 0o600); err == nil {
				f.Write(append(line, '\n'))
				f.Close()
			}
		}
	} else {
		b.entries[e.Function] = append(b.entries[e.Function], e)
	}
	close(b.changed)
	b.changed = make(chan struct{})
	hooks := b.hooks
	b.mu.Unlock()
	for _, h := range hooks {
		h(e)
	}
}

// Read returns the entries of fn from index since on, and a channel closed
// at the next append.
func (b *LogBook) Read(fn string, since int) ([]LogEntry, <-chan struct{}) {
	b.mu.Lock()
	defer b.mu.Unlock()
	var all []LogEntry
	if b.dir != "" {
		data, _ := os.ReadFile(b.path(fn))
		sc := bufio.NewScanner(bytes.NewReader(data))
		sc.Buffer(make([]byte, 64<<10), 16<<20)
		for sc.Scan() {
			var e LogEntry
			if json.Unmarshal(sc.Bytes(), &e) == nil {
				all = append(all, e)
			}
		}
	} else {
		all = b.entries[fn]
	}
	if since > len(all) {
		since = len(all)
	}
	return append([]LogEntry(nil), all[since:]...), b.changed
}

// OnInvocation registers fn to be called after every invocation (nl dev
// prints a line per invocation).
func (s *Server) OnInvocation(fn func(LogEntry)) {
	s.lambda.logs.mu.Lock()
	s.lambda.logs.hooks = append(s.lambda.logs.hooks, fn)
	s.lambda.logs.mu.Unlock()
}

// Logs returns the log of a function from entry index since on.
func (s *Server) Logs(function string, since int) []LogEntry {
	e, _ := s.lambda.logs.Read(function, since)
	return e
}

// serveLogs answers GET /_nl/logs/FUNCTION[?since=N][&follow=1] with the
// entries as JSON lines; with follow the response stays open and streams
// new entries until the client goes away.
func (s *Server) serveLogs(w http.ResponseWriter, r *http.Request, fn string) {
	if r.Method != http.MethodGet || !functionNameRE.MatchString(fn) {
		writeLambdaError(w, apiErr("InvalidParameterValueException", "GET /_nl/logs/FUNCTION_NAME"))
		return
	}
	since, _ := strconv.Atoi(r.URL.Query().Get("since"))
	follow := r.URL.Query().Get("follow") != ""
	if _, err := s.lambda.get(fn); err != nil && len(s.Logs(fn, 0)) == 0 {
		writeLambdaError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/x-ndjson")
	enc := json.NewEncoder(w)
	flusher, _ := w.(http.Flusher)
	for {
		entries, changed := s.lambda.logs.Read(fn, since)
		for _, e := range entries {
			if enc.Encode(e) != nil {
				return
			}
		}
		since += len(entries)
		if !follow {
			return
		}
		if flusher != nil {
			flusher.Flush()
		}
		select {
		case <-changed:
		case <-r.Context().Done():
			return
		case <-s.lambda.closed:
			return
		}
	}
}
