package localstack_test

import (
	"fmt"
	"io"
	"strings"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// TestConditionalWrites: PutObject with If-None-Match: * creates only an
// absent key, and with If-Match only replaces the version named, as S3's
// conditional writes do; racing conditional creates have one winner.
func TestConditionalWrites(t *testing.T) {
	st := newStack(t)
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("condw")}))(t)
	put := func(key, body string, mod func(*s3.PutObjectInput)) (*s3.PutObjectOutput, error) {
		in := &s3.PutObjectInput{Bucket: aws.String("condw"), Key: aws.String(key), Body: strings.NewReader(body)}
		mod(in)
		return c.PutObject(ctx, in)
	}
	ifNone := func(in *s3.PutObjectInput) { in.IfNoneMatch = aws.String("*") }

	first := must(put("lock", "v1", ifNone))(t)
	_, err := put("lock", "v2", ifNone)
	wantCode(t, "second create", err, "PreconditionFailed")
	if got := readObject(t, c, "condw", "lock"); got != "v1" {
		t.Fatalf("a refused conditional write changed the object: %q", got)
	}

	_, err = put("lock", "v2", func(in *s3.PutObjectInput) { in.IfMatch = aws.String(`"0123"`) })
	wantCode(t, "If-Match with another ETag", err, "PreconditionFailed")
	second := must(put("lock", "v2", func(in *s3.PutObjectInput) { in.IfMatch = first.ETag }))(t)
	if got := readObject(t, c, "condw", "lock"); got != "v2" || *second.ETag == *first.ETag {
		t.Fatalf("If-Match with the current ETag: object %q, ETag %s", got, *second.ETag)
	}
	_, err = put("absent", "x", func(in *s3.PutObjectInput) { in.IfMatch = first.ETag })
	wantCode(t, "If-Match on a missing key", err, "NoSuchKey")
	_, err = put("lock", "x", func(in *s3.PutObjectInput) { in.IfNoneMatch = second.ETag })
	wantCode(t, "If-None-Match with an ETag", err, "NotImplemented")

	// Eight clients race to create one key: exactly one succeeds.
	var wg sync.WaitGroup
	results := make([]error, 8)
	for i := range results {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, results[i] = put("race", fmt.Sprint("writer ", i), ifNone)
		}()
	}
	wg.Wait()
	wins := 0
	for _, err := range results {
		switch errorCode(err) {
		case "":
			wins++
		case "PreconditionFailed":
		default:
			t.Errorf("racing create: %v", err)
		}
	}
	if wins != 1 {
		t.Fatalf("%d of 8 racing conditional creates succeeded, want exactly 1", wins)
	}
}

func readObject(t *testing.T, c *s3.Client, bucket, key string) string {
	t.Helper()
	out := must(c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)}))(t)
	defer out.Body.Close()
	return string(must(io.ReadAll(out.Body))(t))
}

// TestConditionalComplete: CompleteMultipartUpload honours If-None-Match: *
// too, and a refused completion leaves the upload open to retry elsewhere.
func TestConditionalComplete(t *testing.T) {
	st := newStack(t)
	c := st.s3(t)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("condmp")}))(t)
	must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("condmp"), Key: aws.String("taken"), Body: strings.NewReader("old")}))(t)
	for _, key := range []string{"taken", "free"} {
		up := must(c.CreateMultipartUpload(ctx, &s3.CreateMultipartUploadInput{Bucket: aws.String("condmp"), Key: aws.String(key)}))(t)
		part := must(c.UploadPart(ctx, &s3.UploadPartInput{Bucket: aws.String("condmp"), Key: aws.String(key), UploadId: up.UploadId,
			PartNumber: aws.Int32(1), Body: strings.NewReader("new")}))(t)
		complete := &s3.CompleteMultipartUploadInput{Bucket: aws.String("condmp"), Key: aws.String(key), UploadId: up.UploadId,
			IfNoneMatch: aws.String("*"), MultipartUpload: &types.CompletedMultipartUpload{Parts: []types.CompletedPart{{ETag: part.ETag, PartNumber: aws.Int32(1)}}}}
		_, err := c.CompleteMultipartUpload(ctx, complete)
		if key == "taken" {
			wantCode(t, "complete onto an existing key", err, "PreconditionFailed")
			if got := readObject(t, c, "condmp", key); got != "old" {
				t.Fatalf("refused completion replaced the object: %q", got)
			}
			parts := must(c.ListParts(ctx, &s3.ListPartsInput{Bucket: aws.String("condmp"), Key: aws.String(key), UploadId: up.UploadId}))(t)
			if len(parts.Parts) != 1 {
				t.Fatalf("refused completion ended the upload: %d parts listed", len(parts.Parts))
			}
			continue
		}
		if err != nil {
			t.Fatalf("complete onto a free key: %v", err)
		}
		if got := readObject(t, c, "condmp", key); got != "new" {
			t.Fatalf("completed object = %q", got)
		}
	}
}
