package localstack

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"net/url"
	"strings"

	"github.com/nanolambda/nl/localstack/sigv4"
)

// Paths of nl's own endpoints. They are not authenticated: nl dev listens
// on loopback.
const (
	HealthPath           = "/_nl/health"
	localstackHealthPath = "/_localstack/health"
	logsPrefix           = "/_nl/logs/"
	codePrefix           = "/_nl/code/"
)

// Lambda REST API path prefixes (API version dates).
var lambdaPrefixes = []string{"/2015-03-31/functions", "/2014-11-13/functions", "/2016-08-19/account-settings"}

// maxLambdaBody bounds a Lambda API request body: a 50 MB zip, base64 in JSON.
const maxLambdaBody = 70 << 20

// ServeHTTP routes a request to S3, Lambda or nl's own endpoints.
func (s *Server) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	id := newRequestID()
	w.Header().Set("X-Amz-Request-Id", id)
	w.Header().Set("X-Amz-Id-2", id)
	w.Header().Set("X-Amzn-RequestId", id)
	w.Header().Set("Server", "nl-localstack")
	p := r.URL.Path
	switch {
	case p == HealthPath || p == localstackHealthPath:
		s.serveHealth(w, r)
		return
	case strings.HasPrefix(p, logsPrefix):
		s.serveLogs(w, r, strings.TrimPrefix(p, logsPrefix))
		return
	case strings.HasPrefix(p, codePrefix):
		s.serveCode(w, r, strings.TrimPrefix(p, codePrefix))
		return
	}
	for _, m := range s.mounts {
		if strings.HasPrefix(p, m.prefix) {
			m.h.ServeHTTP(w, r)
			return
		}
	}
	for _, pre := range lambdaPrefixes {
		if strings.HasPrefix(p, pre) && s.virtualBucket(r.Host) == "" && !signedForS3(r) {
			s.serveLambda(w, r, id)
			return
		}
	}
	s.serveS3(w, r)
}

// signedForS3 reports whether the request's credential scope names S3, which
// tells a bucket called "2015-03-31" from the Lambda API.
func signedForS3(r *http.Request) bool {
	return strings.Contains(r.Header.Get("Authorization"), "/s3/aws4_request") ||
		strings.Contains(r.URL.Query().Get("X-Amz-Credential"), "/s3/aws4_request")
}

func (s *Server) serveHealth(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Content-Type", "application/json")
	json.NewEncoder(w).Encode(map[string]any{
		"status":   "ready",
		"services": map[string]string{"s3": "running", "lambda": "running"},
		"edition":  "nl",
		"started":  s.started.UTC().Format("2006-01-02T15:04:05Z"),
	})
}

// virtualBucket returns the bucket named by a virtual-hosted-style Host.
func (s *Server) virtualBucket(host string) string {
	if h, _, err := net.SplitHostPort(host); err == nil {
		host = h
	}
	host = strings.ToLower(host)
	if net.ParseIP(host) != nil {
		return ""
	}
	for _, d := range s.domains {
		if strings.HasSuffix(host, "."+d) {
			return strings.TrimSuffix(host, "."+d)
		}
	}
	return ""
}

// s3Target splits a request into bucket and key, path-style or
// virtual-hosted-style.
func (s *Server) s3Target(r *http.Request) (bucket, key string) {
	p := r.URL.Path
	if b := s.virtualBucket(r.Host); b != "" {
		return b, strings.TrimPrefix(p, "/")
	}
	p = strings.TrimPrefix(p, "/")
	bucket, key, _ = strings.Cut(p, "/")
	return bucket, key
}

func (s *Server) authenticate(r *http.Request, bodyHash string) (*sigv4.Auth, error) {
	if s.verifier == nil {
		return nil, nil
	}
	return s.verifier.Verify(r, bodyHash)
}

