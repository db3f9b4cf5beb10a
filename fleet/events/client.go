package events

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
)

// Client talks to a fleet's HTTP API.
type Client struct {
	base string // scheme://host:port, no trailing slash
	http *http.Client
}

// NewClient returns a client for the fleet at addr: "host:port" or a URL.
// A nil hc means http.DefaultClient; the stream needs a client without an
// overall timeout.
func NewClient(addr string, hc *http.Client) (*Client, error) {
	if !strings.Contains(addr, "://") {
		addr = "http://" + addr
	}
	u, err := url.Parse(addr)
	if err != nil || u.Host == "" {
		return nil, fmt.Errorf("fleet address %q: want host:port or http://host:port", addr)
	}
	if hc == nil {
		hc = http.DefaultClient
	}
	return &Client{base: strings.TrimRight(u.Scheme+"://"+u.Host+u.Path, "/"), http: hc}, nil
}

// Addr is the base URL the client talks to.
func (c *Client) Addr() string { return c.base }

// Snapshot fetches the fleet's current state.
func (c *Client) Snapshot(ctx context.Context) (*Snapshot, error) {
	var s Snapshot
	if err := c.do(ctx, http.MethodGet, PathSnapshot, nil, &s); err != nil {
		return nil, err
	}
	return &s, nil
}

// SetPolicy switches one device's placement policy.
func (c *Client) SetPolicy(ctx context.Context, device, policy string) (*DeviceState, error) {
	var d DeviceState
	path := strings.Replace(PathPolicy, "{name}", url.PathEscape(device), 1)
	if err := c.do(ctx, http.MethodPost, path, PolicyRequest{Policy: policy}, &d); err != nil {
		return nil, err
	}
	return &d, nil
}

// Spike injects a network spike.
func (c *Client) Spike(ctx context.Context, req SpikeRequest) ([]NetworkState, error) {
	var n []NetworkState
	if err := c.do(ctx, http.MethodPost, PathSpike, req, &n); err != nil {
		return nil, err
	}
	return n, nil
}

func (c *Client) do(ctx context.Context, method, path string, body, out any) error {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequestWithContext(ctx, method, c.base+path, rd)
	if err != nil {
		return err
	}
	if body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return c.connErr(err)
	}
	defer resp.Body.Close()
	if err := checkStatus(resp, method, path); err != nil {
		return err
	}
	if err := json.NewDecoder(resp.Body).Decode(out); err != nil {
		return fmt.Errorf("%s %s: bad response: %w", method, path, err)
	}
	return nil
}

func (c *Client) connErr(err error) error {
	if errors.Is(err, context.Canceled) || errors.Is(err, context.DeadlineExceeded) {
		return err
	}
	return fmt.Errorf("connect to nl dev at %s: %w (is `nl dev` running there?)", c.base, err)
}

func checkStatus(resp *http.Response, method, path string) error {
	if resp.StatusCode/100 == 2 {
		return nil
	}
	var e ErrorBody
	b, _ := io.ReadAll(io.LimitReader(resp.Body, 4096))
	if json.Unmarshal(b, &e) == nil && e.Error != "" {
		return &StatusError{Code: resp.StatusCode, Msg: e.Error}
	}
	return &StatusError{Code: resp.StatusCode, Msg: fmt.Sprintf("%s %s: %s", method, path, strings.TrimSpace(string(b)))}
}

// StatusError is an error response from the fleet.
type StatusError struct {
	Code int
	Msg  string
}

// Error returns the server's message and the status code.
func (e *StatusError) Error() string { return fmt.Sprintf("%s (HTTP %d)", e.Msg, e.Code) }

// Stream is a live event stream; Next blocks for the next event.
type Stream struct {
	body io.ReadCloser
	sc   *bufio.Scanner
	last uint64
}

// maxLine bounds one event line (a decision with its reason is ~1 KB).
const maxLine = 1 << 20

// Stream opens the event stream, starting after event since (0: the whole
// backlog the server keeps).
func (c *Client) Stream(ctx context.Context, since uint64) (*Stream, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, c.base+PathEvents+"?since="+strconv.FormatUint(since, 10), nil)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Accept", ContentTypeNDJSON)
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, c.connErr(err)
	}
	if err := checkStatus(resp, http.MethodGet, PathEvents); err != nil {
		resp.Body.Close()
		return nil, err
	}
	sc := bufio.NewScanner(resp.Body)
	sc.Buffer(make([]byte, 0, 64<<10), maxLine)
	return &Stream{body: resp.Body, sc: sc, last: since}, nil
}

// Next returns the next event; io.EOF when the server closed the stream.
func (s *Stream) Next() (Event, error) {
	for s.sc.Scan() {
		line := bytes.TrimSpace(s.sc.Bytes())
		if len(line) == 0 {
			continue
		}
		var ev Event
		if err := json.Unmarshal(line, &ev); err != nil {
			return Event{}, fmt.Errorf("event stream: bad line after event %d: %w", s.last, err)
		}
		s.last = ev.Seq
		return ev, nil
	}
	if err := s.sc.Err(); err != nil {
		return Event{}, fmt.Errorf("event stream: %w", err)
	}
	return Event{}, io.EOF
}

// Last is the sequence number of the last event read: reconnect with it.
func (s *Stream) Last() uint64 { return s.last }

// Close ends the stream.
func (s *Stream) Close() error { return s.body.Close() }
