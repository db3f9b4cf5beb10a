package localstack

import (
	"crypto/md5"
	"encoding/hex"
	"encoding/xml"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strconv"
	"strings"
	"time"

	"github.com/nanolambda/nl/localstack/sigv4"
	"github.com/nanolambda/nl/localstack/store"
)

// objectFromHeaders takes the content headers and user metadata of a write.
func objectFromHeaders(h http.Header, key string) store.Object {
	o := store.Object{
		Key:                key,
		ContentType:        h.Get("Content-Type"),
		ContentEncoding:    stripAWSChunked(h.Get("Content-Encoding")),
		ContentDisposition: h.Get("Content-Disposition"),
		ContentLanguage:    h.Get("Content-Language"),
		CacheControl:       h.Get("Cache-Control"),
		Expires:            h.Get("Expires"),
	}
	if o.ContentType == "" {
		o.ContentType = "binary/octet-stream"
	}
	for name, vals := range h {
		if m, ok := strings.CutPrefix(strings.ToLower(name), "x-amz-meta-"); ok && len(vals) > 0 {
			if o.Meta == nil {
				o.Meta = map[string]string{}
			}
			o.Meta[m] = strings.Join(vals, ",")
		}
	}
	return o
}

// stripAWSChunked removes the transport-only aws-chunked coding, which S3
// does not store as the object's Content-Encoding.
func stripAWSChunked(ce string) string {
	if !hasToken(ce, "aws-chunked") {
		return ce // kept byte for byte, as S3 does ("deflate, gzip")
	}
	var keep []string
	for _, t := range strings.Split(ce, ",") {
		t = strings.TrimSpace(t)
		if t != "" && !strings.EqualFold(t, "aws-chunked") {
			keep = append(keep, t)
		}
	}
	return strings.Join(keep, ", ")
}

func setObjectHeaders(h http.Header, o store.Object) {
	h.Set("ETag", o.ETag)
	h.Set("Last-Modified", o.LastModified.UTC().Format(http.TimeFormat))
	h.Set("Accept-Ranges", "bytes")
	h.Set("Content-Type", o.ContentType)
	for name, v := range map[string]string{"Content-Encoding": o.ContentEncoding, "Content-Disposition": o.ContentDisposition,
		"Content-Language": o.ContentLanguage, "Cache-Control": o.CacheControl, "Expires": o.Expires} {
		if v != "" {
			h.Set(name, v)
		}
	}
	for k, v := range o.Meta {
		h["X-Amz-Meta-"+k] = []string{v}
	}
	if o.PartsCount > 0 {
		h.Set("X-Amz-Mp-Parts-Count", strconv.Itoa(o.PartsCount))
	}
}

func (s *Server) putObject(w http.ResponseWriter, r *http.Request, a *sigv4.Auth, bucket, key string) error {
	if err := s.checkWriteLength(r); err != nil {
		return err
	}
	body, err := s.openBody(r, a)
	if err != nil {
		return err
	}
	cond, err := writeCondition(r.Header)
	if err != nil {
		return err
	}
	tmpl := objectFromHeaders(r.Header, key)
	now := s.now()
	obj, err := s.store.PutObjectIf(bucket, body, func(int64) (store.Object, error) {
		etag, sums, err := body.finish()
		if err != nil {
			return store.Object{}, err
		}
		tmpl.ETag, tmpl.Checksums, tmpl.LastModified = etag, sums, now
		if len(sums) > 0 {
			tmpl.ChecksumType = "FULL_OBJECT"
		}
		return tmpl, nil
	}, cond)
	if err != nil {
		return err
	}
	w.Header().Set("ETag", obj.ETag)
	setChecksumHeaders(w.Header(), obj.Checksums)
	w.WriteHeader(http.StatusOK)
	s.notify(bucket, "ObjectCreated:Put", obj, w.Header().Get("X-Amz-Request-Id"), r)
	return nil
}

// writeCondition reads S3's conditional-write headers: If-None-Match: *
// (create only if the key is absent) and If-Match: ETAG (replace only that
// version). They are checked in the same transaction as the write, so two
// racing conditional creates cannot both succeed.
func writeCondition(h http.Header) (store.WriteCondition, error) {
	none, match := h.Get("If-None-Match"), h.Get("If-Match")
	if none == "" && match == "" {
		return nil, nil
	}
	if none != "" && strings.TrimSpace(none) != "*" {
		return nil, apiErr("NotImplemented", "If-None-Match on a write only supports *")
	}
	return func(cur store.Object, exists bool) error {
		if none != "" && exists {
			return apiErr("PreconditionFailed", "the key already exists (If-None-Match: *)")
		}
		if match != "" {
			if !exists {
				return apiErr("NoSuchKey", "")
			}
			if !etagMatches(match, cur.ETag) {
				return apiErr("PreconditionFailed", "the object's ETag is %s, not %s (If-Match)", cur.ETag, match)
			}
		}
		return nil
	}, nil
}

