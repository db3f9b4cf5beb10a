package localstack

import (
	"crypto/md5"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"sync"

	"github.com/nanolambda/nl/localstack/sigv4"
	"github.com/nanolambda/nl/localstack/store"
)

func (s *Server) createUpload(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, key string) error {
	tmpl := objectFromHeaders(r.Header, key)
	if alg := strings.ToUpper(r.Header.Get("X-Amz-Checksum-Algorithm")); alg != "" {
		if newChecksum(alg) == nil {
			return apiErr("InvalidRequest", "Checksum algorithm %q is not supported", alg)
		}
		w.Header().Set("X-Amz-Checksum-Algorithm", alg)
	}
	id, err := s.store.CreateUpload(bucket, tmpl, s.now())
	if err != nil {
		return err
	}
	return writeXML(w, initiateMultipartUploadResult{NS: s3NS, Bucket: bucket, Key: key, UploadID: id})
}

func partNumber(r *http.Request) (int, error) {
	n, err := strconv.Atoi(r.URL.Query().Get("partNumber"))
	if err != nil || n < 1 || n > 10000 {
		return 0, apiErr("InvalidArgument", "Part number must be an integer between 1 and 10000, inclusive")
	}
	return n, nil
}

func (s *Server) uploadKeyCheck(bucket, key, id string) error {
	u, err := s.store.GetUpload(bucket, id)
	if err != nil {
		return err
	}
	if u.Key != key {
		return apiErr("NoSuchUpload", "")
	}
	return nil
}

func (s *Server) uploadPart(w http.ResponseWriter, r *http.Request, a *sigv4.Auth, bucket, key string) error {
	n, err := partNumber(r)
	if err != nil {
		return err
	}
	id := r.URL.Query().Get("uploadId")
	if err := s.uploadKeyCheck(bucket, key, id); err != nil {
		return err
	}
	if err := s.checkWriteLength(r); err != nil {
		return err
	}
	body, err := s.openBody(r, a)
	if err != nil {
		return err
	}
	now := s.now()
	p, err := s.store.PutPart(bucket, id, n, body, func(int64) (store.Part, error) {
		etag, sums, err := body.finish()
		if err != nil {
			return store.Part{}, err
		}
		return store.Part{ETag: etag, Checksums: sums, LastModified: now}, nil
	})
	if err != nil {
		return err
	}
	w.Header().Set("ETag", p.ETag)
	setChecksumHeaders(w.Header(), p.Checksums)
	w.WriteHeader(http.StatusOK)
	return nil
}

func (s *Server) uploadPartCopy(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, key string) error {
	n, err := partNumber(r)
	if err != nil {
		return err
	}
	id := r.URL.Query().Get("uploadId")
	if err := s.uploadKeyCheck(bucket, key, id); err != nil {
		return err
	}
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
	start, size := int64(0), src.Size
	if v := r.Header.Get("X-Amz-Copy-Source-Range"); v != "" {
		first, last, err := copySourceRange(v)
		if err != nil {
			return err
		}
		if last >= src.Size {
			return apiErr("InvalidRange", "the range %s is outside the %d bytes of the copy source", v, src.Size)
		}
		start, size = first, last-first+1
	}
	sum := md5.New()
	now := s.now()
	p, err := s.store.PutPart(bucket, id, n, io.TeeReader(io.NewSectionReader(blob, start, size), sum), func(int64) (store.Part, error) {
		return store.Part{ETag: `"` + hex.EncodeToString(sum.Sum(nil)) + `"`, LastModified: now}, nil
	})
	if err != nil {
		return err
	}
	return writeXML(w, copyPartResult{NS: s3NS, LastModified: s3Time(now), ETag: p.ETag})
}

