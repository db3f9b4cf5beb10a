package sigv4

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
)

// The example of AWS's documentation "Signature calculations for the
// Authorization header: transferring payload in multiple chunks": a PUT of
// 66560 bytes of 'a' in a 65536-byte and a 1024-byte chunk.
const (
	exAccess = "AKIAIOSFODNN7EXAMPLE"
	exSecret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
	exSeed   = "4f232c4386841ef735655705268965c44a0e4690baa4adea153f7db9fa80a0a9"
	exSig1   = "ad80c730a21e5b8d04586a2213dd63b9a0e99e0e2307b0ade35a65485a288648"
	exSig2   = "0055627c9e194cb4542bae2aa5492e3c1575bbb81b612b7d234b86a503ef5497"
	exSig3   = "b6c6ea8a5354eaf15b3cb7646744f4275b71ea724fed81ceb9323e279d449df9"
)

func exampleBody(sig1, sig2, sig3 string) []byte {
	var b bytes.Buffer
	fmt.Fprintf(&b, "10000;chunk-signature=%s\r\n%s\r\n", sig1, strings.Repeat("a", 65536))
	fmt.Fprintf(&b, "400;chunk-signature=%s\r\n%s\r\n", sig2, strings.Repeat("a", 1024))
	fmt.Fprintf(&b, "0;chunk-signature=%s\r\n\r\n", sig3)
	return b.Bytes()
}

func exampleRequest(body []byte) *http.Request {
	r := httptest.NewRequest("PUT", "http://s3.amazonaws.com/examplebucket/chunkObject.txt", bytes.NewReader(body))
	r.Host = "s3.amazonaws.com"
	r.Header.Set("X-Amz-Date", "20130524T000000Z")
	r.Header.Set("X-Amz-Storage-Class", "REDUCED_REDUNDANCY")
	r.Header.Set("Authorization", "AWS4-HMAC-SHA256 Credential="+exAccess+"/20130524/us-east-1/s3/aws4_request,SignedHeaders=content-encoding;content-length;host;x-amz-content-sha256;x-amz-date;x-amz-decoded-content-length;x-amz-storage-class,Signature="+exSeed)
	r.Header.Set("X-Amz-Content-Sha256", StreamingSigned)
	r.Header.Set("Content-Encoding", "aws-chunked")
	r.Header.Set("X-Amz-Decoded-Content-Length", "66560")
	r.Header.Set("Content-Length", "66824")
	r.ContentLength = 66824
	return r
}

func exampleVerifier() *Verifier {
	return &Verifier{Keys: map[string]string{exAccess: exSecret}, Now: func() time.Time { return time.Date(2013, 5, 24, 0, 1, 0, 0, time.UTC) }}
}

func TestAWSChunkedExample(t *testing.T) {
	body := exampleBody(exSig1, exSig2, exSig3)
	if len(body) != 66824 {
		t.Fatalf("example body is %d bytes, want 66824", len(body))
	}
	r := exampleRequest(body)
	a, err := exampleVerifier().Verify(r, "")
	if err != nil {
		t.Fatalf("seed signature: %v", err)
	}
	got, err := io.ReadAll(NewChunkedReader(r.Body, a))
	if err != nil {
		t.Fatalf("chunks: %v", err)
	}
	if len(got) != 66560 || strings.Trim(string(got), "a") != "" {
		t.Fatalf("decoded %d bytes", len(got))
	}
}

func TestChunkSignatureMismatch(t *testing.T) {
	for i, body := range [][]byte{
		exampleBody(exSig2, exSig2, exSig3),
		exampleBody(exSig1, exSig1, exSig3),
		exampleBody(exSig1, exSig2, exSig1),
	} {
		r := exampleRequest(body)
		a, err := exampleVerifier().Verify(r, "")
		if err != nil {
			t.Fatal(err)
		}
		_, err = io.ReadAll(NewChunkedReader(r.Body, a))
		var se *Error
		if !errors.As(err, &se) || se.Code != "SignatureDoesNotMatch" {
			t.Errorf("body %d: err = %v, want SignatureDoesNotMatch", i, err)
		}
	}
	// A tampered byte inside a chunk.
	body := exampleBody(exSig1, exSig2, exSig3)
	body[200] = 'b'
	r := exampleRequest(body)
	a, _ := exampleVerifier().Verify(r, "")
	if _, err := io.ReadAll(NewChunkedReader(r.Body, a)); err == nil {
		t.Fatal("tampered chunk accepted")
	}
}

func TestUnsignedTrailer(t *testing.T) {
	body := "5\r\nhello\r\n6\r\n world\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n"
	cr := NewChunkedReader(strings.NewReader(body), nil)
	got, err := io.ReadAll(cr)
	if err != nil || string(got) != "hello world" {
		t.Fatalf("decoded %q, %v", got, err)
	}
	if v := cr.Trailers().Get("x-amz-checksum-crc32"); v != "DUoRhQ==" {
		t.Fatalf("trailer = %q", v)
	}
}

func TestMalformedChunks(t *testing.T) {
	for name, body := range map[string]string{
		"bad size":         "zz\r\nhello\r\n0\r\n\r\n",
		"short data":       "10\r\nhello",
		"data too long":    "2\r\nhello\r\n0\r\n\r\n",
		"huge chunk":       "7fffffffffffffff\r\nx",
		"no last chunk":    "5\r\nhello\r\n",
		"negative size":    "-5\r\nhello\r\n0\r\n\r\n",
		"bad trailer line": "0\r\nno colon here\r\n\r\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := io.ReadAll(NewChunkedReader(strings.NewReader(body), nil))
			if err == nil {
				t.Fatal("accepted")
			}
		})
	}
}