// checkWriteLength rejects a write without a length, as S3 does, unless the
// body is aws-chunked (the decoded length is announced) or HTTP-chunked.
func (s *Server) checkWriteLength(r *http.Request) error {
	if r.ContentLength >= 0 || r.Header.Get("X-Amz-Decoded-Content-Length") != "" || len(r.TransferEncoding) > 0 {
		return nil
	}
	return apiErr("MissingContentLength", "")
}

type byteRange struct{ start, end int64 } // inclusive

// parseRange reads a single "bytes=" range; ok is false when the header is
// absent or not a byte range (S3 then sends the whole object).
func parseRange(h string, size int64) (br byteRange, ok bool, err error) {
	spec, found := strings.CutPrefix(h, "bytes=")
	if h == "" || !found {
		return br, false, nil
	}
	spec, _, _ = strings.Cut(spec, ",") // only the first range is served
	first, last, found := strings.Cut(strings.TrimSpace(spec), "-")
	if !found {
		return br, false, nil
	}
	unsatisfiable := &APIError{Code: "InvalidRange", Message: catalogue["InvalidRange"].msg,
		Header: http.Header{"Content-Range": {fmt.Sprintf("bytes */%d", size)}}}
	if first == "" {
		n, err := strconv.ParseInt(last, 10, 64)
		if err != nil {
			return br, false, nil
		}
		if n <= 0 || size == 0 {
			return br, false, unsatisfiable
		}
		if n > size {
			n = size
		}
		return byteRange{size - n, size - 1}, true, nil
	}
	start, err1 := strconv.ParseInt(first, 10, 64)
	if err1 != nil || start < 0 {
		return br, false, nil
	}
	end := size - 1
	if last != "" {
		e, err := strconv.ParseInt(last, 10, 64)
		if err != nil || e < start {
			return br, false, nil
		}
		if e < end {
			end = e
		}
	}
	if start >= size {
		return br, false, unsatisfiable
	}
	return byteRange{start, end}, true, nil
}

func etagMatches(list, etag string) bool {
	for _, t := range strings.Split(list, ",") {
		t = strings.TrimSpace(t)
		if t == "*" || t == etag || `"`+t+`"` == etag {
			return true
		}
	}
	return false
}

// checkConditions applies If-Match, If-None-Match, If-Modified-Since and
// If-Unmodified-Since with S3's precedence.
func checkConditions(h http.Header, o store.Object) error {
	mod := o.LastModified.Truncate(time.Second)
	ifMatch, ifNone := h.Get("If-Match"), h.Get("If-None-Match")
	if ifMatch != "" && !etagMatches(ifMatch, o.ETag) {
		return apiErr("PreconditionFailed", "")
	}
	if ifMatch == "" {
		if t, err := http.ParseTime(h.Get("If-Unmodified-Since")); err == nil && mod.After(t) {
			return apiErr("PreconditionFailed", "")
		}
	}
	if ifNone != "" {
		if etagMatches(ifNone, o.ETag) {
			return &APIError{Code: "NotModified", Header: http.Header{"Etag": {o.ETag}}}
		}
	} else if t, err := http.ParseTime(h.Get("If-Modified-Since")); err == nil && !mod.After(t) {
		return &APIError{Code: "NotModified", Header: http.Header{"Etag": {o.ETag}}}
	}
	return nil
}

func (s *Server) getObject(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, key string) error {
	o, blob, err := s.store.GetObject(bucket, key)
	if err != nil {
		return err
	}
	defer blob.Close()
	if err := checkConditions(r.Header, o); err != nil {
		return err
	}
	rng, partial, err := parseRange(r.Header.Get("Range"), o.Size)
	if err != nil {
		return err
	}
	if pr, ok, err := partRange(r, o); err != nil {
		return err
	} else if ok {
		rng, partial = pr, true
	}
	h := w.Header()
	setObjectHeaders(h, o)
	q := r.URL.Query()
	for param, header := range map[string]string{"response-content-type": "Content-Type", "response-content-disposition": "Content-Disposition",
		"response-cache-control": "Cache-Control", "response-content-encoding": "Content-Encoding",
		"response-content-language": "Content-Language", "response-expires": "Expires"} {
		if v := q.Get(param); v != "" {
			h.Set(header, v)
		}
	}
	start, n := int64(0), o.Size
	status := http.StatusOK
	if partial {
		start, n = rng.start, rng.end-rng.start+1
		h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", rng.start, rng.end, o.Size))
		status = http.StatusPartialContent
	} else if strings.EqualFold(r.Header.Get("X-Amz-Checksum-Mode"), "ENABLED") && o.ChecksumType == "FULL_OBJECT" {
		setChecksumHeaders(h, o.Checksums)
	}
	h.Set("Content-Length", strconv.FormatInt(n, 10))
	w.WriteHeader(status)
	_, err = io.Copy(w, io.NewSectionReader(blob, start, n))
	if err != nil {
		return nil // the client went away; the status is already sent
	}
	return nil
}

