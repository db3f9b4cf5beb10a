package e2e

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"
)

func zipHandler(t *testing.T, src string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, _ := zw.Create("handler.py")
	w.Write([]byte(src))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func body(i, size int) []byte {
	unit := []byte(fmt.Sprintf("object %d;", i))
	b := bytes.Repeat(unit, size/len(unit)+1)
	return b[:size]
}

func TestPersistenceAcrossRestart(t *testing.T) {
	dir := t.TempDir()
	p := startDev(t, "--data-dir", dir, "--quiet")
	c := s3Client(p.url)
	if _, err := c.CreateBucket(bg, &s3.CreateBucketInput{Bucket: aws.String("keep")}); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 20; i++ {
		if _, err := c.PutObject(bg, &s3.PutObjectInput{Bucket: aws.String("keep"), Key: aws.String(fmt.Sprintf("k%02d", i)),
			Body: bytes.NewReader(body(i, 1000*i+1)), Metadata: map[string]string{"i": fmt.Sprint(i)}}); err != nil {
			t.Fatal(err)
		}
	}
	lc := lambdaClient(p.url)
	zipped := zipHandler(t, "def handler(event, context):\n    return {'v': event['v'] + 1}\n")
	if _, err := lc.CreateFunction(bg, &lambda.CreateFunctionInput{FunctionName: aws.String("keepfn"), Runtime: ltypes.RuntimePython312,
		Role: aws.String("r"), Handler: aws.String("handler.handler"), Code: &ltypes.FunctionCode{ZipFile: zipped}}); err != nil {
		t.Fatal(err)
	}
	if _, err := lc.Invoke(bg, &lambda.InvokeInput{FunctionName: aws.String("keepfn"), Payload: []byte(`{"v": 1}`)}); err != nil {
		t.Fatal(err)
	}
	p.cmd.Process.Signal(syscall.SIGTERM)
	if err := <-p.done; err != nil {
		t.Fatalf("nl dev exit after SIGTERM: %v\n%s", err, p.stderr)
	}
	p.done <- nil // for the cleanup
	p2 := startDev(t, "--data-dir", dir, "--quiet")
	c2 := s3Client(p2.url)
	out, err := lambdaClient(p2.url).Invoke(bg, &lambda.InvokeInput{FunctionName: aws.String("keepfn"), Payload: []byte(`{"v": 41}`)})
	if err != nil || string(out.Payload) != `{"v":42}` {
		t.Fatalf("function after restart: %v %s", err, out.Payload)
	}
	// The invocation log survives too: the first entry is from before.
	resp, err := http.Get(p2.url + "/_nl/logs/keepfn")
	if err != nil {
		t.Fatal(err)
	}
	logs, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if n := bytes.Count(logs, []byte("\n")); n != 2 {
		t.Fatalf("%d log entries after restart, want 2:\n%s", n, logs)
	}
	for i := 0; i < 20; i++ {
		got, err := readAll(t, c2, "keep", fmt.Sprintf("k%02d", i))
		if err != nil || !bytes.Equal(got, body(i, 1000*i+1)) {
			t.Fatalf("k%02d after restart: %v (%d bytes)", i, err, len(got))
		}
	}
	head, err := c2.HeadObject(bg, &s3.HeadObjectInput{Bucket: aws.String("keep"), Key: aws.String("k07")})
	if err != nil || head.Metadata["i"] != "7" {
		t.Fatalf("metadata after restart: %v %v", err, head)
	}
}

// slowReader yields size bytes slowly and signals after the first half.
type slowReader struct {
	left, half int
	halfway    chan struct{}
	once       sync.Once
}

func (r *slowReader) Read(p []byte) (int, error) {
	if r.left == 0 {
		return 0, io.EOF
	}
	if len(p) > 32<<10 {
		p = p[:32<<10]
	}
	if len(p) > r.left {
		p = p[:r.left]
	}
	for i := range p {
		p[i] = 'z'
	}
	r.left -= len(p)
	if r.left <= r.half {
		r.once.Do(func() { close(r.halfway) })
		time.Sleep(5 * time.Millisecond)
	}
	return len(p), nil
}

func TestCrashMidUpload(t *testing.T) {
	dir := t.TempDir()
	p := startDev(t, "--data-dir", dir, "--quiet")
	c := s3Client(p.url)
	if _, err := c.CreateBucket(bg, &s3.CreateBucketInput{Bucket: aws.String("crash")}); err != nil {
		t.Fatal(err)
	}
	// Writers store objects and remember what was acknowledged.
	var mu sync.Mutex
	acked := map[string][32]byte{}
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for w := 0; w < 8; w++ {
		wg.Add(1)
		go func(w int) {
			defer wg.Done()
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				key := fmt.Sprintf("w%d/%04d", w, i)
				data := body(w*1000+i, 1+(i*7919)%300000)
				if _, err := c.PutObject(bg, &s3.PutObjectInput{Bucket: aws.String("crash"), Key: aws.String(key), Body: bytes.NewReader(data)}); err == nil {
					mu.Lock()
					acked[key] = sha256.Sum256(data)
					mu.Unlock()
				}
			}
		}(w)
	}
	// A large upload that the crash interrupts.
	sr := &slowReader{left: 64 << 20, half: 48 << 20, halfway: make(chan struct{})}
	bigErr := make(chan error, 1)
	go func() { bigErr <- presignedPut(c, "crash", "partial-big", sr, 64<<20) }()
	select {
	case <-sr.halfway:
	case err := <-bigErr:
		t.Fatalf("big upload ended early: %v", err)
	case <-time.After(60 * time.Second):
		t.Fatal("big upload too slow")
	}
	for deadline := time.Now().Add(30 * time.Second); ; time.Sleep(10 * time.Millisecond) {
		mu.Lock()
		n := len(acked)
		mu.Unlock()
		if n >= 50 || time.Now().After(deadline) {
			break
		}
	}
	p.cmd.Process.Signal(syscall.SIGKILL)
	<-p.done
	p.done <- nil
	close(stop)
	wg.Wait()
	if err := <-bigErr; err == nil {
		t.Fatal("the interrupted upload was acknowledged")
	}
	if len(acked) < 10 {
		t.Fatalf("only %d objects acknowledged before the crash", len(acked))
	}

	p2 := startDev(t, "--data-dir", dir, "--quiet")
	c2 := s3Client(p2.url)
	for key, sum := range acked {
		got, err := readAll(t, c2, "crash", key)
		if err != nil {
			t.Fatalf("acknowledged %s lost: %v", key, err)
		}
		if sha256.Sum256(got) != sum {
			t.Fatalf("acknowledged %s corrupted (%d bytes)", key, len(got))
		}
	}
	if _, err := c2.HeadObject(bg, &s3.HeadObjectInput{Bucket: aws.String("crash"), Key: aws.String("partial-big")}); err == nil {
		t.Fatal("the interrupted upload is visible after restart")
	}
	// Everything listed is readable and whole: no torn object is visible.
	pg := s3.NewListObjectsV2Paginator(c2, &s3.ListObjectsV2Input{Bucket: aws.String("crash")})
	listed := 0
	for pg.HasMorePages() {
		out, err := pg.NextPage(bg)
		if err != nil {
			t.Fatal(err)
		}
		for _, o := range out.Contents {
			got, err := readAll(t, c2, "crash", *o.Key)
			if err != nil || int64(len(got)) != *o.Size {
				t.Fatalf("listed %s unreadable: %v (%d of %d bytes)", *o.Key, err, len(got), *o.Size)
			}
			listed++
		}
	}
	if listed < len(acked) {
		t.Fatalf("listed %d objects, %d were acknowledged", listed, len(acked))
	}
	// Recovery removed the half-written body.
	if ents, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(ents) != 0 {
		t.Fatalf("%d temporary files left after recovery", len(ents))
	}
}

