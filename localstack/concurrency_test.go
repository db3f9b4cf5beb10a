package localstack_test

import (
	"bytes"
	"crypto/sha256"
	"encoding/json"
	"fmt"
	"io"
	"sync"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/localstack/store"
)

// TestConcurrentClients runs 64 goroutines that mix PutObject, GetObject,
// ListObjectsV2 and Invoke on a persistent store, then checks that every
// acknowledged write is intact and every invocation answered correctly.
func TestConcurrentClients(t *testing.T) {
	st0, err := store.OpenDir(t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	defer st0.Close()
	st := newLambdaStack(t, localstack.WithStore(st0), localstack.WithConcurrency(8))
	sc, lc := st.s3(t), st.lambda(t)
	must(sc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("conc")}))(t)
	createFn(t, lc, "sq", "def handler(event, context):\n    return {'sq': event['x'] * event['x']}\n")

	const workers, rounds = 64, 12
	var wg sync.WaitGroup
	errs := make(chan error, workers*rounds)
	var mu sync.Mutex
	written := map[string][32]byte{}
	for w := 0; w < workers; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; i < rounds; i++ {
				key := fmt.Sprintf("w%02d/%02d", w, i)
				data := bytes.Repeat([]byte{byte(w), byte(i)}, 1000+(w*i)%5000)
				switch (w + i) % 4 {
				case 0, 1:
					if _, err := sc.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("conc"), Key: aws.String(key), Body: bytes.NewReader(data)}); err != nil {
						errs <- fmt.Errorf("put %s: %w", key, err)
						continue
					}
					mu.Lock()
					written[key] = sha256.Sum256(data)
					mu.Unlock()
					out, err := sc.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("conc"), Key: aws.String(key)})
					if err != nil {
						errs <- fmt.Errorf("get %s: %w", key, err)
						continue
					}
					got, _ := io.ReadAll(out.Body)
					out.Body.Close()
					if !bytes.Equal(got, data) {
						errs <- fmt.Errorf("get %s: body differs", key)
					}
				case 2:
					if _, err := sc.ListObjectsV2(ctx, &s3.ListObjectsV2Input{Bucket: aws.String("conc"), Prefix: aws.String(fmt.Sprintf("w%02d/", w))}); err != nil {
						errs <- fmt.Errorf("list: %w", err)
					}
				case 3:
					x := w*100 + i
					out, err := lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("sq"), Payload: []byte(fmt.Sprintf(`{"x": %d}`, x))})
					if err != nil {
						errs <- fmt.Errorf("invoke: %w", err)
						continue
					}
					var r struct{ Sq int }
					if err := json.Unmarshal(out.Payload, &r); err != nil || r.Sq != x*x || out.FunctionError != nil {
						errs <- fmt.Errorf("invoke x=%d: %s", x, out.Payload)
					}
				}
			}
		}(w)
	}
	wg.Wait()
	close(errs)
	for err := range errs {
		t.Error(err)
	}
	count := 0
	p := s3.NewListObjectsV2Paginator(sc, &s3.ListObjectsV2Input{Bucket: aws.String("conc")})
	for p.HasMorePages() {
		page := must(p.NextPage(ctx))(t)
		count += len(page.Contents)
	}
	if count != len(written) {
		t.Fatalf("listed %d objects, %d were written", count, len(written))
	}
	for key, sum := range written {
		out := must(sc.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("conc"), Key: aws.String(key)}))(t)
		got, _ := io.ReadAll(out.Body)
		if sha256.Sum256(got) != sum {
			t.Fatalf("%s corrupted", key)
		}
	}
	if n := len(st.srv.Logs("sq", 0)); n != workers*rounds/4 {
		t.Fatalf("%d invocations logged, want %d", n, workers*rounds/4)
	}
}
