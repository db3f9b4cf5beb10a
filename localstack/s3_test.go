package localstack_test

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"

	"github.com/nanolambda/nl/localstack"
)

var ctx = context.Background()

func TestBuckets(t *testing.T) {
	st := newStack(t)
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("alpha")}))(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("beta")}))(t)
	must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("alpha"), Key: aws.String("kept"), Body: strings.NewReader("x")}))(t)
	// us-east-1 answers 200 to re-creating one's own bucket and keeps it as
	// it is; other regions answer BucketAlreadyOwnedByYou.
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("alpha")}))(t)
	must(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("alpha"), Key: aws.String("kept")}))(t)
	must(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("alpha"), Key: aws.String("kept")}))(t)
	eu := newStack(t, localstack.WithRegion("eu-west-1"))
	ec := eu.s3(t, func(o *s3.Options) { o.Region = "eu-west-1" })
	must(ec.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("alpha"), CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}}))(t)
	_, err := ec.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("alpha"), CreateBucketConfiguration: &types.CreateBucketConfiguration{LocationConstraint: "eu-west-1"}})
	wantCode(t, "create existing outside us-east-1", err, "BucketAlreadyOwnedByYou")
	must(c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("alpha")}))(t)
	_, err = c.HeadBucket(ctx, &s3.HeadBucketInput{Bucket: aws.String("nope")})
	wantCode(t, "head missing", err, "NotFound")
	out := must(c.ListBuckets(ctx, &s3.ListBucketsInput{}))(t)
	if len(out.Buckets) != 2 || *out.Buckets[0].Name != "alpha" || *out.Buckets[1].Name != "beta" {
		t.Fatalf("ListBuckets = %+v", out.Buckets)
	}
	must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("alpha"), Key: aws.String("k"), Body: strings.NewReader("x")}))(t)
	_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("alpha")})
	wantCode(t, "delete non-empty", err, "BucketNotEmpty")
	must(c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("beta")}))(t)
	_, err = c.DeleteBucket(ctx, &s3.DeleteBucketInput{Bucket: aws.String("beta")})
	wantCode(t, "delete twice", err, "NoSuchBucket")
	loc := must(c.GetBucketLocation(ctx, &s3.GetBucketLocationInput{Bucket: aws.String("alpha")}))(t)
	if loc.LocationConstraint != "" {
		t.Errorf("us-east-1 location = %q, want empty", loc.LocationConstraint)
	}
}

func TestBucketNameRules(t *testing.T) {
	st := newStack(t)
	c := st.s3(t)
	for _, name := range []string{"ab", "UPPER", "-lead", "trail-", "a..b", "192.168.1.1", "xn--abc", strings.Repeat("a", 64), "under_score", "a.-b"} {
		t.Run(name, func(t *testing.T) {
			_, err := c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(name)})
			if errorCode(err) != "InvalidBucketName" {
				// Some names never reach the wire: the SDK refuses them.
				if err == nil {
					t.Fatalf("bucket %q accepted", name)
				}
			}
		})
	}
	if out := must(c.ListBuckets(ctx, &s3.ListBucketsInput{}))(t); len(out.Buckets) != 0 {
		t.Fatalf("invalid buckets were created: %+v", out.Buckets)
	}
}

