package sigv4

import (
	"crypto/hmac"
	"crypto/sha1"
	"encoding/base64"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"
)

// S3 still accepts signature version 2 for query-string authentication, and
// boto3 produces exactly that for generate_presigned_url when the region is
// us-east-1 and no signature_version is configured. Users' scripts that hand
// such a URL to curl or requests must work against nl dev unchanged, so the
// legacy scheme is verified here too (HMAC-SHA1 over a short string to sign).

// v2SubResources are the query parameters that S3's signature version 2
// includes in the canonical resource; every other parameter is left out.
var v2SubResources = map[string]bool{
	"acl": true, "cors": true, "delete": true, "lifecycle": true, "location": true,
	"logging": true, "notification": true, "partNumber": true, "policy": true,
	"requestPayment": true, "restore": true, "tagging": true, "torrent": true,
	"uploadId": true, "uploads": true, "versionId": true, "versioning": true,
	"versions": true, "website": true,
	"response-cache-control": true, "response-content-disposition": true,
	"response-content-encoding": true, "response-content-language": true,
	"response-content-type": true, "response-expires": true,
}

// isV2Presigned reports whether the query carries version 2 presigned
// parameters.
func isV2Presigned(q map[string][]string) bool {
	_, sig := q["Signature"]
	_, key := q["AWSAccessKeyId"]
	return sig && key
}

// verifyV2 checks a version 2 signature, from the query (presigned) or from
// an "Authorization: AWS key:signature" header.
func (v *Verifier) verifyV2(r *http.Request, now time.Time, presigned bool) (*Auth, error) {
	q := r.URL.Query()
	var key, sig, dateLine string
	if presigned {
		key, sig = q.Get("AWSAccessKeyId"), q.Get("Signature")
		exp, err := strconv.ParseInt(q.Get("Expires"), 10, 64)
		if err != nil {
			return nil, fail("AccessDenied", "query-string authentication requires the Signature, Expires and AWSAccessKeyId parameters")
		}
		if now.Unix() > exp {
			return nil, fail("AccessDenied", "Request has expired")
		}
		dateLine = q.Get("Expires")
	} else {
		cred := strings.TrimPrefix(r.Header.Get("Authorization"), "AWS ")
		var ok bool
		key, sig, ok = strings.Cut(cred, ":")
		if !ok || key == "" || sig == "" {
			return nil, fail("AuthorizationHeaderMalformed", "signature version 2 header must be \"AWS access-key:signature\"")
		}
		date := r.Header.Get("X-Amz-Date")
		if date == "" {
			date = r.Header.Get("Date")
			dateLine = date
		}
		t, err := http.ParseTime(date)
		if err != nil {
			t, err = time.Parse(time.RFC1123Z, date) // "+0000" zones, as in AWS's own examples
		}
		if err != nil {
			return nil, fail("AccessDenied", "AWS authentication requires a valid Date or x-amz-date header")
		}
		if d := now.Sub(t); d > maxSkew || d < -maxSkew {
			return nil, fail("RequestTimeTooSkewed", "the difference between the request time %s and the server time is too large", date)
		}
	}
	secret, ok := v.Keys[key]
	if !ok {
		return nil, fail("InvalidAccessKeyId", "the access key id %q does not exist in this server's records", key)
	}
	prefix := r.Method + "\n" + r.Header.Get("Content-Md5") + "\n" + r.Header.Get("Content-Type") + "\n" +
		dateLine + "\n" + v2AmzHeaders(r)
	path, subs := v.v2Resource(r)
	candidates := []string{path}
	if strings.Count(path, "/") == 1 && path != "/" {
		// A bucket-level request is signed as "/bucket/" by botocore and
		// as "/bucket" by others; S3 accepts both.
		candidates = append(candidates, path+"/")
	}
	matched := false
	for _, c := range candidates {
		mac := hmac.New(sha1.New, []byte(secret))
		mac.Write([]byte(prefix + c + subs))
		want := base64.StdEncoding.EncodeToString(mac.Sum(nil))
		if hmac.Equal([]byte(want), []byte(sig)) {
			matched = true
		}
	}
	if !matched {
		return nil, fail("SignatureDoesNotMatch", "The request signature we calculated does not match the signature you provided. Check your key and signing method.")
	}
	// No payload hash is signed in version 2; the body is taken as sent
	// (Content-MD5, when present, is still checked by the object layer).
	return &Auth{AccessKey: key, Service: "s3", PayloadHash: UnsignedPayload, Presigned: true}, nil
}

// v2AmzHeaders is the canonical x-amz-* header block: lower-case names,
// sorted, repeated values joined by commas, one "name:value\n" line each.
func v2AmzHeaders(r *http.Request) string {
	var names []string
	for k := range r.Header {
		if lk := strings.ToLower(k); strings.HasPrefix(lk, "x-amz-") {
			names = append(names, lk)
		}
	}
	sort.Strings(names)
	var b strings.Builder
	for _, n := range names {
		vals := r.Header.Values(n)
		for i := range vals {
			vals[i] = strings.TrimSpace(vals[i])
		}
		b.WriteString(n + ":" + strings.Join(vals, ",") + "\n")
	}
	return b.String()
}

// v2Resource is the canonical resource split in two: "/bucket/key" as
// sent (still percent-encoded), and "?" with the sub-resource parameters in
// sorted order ("" when there are none).
func (v *Verifier) v2Resource(r *http.Request) (path, subResources string) {
	path = r.URL.EscapedPath()
	if ru := r.RequestURI; strings.HasPrefix(ru, "/") {
		path, _, _ = strings.Cut(ru, "?")
	}
	if v.VirtualBucket != nil {
		if b := v.VirtualBucket(r.Host); b != "" {
			path = "/" + b + path
		}
	}
	if path == "" {
		path = "/"
	}
	q := r.URL.Query()
	var subs []string
	for k := range q {
		if v2SubResources[k] {
			subs = append(subs, k)
		}
	}
	if len(subs) == 0 {
		return path, ""
	}
	sort.Strings(subs)
	for i, k := range subs {
		if val := q.Get(k); val != "" {
			subs[i] = k + "=" + val
		}
	}
	return path, "?" + strings.Join(subs, "&")
}
