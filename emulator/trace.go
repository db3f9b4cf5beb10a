package emulator

import (
	"bytes"
	"encoding/csv"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"time"
)

// DefaultTracePeriod spaces the rows of a trace without a time column: the
// 5 Hz of the vibration example.
const DefaultTracePeriod = 200 * time.Millisecond

// Trace is a recorded sensor source: rows of channel values at times. A read
// returns the latest row at or before the time (a sample-and-hold, as a
// device reading a sensor register sees). Past the last row the trace starts
// again from the beginning, so a short recording can drive a long stream.
type Trace struct {
	name     string
	channels []string
	times    []time.Duration // ascending, times[0] == 0 after normalisation
	rows     [][]float64     // rows[i][c] is channels[c] at times[i]
	length   time.Duration   // one loop of the trace
}

// Name is the file the trace came from.
func (tr *Trace) Name() string { return tr.name }

// Len is the number of rows.
func (tr *Trace) Len() int { return len(tr.rows) }

// Channels implements SensorSource.
func (tr *Trace) Channels() []string { return append([]string(nil), tr.channels...) }

// Read implements SensorSource.
func (tr *Trace) Read(channel string, t time.Duration) (float64, error) {
	c := -1
	for i, name := range tr.channels {
		if name == channel {
			c = i
		}
	}
	if c < 0 {
		return 0, &NoChannelError{Channel: channel, Source: "trace " + tr.name, Channels: tr.Channels()}
	}
	if t < 0 {
		t = 0
	}
	t %= tr.length
	i := sort.Search(len(tr.times), func(i int) bool { return tr.times[i] > t }) - 1
	if i < 0 {
		i = 0
	}
	return tr.rows[i][c], nil
}

func newTrace(name string, channels []string, times []time.Duration, rows [][]float64, period time.Duration) (*Trace, error) {
	if len(rows) == 0 {
		return nil, fmt.Errorf("%s: the trace has no samples", name)
	}
	if times == nil {
		times = make([]time.Duration, len(rows))
		for i := range rows {
			times[i] = time.Duration(i) * period
		}
	}
	t0 := times[0]
	for i := range times {
		times[i] -= t0
	}
	step := period
	if n := len(times); n > 1 {
		step = times[n-1] - times[n-2]
		if step <= 0 {
			step = period
		}
	}
	tr := &Trace{name: name, channels: channels, times: times, rows: rows, length: times[len(times)-1] + step}
	return tr, nil
}

// timeColumns are header names taken as the sample time, in seconds.
var timeColumns = map[string]bool{"t": true, "time": true, "time_s": true, "timestamp": true}

// ParseCSV reads a CSV trace: a header row naming the channels (and
// optionally a time column t, time, time_s or timestamp in seconds), then
// one row of numbers per sample. Rows without a time column are period
// apart. Errors name the file, line and column.
func ParseCSV(name string, r io.Reader, period time.Duration) (*Trace, error) {
	cr := csv.NewReader(r)
	cr.Comment = '#'
	cr.TrimLeadingSpace = true
	header, err := cr.Read()
	if err == io.EOF {
		return nil, fmt.Errorf("%s: empty trace; the first line names the channels, e.g. t,ax,ay,az", name)
	}
	if err != nil {
		return nil, csvError(name, err)
	}
	timeCol := -1
	var channels []string
	colIndex := map[int]int{} // csv column → channel index
	seen := map[string]bool{}
	for i, h := range header {
		h = strings.TrimSpace(h)
		switch {
		case h == "":
			return nil, fmt.Errorf("%s:1: column %d has no name", name, i+1)
		case seen[h]:
			return nil, fmt.Errorf("%s:1: column %q appears twice", name, h)
		case timeColumns[strings.ToLower(h)] && timeCol < 0:
			timeCol = i
		default:
			colIndex[i] = len(channels)
			channels = append(channels, h)
		}
		seen[h] = true
	}
	if len(channels) == 0 {
		return nil, fmt.Errorf("%s:1: no channel columns, only time", name)
	}
	var times []time.Duration
	var rows [][]float64
	for {
		rec, err := cr.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, csvError(name, err)
		}
		line, _ := cr.FieldPos(0)
		row := make([]float64, len(channels))
		for i, field := range rec {
			v, err := strconv.ParseFloat(strings.TrimSpace(field), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				_, col := cr.FieldPos(i)
				return nil, fmt.Errorf("%s:%d:%d: %s: %q is not a number", name, line, col, header[i], field)
			}
			if i == timeCol {
				if len(times) > 0 && secs(v) < times[len(times)-1] {
					return nil, fmt.Errorf("%s:%d: time %g goes backwards", name, line, v)
				}
				times = append(times, secs(v))
			} else {
				row[colIndex[i]] = v
			}
		}
		rows = append(rows, row)
	}
	if timeCol < 0 {
		times = nil
	}
	return newTrace(name, channels, times, rows, period)
}