func TestObjectRoundTrip(t *testing.T) {
	st := newStack(t)
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bkt")}))(t)
	keys := []string{"plain.txt", "dir/sub/file.json", "a+b c=d&e.txt", "ünï/cødé ✓", "../../etc/passwd", "dots/../x", "tab\there", "q?x=1#frag"}
	for _, key := range keys {
		t.Run(key, func(t *testing.T) {
			body := "body of " + key
			put := must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key), Body: strings.NewReader(body),
				ContentType: aws.String("text/plain"), Metadata: map[string]string{"owner": "nl", "n": "1"}, CacheControl: aws.String("max-age=60")}))(t)
			sum := md5.Sum([]byte(body))
			if want := `"` + hex.EncodeToString(sum[:]) + `"`; *put.ETag != want {
				t.Fatalf("ETag = %s, want %s", *put.ETag, want)
			}
			get := must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key)}))(t)
			got, _ := io.ReadAll(get.Body)
			get.Body.Close()
			if string(got) != body {
				t.Fatalf("body = %q, want %q", got, body)
			}
			if *get.ContentType != "text/plain" || get.Metadata["owner"] != "nl" || *get.CacheControl != "max-age=60" || *get.ContentLength != int64(len(body)) {
				t.Fatalf("headers: type %v meta %v cache %v len %v", *get.ContentType, get.Metadata, *get.CacheControl, *get.ContentLength)
			}
			head := must(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("bkt"), Key: aws.String(key)}))(t)
			if *head.ETag != *put.ETag || *head.ContentLength != int64(len(body)) {
				t.Fatalf("head = %v %v", *head.ETag, *head.ContentLength)
			}
		})
	}
	list := must(c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("bkt")}))(t)
	if len(list.Contents) != len(keys) {
		t.Fatalf("listed %d objects, want %d", len(list.Contents), len(keys))
	}
	must(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("plain.txt")}))(t)
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bkt"), Key: aws.String("plain.txt")})
	wantCode(t, "get deleted", err, "NoSuchKey")
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("nobucket"), Key: aws.String("k")})
	wantCode(t, "get in missing bucket", err, "NoSuchBucket")
	// Deleting a missing key succeeds, as in S3.
	must(c.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("bkt"), Key: aws.String("never")}))(t)
}

func TestVirtualHostedStyle(t *testing.T) {
	st := newStack(t)
	url := strings.Replace(st.url, "127.0.0.1", "localhost", 1)
	c := s3Client(url, "test", "test", func(o *s3.Options) { o.UsePathStyle = false })
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("vhost")}))(t)
	must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("vhost"), Key: aws.String("a/b.txt"), Body: strings.NewReader("virtual")}))(t)
	// Read it back path-style: the same object.
	get := must(st.s3(t).GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("vhost"), Key: aws.String("a/b.txt")}))(t)
	b, _ := io.ReadAll(get.Body)
	if string(b) != "virtual" {
		t.Fatalf("path-style read of a virtual-hosted write = %q", b)
	}
	list := must(c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("vhost")}))(t)
	if len(list.Contents) != 1 || *list.Contents[0].Key != "a/b.txt" {
		t.Fatalf("virtual-hosted list = %+v", list.Contents)
	}
}

// nonSeekable hides Seek so the SDK streams the body with aws-chunked
// encoding and a trailing checksum.
type nonSeekable struct{ io.Reader }

func TestChecksums(t *testing.T) {
	t.Run("http", func(t *testing.T) { testChecksums(t, newStack(t)) })
	t.Run("https", func(t *testing.T) { testChecksums(t, newTLSStack(t)) })
}

