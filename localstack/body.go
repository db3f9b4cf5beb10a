package localstack

import (
	"crypto/md5"
	"crypto/sha1"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"hash/crc32"
	"hash/crc64"
	"io"
	"net/http"
	"strconv"
	"strings"

	"github.com/nanolambda/nl/localstack/sigv4"
)

// Checksum algorithms S3 accepts, by the name used in x-amz-checksum-NAME.
var checksumAlgorithms = []string{"CRC32", "CRC32C", "SHA1", "SHA256", "CRC64NVME"}

var (
	castagnoli = crc32.MakeTable(crc32.Castagnoli)
	// CRC-64/NVME is the reflected polynomial 0x9a6c9329ac4bc9b5 with
	// all-ones init and final xor, which is what hash/crc64 computes.
	nvme = crc64.MakeTable(0x9a6c9329ac4bc9b5)
)

func newChecksum(alg string) hash.Hash {
	switch alg {
	case "CRC32":
		return crc32.NewIEEE()
	case "CRC32C":
		return crc32.New(castagnoli)
	case "SHA1":
		return sha1.New()
	case "SHA256":
		return sha256.New()
	case "CRC64NVME":
		return crc64.New(nvme)
	}
	return nil
}

// bodyReader is a decoded request body that hashes what passes through it:
// MD5 for the ETag, plus every checksum the client announced.
type bodyReader struct {
	r         io.Reader
	chunked   *sigv4.ChunkedReader
	md5       hash.Hash
	sums      map[string]hash.Hash
	expect    map[string]string // from headers; trailers are added at EOF
	md5Want   string            // Content-MD5, base64
	n         int64
	limit     int64
	wantSize  int64 // decoded length announced, -1 if unknown
	algorithm string
}

type bodyTooLarge struct{ limit int64 }

func (e bodyTooLarge) Error() string { return fmt.Sprintf("body exceeds %d bytes", e.limit) }

func isBodyTooLarge(err error) bool { var e bodyTooLarge; return errors.As(err, &e) }

var errIncomplete = errors.New("body shorter than announced")

func isIncomplete(err error) bool {
	return errors.Is(err, errIncomplete) || errors.Is(err, io.ErrUnexpectedEOF)
}

// openBody prepares the body of a write request: aws-chunked framing is
// removed, the signed payload hash checked, and checksums computed.
func (s *Server) openBody(r *http.Request, a *sigv4.Auth) (*bodyReader, error) {
	b := &bodyReader{r: r.Body, md5: md5.New(), sums: map[string]hash.Hash{}, expect: map[string]string{}, limit: s.maxObject, wantSize: r.ContentLength}
	payload := r.Header.Get("X-Amz-Content-Sha256")
	// The framing is announced by a STREAMING- payload hash, or by the
	// aws-chunked coding together with the decoded length; aws-chunked named
	// in Content-Encoding alone, over a plain body, is only dropped from the
	// stored Content-Encoding, as S3 does.
	chunked := strings.HasPrefix(payload, "STREAMING-") ||
		(hasToken(r.Header.Get("Content-Encoding"), "aws-chunked") && r.Header.Get("X-Amz-Decoded-Content-Length") != "")
	if chunked {
		dl := r.Header.Get("X-Amz-Decoded-Content-Length")
		if dl == "" {
			return nil, apiErr("MissingContentLength", "aws-chunked body without x-amz-decoded-content-length")
		}
		n, err := strconv.ParseInt(dl, 10, 64)
		if err != nil || n < 0 {
			return nil, apiErr("InvalidArgument", "x-amz-decoded-content-length %q is not a size", dl)
		}
		b.wantSize = n
		var sa *sigv4.Auth
		if payload == sigv4.StreamingSigned || payload == sigv4.StreamingSignedTrailer {
			sa = a
			if sa == nil && s.verifier != nil {
				return nil, apiErr("AccessDenied", "signed aws-chunked body without a signature")
			}
		}
		if sa == nil && (payload == sigv4.StreamingSigned || payload == sigv4.StreamingSignedTrailer) {
			// --no-auth: decode framing without checking signatures.
			b.chunked = sigv4.NewChunkedReader(r.Body, nil)
		} else {
			b.chunked = sigv4.NewChunkedReader(r.Body, sa)
		}
		b.r = b.chunked
	} else if a != nil && len(payload) == 64 {
		if _, err := hex.DecodeString(payload); err == nil {
			b.r = sigv4.NewHashCheckReader(r.Body, payload)
		}
	} else if a != nil && payload != "" && payload != sigv4.UnsignedPayload && !a.Presigned {
		return nil, apiErr("InvalidArgument", "x-amz-content-sha256 must be a SHA-256 hex digest, UNSIGNED-PAYLOAD or a STREAMING- value, not %q", payload)
	}
	if b.wantSize > s.maxObject {
		return nil, apiErr("EntityTooLarge", "the object of %d bytes exceeds the maximum of %d bytes", b.wantSize, s.maxObject)
	}
	if b.wantSize < 0 && !chunked {
		// Transfer-Encoding: chunked without aws-chunked: size unknown until EOF.
		b.wantSize = -1
	}
	if v := r.Header.Get("Content-Md5"); v != "" {
		raw, err := base64.StdEncoding.DecodeString(v)
		if err != nil || len(raw) != md5.Size {
			return nil, apiErr("InvalidDigest", "the Content-MD5 you specified is not valid")
		}
		b.md5Want = v
	}
	for _, alg := range checksumAlgorithms {
		if v := r.Header.Get("X-Amz-Checksum-" + alg); v != "" {
			if err := checkEncoding(alg, v); err != nil {
				return nil, err
			}
			b.expect[alg] = v
			b.sums[alg] = newChecksum(alg)
			b.algorithm = alg
		}
	}
	for _, t := range strings.Split(r.Header.Get("X-Amz-Trailer"), ",") {
		t = strings.TrimSpace(strings.ToLower(t))
		if alg, ok := strings.CutPrefix(t, "x-amz-checksum-"); ok {
			alg = strings.ToUpper(alg)
			if newChecksum(alg) == nil {
				return nil, apiErr("InvalidRequest", "unsupported checksum trailer %q", t)
			}
			b.sums[alg] = newChecksum(alg)
			b.algorithm = alg
		}
	}
	if alg := strings.ToUpper(r.Header.Get("X-Amz-Sdk-Checksum-Algorithm")); alg != "" {
		if newChecksum(alg) == nil {
			return nil, apiErr("InvalidRequest", "unsupported x-amz-sdk-checksum-algorithm %q", alg)
		}
		if b.sums[alg] == nil {
			b.sums[alg] = newChecksum(alg)
		}
		b.algorithm = alg
	}
	return b, nil
}

