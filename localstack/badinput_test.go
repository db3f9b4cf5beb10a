package localstack_test

import (
	"bufio"
	"bytes"
	"crypto/md5"
	"encoding/base64"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	v4 "github.com/aws/aws-sdk-go-v2/aws/signer/v4"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/localstack/store"
)

// signed returns a request signed for S3 with the default keys and an
// unsigned payload, as hand-written clients do.
func signed(t testing.TB, method, url string, body []byte, hdr map[string]string) *http.Request {
	t.Helper()
	req, err := http.NewRequest(method, url, bytes.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
	err = v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
	if err != nil {
		t.Fatal(err)
	}
	return req
}

func do(t testing.TB, req *http.Request) (int, string) {
	t.Helper()
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

func md5b64(b []byte) string {
	s := md5.Sum(b)
	return base64.StdEncoding.EncodeToString(s[:])
}

func TestBadInput(t *testing.T) {
	dataDir := filepath.Join(t.TempDir(), "data")
	st0, err := store.OpenDir(dataDir)
	if err != nil {
		t.Fatal(err)
	}
	defer st0.Close()
	st := newStack(t, localstack.WithStore(st0))
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bad")}))(t)
	alive := func(t *testing.T) {
		t.Helper()
		if _, err := c.ListBuckets(ctx, &s3.ListBucketsInput{}); err != nil {
			t.Fatalf("server stopped serving: %v", err)
		}
	}
	cases := []struct {
		name, method, path string
		body               string
		hdr                map[string]string
		status             int
		code               string
	}{
		{"malformed delete xml", "POST", "/bad?delete", "<Delete><Object><Key>a</Key></Obj", map[string]string{"Content-Md5": md5b64([]byte("<Delete><Object><Key>a</Key></Obj"))}, 400, "MalformedXML"},
		{"delete without md5", "POST", "/bad?delete", "<Delete><Object><Key>a</Key></Object></Delete>", nil, 400, "InvalidRequest"},
		{"wrong content-md5", "PUT", "/bad/k", "data", map[string]string{"Content-Md5": md5b64([]byte("other"))}, 400, "BadDigest"},
		{"garbage content-md5", "PUT", "/bad/k", "data", map[string]string{"Content-Md5": "!!!"}, 400, "InvalidDigest"},
		{"malformed complete xml", "POST", "/bad/k?uploadId=nope", "<<<", nil, 400, "MalformedXML"},
		{"unknown upload", "POST", "/bad/k?uploadId=nope", "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>x</ETag></Part></CompleteMultipartUpload>", nil, 404, "NoSuchUpload"},
		{"part number 0", "PUT", "/bad/k?partNumber=0&uploadId=x", "d", nil, 400, "InvalidArgument"},
		{"bad max-keys", "GET", "/bad?list-type=2&max-keys=-4", "", nil, 400, "InvalidArgument"},
		{"bad continuation token", "GET", "/bad?list-type=2&continuation-token=!!!", "", nil, 400, "InvalidArgument"},
		{"key too long", "PUT", "/bad/" + strings.Repeat("k", 1100), "d", nil, 400, "KeyTooLongError"},
		{"bucket name with underscore", "PUT", "/bad_name", "", nil, 400, "InvalidBucketName"},
		{"upper-case bucket", "PUT", "/BadName", "", nil, 400, "InvalidBucketName"},
		{"notification bad xml", "PUT", "/bad?notification", "<NotificationConfiguration><CloudFunctionConfiguration>", nil, 400, "MalformedXML"},
		{"unsupported subresource", "GET", "/bad?policy", "", nil, 501, "NotImplemented"},
		{"copy source without key", "PUT", "/bad/c", "", map[string]string{"X-Amz-Copy-Source": "bad"}, 400, "InvalidArgument"},
		{"bad checksum encoding", "PUT", "/bad/k", "data", map[string]string{"X-Amz-Checksum-Crc32": "not base64!"}, 400, "InvalidRequest"},
		{"method not allowed", "PATCH", "/bad/k", "", nil, 405, "MethodNotAllowed"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			status, body := do(t, signed(t, tc.method, st.url+tc.path, []byte(tc.body), tc.hdr))
			if status != tc.status || !strings.Contains(body, "<Code>"+tc.code+"</Code>") {
				t.Fatalf("status %d body %s, want %d %s", status, body, tc.status, tc.code)
			}
			alive(t)
		})
	}
	t.Run("absurd content-length", func(t *testing.T) {
		req := signed(t, "PUT", st.url+"/bad/huge", nil, nil)
		conn, err := net.Dial("tcp", strings.TrimPrefix(st.url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		defer conn.Close()
		fmt.Fprintf(conn, "PUT /bad/huge HTTP/1.1\r\nHost: %s\r\nContent-Length: 99999999999999\r\n", req.Host)
		for k, v := range req.Header {
			fmt.Fprintf(conn, "%s: %s\r\n", k, v[0])
		}
		fmt.Fprintf(conn, "\r\nonly a few bytes")
		resp, err := http.ReadResponse(bufio.NewReader(conn), nil)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		if resp.StatusCode != 400 || !strings.Contains(string(b), "EntityTooLarge") {
			t.Fatalf("absurd Content-Length: %d %s", resp.StatusCode, b)
		}
		alive(t)
	})
	t.Run("truncated body", func(t *testing.T) {
		req := signed(t, "PUT", st.url+"/bad/short", nil, nil)
		conn, err := net.Dial("tcp", strings.TrimPrefix(st.url, "http://"))
		if err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(conn, "PUT /bad/short HTTP/1.1\r\nHost: %s\r\nContent-Length: 1000\r\n", req.Host)
		for k, v := range req.Header {
			fmt.Fprintf(conn, "%s: %s\r\n", k, v[0])
		}
		fmt.Fprintf(conn, "\r\nonly a few bytes")
		conn.(*net.TCPConn).CloseWrite()
		io.ReadAll(conn)
		conn.Close()
		if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bad"), Key: aws.String("short")}); err == nil {
			t.Fatal("a truncated upload was stored")
		}
		alive(t)
	})
	t.Run("expect 100-continue", func(t *testing.T) {
		req := signed(t, "PUT", st.url+"/bad/continued", []byte("after continue"), map[string]string{"Expect": "100-continue"})
		tr := &http.Transport{ExpectContinueTimeout: 5 * time.Second}
		resp, err := (&http.Client{Transport: tr}).Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("PUT with Expect: 100-continue: %d", resp.StatusCode)
		}
	})
	t.Run("transfer-encoding chunked without content-length", func(t *testing.T) {
		req := signed(t, "PUT", st.url+"/bad/streamed", nil, nil)
		req.Body = io.NopCloser(io.MultiReader(strings.NewReader("streamed "), strings.NewReader("body")))
		req.ContentLength = -1
		status, body := do(t, req)
		if status != 200 {
			t.Fatalf("chunked PUT: %d %s", status, body)
		}
		out := must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bad"), Key: aws.String("streamed")}))(t)
		b, _ := io.ReadAll(out.Body)
		if string(b) != "streamed body" {
			t.Fatalf("stored %q", b)
		}
	})
	t.Run("path traversal keys stay inside the data dir", func(t *testing.T) {
		for _, key := range []string{"../../../../escape", "..", "a/../../b", "/abs/path", "ctl\x01\x1f\x7f"} {
			must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bad"), Key: aws.String(key), Body: strings.NewReader("x")}))(t)
			out := must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bad"), Key: aws.String(key)}))(t)
			b, _ := io.ReadAll(out.Body)
			if string(b) != "x" {
				t.Fatalf("%q read back %q", key, b)
			}
		}
		parent := filepath.Dir(dataDir)
		ents, _ := os.ReadDir(parent)
		if len(ents) != 1 {
			t.Fatalf("files appeared next to the data dir: %v", ents)
		}
		filepath.WalkDir(dataDir, func(p string, d os.DirEntry, err error) error {
			if strings.Contains(d.Name(), "escape") || strings.Contains(d.Name(), "abs") {
				t.Errorf("a key became a file name: %s", p)
			}
			return nil
		})
	})
	t.Run("signed with a wrong secret", func(t *testing.T) {
		req, _ := http.NewRequest("GET", st.url+"/", nil)
		req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
		v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: "test", SecretAccessKey: "nope"}, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now())
		status, body := do(t, req)
		if status != 403 || !strings.Contains(body, "SignatureDoesNotMatch") {
			t.Fatalf("%d %s", status, body)
		}
	})
	t.Run("stale date", func(t *testing.T) {
		req, _ := http.NewRequest("GET", st.url+"/", nil)
		req.Header.Set("X-Amz-Content-Sha256", "UNSIGNED-PAYLOAD")
		v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}, req, "UNSIGNED-PAYLOAD", "s3", "us-east-1", time.Now().Add(-time.Hour))
		status, body := do(t, req)
		if status != 403 || !strings.Contains(body, "RequestTimeTooSkewed") {
			t.Fatalf("%d %s", status, body)
		}
	})
	t.Run("body hash mismatch", func(t *testing.T) {
		req, _ := http.NewRequest("PUT", st.url+"/bad/hash", strings.NewReader("actual body"))
		claimed := "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
		req.Header.Set("X-Amz-Content-Sha256", claimed)
		v4.NewSigner().SignHTTP(ctx, aws.Credentials{AccessKeyID: "test", SecretAccessKey: "test"}, req, claimed, "s3", "us-east-1", time.Now())
		status, body := do(t, req)
		if status != 400 || !strings.Contains(body, "XAmzContentSHA256Mismatch") {
			t.Fatalf("%d %s", status, body)
		}
		if _, err := c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bad"), Key: aws.String("hash")}); err == nil {
			t.Fatal("object with a mismatching body hash was stored")
		}
	})
}