func testChecksums(t *testing.T, st *stack) {
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("cks")}))(t)
	data := bytes.Repeat([]byte("0123456789abcdef"), 10000)
	for _, alg := range []types.ChecksumAlgorithm{types.ChecksumAlgorithmCrc32, types.ChecksumAlgorithmCrc32c, types.ChecksumAlgorithmSha1, types.ChecksumAlgorithmSha256, types.ChecksumAlgorithmCrc64nvme} {
		for _, streamed := range []bool{false, true} {
			if streamed && !strings.HasPrefix(st.url, "https") {
				continue // the SDK streams unseekable bodies only over TLS
			}
			t.Run(fmt.Sprintf("%s/streamed=%v", alg, streamed), func(t *testing.T) {
				var body io.Reader = bytes.NewReader(data)
				if streamed {
					body = nonSeekable{bytes.NewReader(data)}
				}
				key := fmt.Sprintf("%s-%v", alg, streamed)
				in := &s3.PutObjectInput{Bucket: aws.String("cks"), Key: aws.String(key), Body: body, ChecksumAlgorithm: alg}
				if streamed {
					in.ContentLength = aws.Int64(int64(len(data)))
				}
				must(c.PutObject(ctx, in))(t)
				get := must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("cks"), Key: aws.String(key), ChecksumMode: types.ChecksumModeEnabled}))(t)
				got, err := io.ReadAll(get.Body) // the SDK validates the checksum while reading
				if err != nil {
					t.Fatal(err)
				}
				if !bytes.Equal(got, data) {
					t.Fatalf("body differs (%d bytes, want %d)", len(got), len(data))
				}
				head := must(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("cks"), Key: aws.String(key)}))(t)
				if head.ContentEncoding != nil && strings.Contains(*head.ContentEncoding, "aws-chunked") {
					t.Fatalf("aws-chunked stored as Content-Encoding")
				}
			})
		}
	}
	t.Run("mismatch", func(t *testing.T) {
		_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("cks"), Key: aws.String("bad"), Body: strings.NewReader("data"),
			ChecksumCRC32: aws.String("AAAAAA==")})
		wantCode(t, "wrong crc32", err, "BadDigest")
		_, err = c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("cks"), Key: aws.String("bad")})
		wantCode(t, "object with a bad checksum", err, "NotFound")
	})
}

func TestRangesAndConditions(t *testing.T) {
	st := newStack(t)
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("rng")}))(t)
	put := must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("rng"), Key: aws.String("k"), Body: strings.NewReader("0123456789")}))(t)
	for _, tc := range []struct{ rng, want, cr string }{
		{"bytes=0-3", "0123", "bytes 0-3/10"},
		{"bytes=7-", "789", "bytes 7-9/10"},
		{"bytes=-2", "89", "bytes 8-9/10"},
		{"bytes=5-100", "56789", "bytes 5-9/10"},
	} {
		t.Run(tc.rng, func(t *testing.T) {
			out := must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("rng"), Key: aws.String("k"), Range: aws.String(tc.rng)}))(t)
			b, _ := io.ReadAll(out.Body)
			if string(b) != tc.want || *out.ContentRange != tc.cr {
				t.Fatalf("range %s = %q (%s), want %q (%s)", tc.rng, b, *out.ContentRange, tc.want, tc.cr)
			}
		})
	}
	_, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("rng"), Key: aws.String("k"), Range: aws.String("bytes=20-30")})
	wantCode(t, "unsatisfiable range", err, "InvalidRange")
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("rng"), Key: aws.String("k"), IfMatch: aws.String(`"nope"`)})
	wantCode(t, "If-Match mismatch", err, "PreconditionFailed")
	must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("rng"), Key: aws.String("k"), IfMatch: put.ETag}))(t)
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("rng"), Key: aws.String("k"), IfNoneMatch: put.ETag})
	wantCode(t, "If-None-Match match", err, "NotModified")
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("rng"), Key: aws.String("k"), IfModifiedSince: aws.Time(time.Now().Add(time.Hour))})
	wantCode(t, "If-Modified-Since future", err, "NotModified")
	must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("rng"), Key: aws.String("k"), IfModifiedSince: aws.Time(time.Now().Add(-time.Hour))}))(t)
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("rng"), Key: aws.String("k"), IfUnmodifiedSince: aws.Time(time.Now().Add(-time.Hour))})
	wantCode(t, "If-Unmodified-Since past", err, "PreconditionFailed")
}