func (s *Server) completeUpload(w http.ResponseWriter, r *http.Request, a *sigv4.Auth, bucket, key string) error {
	id := r.URL.Query().Get("uploadId")
	cond, err := writeCondition(r.Header)
	if err != nil {
		return err
	}
	body, _, err := s.readSmallBody(r, a, maxXMLBody)
	if err != nil {
		return err
	}
	var req completeMultipartUpload
	if err := readXML(r, body, &req); err != nil {
		return err
	}
	if len(req.Parts) == 0 {
		return apiErr("MalformedXML", "You must specify at least one part")
	}
	u, err := s.store.GetUpload(bucket, id)
	if err != nil {
		if etag, ok := s.completed.lookup(bucket, key, id); ok && errors.Is(err, store.ErrNoSuchUpload) {
			// A retried Complete whose first answer was lost: S3 answers
			// it again as long as the object is the one it made.
			if o, herr := s.store.HeadObject(bucket, key); herr == nil && o.ETag == etag {
				return writeXML(w, completeMultipartUploadResult{NS: s3NS, Location: "/" + bucket + "/" + key, Bucket: bucket, Key: key, ETag: etag})
			}
		}
		return err
	}
	if u.Key != key {
		return apiErr("NoSuchUpload", "")
	}
	var numbers []int
	md5s := md5.New()
	for i, p := range req.Parts {
		if i > 0 && p.PartNumber <= req.Parts[i-1].PartNumber {
			return apiErr("InvalidPartOrder", "")
		}
		have := u.Parts[p.PartNumber]
		if have == nil || strings.Trim(p.ETag, `"`) != strings.Trim(have.ETag, `"`) {
			return &APIError{Code: "InvalidPart", Message: catalogue["InvalidPart"].msg + fmt.Sprintf(" (part %d)", p.PartNumber)}
		}
		if i < len(req.Parts)-1 && have.Size < s.minPart {
			return apiErr("EntityTooSmall", "part %d is %d bytes; every part but the last must be at least %d bytes", p.PartNumber, have.Size, s.minPart)
		}
		raw, _ := hex.DecodeString(strings.Trim(have.ETag, `"`))
		md5s.Write(raw)
		numbers = append(numbers, p.PartNumber)
	}
	obj := u.Template
	obj.Key = key
	obj.LastModified = s.now()
	obj.ETag = fmt.Sprintf(`"%s-%d"`, hex.EncodeToString(md5s.Sum(nil)), len(numbers))
	obj.Checksums, obj.ChecksumType = nil, ""
	obj, err = s.store.CompleteUpload(bucket, id, numbers, obj, cond)
	if err != nil {
		return err
	}
	s.completed.add(bucket, key, id, obj.ETag)
	if err := writeXML(w, completeMultipartUploadResult{NS: s3NS, Location: "/" + bucket + "/" + key, Bucket: bucket, Key: key, ETag: obj.ETag}); err != nil {
		return err
	}
	s.notify(bucket, "ObjectCreated:CompleteMultipartUpload", obj, w.Header().Get("X-Amz-Request-Id"), r)
	return nil
}

