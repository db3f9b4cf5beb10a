package sigv4

import (
	"errors"
	"net/http/httptest"
	"strings"
	"testing"
	"time"
)

// The examples of AWS's documentation "Authenticating requests (AWS
// signature version 2)", with the documentation's example key pair.
const (
	v2Access = "AKIAIOSFODNN7EXAMPLE"
	v2Secret = "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"
)

func v2Verifier(now time.Time) *Verifier {
	return &Verifier{
		Keys: map[string]string{v2Access: v2Secret},
		Now:  func() time.Time { return now },
		VirtualBucket: func(host string) string {
			b, _, _ := strings.Cut(host, ".s3.")
			if b == host {
				return ""
			}
			return b
		},
	}
}

func TestSignatureV2(t *testing.T) {
	for _, tc := range []struct {
		name    string
		url     string
		host    string
		headers map[string]string
		now     time.Time
		code    string // "" = accepted
	}{
		{
			name:    "header GET, virtual-hosted",
			url:     "/photos/puppy.jpg",
			host:    "awsexamplebucket1.s3.us-west-1.amazonaws.com",
			headers: map[string]string{"Date": "Tue, 27 Mar 2007 19:36:42 +0000", "Authorization": "AWS " + v2Access + ":qgk2+6Sv9/oM7G3qLEjTH1a1l1g="},
			now:     time.Date(2007, 3, 27, 19, 40, 0, 0, time.UTC),
		},
		{
			name: "query presigned GET",
			url:  "/photos/puppy.jpg?AWSAccessKeyId=" + v2Access + "&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
			host: "johnsmith.s3.us-west-1.amazonaws.com", // the signature was computed for the bucket's earlier name
			now:  time.Unix(1175139000, 0),
		},
		{
			name: "query presigned GET, expired",
			url:  "/photos/puppy.jpg?AWSAccessKeyId=" + v2Access + "&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
			host: "johnsmith.s3.us-west-1.amazonaws.com", // the signature was computed for the bucket's earlier name
			now:  time.Unix(1175139621, 0),
			code: "AccessDenied",
		},
		{
			name: "query presigned GET, other key",
			url:  "/photos/kitten.jpg?AWSAccessKeyId=" + v2Access + "&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
			host: "johnsmith.s3.us-west-1.amazonaws.com",
			now:  time.Unix(1175139000, 0),
			code: "SignatureDoesNotMatch",
		},
		{
			name: "query presigned GET, unknown access key",
			url:  "/photos/puppy.jpg?AWSAccessKeyId=NOBODY&Signature=NpgCjnDzrM%2BWFzoENXmpNDUsSn8%3D&Expires=1175139620",
			host: "awsexamplebucket1.s3.us-west-1.amazonaws.com",
			now:  time.Unix(1175139000, 0),
			code: "InvalidAccessKeyId",
		},
		{
			name:    "header GET, clock skew",
			url:     "/photos/puppy.jpg",
			host:    "awsexamplebucket1.s3.us-west-1.amazonaws.com",
			headers: map[string]string{"Date": "Tue, 27 Mar 2007 19:36:42 +0000", "Authorization": "AWS " + v2Access + ":qgk2+6Sv9/oM7G3qLEjTH1a1l1g="},
			now:     time.Date(2007, 3, 28, 19, 40, 0, 0, time.UTC),
			code:    "RequestTimeTooSkewed",
		},
		{
			name:    "header malformed",
			url:     "/photos/puppy.jpg",
			host:    "awsexamplebucket1.s3.us-west-1.amazonaws.com",
			headers: map[string]string{"Date": "Tue, 27 Mar 2007 19:36:42 +0000", "Authorization": "AWS " + v2Access},
			now:     time.Date(2007, 3, 27, 19, 40, 0, 0, time.UTC),
			code:    "AuthorizationHeaderMalformed",
		},
	} {
		t.Run(tc.name, func(t *testing.T) {
			r := httptest.NewRequest("GET", tc.url, nil)
			r.Host = tc.host
			for k, v := range tc.headers {
				r.Header.Set(k, v)
			}
			if Anonymous(r) {
				t.Fatal("a signed request is reported anonymous")
			}
			_, err := v2Verifier(tc.now).Verify(r, "")
			if tc.code == "" {
				if err != nil {
					t.Fatalf("rejected: %v", err)
				}
				return
			}
			var e *Error
			if !errors.As(err, &e) || e.Code != tc.code {
				t.Fatalf("err = %v, want %s", err, tc.code)
			}
		})
	}
}
