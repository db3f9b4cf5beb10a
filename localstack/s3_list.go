package localstack

import (
	"encoding/base64"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/nanolambda/nl/localstack/sigv4"
	"github.com/nanolambda/nl/localstack/store"
)

// listing is one page of a bucket listing: objects and common prefixes in
// key order, and where the next page starts.
type listing struct {
	objects   []store.Object
	prefixes  []string
	truncated bool
	next      string // last key or common prefix returned
}

// list walks keys after marker under prefix, rolling keys that contain
// delimiter after the prefix into common prefixes, up to max entries.
func (s *Server) list(bucket, prefix, delimiter, marker string, max int) (listing, error) {
	var l listing
	if max <= 0 {
		// S3 answers max-keys=0 with an empty page that is not truncated
		// (there is no next key to continue from).
		return l, nil
	}
	start := prefix
	if marker > start {
		start = marker
	}
	markerIsPrefix := delimiter != "" && strings.HasPrefix(marker, prefix) && strings.Contains(marker[len(prefix):], delimiter)
	lastCP := ""
	err := s.store.ListObjects(bucket, start, func(o store.Object) bool {
		k := o.Key
		if !strings.HasPrefix(k, prefix) {
			return k < prefix // keys are sorted: past the prefix, stop
		}
		if k == marker || (markerIsPrefix && strings.HasPrefix(k, marker)) {
			return true
		}
		entry := k
		cp := ""
		if delimiter != "" {
			if i := strings.Index(k[len(prefix):], delimiter); i >= 0 {
				cp = k[:len(prefix)+i+len(delimiter)]
				if cp == lastCP {
					return true
				}
				entry = cp
			}
		}
		if len(l.objects)+len(l.prefixes) >= max {
			l.truncated = true
			return false
		}
		if cp != "" {
			lastCP = cp
			l.prefixes = append(l.prefixes, cp)
		} else {
			l.objects = append(l.objects, o)
		}
		l.next = entry
		return true
	})
	return l, err
}

func maxKeys(q url.Values) (int, error) {
	v := q.Get("max-keys")
	if v == "" {
		return 1000, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 0 {
		return 0, apiErr("InvalidArgument", "Provided max-keys not an integer or within integer range")
	}
	if n > 1000 {
		n = 1000
	}
	return n, nil
}

func encodeIf(on bool, s string) string {
	if !on {
		return s
	}
	// S3's encoding-type=url is form-style escaping that keeps '/'.
	return strings.ReplaceAll(url.QueryEscape(s), "%2F", "/")
}

func (s *Server) objectXMLs(l listing, enc bool, withOwner bool) ([]objectXML, []commonPrefix) {
	objs := []objectXML{}
	for _, o := range l.objects {
		x := objectXML{Key: encodeIf(enc, o.Key), LastModified: s3Time(o.LastModified), ETag: o.ETag, Size: o.Size, StorageClass: "STANDARD"}
		if withOwner {
			ow := localOwner
			x.Owner = &ow
		}
		for alg := range o.Checksums {
			x.ChecksumAlgorithm = append(x.ChecksumAlgorithm, alg)
		}
		objs = append(objs, x)
	}
	var cps []commonPrefix
	for _, p := range l.prefixes {
		cps = append(cps, commonPrefix{Prefix: encodeIf(enc, p)})
	}
	return objs, cps
}

func (s *Server) listObjectsV2(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, _ string) error {
	q := r.URL.Query()
	max, err := maxKeys(q)
	if err != nil {
		return err
	}
	enc := q.Get("encoding-type") == "url"
	if et := q.Get("encoding-type"); et != "" && et != "url" {
		return apiErr("InvalidArgument", "Invalid Encoding Method specified in Request")
	}
	prefix, delim, after := q.Get("prefix"), q.Get("delimiter"), q.Get("start-after")
	marker := after
	if tok := q.Get("continuation-token"); tok != "" {
		raw, err := base64.RawURLEncoding.DecodeString(tok)
		if err != nil {
			return apiErr("InvalidArgument", "The continuation token provided is incorrect")
		}
		marker = string(raw)
	}
	l, err := s.list(bucket, prefix, delim, marker, max)
	if err != nil {
		return err
	}
	objs, cps := s.objectXMLs(l, enc, q.Get("fetch-owner") == "true")
	n := len(objs) + len(cps)
	res := listBucketResult{NS: s3NS, Name: bucket, Prefix: encodeIf(enc, prefix), StartAfter: encodeIf(enc, after),
		KeyCount: &n, MaxKeys: max, Delimiter: encodeIf(enc, delim),
		IsTruncated: l.truncated, Contents: objs, CommonPrefixes: cps}
	if tok, ok := q["continuation-token"]; ok {
		res.ContinuationToken = &tok[0]
	}
	if enc {
		res.EncodingType = "url"
	}
	if l.truncated {
		res.NextContinuationToken = base64.RawURLEncoding.EncodeToString([]byte(l.next))
	}
	return writeXML(w, res)
}

func (s *Server) listObjectsV1(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, _ string) error {
	q := r.URL.Query()
	max, err := maxKeys(q)
	if err != nil {
		return err
	}
	enc := q.Get("encoding-type") == "url"
	prefix, delim, marker := q.Get("prefix"), q.Get("delimiter"), q.Get("marker")
	l, err := s.list(bucket, prefix, delim, marker, max)
	if err != nil {
		return err
	}
	objs, cps := s.objectXMLs(l, enc, true)
	m := encodeIf(enc, marker)
	res := listBucketResult{NS: s3NS, Name: bucket, Prefix: encodeIf(enc, prefix), Marker: &m, MaxKeys: max,
		Delimiter: encodeIf(enc, delim), IsTruncated: l.truncated, Contents: objs, CommonPrefixes: cps}
	if enc {
		res.EncodingType = "url"
	}
	if l.truncated && delim != "" {
		res.NextMarker = encodeIf(enc, l.next)
	}
	return writeXML(w, res)
}

// listVersions answers ListObjectVersions for an unversioned bucket as S3
// does: every object is its only version, with version id "null".
func (s *Server) listVersions(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, _ string) error {
	q := r.URL.Query()
	max, err := maxKeys(q)
	if err != nil {
		return err
	}
	enc := q.Get("encoding-type") == "url"
	prefix, delim, marker := q.Get("prefix"), q.Get("delimiter"), q.Get("key-marker")
	l, err := s.list(bucket, prefix, delim, marker, max)
	if err != nil {
		return err
	}
	res := listVersionsResult{NS: s3NS, Name: bucket, Prefix: encodeIf(enc, prefix), KeyMarker: encodeIf(enc, marker),
		VersionIDMarker: q.Get("version-id-marker"), MaxKeys: max, Delimiter: encodeIf(enc, delim), IsTruncated: l.truncated}
	if enc {
		res.EncodingType = "url"
	}
	for _, o := range l.objects {
		res.Versions = append(res.Versions, versionXML{Key: encodeIf(enc, o.Key), VersionID: "null", IsLatest: true,
			LastModified: s3Time(o.LastModified), ETag: o.ETag, Size: o.Size, StorageClass: "STANDARD", Owner: localOwner})
	}
	for _, p := range l.prefixes {
		res.CommonPrefixes = append(res.CommonPrefixes, commonPrefix{Prefix: encodeIf(enc, p)})
	}
	if l.truncated {
		res.NextKeyMarker = encodeIf(enc, l.next)
		res.NextVersionIDMarker = "null"
	}
	return writeXML(w, res)
}