func TestListing(t *testing.T) {
	st := newStack(t)
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("lst")}))(t)
	keys := []string{"a/1", "a/2", "a/b/3", "b/1", "c", "d/x/y", "e+f"}
	for _, k := range keys {
		must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("lst"), Key: aws.String(k), Body: strings.NewReader(k)}))(t)
	}
	names := func(objs []types.Object, cps []types.CommonPrefix) string {
		var s []string
		for _, o := range objs {
			s = append(s, *o.Key)
		}
		for _, p := range cps {
			s = append(s, "P:"+*p.Prefix)
		}
		return strings.Join(s, ",")
	}
	for _, tc := range []struct {
		name string
		in   s3.ListObjectsV2Input
		want string
	}{
		{"all", s3.ListObjectsV2Input{}, "a/1,a/2,a/b/3,b/1,c,d/x/y,e+f"},
		{"prefix", s3.ListObjectsV2Input{Prefix: aws.String("a/")}, "a/1,a/2,a/b/3"},
		{"delimiter", s3.ListObjectsV2Input{Delimiter: aws.String("/")}, "c,e+f,P:a/,P:b/,P:d/"},
		{"prefix+delimiter", s3.ListObjectsV2Input{Prefix: aws.String("a/"), Delimiter: aws.String("/")}, "a/1,a/2,P:a/b/"},
		{"start-after", s3.ListObjectsV2Input{StartAfter: aws.String("b/1")}, "c,d/x/y,e+f"},
		{"url-encoding", s3.ListObjectsV2Input{Prefix: aws.String("e"), EncodingType: types.EncodingTypeUrl}, "e%2Bf"}, // the caller decodes
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := tc.in
			in.Bucket = aws.String("lst")
			out := must(c.ListObjectsV2(ctx, &in))(t)
			if got := names(out.Contents, out.CommonPrefixes); got != tc.want {
				t.Fatalf("list = %s, want %s", got, tc.want)
			}
		})
	}
	t.Run("pages", func(t *testing.T) {
		var got []string
		p := s3.NewListObjectsV2Paginator(c, &s3.ListObjectsV2Input{Bucket: aws.String("lst"), MaxKeys: aws.Int32(2), Delimiter: aws.String("/")})
		pages := 0
		for p.HasMorePages() {
			out := must(p.NextPage(ctx))(t)
			pages++
			got = append(got, names(out.Contents, out.CommonPrefixes))
		}
		if strings.Join(got, ",") != "P:a/,P:b/,c,P:d/,e+f" || pages != 3 {
			t.Fatalf("pages = %d %v", pages, got)
		}
	})
	t.Run("empty continuation token echoed", func(t *testing.T) {
		out := must(c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("lst"), ContinuationToken: aws.String("")}))(t)
		if out.ContinuationToken == nil || *out.ContinuationToken != "" || len(out.Contents) != len(keys) {
			t.Fatalf("ContinuationToken = %v with %d keys; want \"\" echoed and all %d keys", out.ContinuationToken, len(out.Contents), len(keys))
		}
	})
	t.Run("max-keys 0", func(t *testing.T) {
		out := must(c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("lst"), MaxKeys: aws.Int32(0)}))(t)
		if len(out.Contents) != 0 || *out.IsTruncated || out.NextContinuationToken != nil {
			t.Fatalf("max-keys=0: %d keys, truncated %v, token %v; want an empty page, not truncated", len(out.Contents), *out.IsTruncated, out.NextContinuationToken)
		}
	})
	t.Run("v1", func(t *testing.T) {
		out := must(c.ListObjects(ctx, &s3.ListObjectsInput{Bucket: aws.String("lst"), Marker: aws.String("a/b/3"), MaxKeys: aws.Int32(2)}))(t)
		if got := names(out.Contents, nil); got != "b/1,c" || !*out.IsTruncated {
			t.Fatalf("v1 = %s truncated %v", got, *out.IsTruncated)
		}
	})
	t.Run("versions", func(t *testing.T) {
		out := must(c.ListObjectVersions(ctx, &s3.ListObjectVersionsInput{Bucket: aws.String("lst")}))(t)
		if len(out.Versions) != len(keys) || *out.Versions[0].VersionId != "null" || !*out.Versions[0].IsLatest {
			t.Fatalf("versions = %+v", out.Versions)
		}
	})
	_, err := c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("none")})
	wantCode(t, "list missing bucket", err, "NoSuchBucket")
}