func (s *Server) headObject(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, key string) error {
	o, err := s.store.HeadObject(bucket, key)
	if err != nil {
		return err
	}
	if err := checkConditions(r.Header, o); err != nil {
		return err
	}
	h := w.Header()
	setObjectHeaders(h, o)
	if strings.EqualFold(r.Header.Get("X-Amz-Checksum-Mode"), "ENABLED") && o.ChecksumType == "FULL_OBJECT" {
		setChecksumHeaders(h, o.Checksums)
	}
	size := o.Size
	rng, ok, err := parseRange(r.Header.Get("Range"), o.Size)
	if err != nil {
		return err
	}
	if pr, pok, err := partRange(r, o); err != nil {
		return err
	} else if pok {
		rng, ok = pr, true
	}
	if ok {
		h.Set("Content-Range", fmt.Sprintf("bytes %d-%d/%d", rng.start, rng.end, o.Size))
		size = rng.end - rng.start + 1
		h.Set("Content-Length", strconv.FormatInt(size, 10))
		w.WriteHeader(http.StatusPartialContent)
		return nil
	}
	h.Set("Content-Length", strconv.FormatInt(size, 10))
	w.WriteHeader(http.StatusOK)
	return nil
}

func (s *Server) deleteObject(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, key string) error {
	old, found, err := s.store.DeleteObject(bucket, key)
	if err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	if found {
		s.notify(bucket, "ObjectRemoved:Delete", old, w.Header().Get("X-Amz-Request-Id"), r)
	}
	return nil
}

func (s *Server) deleteObjects(w http.ResponseWriter, r *http.Request, a *sigv4.Auth, bucket, _ string) error {
	if r.Header.Get("Content-Md5") == "" && !hasChecksumHeader(r.Header) {
		return apiErr("InvalidRequest", "Missing required header for this request: Content-MD5 or x-amz-checksum-*")
	}
	body, _, err := s.readSmallBody(r, a, maxXMLBody)
	if err != nil {
		return err
	}
	var req deleteRequest
	if err := readXML(r, body, &req); err != nil {
		return err
	}
	if len(req.Objects) == 0 || len(req.Objects) > 1000 {
		return apiErr("MalformedXML", "DeleteObjects takes 1 to 1000 keys, got %d", len(req.Objects))
	}
	if _, err := s.store.GetBucket(bucket); err != nil {
		return err
	}
	res := deleteResult{NS: s3NS}
	for _, o := range req.Objects {
		old, found, err := s.store.DeleteObject(bucket, o.Key)
		if err != nil {
			e := toAPIError(err, bucket, o.Key)
			res.Errors = append(res.Errors, deleteErrorXML{Key: o.Key, Code: string(e.Code), Message: e.Message})
			continue
		}
		if !req.Quiet {
			res.Deleted = append(res.Deleted, deletedXML{Key: o.Key})
		}
		if found {
			s.notify(bucket, "ObjectRemoved:Delete", old, w.Header().Get("X-Amz-Request-Id"), r)
		}
	}
	return writeXML(w, res)
}

func hasChecksumHeader(h http.Header) bool {
	for _, alg := range checksumAlgorithms {
		if h.Get("X-Amz-Checksum-"+alg) != "" {
			return true
		}
	}
	return h.Get("X-Amz-Trailer") != ""
}

// copySource parses x-amz-copy-source ("[/]bucket/key[?versionId=...]").
func copySource(h http.Header) (bucket, key string, err error) {
	src := h.Get("X-Amz-Copy-Source")
	src, _, _ = strings.Cut(src, "?")
	src, err = url.PathUnescape(src)
	if err != nil {
		return "", "", apiErr("InvalidArgument", "x-amz-copy-source is not correctly URL-encoded")
	}
	bucket, key, ok := strings.Cut(strings.TrimPrefix(src, "/"), "/")
	if !ok || bucket == "" || key == "" {
		return "", "", apiErr("InvalidArgument", "Copy Source must mention the source bucket and key: sourcebucket/sourcekey")
	}
	return bucket, key, nil
}

