package localstack

import (
	"archive/zip"
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

func FuzzZipSources(f *testing.F) {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("handler.py")
	w.Write([]byte("def handler(e, c):\n    return 1\n"))
	zw.Close()
	f.Add(buf.Bytes())
	f.Add([]byte("PK\x03\x04 not really"))
	f.Add([]byte{})
	f.Fuzz(func(t *testing.T, data []byte) {
		files, err := zipSources(data)
		if err != nil {
			if _, ok := err.(*APIError); !ok {
				t.Fatalf("error is not an API error: %T %v", err, err)
			}
			return
		}
		var total int
		for name, b := range files {
			if !strings.HasSuffix(name, ".py") || strings.Contains(name, "..") {
				t.Fatalf("unexpected entry %q", name)
			}
			total += len(b)
		}
		if total > maxSourceBytes {
			t.Fatalf("%d source bytes read, limit %d", total, maxSourceBytes)
		}
	})
}

// FuzzS3Request sends arbitrary requests to a server without auth: it must
// answer every one with a status and never panic.
func FuzzS3Request(f *testing.F) {
	f.Add("PUT", "/bkt", "", "")
	f.Add("PUT", "/bkt/key", "", "body")
	f.Add("POST", "/bkt", "delete", "<Delete><Object><Key>a</Key></Object></Delete>")
	f.Add("POST", "/bkt/k", "uploads", "")
	f.Add("POST", "/bkt/k", "uploadId=x", "<CompleteMultipartUpload><Part><PartNumber>1</PartNumber><ETag>e</ETag></Part></CompleteMultipartUpload>")
	f.Add("GET", "/bkt", "list-type=2&delimiter=/&max-keys=1&prefix=a", "")
	f.Add("PUT", "/bkt", "notification", "<NotificationConfiguration><CloudFunctionConfiguration><CloudFunction>f</CloudFunction><Event>s3:ObjectCreated:*</Event></CloudFunctionConfiguration></NotificationConfiguration>")
	f.Add("POST", "/2015-03-31/functions", "", `{"FunctionName":"f","Runtime":"python3.12","Handler":"h.h","Code":{"ZipFile":"UEsDBA=="}}`)
	f.Add("GET", "/bkt/k", "", "")
	s, err := New(WithNoAuth())
	if err != nil {
		f.Fatal(err)
	}
	defer s.Close()
	s.store.CreateBucket("bkt", s.now())
	f.Fuzz(func(t *testing.T, method, path, query, body string) {
		if !strings.HasPrefix(path, "/") {
			path = "/" + path
		}
		req, err := http.NewRequest(method, "http://localhost"+path, strings.NewReader(body))
		if err != nil {
			return
		}
		req.URL.RawQuery = query
		rec := httptest.NewRecorder()
		s.ServeHTTP(rec, req)
		if rec.Code < 200 || rec.Code > 599 {
			t.Fatalf("status %d", rec.Code)
		}
		if rec.Code >= 500 && rec.Code != 501 && !strings.Contains(rec.Body.String(), "no function runtime") {
			t.Fatalf("%s %s?%s: server error %d: %s", method, path, query, rec.Code, rec.Body)
		}
	})
}