// Content-Encoding is stored as sent, without the aws-chunked coding the
// SDK adds over TLS for its streamed uploads with trailing checksums.
func TestContentEncodingKept(t *testing.T) {
	for _, tls := range []bool{false, true} {
		st := startStack(t, tls)
		c := st.s3(t)
		must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("enc")}))(t)
		for _, tc := range []struct{ ce, want string }{
			{"gzip", "gzip"}, {"deflate, gzip", "deflate, gzip"}, {"br,gzip", "br,gzip"},
			{"gzip, aws-chunked", "gzip"}, {"aws-chunked, gzip", "gzip"}, {"aws-chunked", ""},
		} {
			ce := tc.ce
			t.Run(fmt.Sprintf("tls=%v/%s", tls, ce), func(t *testing.T) {
				var body io.Reader = strings.NewReader("x")
				if tls {
					body = nonSeekable{strings.NewReader("x")}
				}
				must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("enc"), Key: aws.String("k"), Body: body, ContentLength: aws.Int64(1), ContentEncoding: aws.String(ce)}))(t)
				h := must(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("enc"), Key: aws.String("k")}))(t)
				if aws.ToString(h.ContentEncoding) != tc.want {
					t.Fatalf("Content-Encoding = %q, want %q", aws.ToString(h.ContentEncoding), tc.want)
				}
			})
		}
	}
}

func TestCopyAndDeleteObjects(t *testing.T) {
	st := newStack(t)
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("src")}))(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("dst")}))(t)
	must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("src"), Key: aws.String("a b+c"), Body: strings.NewReader("copy me"),
		Metadata: map[string]string{"m": "1"}}))(t)
	cp := must(c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dst"), Key: aws.String("copied"), CopySource: aws.String("src/a%20b%2Bc")}))(t)
	get := must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("dst"), Key: aws.String("copied")}))(t)
	b, _ := io.ReadAll(get.Body)
	if string(b) != "copy me" || get.Metadata["m"] != "1" || *get.ETag != *cp.CopyObjectResult.ETag {
		t.Fatalf("copy = %q meta %v etag %s/%s", b, get.Metadata, *get.ETag, *cp.CopyObjectResult.ETag)
	}
	_, err := c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dst"), Key: aws.String("x"), CopySource: aws.String("src/missing")})
	wantCode(t, "copy missing", err, "NoSuchKey")
	_, err = c.CopyObject(ctx, &s3.CopyObjectInput{Bucket: aws.String("dst"), Key: aws.String("copied"), CopySource: aws.String("dst/copied")})
	wantCode(t, "copy onto itself", err, "InvalidRequest")

	// The AWS CLI reads an object's tags before a multipart copy; nl dev
	// keeps none and says so with an empty tag set.
	tags := must(c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String("dst"), Key: aws.String("copied")}))(t)
	if len(tags.TagSet) != 0 {
		t.Fatalf("GetObjectTagging = %v, want an empty tag set", tags.TagSet)
	}
	_, err = c.GetObjectTagging(ctx, &s3.GetObjectTaggingInput{Bucket: aws.String("dst"), Key: aws.String("missing")})
	wantCode(t, "tagging of a missing key", err, "NoSuchKey")

	for i := 0; i < 5; i++ {
		must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("dst"), Key: aws.String(fmt.Sprintf("d%d", i)), Body: strings.NewReader("x")}))(t)
	}
	del := must(c.DeleteObjects(ctx, &s3.DeleteObjectsInput{Bucket: aws.String("dst"), Delete: &types.Delete{Objects: []types.ObjectIdentifier{
		{Key: aws.String("d0")}, {Key: aws.String("d1")}, {Key: aws.String("d2")}, {Key: aws.String("not-there")}}}}))(t)
	if len(del.Deleted) != 4 || len(del.Errors) != 0 {
		t.Fatalf("DeleteObjects deleted %d, errors %v", len(del.Deleted), del.Errors)
	}
	list := must(c.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("dst")}))(t)
	if len(list.Contents) != 3 {
		t.Fatalf("%d objects left, want 3", len(list.Contents))
	}
}

