package localstack

import (
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"

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
		rng, ok, err := parseRange(v, src.Size)
		if err != nil || !ok || rng.end >= src.Size {
			return apiErr("InvalidArgument", "The x-amz-copy-source-range value must be of the form bytes=first-last where first and last are the zero-based offsets of the first and last bytes to copy")
		}
		start, size = rng.start, rng.end-rng.start+1
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
	obj, err = s.store.CompleteUpload(bucket, id, numbers, obj)
	if err != nil {
		return err
	}
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
