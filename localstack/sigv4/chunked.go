package sigv4

import (
	"bufio"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"errors"
	"fmt"
	"hash"
	"io"
	"net/http"
	"strconv"
	"strings"
)

// maxChunk bounds one aws-chunked chunk so that a hostile size line cannot
// make the server allocate or wait for gigabytes; clients send 64 KiB–8 MiB.
const maxChunk = 64 << 20

// ChunkedReader decodes an aws-chunked body:
//
//	body    = *chunk last-chunk trailer CRLF
//	chunk   = hex-size [";chunk-signature=" sig] CRLF data CRLF
//	last    = "0" [";chunk-signature=" sig] CRLF
//	trailer = *(name ":" value CRLF)    ; may end with x-amz-trailer-signature
//
// For signed streams each chunk's signature chains from the previous one,
// starting at the seed signature of the Authorization header. Trailers are
// available after Read has returned io.EOF.
type ChunkedReader struct {
	r        *bufio.Reader
	auth     *Auth // nil for unsigned streams
	prevSig  string
	left     int64 // bytes left in the current chunk
	curSig   string
	h        hash.Hash
	done     bool
	err      error
	trailers http.Header
	decoded  int64
}

// NewChunkedReader decodes body; a is nil for STREAMING-UNSIGNED-PAYLOAD-TRAILER.
func NewChunkedReader(body io.Reader, a *Auth) *ChunkedReader {
	c := &ChunkedReader{r: bufio.NewReaderSize(body, 64<<10), auth: a, trailers: http.Header{}}
	if a != nil {
		c.prevSig = a.Signature
		c.h = sha256.New()
	}
	return c
}

// Trailers returns the trailing headers (x-amz-checksum-*), valid after EOF.
func (c *ChunkedReader) Trailers() http.Header { return c.trailers }

// ErrChunkSignature is returned by Read when a chunk signature is wrong.
var ErrChunkSignature = &Error{Code: "SignatureDoesNotMatch", Msg: "a chunk signature of the aws-chunked body does not match"}

func malformed(format string, args ...any) error {
	return &Error{Code: "IncompleteBody", Msg: "malformed aws-chunked body: " + fmt.Sprintf(format, args...)}
}

func (c *ChunkedReader) readLine() (string, error) {
	line, err := c.r.ReadString('\n')
	if err != nil {
		if err == io.EOF && line == "" {
			return "", io.ErrUnexpectedEOF
		}
		if err != io.EOF {
			return "", err
		}
	}
	if len(line) > 4096 {
		return "", malformed("line too long")
	}
	return strings.TrimRight(line, "\r\n"), nil
}

// Read returns decoded payload bytes, checking each chunk as it ends.
func (c *ChunkedReader) Read(p []byte) (int, error) {
	if c.err != nil {
		return 0, c.err
	}
	for c.left == 0 {
		if err := c.nextChunk(); err != nil {
			c.err = err
			return 0, err
		}
		if c.done {
			c.err = io.EOF
			return 0, io.EOF
		}
	}
	if int64(len(p)) > c.left {
		p = p[:c.left]
	}
	n, err := c.r.Read(p)
	c.left -= int64(n)
	c.decoded += int64(n)
	if c.h != nil {
		c.h.Write(p[:n])
	}
	if err == io.EOF {
		err = io.ErrUnexpectedEOF
	}
	if err != nil {
		c.err = err
		return n, err
	}
	if c.left == 0 {
		if err := c.endChunk(); err != nil {
			c.err = err
		}
	}
	return n, nil
}

// endChunk checks the CRLF after a chunk's data and its signature.
func (c *ChunkedReader) endChunk() error {
	line, err := c.readLine()
	if err != nil {
		return err
	}
	if line != "" {
		return malformed("chunk data longer than its size")
	}
	return c.checkSig()
}

func (c *ChunkedReader) checkSig() error {
	if c.auth == nil {
		return nil
	}
	sts := strings.Join([]string{"AWS4-HMAC-SHA256-PAYLOAD", c.auth.Date, c.auth.Scope, c.prevSig, emptySHA256, hex.EncodeToString(c.h.Sum(nil))}, "\n")
	want := hex.EncodeToString(hmacSHA256(c.auth.key, sts))
	if subtle.ConstantTimeCompare([]byte(want), []byte(c.curSig)) != 1 {
		return ErrChunkSignature
	}
	c.prevSig = c.curSig
	c.h.Reset()
	return nil
}

func (c *ChunkedReader) nextChunk() error {
	line, err := c.readLine()
	if err != nil {
		return err
	}
	sizeStr, ext, _ := strings.Cut(line, ";")
	size, err := strconv.ParseInt(strings.TrimSpace(sizeStr), 16, 64)
	if err != nil || size < 0 {
		return malformed("bad chunk size %q", sizeStr)
	}
	if size > maxChunk {
		return malformed("chunk of %d bytes exceeds the %d-byte limit", size, maxChunk)
	}
	if c.auth != nil {
		sig, ok := strings.CutPrefix(ext, "chunk-signature=")
		if !ok {
			return malformed("chunk without chunk-signature")
		}
		c.curSig = sig
	}
	if size > 0 {
		c.left = size
		return nil
	}
	// The last chunk: verify its (empty) signature, then read trailers.
	if err := c.checkSig(); err != nil {
		return err
	}
	var trailerSig string
	var canon strings.Builder
	for {
		line, err := c.readLine()
		if errors.Is(err, io.ErrUnexpectedEOF) {
			break // some clients omit the final CRLF
		}
		if err != nil {
			return err
		}
		if line == "" {
			break
		}
		name, val, ok := strings.Cut(line, ":")
		if !ok {
			return malformed("bad trailer line %q", line)
		}
		name = strings.ToLower(strings.TrimSpace(name))
		val = strings.TrimSpace(val)
		if name == "x-amz-trailer-signature" {
			trailerSig = val
			continue
		}
		c.trailers.Add(name, val)
		canon.WriteString(name + ":" + val + "\n")
	}
	if c.auth != nil && c.auth.PayloadHash == StreamingSignedTrailer {
		sts := strings.Join([]string{"AWS4-HMAC-SHA256-TRAILER", c.auth.Date, c.auth.Scope, c.prevSig, hexSHA256([]byte(canon.String()))}, "\n")
		want := hex.EncodeToString(hmacSHA256(c.auth.key, sts))
		if subtle.ConstantTimeCompare([]byte(want), []byte(trailerSig)) != 1 {
			return &Error{Code: "SignatureDoesNotMatch", Msg: "the trailer signature of the aws-chunked body does not match"}
		}
	}
	c.done = true
	return nil
}

// HashCheckReader fails at EOF when the body's SHA-256 is not the one the
// client signed in x-amz-content-sha256.
type HashCheckReader struct {
	r    io.Reader
	h    hash.Hash
	want string
}

// NewHashCheckReader wraps r to check its hex SHA-256 against want.
func NewHashCheckReader(r io.Reader, want string) *HashCheckReader {
	return &HashCheckReader{r: r, h: sha256.New(), want: strings.ToLower(want)}
}

// Read passes the body through and checks the hash at EOF.
func (h *HashCheckReader) Read(p []byte) (int, error) {
	n, err := h.r.Read(p)
	h.h.Write(p[:n])
	if err == io.EOF && hex.EncodeToString(h.h.Sum(nil)) != h.want {
		return n, &Error{Code: "XAmzContentSHA256Mismatch", Msg: "the provided 'x-amz-content-sha256' header does not match what was computed"}
	}
	return n, err
}
