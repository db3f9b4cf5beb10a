// Package sigv4 verifies AWS Signature Version 4 on incoming requests: the
// Authorization header, presigned URLs (X-Amz-* query parameters), and the
// aws-chunked streaming bodies whose chunks, and optional trailer, carry
// signatures or checksums of their own.
//
// The server side recomputes what the client signed: the canonical request
// (method, URI, sorted query, the signed headers, the payload hash), the
// string to sign for the credential scope date/region/service/aws4_request,
// and the HMAC-SHA256 chain of signing keys derived from the secret key.
package sigv4

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Payload hash values with a meaning of their own.
const (
	UnsignedPayload         = "UNSIGNED-PAYLOAD"
	StreamingSigned         = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD"
	StreamingSignedTrailer  = "STREAMING-AWS4-HMAC-SHA256-PAYLOAD-TRAILER"
	StreamingUnsignedTrail  = "STREAMING-UNSIGNED-PAYLOAD-TRAILER"
	algorithm               = "AWS4-HMAC-SHA256"
	timeFormat              = "20060102T150405Z"
	maxSkew                 = 15 * time.Minute
	emptySHA256             = "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
	maxPresignExpirySeconds = 7 * 24 * 3600
)

// Error is a verification failure; Code is the S3 error code.
type Error struct {
	Code string // SignatureDoesNotMatch, InvalidAccessKeyId, AccessDenied, ...
	Msg  string
}

// Error returns "Code: message".
func (e *Error) Error() string { return e.Code + ": " + e.Msg }

func fail(code, format string, args ...any) *Error {
	return &Error{Code: code, Msg: fmt.Sprintf(format, args...)}
}

// Verifier checks requests against a set of access keys.
type Verifier struct {
	// Keys maps access key id to secret key.
	Keys map[string]string
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// VirtualBucket names the bucket of a virtual-hosted-style Host ("" for
	// path-style); signature version 2 signs the bucket as part of the path.
	VirtualBucket func(host string) string
}

// Auth is a verified request's identity and signing state, needed to check
// the chunk signatures of a streaming body.
type Auth struct {
	AccessKey   string
	Region      string
	Service     string
	Date        string // X-Amz-Date
	Scope       string // date/region/service/aws4_request
	Signature   string // seed signature for the first chunk
	PayloadHash string // x-amz-content-sha256 (or the presign default)
	Presigned   bool
	key         []byte
}

// Anonymous reports whether the request carries no signature at all.
func Anonymous(r *http.Request) bool {
	q := r.URL.Query()
	return r.Header.Get("Authorization") == "" && q.Get("X-Amz-Signature") == "" && !isV2Presigned(q)
}

// Verify checks the request's signature. It does not read the body: a
// body-hash or chunk-signature mismatch surfaces while the body is read
// through Body. bodyHash is the hex SHA-256 of a body the caller has
// already read, for services (Lambda) whose clients sign the body hash
// without sending it; "" means the x-amz-content-sha256 header is used.
func (v *Verifier) Verify(r *http.Request, bodyHash string) (*Auth, error) {
	now := time.Now
	if v.Now != nil {
		now = v.Now
	}
	q := r.URL.Query()
	if q.Get("X-Amz-Signature") != "" || q.Get("X-Amz-Credential") != "" {
		return v.verifyPresigned(r, now(), bodyHash)
	}
	if isV2Presigned(q) {
		return v.verifyV2(r, now(), true)
	}
	h := r.Header.Get("Authorization")
	if h == "" {
		return nil, fail("AccessDenied", "request is not signed: no Authorization header or X-Amz-Signature")
	}
	if !strings.HasPrefix(h, algorithm+" ") {
		if strings.HasPrefix(h, "AWS ") {
			return v.verifyV2(r, now(), false)
		}
		return nil, fail("AuthorizationHeaderMalformed", "unsupported authorization type")
	}
	fields := map[string]string{}
	for _, part := range strings.Split(h[len(algorithm)+1:], ",") {
		k, val, ok := strings.Cut(strings.TrimSpace(part), "=")
		if !ok {
			return nil, fail("AuthorizationHeaderMalformed", "malformed component %q", part)
		}
		fields[k] = val
	}
	cred, signed, sig := fields["Credential"], fields["SignedHeaders"], fields["Signature"]
	if cred == "" || signed == "" || sig == "" {
		return nil, fail("AuthorizationHeaderMalformed", "authorization header needs Credential, SignedHeaders and Signature")
	}
	date := r.Header.Get("X-Amz-Date")
	if date == "" {
		date = r.Header.Get("Date")
	}
	t, err := time.Parse(timeFormat, date)
	if err != nil {
		return nil, fail("AccessDenied", "X-Amz-Date %q is missing or not in ISO 8601 basic format", date)
	}
	if d := now().Sub(t); d > maxSkew || d < -maxSkew {
		return nil, fail("RequestTimeTooSkewed", "the difference between the request time %s and the server time is too large", date)
	}
	payload := r.Header.Get("X-Amz-Content-Sha256")
	a, err := v.check(r, q, cred, signed, sig, date, payload, bodyHash, "")
	if err != nil {
		return nil, err
	}
	return a, nil
}

