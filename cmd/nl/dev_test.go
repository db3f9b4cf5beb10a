package main

import (
	"context"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
)

type devOutBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *devOutBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *devOutBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestDevOptionsFromProject(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "nanolambda.toml"), []byte("name = \"p\"\n[dev]\naddr = \"127.0.0.1:4999\"\ndata_dir = \"state\"\naccess_key = \"AK\"\nsecret_key = \"SK\"\nconcurrency = 3\n"), 0o644)
	f, _, _ := testFactory()
	f.WorkDir = filepath.Join(dir)
	for _, tc := range []struct {
		name string
		in   DevOptions
		want DevOptions
	}{
		{"from nanolambda.toml", DevOptions{}, DevOptions{Addr: "127.0.0.1:4999", DataDir: filepath.Join(dir, "state"), AccessKey: "AK", SecretKey: "SK", Concurrency: 3}},
		{"flags win", DevOptions{Addr: "127.0.0.1:1", DataDir: "/abs", AccessKey: "x", SecretKey: "y", Concurrency: 9},
			DevOptions{Addr: "127.0.0.1:1", DataDir: "/abs", AccessKey: "x", SecretKey: "y", Concurrency: 9}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.in
			if err := resolveDev(f, &got); err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Fatalf("resolveDev = %+v, want %+v", got, tc.want)
			}
		})
	}
	t.Run("project without keys", func(t *testing.T) {
		dir := t.TempDir()
		os.WriteFile(filepath.Join(dir, "nanolambda.toml"), []byte("name = \"p\"\n"), 0o644)
		f, _, _ := testFactory()
		f.WorkDir = dir
		var got DevOptions
		if err := resolveDev(f, &got); err != nil {
			t.Fatal(err)
		}
		if got.AccessKey != "test" || got.SecretKey != "test" || got.DataDir != filepath.Join(dir, ".nl", "data") {
			t.Fatalf("defaults in a project = %+v", got)
		}
	})
	t.Run("no project", func(t *testing.T) {
		f, _, _ := testFactory()
		f.WorkDir = t.TempDir()
		var got DevOptions
		if err := resolveDev(f, &got); err != nil {
			t.Fatal(err)
		}
		if got.Addr != "127.0.0.1:4566" || got.AccessKey != "test" || got.SecretKey != "test" || got.DataDir != filepath.Join(f.WorkDir, ".nl", "data") {
			t.Fatalf("defaults = %+v", got)
		}
	})
}

func TestDevServesAndStops(t *testing.T) {
	f, _, _ := testFactory()
	out, errOut := &devOutBuffer{}, &devOutBuffer{}
	f.IO.Out, f.IO.ErrOut = out, errOut
	f.WorkDir = t.TempDir()
	cmd := newCmdDev(f)
	cmd.SetArgs([]string{"--addr", "127.0.0.1:0", "--ephemeral"})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan error, 1)
	go func() { done <- cmd.ExecuteContext(ctx) }()
	var url string
	for deadline := time.Now().Add(10 * time.Second); url == ""; time.Sleep(10 * time.Millisecond) {
		for _, line := range strings.Split(out.String(), "\n") {
			if u, ok := strings.CutPrefix(line, "ready: "); ok {
				url = u
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("no ready line: %q %q", out, errOut)
		}
	}
	if !strings.Contains(out.String(), "AWS_ACCESS_KEY_ID=test AWS_SECRET_ACCESS_KEY=test") {
		t.Errorf("credentials not printed: %q", out)
	}
	resp, err := http.Get(url)
	if err != nil || resp.StatusCode != 200 {
		t.Fatalf("health: %v", err)
	}
	resp.Body.Close()
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Fatalf("nl dev returned %v", err)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("nl dev did not stop")
	}
}

func TestDevPortTaken(t *testing.T) {
	f, _, _ := testFactory()
	f.WorkDir = t.TempDir()
	srv := &http.Server{}
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	go srv.Serve(ln)
	cmd := newCmdDev(f)
	cmd.SetArgs([]string{"--addr", ln.Addr().String(), "--ephemeral"})
	err = cmd.ExecuteContext(context.Background())
	if err == nil || !strings.Contains(err.Error(), "port is taken") {
		t.Fatalf("second nl dev on a taken port: %v", err)
	}
}