func TestGracefulShutdownFinishesInFlight(t *testing.T) {
	dir := t.TempDir()
	p := startDev(t, "--data-dir", dir, "--quiet")
	c := s3Client(p.url)
	if _, err := c.CreateBucket(bg, &s3.CreateBucketInput{Bucket: aws.String("grace")}); err != nil {
		t.Fatal(err)
	}
	sr := &slowReader{left: 8 << 20, half: 6 << 20, halfway: make(chan struct{})}
	errc := make(chan error, 1)
	go func() { errc <- presignedPut(c, "grace", "inflight", sr, 8<<20) }()
	<-sr.halfway
	p.cmd.Process.Signal(syscall.SIGTERM)
	if err := <-errc; err != nil {
		t.Fatalf("in-flight upload failed during shutdown: %v", err)
	}
	if err := <-p.done; err != nil {
		t.Fatalf("exit after SIGTERM: %v", err)
	}
	p.done <- nil
	p2 := startDev(t, "--data-dir", dir, "--quiet")
	got, err := readAll(t, s3Client(p2.url), "grace", "inflight")
	if err != nil || len(got) != 8<<20 {
		t.Fatalf("acknowledged in-flight upload after restart: %v, %d bytes", err, len(got))
	}
}

// presignedPut streams body to a presigned PUT URL: an unsigned payload of
// known length, which the SDK itself sends only over TLS.
func presignedPut(c *s3.Client, bucket, key string, body io.Reader, size int64) error {
	req, err := s3.NewPresignClient(c).PresignPutObject(bg, &s3.PutObjectInput{Bucket: aws.String(bucket), Key: aws.String(key)})
	if err != nil {
		return err
	}
	hr, err := http.NewRequest(http.MethodPut, req.URL, body)
	if err != nil {
		return err
	}
	hr.ContentLength = size
	resp, err := httpClient().Do(hr)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	msg, _ := io.ReadAll(resp.Body)
	if resp.StatusCode != 200 {
		return fmt.Errorf("presigned PUT: %s: %s", resp.Status, msg)
	}
	return nil
}