func (v *Verifier) verifyPresigned(r *http.Request, now time.Time, bodyHash string) (*Auth, error) {
	q := r.URL.Query()
	if q.Get("X-Amz-Algorithm") != algorithm {
		return nil, fail("AuthorizationQueryParametersError", "X-Amz-Algorithm must be %s", algorithm)
	}
	cred, signed, sig, date := q.Get("X-Amz-Credential"), q.Get("X-Amz-SignedHeaders"), q.Get("X-Amz-Signature"), q.Get("X-Amz-Date")
	if cred == "" || signed == "" || sig == "" || date == "" {
		return nil, fail("AuthorizationQueryParametersError", "presigned URL needs X-Amz-Credential, X-Amz-Date, X-Amz-SignedHeaders and X-Amz-Signature")
	}
	t, err := time.Parse(timeFormat, date)
	if err != nil {
		return nil, fail("AuthorizationQueryParametersError", "X-Amz-Date %q is not in ISO 8601 basic format", date)
	}
	exp, err := strconv.Atoi(q.Get("X-Amz-Expires"))
	if err != nil || exp < 1 || exp > maxPresignExpirySeconds {
		return nil, fail("AuthorizationQueryParametersError", "X-Amz-Expires must be a number of seconds from 1 to 604800")
	}
	if now.After(t.Add(time.Duration(exp) * time.Second)) {
		return nil, fail("AccessDenied", "Request has expired")
	}
	if t.Sub(now) > maxSkew {
		return nil, fail("AccessDenied", "Request is not valid yet")
	}
	payload := r.Header.Get("X-Amz-Content-Sha256")
	if payload == "" {
		payload = UnsignedPayload
	}
	a, err := v.check(r, q, cred, signed, sig, date, payload, bodyHash, "X-Amz-Signature")
	if err != nil {
		return nil, err
	}
	a.Presigned = true
	return a, nil
}