// signedBy signs a request with aws-sdk-go-v2's own signer.
func signedBy(t *testing.T, secret string, at time.Time, mod func(*http.Request)) *http.Request {
	r := httptest.NewRequest("GET", "http://localhost:4566/bucket/some%20key+plus?list-type=2&prefix=a%2Fb&x-id=GetObject", nil)
	if mod != nil {
		mod(r)
	}
	r.Header.Set("X-Amz-Content-Sha256", UnsignedPayload)
	err := v4.NewSigner().SignHTTP(context.Background(), aws.Credentials{AccessKeyID: "test", SecretAccessKey: secret}, r, UnsignedPayload, "s3", "us-east-1", at)
	if err != nil {
		t.Fatal(err)
	}
	return r
}

func TestVerifyHeaderAuth(t *testing.T) {
	now := time.Now()
	v := &Verifier{Keys: map[string]string{"test": "test"}, Now: func() time.Time { return now }}
	for _, tc := range []struct {
		name string
		r    *http.Request
		code string
	}{
		{"good", signedBy(t, "test", now, nil), ""},
		{"wrong secret", signedBy(t, "nope", now, nil), "SignatureDoesNotMatch"},
		{"skewed", signedBy(t, "test", now.Add(-20*time.Minute), nil), "RequestTimeTooSkewed"},
		{"header changed after signing", func() *http.Request {
			r := signedBy(t, "test", now, func(r *http.Request) { r.Header.Set("X-Amz-Meta-A", "1") })
			r.Header.Set("X-Amz-Meta-A", "2")
			return r
		}(), "SignatureDoesNotMatch"},
		{"query changed after signing", func() *http.Request {
			r := signedBy(t, "test", now, nil)
			r.URL.RawQuery += "&extra=1"
			r.RequestURI += "&extra=1"
			return r
		}(), "SignatureDoesNotMatch"},
		{"unsigned", httptest.NewRequest("GET", "http://localhost/", nil), "AccessDenied"},
		{"sigv2 without a date", func() *http.Request {
			r := httptest.NewRequest("GET", "http://localhost/", nil)
			r.Header.Set("Authorization", "AWS test:abc")
			return r
		}(), "AccessDenied"}, // version 2 is verified: see v2_test.go
		{"malformed", func() *http.Request {
			r := httptest.NewRequest("GET", "http://localhost/", nil)
			r.Header.Set("Authorization", "AWS4-HMAC-SHA256 garbage")
			return r
		}(), "AuthorizationHeaderMalformed"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := v.Verify(tc.r, "")
			code := ""
			var se *Error
			if errors.As(err, &se) {
				code = se.Code
			} else if err != nil {
				code = err.Error()
			}
			if code != tc.code {
				t.Fatalf("Verify = %v, want code %q", err, tc.code)
			}
		})
	}
}

func FuzzChunkedReader(f *testing.F) {
	f.Add([]byte("5\r\nhello\r\n0\r\nx-amz-checksum-crc32:DUoRhQ==\r\n\r\n"), false)
	f.Add(exampleBody(exSig1, exSig2, exSig3), true)
	f.Add([]byte("0;chunk-signature=00\r\n\r\n"), true)
	f.Fuzz(func(t *testing.T, body []byte, signed bool) {
		var a *Auth
		if signed {
			a = &Auth{Signature: exSeed, Date: "20130524T000000Z", Scope: "20130524/us-east-1/s3/aws4_request",
				PayloadHash: StreamingSigned, key: signingKey(exSecret, "20130524", "us-east-1", "s3")}
		}
		cr := NewChunkedReader(bytes.NewReader(body), a)
		out, err := io.ReadAll(cr)
		if err == nil && len(out) > len(body) {
			t.Fatalf("decoded %d bytes from a %d-byte body", len(out), len(body))
		}
	})
}

func FuzzVerify(f *testing.F) {
	f.Add("AWS4-HMAC-SHA256 Credential=test/20130524/us-east-1/s3/aws4_request,SignedHeaders=host;x-amz-date,Signature=00", "20130524T000000Z", "/b/k?x=1")
	f.Add("AWS4-HMAC-SHA256 Credential=a/b,SignedHeaders=,Signature=", "", "/")
	f.Add("", "", "/?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=test%2F20130524%2Fus-east-1%2Fs3%2Faws4_request&X-Amz-Date=20130524T000000Z&X-Amz-Expires=86400&X-Amz-SignedHeaders=host&X-Amz-Signature=00")
	v := &Verifier{Keys: map[string]string{"test": "test"}}
	f.Fuzz(func(t *testing.T, auth, date, target string) {
		if !strings.HasPrefix(target, "/") {
			target = "/" + target
		}
		r, err := http.NewRequest("GET", "http://localhost"+target, nil)
		if err != nil {
			return
		}
		r.Header.Set("Authorization", auth)
		r.Header.Set("X-Amz-Date", date)
		if _, err := v.Verify(r, ""); err == nil {
			t.Fatalf("a fuzzed request verified: %q %q %q", auth, date, target)
		}
	})
}
