package localstack_test

import (
	"bufio"
	"encoding/json"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/localstack"
)

func TestHealthAndExtraHandler(t *testing.T) {
	mux := http.NewServeMux()
	mux.HandleFunc("/_nl/fleet/state", func(w http.ResponseWriter, r *http.Request) { io.WriteString(w, "fleet ok") })
	st := newStack(t, localstack.WithExtraHandler("/_nl/fleet/", mux))
	for _, p := range []string{"/_nl/health", "/_localstack/health"} {
		resp := must(http.Get(st.url + p))(t)
		var h struct {
			Status   string
			Services map[string]string
		}
		json.NewDecoder(resp.Body).Decode(&h)
		resp.Body.Close()
		if resp.StatusCode != 200 || h.Status != "ready" || h.Services["s3"] != "running" || h.Services["lambda"] != "running" {
			t.Fatalf("%s: %d %+v", p, resp.StatusCode, h)
		}
	}
	resp := must(http.Get(st.url + "/_nl/fleet/state"))(t)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if string(b) != "fleet ok" {
		t.Fatalf("mounted handler: %q", b)
	}
}

func TestLogsFollow(t *testing.T) {
	st := newLambdaStack(t)
	c := st.lambda(t)
	createFn(t, c, "chatty", "def handler(event, context):\n    print('line', event['i'])\n    return event['i']\n")
	invoke(t, c, "chatty", map[string]int{"i": 1})
	resp := must(http.Get(st.url + "/_nl/logs/chatty?follow=1"))(t)
	defer resp.Body.Close()
	lines := make(chan localstack.LogEntry, 10)
	go func() {
		sc := bufio.NewScanner(resp.Body)
		for sc.Scan() {
			var e localstack.LogEntry
			json.Unmarshal(sc.Bytes(), &e)
			lines <- e
		}
		close(lines)
	}()
	next := func() localstack.LogEntry {
		select {
		case e := <-lines:
			return e
		case <-time.After(5 * time.Second):
			t.Fatal("no log entry within 5s")
		}
		return localstack.LogEntry{}
	}
	if e := next(); e.Log != "line 1\n" || e.Result != "1" {
		t.Fatalf("first entry = %+v", e)
	}
	invoke(t, c, "chatty", map[string]int{"i": 2})
	if e := next(); !strings.Contains(e.Log, "line 2") || e.Status != "ok" || e.DurationMS <= 0 {
		t.Fatalf("followed entry = %+v", e)
	}
	resp2 := must(http.Get(st.url + "/_nl/logs/nosuch"))(t)
	resp2.Body.Close()
	if resp2.StatusCode != 404 {
		t.Fatalf("logs of a missing function: %d", resp2.StatusCode)
	}
}
