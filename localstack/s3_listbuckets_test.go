package localstack_test

import (
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

// TestListBucketsPages: ListBuckets pages with MaxBuckets and filters by
// prefix, through the SDK's own paginator.
func TestListBucketsPages(t *testing.T) {
	st := newStack(t)
	c := st.s3(t)
	names := []string{"pg-a", "pg-b", "pg-c", "pg-d", "pg-e", "other"}
	for _, n := range names {
		must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(n)}))(t)
	}
	var got []string
	pages := 0
	p := s3.NewListBucketsPaginator(c, &s3.ListBucketsInput{MaxBuckets: aws.Int32(2), Prefix: aws.String("pg-")})
	for p.HasMorePages() {
		out := must(p.NextPage(ctx))(t)
		pages++
		for _, b := range out.Buckets {
			got = append(got, *b.Name)
			if b.BucketRegion == nil || *b.BucketRegion == "" {
				t.Errorf("bucket %s has no BucketRegion", *b.Name)
			}
		}
	}
	if strings.Join(got, ",") != "pg-a,pg-b,pg-c,pg-d,pg-e" || pages != 3 {
		t.Fatalf("paged listing = %v in %d pages, want pg-a..pg-e in 3", got, pages)
	}
	all := must(c.ListBuckets(ctx, &s3.ListBucketsInput{}))(t)
	if len(all.Buckets) != len(names) || all.ContinuationToken != nil {
		t.Fatalf("unpaged listing: %d buckets, token %v", len(all.Buckets), all.ContinuationToken)
	}
	_, err := c.ListBuckets(ctx, &s3.ListBucketsInput{MaxBuckets: aws.Int32(0)})
	wantCode(t, "max-buckets 0", err, "InvalidArgument")
	elsewhere := must(c.ListBuckets(ctx, &s3.ListBucketsInput{BucketRegion: aws.String("eu-west-1")}))(t)
	if len(elsewhere.Buckets) != 0 {
		t.Fatalf("buckets listed for another region: %d", len(elsewhere.Buckets))
	}
}