func (v *Verifier) check(r *http.Request, q map[string][]string, cred, signed, sig, date, payload, bodyHash, skipParam string) (*Auth, error) {
	parts := strings.Split(cred, "/")
	if len(parts) != 5 || parts[4] != "aws4_request" {
		return nil, fail("AuthorizationHeaderMalformed", "credential %q is not access-key/date/region/service/aws4_request", cred)
	}
	secret, ok := v.Keys[parts[0]]
	if !ok {
		return nil, fail("InvalidAccessKeyId", "the access key id %q does not exist in this server's records", parts[0])
	}
	if !strings.HasPrefix(date, parts[1]) {
		return nil, fail("AuthorizationHeaderMalformed", "credential date %s does not match X-Amz-Date %s", parts[1], date)
	}
	a := &Auth{AccessKey: parts[0], Region: parts[2], Service: parts[3], Date: date,
		Scope: strings.Join(parts[1:], "/"), Signature: sig, PayloadHash: payload}
	a.key = signingKey(secret, parts[1], parts[2], parts[3])
	hash := payload
	if hash == "" {
		// Services other than S3 sign the body hash without sending it; the
		// caller hashes the body and calls VerifyBody.
		hash = bodyHash
		if hash == "" {
			hash = emptySHA256
		}
	}
	headers, err := canonicalHeaders(r, signed)
	if err != nil {
		return nil, err
	}
	query := canonicalQuery(q, skipParam)
	rawPath := r.URL.EscapedPath()
	if ru := r.RequestURI; ru != "" && strings.HasPrefix(ru, "/") {
		rawPath, _, _ = strings.Cut(ru, "?")
	}
	if rawPath == "" {
		rawPath = "/"
	}
	// S3 signs the path as sent; other services encode it once more. Both
	// are accepted so that the router need not know the service first.
	for _, uri := range []string{rawPath, escapePath(rawPath)} {
		creq := strings.Join([]string{r.Method, uri, query, headers, signed, hash}, "\n")
		sts := strings.Join([]string{algorithm, date, a.Scope, hexSHA256([]byte(creq))}, "\n")
		if hmac.Equal([]byte(hex.EncodeToString(hmacSHA256(a.key, sts))), []byte(sig)) {
			return a, nil
		}
	}
	return nil, fail("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
}

// keyCache holds derived signing keys: they change once a day per scope,
// and deriving one costs four HMACs per request.
var keyCache sync.Map // secret+"/"+scope → []byte

func signingKey(secret, date, region, service string) []byte {
	ck := secret + "/" + date + "/" + region + "/" + service
	if k, ok := keyCache.Load(ck); ok {
		return k.([]byte)
	}
	k := deriveKey(secret, date, region, service)
	keyCache.Store(ck, k)
	return k
}

func deriveKey(secret, date, region, service string) []byte {
	k := hmacSHA256([]byte("AWS4"+secret), date)
	k = hmacSHA256(k, region)
	k = hmacSHA256(k, service)
	return hmacSHA256(k, "aws4_request")
}

func hmacSHA256(key []byte, data string) []byte {
	m := hmac.New(sha256.New, key)
	m.Write([]byte(data))
	return m.Sum(nil)
}

func hexSHA256(b []byte) string {
	s := sha256.Sum256(b)
	return hex.EncodeToString(s[:])
}

func canonicalHeaders(r *http.Request, signed string) (string, error) {
	var b strings.Builder
	for _, name := range strings.Split(signed, ";") {
		var vals []string
		switch name {
		case "host":
			vals = []string{r.Host}
		case "content-length":
			vals = r.Header.Values("Content-Length")
			if len(vals) == 0 && r.ContentLength >= 0 {
				vals = []string{strconv.FormatInt(r.ContentLength, 10)}
			}
		case "transfer-encoding":
			vals = r.TransferEncoding
		case "expect":
			vals = r.Header.Values("Expect")
			if len(vals) == 0 {
				vals = []string{"100-continue"} // net/http consumes it
			}
		default:
			vals = r.Header.Values(name)
		}
		if name == "" {
			return "", fail("AuthorizationHeaderMalformed", "empty name in SignedHeaders")
		}
		for i, v := range vals {
			vals[i] = strings.Join(strings.Fields(v), " ")
		}
		b.WriteString(name)
		b.WriteByte(':')
		b.WriteString(strings.Join(vals, ","))
		b.WriteByte('\n')
	}
	return b.String(), nil
}

func canonicalQuery(q map[string][]string, skip string) string {
	var pairs [][2]string
	for k, vs := range q {
		if k == skip {
			continue
		}
		for _, v := range vs {
			pairs = append(pairs, [2]string{uriEncode(k, true), uriEncode(v, true)})
		}
	}
	sort.Slice(pairs, func(i, j int) bool {
		if pairs[i][0] != pairs[j][0] {
			return pairs[i][0] < pairs[j][0]
		}
		return pairs[i][1] < pairs[j][1]
	})
	out := make([]string, len(pairs))
	for i, p := range pairs {
		out[i] = p[0] + "=" + p[1]
	}
	return strings.Join(out, "&")
}

// uriEncode escapes every byte except the unreserved characters of RFC 3986
// (and '/' when encodeSlash is false), as SigV4 specifies.
func uriEncode(s string, encodeSlash bool) string {
	const hexd = "0123456789ABCDEF"
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		c := s[i]
		if 'A' <= c && c <= 'Z' || 'a' <= c && c <= 'z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.' || c == '~' || (c == '/' && !encodeSlash) {
			b.WriteByte(c)
			continue
		}
		b.WriteByte('%')
		b.WriteByte(hexd[c>>4])
		b.WriteByte(hexd[c&15])
	}
	return b.String()
}

func escapePath(p string) string { return uriEncode(p, false) }