func TestMultipartUpload(t *testing.T) {
	st := newStack(t)
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("mpu")}))(t)
	create := must(c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String("big"),
		ContentType: aws.String("application/x-big"), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32}))(t)
	const partSize = 5 << 20
	var parts []types.CompletedPart
	var all bytes.Buffer
	md5s := md5.New()
	for i := 1; i <= 3; i++ {
		size := partSize
		if i == 3 {
			size = 1234
		}
		data := bytes.Repeat([]byte{byte('a' + i)}, size)
		all.Write(data)
		up := must(c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("mpu"), Key: aws.String("big"), UploadId: create.UploadId,
			PartNumber: aws.Int32(int32(i)), Body: bytes.NewReader(data), ChecksumAlgorithm: types.ChecksumAlgorithmCrc32}))(t)
		sum := md5.Sum(data)
		md5s.Write(sum[:])
		parts = append(parts, types.CompletedPart{PartNumber: aws.Int32(int32(i)), ETag: up.ETag, ChecksumCRC32: up.ChecksumCRC32})
	}
	lp := must(c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("mpu"), Key: aws.String("big"), UploadId: create.UploadId}))(t)
	if len(lp.Parts) != 3 || *lp.Parts[2].Size != 1234 {
		t.Fatalf("ListParts = %+v", lp.Parts)
	}
	lu := must(c.ListMultipartUploads(ctx, &s3.ListMultipartUploadsInput{Bucket: aws.String("mpu")}))(t)
	if len(lu.Uploads) != 1 || *lu.Uploads[0].UploadId != *create.UploadId {
		t.Fatalf("ListMultipartUploads = %+v", lu.Uploads)
	}
	_, err := c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String("big"), UploadId: create.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{parts[1], parts[0]}}})
	wantCode(t, "parts out of order", err, "InvalidPartOrder")
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String("big"), UploadId: create.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{parts[0], {PartNumber: aws.Int32(2), ETag: aws.String(`"0000"`)}}}})
	wantCode(t, "wrong part etag", err, "InvalidPart")
	done := must(c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String("big"), UploadId: create.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}))(t)
	if want := fmt.Sprintf(`"%x-3"`, md5s.Sum(nil)); *done.ETag != want {
		t.Fatalf("multipart ETag = %s, want %s", *done.ETag, want)
	}
	get := must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("mpu"), Key: aws.String("big")}))(t)
	got, _ := io.ReadAll(get.Body)
	if !bytes.Equal(got, all.Bytes()) || *get.ContentType != "application/x-big" {
		t.Fatalf("joined object: %d bytes (want %d), type %s", len(got), all.Len(), *get.ContentType)
	}
	// GetObject/HeadObject by part number: the part's bytes (what the SDKs'
	// parallel downloaders ask for), its count, InvalidPartNumber past it.
	offset := 0
	for i, size := range []int{partSize, partSize, 1234} {
		n := aws.Int32(int32(i + 1))
		part := must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("mpu"), Key: aws.String("big"), PartNumber: n}))(t)
		b, _ := io.ReadAll(part.Body)
		if !bytes.Equal(b, all.Bytes()[offset:offset+size]) || aws.ToInt32(part.PartsCount) != 3 || *part.ETag != *done.ETag {
			t.Fatalf("part %d: %d bytes, parts count %d, etag %s", i+1, len(b), aws.ToInt32(part.PartsCount), *part.ETag)
		}
		head := must(c.HeadObject(ctx, &s3.HeadObjectInput{Bucket: aws.String("mpu"), Key: aws.String("big"), PartNumber: n}))(t)
		if aws.ToInt64(head.ContentLength) != int64(size) {
			t.Fatalf("HeadObject part %d: %d bytes, want %d", i+1, aws.ToInt64(head.ContentLength), size)
		}
		offset += size
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("mpu"), Key: aws.String("big"), PartNumber: aws.Int32(4)})
	wantCode(t, "part past the last", err, "InvalidPartNumber")
	must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("mpu"), Key: aws.String("single"), Body: strings.NewReader("one piece")}))(t)
	whole := must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("mpu"), Key: aws.String("single"), PartNumber: aws.Int32(1)}))(t)
	if b, _ := io.ReadAll(whole.Body); string(b) != "one piece" {
		t.Fatalf("part 1 of a single-part object = %q", b)
	}
	_, err = c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("mpu"), Key: aws.String("single"), PartNumber: aws.Int32(2)})
	wantCode(t, "part 2 of a single-part object", err, "InvalidPartNumber")
	// An SDK retries a Complete whose answer it lost; S3 answers it again.
	again := must(c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String("big"), UploadId: create.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: parts}}))(t)
	if *again.ETag != *done.ETag {
		t.Fatalf("retried Complete: ETag %s, want %s", *again.ETag, *done.ETag)
	}
	_, err = c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("mpu"), Key: aws.String("big"), UploadId: create.UploadId})
	wantCode(t, "parts of a completed upload", err, "NoSuchUpload")
	// UploadPartCopy ranges: both ends, inside the source.
	cp := must(c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String("copy")}))(t)
	for _, tc := range []struct{ rng, code string }{
		{"bytes=0-21", ""}, {"bytes=0-99999999", "InvalidRange"}, {"0-2", "InvalidArgument"}, {"bytes=0", "InvalidArgument"},
		{"bytes=0-", "InvalidArgument"}, {"bytes=hello-world", "InvalidArgument"}, {"bytes=5-2", "InvalidArgument"}, {"bytes=0-2,3-5", "InvalidArgument"},
	} {
		_, err := c.UploadPartCopy(ctx, &s3.UploadPartCopyInput{Bucket: aws.String("mpu"), Key: aws.String("copy"), UploadId: cp.UploadId,
			PartNumber: aws.Int32(1), CopySource: aws.String("mpu/big"), CopySourceRange: aws.String(tc.rng)})
		if tc.code == "" {
			if err != nil {
				t.Fatalf("copy range %s: %v", tc.rng, err)
			}
			continue
		}
		wantCode(t, "copy range "+tc.rng, err, tc.code)
	}
	// Abort and the errors of a finished upload.
	ab := must(c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String("gone")}))(t)
	must(c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("mpu"), Key: aws.String("gone"), UploadId: ab.UploadId, PartNumber: aws.Int32(1), Body: strings.NewReader("x")}))(t)
	must(c.AbortMultipartUpload(ctx, &s3.AbortMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String("gone"), UploadId: ab.UploadId}))(t)
	_, err = c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("mpu"), Key: aws.String("gone"), UploadId: ab.UploadId, PartNumber: aws.Int32(2), Body: strings.NewReader("x")})
	wantCode(t, "part after abort", err, "NoSuchUpload")
	// A too-small non-final part.
	sm := must(c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String("small")}))(t)
	var sp []types.CompletedPart
	for i := 1; i <= 2; i++ {
		up := must(c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("mpu"), Key: aws.String("small"), UploadId: sm.UploadId, PartNumber: aws.Int32(int32(i)), Body: strings.NewReader("tiny")}))(t)
		sp = append(sp, types.CompletedPart{PartNumber: aws.Int32(int32(i)), ETag: up.ETag})
	}
	_, err = c.CompleteMultipartUpload(ctx, &s3.CompleteMultipartUploadInput{Bucket: aws.String("mpu"), Key: aws.String("small"), UploadId: sm.UploadId,
		MultipartUpload: &types.CompletedMultipartUpload{Parts: sp}})
	wantCode(t, "small part", err, "EntityTooSmall")
}