func (s *Server) serveS3(w http.ResponseWriter, r *http.Request) {
	bucket, key := s.s3Target(r)
	auth, err := s.authenticate(r, "")
	if err != nil {
		writeS3Error(w, r, err, bucket, key)
		return
	}
	q := r.URL.Query()
	has := func(k string) bool { _, ok := q[k]; return ok }
	var h func(w http.ResponseWriter, r *http.Request, a *sigv4.Auth, bucket, key string) error
	m := r.Method
	switch {
	case bucket == "":
		if m == http.MethodGet {
			h = s.listBuckets
		}
	case key == "":
		switch m {
		case http.MethodPut:
			switch {
			case has("notification"):
				h = s.putNotification
			case len(q) == 0:
				h = s.createBucket
			case has("versioning"), has("acl"), has("policy"), has("tagging"), has("cors"), has("lifecycle"), has("encryption"):
				h = notImplemented
			default:
				h = s.createBucket
			}
		case http.MethodHead:
			h = s.headBucket
		case http.MethodDelete:
			if len(q) == 0 {
				h = s.deleteBucket
			} else {
				h = notImplemented
			}
		case http.MethodGet:
			switch {
			case has("notification"):
				h = s.getNotification
			case has("uploads"):
				h = s.listUploads
			case has("versions"):
				h = s.listVersions
			case has("location"):
				h = s.getLocation
			case has("versioning"):
				h = s.getVersioning
			case has("acl"), has("policy"), has("tagging"), has("cors"), has("lifecycle"), has("encryption"), has("website"), has("replication"):
				h = notImplemented
			case q.Get("list-type") == "2":
				h = s.listObjectsV2
			default:
				h = s.listObjectsV1
			}
		case http.MethodPost:
			if has("delete") {
				h = s.deleteObjects
			}
		}
	default:
		switch m {
		case http.MethodPut:
			switch {
			case has("uploadId") && has("partNumber"):
				if r.Header.Get("X-Amz-Copy-Source") != "" {
					h = s.uploadPartCopy
				} else {
					h = s.uploadPart
				}
			case has("tagging"), has("acl"), has("retention"), has("legal-hold"):
				h = notImplemented
			case r.Header.Get("X-Amz-Copy-Source") != "":
				h = s.copyObject
			default:
				h = s.putObject
			}
		case http.MethodGet:
			switch {
			case has("uploadId"):
				h = s.listParts
			case has("tagging"):
				h = s.getObjectTagging
			case has("acl"), has("attributes"), has("torrent"):
				h = notImplemented
			default:
				h = s.getObject
			}
		case http.MethodHead:
			h = s.headObject
		case http.MethodDelete:
			if has("uploadId") {
				h = s.abortUpload
			} else {
				h = s.deleteObject
			}
		case http.MethodPost:
			switch {
			case has("uploads"):
				h = s.createUpload
			case has("uploadId"):
				h = s.completeUpload
			}
		}
	}
	if h == nil {
		writeS3Error(w, r, apiErr("MethodNotAllowed", ""), bucket, key)
		return
	}
	if key != "" && len(key) > 1024 {
		writeS3Error(w, r, apiErr("KeyTooLongError", "the key is %d bytes; S3 keys are at most 1024", len(key)), bucket, "")
		return
	}
	if err := h(w, r, auth, bucket, key); err != nil {
		writeS3Error(w, r, err, bucket, key)
	}
}

func notImplemented(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, key string) error {
	return apiErr("NotImplemented", "%s %s?%s is not implemented by nl dev", r.Method, r.URL.Path, r.URL.RawQuery)
}

func (s *Server) serveLambda(w http.ResponseWriter, r *http.Request, reqID string) {
	if r.ContentLength > maxLambdaBody {
		writeLambdaError(w, apiErr("RequestTooLargeException", "request body of %d bytes exceeds %d", r.ContentLength, maxLambdaBody))
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, maxLambdaBody+1))
	if err != nil {
		writeLambdaError(w, apiErr("InvalidRequestContentException", "read body: %v", err))
		return
	}
	if len(body) > maxLambdaBody {
		writeLambdaError(w, apiErr("RequestTooLargeException", ""))
		return
	}
	sum := sha256.Sum256(body)
	if _, err := s.authenticate(r, hex.EncodeToString(sum[:])); err != nil {
		writeLambdaError(w, err)
		return
	}
	rest := r.URL.Path
	for _, pre := range lambdaPrefixes {
		rest = strings.TrimPrefix(rest, pre)
	}
	rest = strings.Trim(rest, "/")
	parts := strings.Split(rest, "/")
	if len(parts) > 0 {
		if n, err := url.PathUnescape(parts[0]); err == nil {
			parts[0] = n
		}
	}
	s.lambda.route(w, r, reqID, parts, body)
}