func checkCopyConditions(h http.Header, o store.Object) error {
	if v := h.Get("X-Amz-Copy-Source-If-Match"); v != "" && !etagMatches(v, o.ETag) {
		return apiErr("PreconditionFailed", "")
	}
	if v := h.Get("X-Amz-Copy-Source-If-None-Match"); v != "" && etagMatches(v, o.ETag) {
		return apiErr("PreconditionFailed", "")
	}
	return nil
}

func (s *Server) copyObject(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, key string) error {
	sb, sk, err := copySource(r.Header)
	if err != nil {
		return err
	}
	src, blob, err := s.store.GetObject(sb, sk)
	if err != nil {
		return toAPIError(err, sb, sk)
	}
	defer blob.Close()
	if err := checkCopyConditions(r.Header, src); err != nil {
		return err
	}
	replace := strings.EqualFold(r.Header.Get("X-Amz-Metadata-Directive"), "REPLACE")
	if sb == bucket && sk == key && !replace {
		return apiErr("InvalidRequest", "This copy request is illegal because it is trying to copy an object to itself without changing the object's metadata, storage class, website redirect location or encryption attributes.")
	}
	tmpl := src
	if replace {
		tmpl = objectFromHeaders(r.Header, key)
	}
	tmpl.Key, tmpl.PartsCount, tmpl.PartSizes = key, 0, nil
	now := s.now()
	sum := md5.New()
	obj, err := s.store.PutObject(bucket, io.TeeReader(io.NewSectionReader(blob, 0, src.Size), sum), func(int64) (store.Object, error) {
		// The copy is a single-part object: its ETag is the MD5 of the bytes.
		tmpl.LastModified = now
		tmpl.ETag = `"` + hex.EncodeToString(sum.Sum(nil)) + `"`
		return tmpl, nil
	})
	if err != nil {
		return err
	}
	if err := writeXML(w, copyObjectResult{NS: s3NS, LastModified: s3Time(now), ETag: obj.ETag}); err != nil {
		return err
	}
	s.notify(bucket, "ObjectCreated:Copy", obj, w.Header().Get("X-Amz-Request-Id"), r)
	return nil
}

// tagging is GetObjectTagging's answer.
type tagging struct {
	XMLName xml.Name `xml:"Tagging"`
	NS      string   `xml:"xmlns,attr"`
	TagSet  struct{} `xml:"TagSet"`
}

// getObjectTagging answers with an empty tag set: nl dev keeps no object
// tags. The AWS CLI asks for them before every multipart copy (aws s3 cp
// s3://… s3://… of more than 8 MB), which must not fail for want of them.
func (s *Server) getObjectTagging(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, key string) error {
	if _, err := s.store.HeadObject(bucket, key); err != nil {
		return err
	}
	return writeXML(w, tagging{NS: s3NS})
}

// partRange answers GetObject/HeadObject with ?partNumber=N: the byte range
// of part N of a multipart object (ok is true), with x-amz-mp-parts-count
// set by setObjectHeaders. Part 1 of an object uploaded in one piece is the
// whole object (ok is false: a plain 200).
func partRange(r *http.Request, o store.Object) (byteRange, bool, error) {
	v := r.URL.Query().Get("partNumber")
	if v == "" {
		return byteRange{}, false, nil
	}
	n, err := strconv.Atoi(v)
	if err != nil || n < 1 || n > 10000 {
		return byteRange{}, false, apiErr("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive")
	}
	if r.Header.Get("Range") != "" {
		return byteRange{}, false, apiErr("InvalidRequest", "Cannot specify both Range header and partNumber query parameter")
	}
	if o.PartsCount == 0 {
		if n != 1 {
			return byteRange{}, false, apiErr("InvalidPartNumber", "")
		}
		return byteRange{}, false, nil
	}
	if n > o.PartsCount {
		return byteRange{}, false, apiErr("InvalidPartNumber", "")
	}
	if len(o.PartSizes) != o.PartsCount {
		return byteRange{}, false, apiErr("InvalidRequest", "the part sizes of this object were not recorded (it was completed by an older nl dev); read it with a Range instead")
	}
	var start int64
	for _, sz := range o.PartSizes[:n-1] {
		start += sz
	}
	return byteRange{start: start, end: start + o.PartSizes[n-1] - 1}, true, nil
}