func secs(v float64) time.Duration { return time.Duration(v * float64(time.Second)) }

func csvError(name string, err error) error {
	var pe *csv.ParseError
	if errors.As(err, &pe) {
		return fmt.Errorf("%s:%d:%d: %v", name, pe.Line, pe.Column, pe.Err)
	}
	return fmt.Errorf("%s: %w", name, err)
}

// ParseJSON reads a JSON trace: an array of objects, one per sample, whose
// keys are channels (and optionally "t" in seconds) and whose values are
// numbers, e.g. [{"t": 0, "ax": 0.01, "ay": 0.0, "az": 1.0}, ...]. An object
// {"samples": [...]} is accepted too.
func ParseJSON(name string, data []byte, period time.Duration) (*Trace, error) {
	var samples []map[string]json.RawMessage
	dec := json.NewDecoder(bytes.NewReader(data))
	if err := dec.Decode(&samples); err != nil {
		var wrapped struct {
			Samples []map[string]json.RawMessage `json:"samples"`
		}
		if err2 := json.Unmarshal(data, &wrapped); err2 == nil && wrapped.Samples != nil {
			samples = wrapped.Samples
		} else {
			return nil, jsonError(name, data, err)
		}
	}
	chanSet := map[string]bool{}
	hasTime := false
	for _, s := range samples {
		for k := range s {
			if timeColumns[strings.ToLower(k)] {
				hasTime = true
			} else {
				chanSet[k] = true
			}
		}
	}
	channels := make([]string, 0, len(chanSet))
	for c := range chanSet {
		channels = append(channels, c)
	}
	sort.Strings(channels)
	var times []time.Duration
	rows := make([][]float64, 0, len(samples))
	for i, s := range samples {
		row := make([]float64, len(channels))
		for c, ch := range channels {
			raw, ok := s[ch]
			if !ok {
				return nil, fmt.Errorf("%s: sample %d has no %q (every sample needs every channel)", name, i, ch)
			}
			if err := json.Unmarshal(raw, &row[c]); err != nil {
				return nil, fmt.Errorf("%s: sample %d: %s: %s is not a number", name, i, ch, raw)
			}
		}
		if hasTime {
			var v float64
			raw, ok := findTime(s)
			if !ok || json.Unmarshal(raw, &v) != nil {
				return nil, fmt.Errorf("%s: sample %d: missing or non-numeric time", name, i)
			}
			if len(times) > 0 && secs(v) < times[len(times)-1] {
				return nil, fmt.Errorf("%s: sample %d: time %g goes backwards", name, i, v)
			}
			times = append(times, secs(v))
		}
		rows = append(rows, row)
	}
	if len(channels) == 0 && len(samples) > 0 {
		return nil, fmt.Errorf("%s: samples have no channels", name)
	}
	return newTrace(name, channels, times, rows, period)
}

func findTime(s map[string]json.RawMessage) (json.RawMessage, bool) {
	for k, v := range s {
		if timeColumns[strings.ToLower(k)] {
			return v, true
		}
	}
	return nil, false
}

// jsonError turns a decoder error into file:line:col.
func jsonError(name string, data []byte, err error) error {
	var se *json.SyntaxError
	var te *json.UnmarshalTypeError
	off := int64(-1)
	switch {
	case errors.As(err, &se):
		off = max(se.Offset-1, 0) // Offset counts the bad byte
	case errors.As(err, &te):
		off = te.Offset
		err = fmt.Errorf("want an array of objects of numbers, found %s", te.Value)
	}
	if off < 0 {
		return fmt.Errorf("%s: %v", name, err)
	}
	line, col := LineCol(data, off)
	return fmt.Errorf("%s:%d:%d: %v", name, line, col, err)
}

// LineCol converts a byte offset in data to a 1-based line and column.
func LineCol(data []byte, off int64) (line, col int) {
	if off > int64(len(data)) {
		off = int64(len(data))
	}
	line, col = 1, 1
	for _, c := range data[:off] {
		if c == '\n' {
			line++
			col = 1
		} else {
			col++
		}
	}
	return line, col
}

// LoadTrace reads a .csv or .json trace file.
func LoadTrace(path string, period time.Duration) (*Trace, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("load trace: %w", err)
	}
	switch strings.ToLower(filepath.Ext(path)) {
	case ".csv":
		return ParseCSV(path, bytes.NewReader(data), period)
	case ".json":
		return ParseJSON(path, data, period)
	}
	return nil, fmt.Errorf("load trace %s: unknown format; use a .csv or .json file", path)
}