func TestAuth(t *testing.T) {
	st := newStack(t)
	must(st.s3(t).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("auth")}))(t)
	_, err := s3Client(st.url, "test", "wrong").ListBuckets(ctx, &s3.ListBucketsInput{})
	wantCode(t, "wrong secret", err, "SignatureDoesNotMatch")
	_, err = s3Client(st.url, "nobody", "test").ListBuckets(ctx, &s3.ListBucketsInput{})
	wantCode(t, "unknown key", err, "InvalidAccessKeyId")
	_, err = s3Client(st.url, "test", "wrong").PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("auth"), Key: aws.String("k"), Body: strings.NewReader("data")})
	wantCode(t, "wrong secret, put", err, "SignatureDoesNotMatch")
	tst := newTLSStack(t)
	must(tst.s3(t).CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("auth")}))(t)
	_, err = s3Client(tst.url, "test", "wrong").PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("auth"), Key: aws.String("k"), Body: nonSeekable{strings.NewReader("data")}, ContentLength: aws.Int64(4)})
	wantCode(t, "wrong secret, streamed put", err, "SignatureDoesNotMatch")
	resp, err := http.Get(st.url + "/auth")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("anonymous request: status %d, want 403", resp.StatusCode)
	}

	t.Run("custom keys", func(t *testing.T) {
		st := newStack(t, localstack.WithCredentials(map[string]string{"AKID": "s3cret"}))
		must(s3Client(st.url, "AKID", "s3cret").ListBuckets(ctx, &s3.ListBucketsInput{}))(t)
		_, err := s3Client(st.url, "test", "test").ListBuckets(ctx, &s3.ListBucketsInput{})
		wantCode(t, "default keys replaced", err, "InvalidAccessKeyId")
	})
	t.Run("no auth", func(t *testing.T) {
		st := newStack(t, localstack.WithNoAuth())
		resp, err := http.Get(st.url + "/")
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if resp.StatusCode != 200 {
			t.Fatalf("--no-auth anonymous ListBuckets: %d", resp.StatusCode)
		}
	})
}

