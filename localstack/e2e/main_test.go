// Package e2e tests the real `nl dev` binary: persistence across restarts,
// a crash (SIGKILL) in the middle of uploads, graceful shutdown, and the
// AWS CLI v2 driving the stack.
package e2e

import (
	"bufio"
	"context"
	"crypto/tls"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

var nlBin string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "nl-e2e")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	nlBin = filepath.Join(dir, "nl")
	build := exec.Command("go", "build", "-o", nlBin, "github.com/nanolambda/nl/cmd/nl")
	build.Stdout, build.Stderr = os.Stderr, os.Stderr
	if err := build.Run(); err != nil {
		fmt.Fprintln(os.Stderr, "build nl:", err)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// devProc is a running `nl dev`.
type devProc struct {
	cmd    *exec.Cmd
	url    string
	stderr *strings.Builder
	done   chan error
}

// startDev runs nl dev on an ephemeral port and waits until it is ready.
func startDev(t *testing.T, args ...string) *devProc {
	t.Helper()
	cmd := exec.Command(nlBin, append([]string{"dev", "--addr", "127.0.0.1:0"}, args...)...)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	p := &devProc{cmd: cmd, stderr: &strings.Builder{}, done: make(chan error, 1)}
	cmd.Stderr = &lockedWriter{b: p.stderr}
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	urlc := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			if u, ok := strings.CutPrefix(sc.Text(), "nl dev: S3 and Lambda on "); ok {
				urlc <- u
			}
		}
	}()
	go func() { p.done <- cmd.Wait() }()
	select {
	case p.url = <-urlc:
	case err := <-p.done:
		t.Fatalf("nl dev exited before it was ready: %v\n%s", err, p.stderr)
	case <-time.After(20 * time.Second):
		cmd.Process.Kill()
		t.Fatal("nl dev did not print its address within 20s")
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		<-p.done
	})
	// Readiness endpoint.
	deadline := time.Now().Add(10 * time.Second)
	for {
		resp, err := http.Get(p.url + "/_nl/health")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == 200 {
				break
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("nl dev not ready: %v", err)
		}
		time.Sleep(20 * time.Millisecond)
	}
	return p
}

type lockedWriter struct {
	b  *strings.Builder
	mu chanMutex
}

type chanMutex struct{ c chan struct{} }

func (w *lockedWriter) Write(p []byte) (int, error) {
	if w.mu.c == nil {
		w.mu.c = make(chan struct{}, 1)
	}
	w.mu.c <- struct{}{}
	defer func() { <-w.mu.c }()
	return w.b.Write(p)
}

func httpClient() *http.Client {
	return &http.Client{Transport: &http.Transport{
		DialContext:         (&net.Dialer{Timeout: 5 * time.Second}).DialContext,
		TLSClientConfig:     &tls.Config{InsecureSkipVerify: true},
		MaxIdleConnsPerHost: 64,
	}}
}

func s3Client(url string) *s3.Client {
	return s3.New(s3.Options{
		Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		BaseEndpoint: aws.String(url), UsePathStyle: true, HTTPClient: httpClient(),
	})
}

func lambdaClient(url string) *lambda.Client {
	return lambda.New(lambda.Options{
		Region: "us-east-1", Credentials: credentials.NewStaticCredentialsProvider("test", "test", ""),
		BaseEndpoint: aws.String(url), HTTPClient: httpClient(),
	})
}

var bg = context.Background()

func readAll(t *testing.T, c *s3.Client, bucket, key string) ([]byte, error) {
	t.Helper()
	out, err := c.GetObject(bg, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return nil, err
	}
	defer out.Body.Close()
	return io.ReadAll(out.Body)
}
