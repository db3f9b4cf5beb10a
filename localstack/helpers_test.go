package localstack_test

import (
	"context"
	"crypto/tls"
	"errors"
	"net"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/credentials"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/smithy-go"

	"github.com/nanolambda/nl/localstack"
)

// stack is a server under test on an httptest listener.
type stack struct {
	srv *localstack.Server
	ts  *httptest.Server
	url string
}

func newStack(t testing.TB, opts ...localstack.Option) *stack {
	return startStack(t, false, opts...)
}

// newTLSStack serves HTTPS: over TLS the SDK streams uploads as aws-chunked
// bodies with trailing checksums (STREAMING-UNSIGNED-PAYLOAD-TRAILER).
func newTLSStack(t testing.TB, opts ...localstack.Option) *stack {
	return startStack(t, true, opts...)
}

func startStack(t testing.TB, useTLS bool, opts ...localstack.Option) *stack {
	t.Helper()
	srv, err := localstack.New(opts...)
	if err != nil {
		t.Fatal(err)
	}
	var ts *httptest.Server
	if useTLS {
		ts = httptest.NewTLSServer(srv)
	} else {
		ts = httptest.NewServer(srv)
	}
	t.Cleanup(func() {
		ts.Close()
		srv.Close()
	})
	return &stack{srv: srv, ts: ts, url: ts.URL}
}

// loopbackClient dials the test server whatever host name the SDK puts in
// the URL, so that virtual-hosted-style requests (bucket.localhost) reach it.
func loopbackClient(addr string) *http.Client {
	tr := &http.Transport{
		TLSClientConfig: &tls.Config{InsecureSkipVerify: true},
		DialContext: func(ctx context.Context, network, _ string) (net.Conn, error) {
			var d net.Dialer
			return d.DialContext(ctx, network, addr)
		},
		MaxIdleConnsPerHost: 64,
	}
	return &http.Client{Transport: tr, Timeout: 60 * time.Second}
}

func (st *stack) s3(t testing.TB, mods ...func(*s3.Options)) *s3.Client {
	return s3Client(st.url, "test", "test", mods...)
}

func s3Client(url, ak, sk string, mods ...func(*s3.Options)) *s3.Client {
	addr := strings.TrimPrefix(strings.TrimPrefix(url, "http://"), "https://")
	opts := s3.Options{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(ak, sk, ""),
		BaseEndpoint: aws.String(url),
		UsePathStyle: true,
		HTTPClient:   loopbackClient(addr),
	}
	return s3.New(opts, mods...)
}

func (st *stack) lambda(t testing.TB) *lambda.Client {
	return lambdaClient(st.url, "test", "test")
}

func lambdaClient(url, ak, sk string) *lambda.Client {
	return lambda.New(lambda.Options{
		Region:       "us-east-1",
		Credentials:  credentials.NewStaticCredentialsProvider(ak, sk, ""),
		BaseEndpoint: aws.String(url),
		HTTPClient:   loopbackClient(strings.TrimPrefix(strings.TrimPrefix(url, "http://"), "https://")),
	})
}

// errorCode returns the AWS error code of err ("" when err is nil).
func errorCode(err error) string {
	if err == nil {
		return ""
	}
	var ae smithy.APIError
	if errors.As(err, &ae) {
		return ae.ErrorCode()
	}
	return "not an API error: " + err.Error()
}

func wantCode(t testing.TB, what string, err error, code string) {
	t.Helper()
	if got := errorCode(err); got != code {
		t.Fatalf("%s: error code = %q, want %q (err: %v)", what, got, code, err)
	}
}

// must(f())(t) returns f's value, failing the test on f's error.
func must[T any](v T, err error) func(testing.TB) T {
	return func(t testing.TB) T {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
}