func checkEncoding(alg, v string) error {
	raw, err := base64.StdEncoding.DecodeString(v)
	if err != nil || len(raw) != newChecksum(alg).Size() {
		return apiErr("InvalidRequest", "Value for x-amz-checksum-%s header is invalid.", strings.ToLower(alg))
	}
	return nil
}

func hasToken(list, tok string) bool {
	for _, t := range strings.Split(list, ",") {
		if strings.EqualFold(strings.TrimSpace(t), tok) {
			return true
		}
	}
	return false
}

func (b *bodyReader) Read(p []byte) (int, error) {
	n, err := b.r.Read(p)
	if n > 0 {
		b.n += int64(n)
		if b.n > b.limit {
			return 0, bodyTooLarge{b.limit}
		}
		b.md5.Write(p[:n])
		for _, h := range b.sums {
			h.Write(p[:n])
		}
	}
	if err == io.EOF && b.wantSize >= 0 && b.n != b.wantSize {
		return n, errIncomplete
	}
	return n, err
}

// finish checks the announced digests after the body was read completely
// and returns the ETag and the checksums to store.
func (b *bodyReader) finish() (etag string, sums map[string]string, err error) {
	sum := b.md5.Sum(nil)
	if b.md5Want != "" && base64.StdEncoding.EncodeToString(sum) != b.md5Want {
		return "", nil, apiErr("BadDigest", "The Content-MD5 you specified did not match what we received.")
	}
	if b.chunked != nil {
		for name, vals := range b.chunked.Trailers() {
			if alg, ok := strings.CutPrefix(name, "x-amz-checksum-"); ok && len(vals) > 0 {
				alg = strings.ToUpper(alg)
				if err := checkEncoding(alg, vals[0]); err != nil {
					return "", nil, err
				}
				b.expect[alg] = vals[0]
			}
		}
	}
	sums = map[string]string{}
	for alg, h := range b.sums {
		got := base64.StdEncoding.EncodeToString(h.Sum(nil))
		if want, ok := b.expect[alg]; ok && want != got {
			return "", nil, apiErr("BadDigest", "The %s you specified did not match the calculated checksum.", alg)
		}
		sums[alg] = got
	}
	if len(sums) == 0 {
		sums = nil
	}
	return `"` + hex.EncodeToString(sum) + `"`, sums, nil
}

// setChecksumHeaders echoes stored checksums as x-amz-checksum-* headers.
func setChecksumHeaders(h http.Header, sums map[string]string) {
	for alg, v := range sums {
		h.Set("X-Amz-Checksum-"+alg, v)
	}
}