func TestPresignedURLs(t *testing.T) {
	st := newStack(t)
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("pre")}))(t)
	ps := s3.NewPresignClient(c)
	put := must(ps.PresignPutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("pre"), Key: aws.String("up load")}))(t)
	req, _ := http.NewRequest(http.MethodPut, put.URL, strings.NewReader("presigned body"))
	for k, v := range put.SignedHeader {
		req.Header[k] = v
	}
	resp := must(http.DefaultClient.Do(req))(t)
	resp.Body.Close()
	if resp.StatusCode != 200 {
		t.Fatalf("presigned PUT: %d", resp.StatusCode)
	}
	get := must(ps.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("pre"), Key: aws.String("up load")}))(t)
	resp = must(http.Get(get.URL))(t)
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 200 || string(b) != "presigned body" {
		t.Fatalf("presigned GET: %d %q", resp.StatusCode, b)
	}
	resp = must(http.Get(strings.Replace(get.URL, "X-Amz-Signature=", "X-Amz-Signature=0", 1)))(t)
	resp.Body.Close()
	if resp.StatusCode != 403 {
		t.Fatalf("tampered presigned URL: %d, want 403", resp.StatusCode)
	}
	old := must(ps.PresignGetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("pre"), Key: aws.String("up load")}, func(o *s3.PresignOptions) {
		o.Expires = time.Second
	}))(t)
	time.Sleep(1100 * time.Millisecond)
	resp = must(http.Get(old.URL))(t)
	body, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if resp.StatusCode != 403 || !strings.Contains(string(body), "expired") {
		t.Fatalf("expired presigned URL: %d %s", resp.StatusCode, body)
	}
}

// A bucket whose name is the Lambda API's version date stays an S3 bucket.
func TestBucketNamedLikeLambdaPath(t *testing.T) {
	st := newLambdaStack(t)
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("2015-03-31")}))(t)
	must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("2015-03-31"), Key: aws.String("functions/x"), Body: strings.NewReader("s3 data")}))(t)
	out := must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("2015-03-31"), Key: aws.String("functions/x")}))(t)
	b, _ := io.ReadAll(out.Body)
	if string(b) != "s3 data" {
		t.Fatalf("got %q", b)
	}
}
