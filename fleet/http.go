package fleet

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"time"

	"github.com/nanolambda/nl/fleet/events"
)

// heartbeatEvery is how often an idle stream gets a heartbeat line, so that
// clients notice a dead connection and proxies keep it open.
const heartbeatEvery = 2 * time.Second

// Handler serves the fleet API described in package events. `nl dev` mounts
// it beside the Lambda and S3 APIs.
func (f *Fleet) Handler() http.Handler {
	routes := []struct {
		method, path string
		h            http.HandlerFunc
	}{
		{"GET", events.PathSnapshot, f.serveSnapshot},
		{"GET", events.PathEvents, f.serveEvents},
		{"POST", events.PathPolicy, f.servePolicy},
		{"POST", events.PathSpike, f.serveSpike},
	}
	mux := http.NewServeMux()
	// paths knows each path without its method, to tell a wrong method (405)
	// from a wrong path (404).
	paths := http.NewServeMux()
	for _, rt := range routes {
		mux.HandleFunc(rt.method+" "+rt.path, rt.h)
		m := rt.method
		paths.HandleFunc(rt.path, func(w http.ResponseWriter, r *http.Request) {
			w.Header().Set("Allow", m)
			writeError(w, http.StatusMethodNotAllowed, fmt.Sprintf("%s %s: method not allowed (use %s)", r.Method, r.URL.Path, m))
		})
	}
	// Anything else gets the API's JSON error body too, not the mux's
	// plain-text one, so clients parse every error the same way.
	paths.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		writeError(w, http.StatusNotFound, fmt.Sprintf("no fleet endpoint %s %s (see docs/top.md for the API)", r.Method, r.URL.Path))
	})
	mux.Handle("/", paths)
	return mux
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func writeError(w http.ResponseWriter, status int, msg string) {
	writeJSON(w, status, events.ErrorBody{Error: msg})
}

func (f *Fleet) serveSnapshot(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, f.Snapshot())
}

// maxBody bounds request bodies: they are a few dozen bytes.
const maxBody = 64 << 10

func decodeBody(w http.ResponseWriter, r *http.Request, v any) bool {
	dec := json.NewDecoder(io.LimitReader(r.Body, maxBody))
	dec.DisallowUnknownFields()
	if err := dec.Decode(v); err != nil {
		writeError(w, http.StatusBadRequest, "bad request body: "+err.Error())
		return false
	}
	return true
}

func (f *Fleet) servePolicy(w http.ResponseWriter, r *http.Request) {
	var req events.PolicyRequest
	if !decodeBody(w, r, &req) {
		return
	}
	st, err := f.SetPolicy(r.PathValue("name"), req.Policy)
	switch {
	case errors.Is(err, ErrNoDevice):
		writeError(w, http.StatusNotFound, err.Error())
	case err != nil:
		writeError(w, http.StatusBadRequest, err.Error())
	default:
		writeJSON(w, http.StatusOK, st)
	}
}

func (f *Fleet) serveSpike(w http.ResponseWriter, r *http.Request) {
	var req events.SpikeRequest
	if !decodeBody(w, r, &req) {
		return
	}
	ns, err := f.InjectSpike(req)
	if err != nil {
		writeError(w, http.StatusBadRequest, err.Error())
		return
	}
	writeJSON(w, http.StatusOK, ns)
}

// serveEvents streams newline-delimited JSON: the kept events after ?since=,
// then live ones, with a heartbeat line when idle. It ends when the client
// goes away or falls too far behind (it then reconnects with ?since=).
func (f *Fleet) serveEvents(w http.ResponseWriter, r *http.Request) {
	var since uint64
	if s := r.URL.Query().Get("since"); s != "" {
		v, err := strconv.ParseUint(s, 10, 64)
		if err != nil {
			writeError(w, http.StatusBadRequest, "since must be an event sequence number, got "+strconv.Quote(s))
			return
		}
		since = v
	}
	backlog, ch, cancel := f.Subscribe(since)
	defer cancel()
	w.Header().Set("Content-Type", events.ContentTypeNDJSON)
	w.Header().Set("Cache-Control", "no-cache")
	w.WriteHeader(http.StatusOK)
	rc := http.NewResponseController(w)
	enc := json.NewEncoder(w)
	last := since
	for _, ev := range backlog {
		if enc.Encode(ev) != nil {
			return
		}
		last = ev.Seq
	}
	if rc.Flush() != nil {
		return
	}
	hb := time.NewTicker(heartbeatEvery)
	defer hb.Stop()
	for {
		select {
		case <-r.Context().Done():
			return
		case ev, ok := <-ch:
			if !ok {
				return
			}
			if enc.Encode(ev) != nil {
				return
			}
			last = ev.Seq
			// Send whatever else is already queued before flushing.
			for drained := false; !drained; {
				select {
				case ev, ok := <-ch:
					if !ok {
						_ = rc.Flush()
						return
					}
					if enc.Encode(ev) != nil {
						return
					}
					last = ev.Seq
				default:
					drained = true
				}
			}
			if rc.Flush() != nil {
				return
			}
		case <-hb.C:
			if enc.Encode(events.Event{Seq: last, Time: f.Now(), Kind: events.KindHeartbeat}) != nil || rc.Flush() != nil {
				return
			}
		}
	}
}
