package localstack

import (
	"encoding/base64"
	"errors"
	"io"
	"net"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/nanolambda/nl/localstack/sigv4"
	"github.com/nanolambda/nl/localstack/store"
)

// validBucketName applies S3's general-purpose bucket naming rules.
func validBucketName(name string) error {
	bad := func(why string) error {
		return apiErr("InvalidBucketName", "The specified bucket is not valid: %q %s.", name, why)
	}
	if len(name) < 3 || len(name) > 63 {
		return bad("must be 3 to 63 characters long")
	}
	for i := 0; i < len(name); i++ {
		c := name[i]
		if !(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '.' || c == '-') {
			return bad("may contain only lower-case letters, digits, dots and hyphens")
		}
	}
	first, last := name[0], name[len(name)-1]
	if first == '.' || first == '-' || last == '.' || last == '-' {
		return bad("must begin and end with a letter or digit")
	}
	if strings.Contains(name, "..") || strings.Contains(name, ".-") || strings.Contains(name, "-.") {
		return bad("must not contain adjacent dots or a dot next to a hyphen")
	}
	if net.ParseIP(name) != nil {
		return bad("must not be formatted as an IP address")
	}
	for _, p := range []string{"xn--", "sthree-", "amzn-s3-demo-"} {
		if strings.HasPrefix(name, p) {
			return bad("must not start with " + p)
		}
	}
	for _, sfx := range []string{"-s3alias", "--ol-s3", ".mrap", "--x-s3"} {
		if strings.HasSuffix(name, sfx) {
			return bad("must not end with " + sfx)
		}
	}
	return nil
}

// readSmallBody reads a whole request document, verifying its digests.
func (s *Server) readSmallBody(r *http.Request, a *sigv4.Auth, limit int64) ([]byte, *bodyReader, error) {
	if r.ContentLength > limit {
		return nil, nil, apiErr("MalformedXML", "the request document of %d bytes is too large", r.ContentLength)
	}
	b, err := s.openBody(r, a)
	if err != nil {
		return nil, nil, err
	}
	b.limit = limit
	data, err := io.ReadAll(b)
	if err != nil {
		if isBodyTooLarge(err) {
			return nil, nil, apiErr("MalformedXML", "the request document is too large")
		}
		return nil, nil, err
	}
	if _, _, err := b.finish(); err != nil {
		return nil, nil, err
	}
	return data, b, nil
}

// listBuckets answers ListBuckets in name order, with S3's optional
// pagination (max-buckets, continuation-token: the last name returned,
// base64url-encoded), prefix and bucket-region filters.
func (s *Server) listBuckets(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, _, _ string) error {
	q := r.URL.Query()
	limit := 10000
	if v := q.Get("max-buckets"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			return apiErr("InvalidArgument", "max-buckets must be an integer from 1 to 10000, not %q", v)
		}
		limit = n
	}
	after := ""
	if v := q.Get("continuation-token"); v != "" {
		b, err := base64.RawURLEncoding.DecodeString(v)
		if err != nil || !utf8.Valid(b) {
			return apiErr("InvalidArgument", "the continuation token is not one this server issued")
		}
		after = string(b)
	}
	prefix := q.Get("prefix")
	bs, err := s.store.ListBuckets()
	if err != nil {
		return err
	}
	sort.Slice(bs, func(i, j int) bool { return bs[i].Name < bs[j].Name })
	res := listAllMyBucketsResult{NS: s3NS, Owner: localOwner, Buckets: []bucketXML{}, Prefix: prefix}
	if region := q.Get("bucket-region"); region != "" && region != s.region {
		return writeXML(w, res) // every bucket here is in s.region
	}
	for _, b := range bs {
		if b.Name <= after || !strings.HasPrefix(b.Name, prefix) {
			continue
		}
		if len(res.Buckets) == limit {
			res.ContinuationToken = base64.RawURLEncoding.EncodeToString([]byte(res.Buckets[limit-1].Name))
			break
		}
		res.Buckets = append(res.Buckets, bucketXML{Name: b.Name, CreationDate: s3Time(b.Created), BucketRegion: s.region})
	}
	return writeXML(w, res)
}

func (s *Server) createBucket(w http.ResponseWriter, r *http.Request, a *sigv4.Auth, bucket, _ string) error {
	if err := validBucketName(bucket); err != nil {
		return err
	}
	// The optional CreateBucketConfiguration (LocationConstraint) is read
	// and checked for well-formedness only: one region runs here.
	body, _, err := s.readSmallBody(r, a, 64<<10)
	if err != nil {
		return err
	}
	if len(strings.TrimSpace(string(body))) > 0 {
		var cfg struct {
			LocationConstraint string
		}
		if err := readXML(r, body, &cfg); err != nil {
			return err
		}
	}
	if err := s.store.CreateBucket(bucket, s.now()); err != nil {
		// S3 in us-east-1 answers a request to create a bucket the caller
		// already owns with 200 OK (and changes nothing); every other
		// region answers BucketAlreadyOwnedByYou.
		if !errors.Is(err, store.ErrBucketExists) || s.region != "us-east-1" {
			return err
		}
	}
	w.Header().Set("Location", "/"+bucket)
	w.WriteHeader(http.StatusOK)
	return nil
}

func (s *Server) headBucket(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, _ string) error {
	if _, err := s.store.GetBucket(bucket); err != nil {
		return err
	}
	w.Header().Set("X-Amz-Bucket-Region", s.region)
	w.WriteHeader(http.StatusOK)
	return nil
}

func (s *Server) deleteBucket(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, _ string) error {
	if err := s.store.DeleteBucket(bucket); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) getLocation(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, _ string) error {
	if _, err := s.store.GetBucket(bucket); err != nil {
		return err
	}
	loc := locationConstraint{NS: s3NS}
	if s.region != "us-east-1" {
		loc.Value = s.region
	}
	return writeXML(w, loc)
}

func (s *Server) getVersioning(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, _ string) error {
	if _, err := s.store.GetBucket(bucket); err != nil {
		return err
	}
	return writeXML(w, versioningConfiguration{NS: s3NS})
}