func (s *Server) abortUpload(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, key string) error {
	if err := s.store.AbortUpload(bucket, r.URL.Query().Get("uploadId")); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (s *Server) listParts(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, key string) error {
	q := r.URL.Query()
	id := q.Get("uploadId")
	u, err := s.store.GetUpload(bucket, id)
	if err != nil {
		return err
	}
	max := 1000
	if v := q.Get("max-parts"); v != "" {
		if max, err = strconv.Atoi(v); err != nil || max < 0 {
			return apiErr("InvalidArgument", "max-parts must be a non-negative integer")
		}
	}
	marker := 0
	if v := q.Get("part-number-marker"); v != "" {
		if marker, err = strconv.Atoi(v); err != nil {
			return apiErr("InvalidArgument", "part-number-marker must be an integer")
		}
	}
	var nums []int
	for n := range u.Parts {
		if n > marker {
			nums = append(nums, n)
		}
	}
	sort.Ints(nums)
	res := listPartsResult{NS: s3NS, Bucket: bucket, Key: u.Key, UploadID: id, PartNumberMarker: marker, MaxParts: max,
		StorageClass: "STANDARD", Initiator: localOwner, Owner: localOwner}
	for _, n := range nums {
		if len(res.Parts) >= max {
			res.IsTruncated = true
			break
		}
		p := u.Parts[n]
		x := partXML{PartNumber: n, LastModified: s3Time(p.LastModified), ETag: p.ETag, Size: p.Size}
		x.ChecksumCRC32, x.ChecksumCRC32C, x.ChecksumSHA1, x.ChecksumSHA256, x.ChecksumCRC64NVME =
			p.Checksums["CRC32"], p.Checksums["CRC32C"], p.Checksums["SHA1"], p.Checksums["SHA256"], p.Checksums["CRC64NVME"]
		res.Parts = append(res.Parts, x)
		res.NextPartNumberMarker = n
	}
	return writeXML(w, res)
}

func (s *Server) listUploads(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, _ string) error {
	q := r.URL.Query()
	ups, err := s.store.ListUploads(bucket)
	if err != nil {
		return err
	}
	max := 1000
	if v := q.Get("max-uploads"); v != "" {
		if max, err = strconv.Atoi(v); err != nil || max < 0 {
			return apiErr("InvalidArgument", "max-uploads must be a non-negative integer")
		}
	}
	prefix, km, um := q.Get("prefix"), q.Get("key-marker"), q.Get("upload-id-marker")
	res := listMultipartUploadsResult{NS: s3NS, Bucket: bucket, KeyMarker: km, UploadIDMarker: um, Prefix: prefix, MaxUploads: max}
	passedMarker := km == ""
	for _, u := range ups {
		if !strings.HasPrefix(u.Key, prefix) {
			continue
		}
		if !passedMarker {
			if u.Key < km || (u.Key == km && (um == "" || u.ID <= um)) {
				continue
			}
			passedMarker = true
		}
		if len(res.Uploads) >= max {
			res.IsTruncated = true
			break
		}
		res.Uploads = append(res.Uploads, uploadXML{Key: u.Key, UploadID: u.ID, Initiator: localOwner, Owner: localOwner,
			StorageClass: "STANDARD", Initiated: s3Time(u.Initiated)})
		res.NextKeyMarker, res.NextUploadIDMarker = u.Key, u.ID
	}
	return writeXML(w, res)
}

// completedUploads remembers the most recently completed multipart uploads,
// so that a CompleteMultipartUpload retried by an SDK (its first response
// lost to a timeout or a reset connection) succeeds again instead of
// reporting NoSuchUpload for an upload that did complete. Kept in memory:
// a retry comes seconds after the original, not across a restart.
type completedUploads struct {
	mu    sync.Mutex
	etags map[string]string // bucket\x00key\x00uploadId → ETag
	order []string
}

const maxCompletedUploads = 1024

func (c *completedUploads) add(bucket, key, id, etag string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if c.etags == nil {
		c.etags = map[string]string{}
	}
	k := bucket + "\x00" + key + "\x00" + id
	if _, ok := c.etags[k]; !ok {
		c.order = append(c.order, k)
	}
	c.etags[k] = etag
	if len(c.order) > maxCompletedUploads {
		delete(c.etags, c.order[0])
		c.order = c.order[1:]
	}
}

func (c *completedUploads) lookup(bucket, key, id string) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	etag, ok := c.etags[bucket+"\x00"+key+"\x00"+id]
	return etag, ok
}

// copySourceRange parses x-amz-copy-source-range, which unlike a GET's
// Range must name both ends: exactly "bytes=first-last", first <= last.
func copySourceRange(v string) (first, last int64, err error) {
	bad := apiErr("InvalidArgument", "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
	spec, ok := strings.CutPrefix(v, "bytes=")
	if !ok {
		return 0, 0, bad
	}
	a, b, ok := strings.Cut(spec, "-")
	if !ok {
		return 0, 0, bad
	}
	first, err1 := strconv.ParseInt(a, 10, 64)
	last, err2 := strconv.ParseInt(b, 10, 64)
	if err1 != nil || err2 != nil || first < 0 || last < first {
		return 0, 0, bad
	}
	return first, last, nil
}
