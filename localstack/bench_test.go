package localstack_test

import (
	"bytes"
	"fmt"
	"io"
	"sort"
	"sync/atomic"
	"syscall"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"
	"github.com/aws/aws-sdk-go-v2/service/s3"

	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/localstack/store"
)

const smallHandler = "def handler(event, context):\n    return {'ok': True, 'n': event['n'] + 1}\n"

// reportLatency adds p50 and p99 in microseconds and the rate in ops/s.
func reportLatency(b *testing.B, d []time.Duration, elapsed time.Duration) {
	if len(d) == 0 {
		return
	}
	sort.Slice(d, func(i, j int) bool { return d[i] < d[j] })
	b.ReportMetric(float64(d[len(d)/2].Microseconds()), "p50-µs")
	b.ReportMetric(float64(d[len(d)*99/100].Microseconds()), "p99-µs")
	b.ReportMetric(float64(len(d))/elapsed.Seconds(), "ops/s")
}

// BenchmarkWarmInvoke: sequential RequestResponse invokes of a warm small
// handler through aws-sdk-go-v2 over loopback HTTP with SigV4.
func BenchmarkWarmInvoke(b *testing.B) {
	st := newLambdaStack(b)
	c := st.lambda(b)
	createFn(b, c, "warm", smallHandler)
	invoke(b, c, "warm", map[string]int{"n": 0}) // load it
	lat := make([]time.Duration, 0, b.N)
	payload := []byte(`{"n": 1}`)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		out, err := c.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("warm"), Payload: payload})
		if err != nil || out.FunctionError != nil {
			b.Fatalf("invoke: %v", err)
		}
		lat = append(lat, time.Since(t0))
	}
	reportLatency(b, lat, time.Since(start))
}

// BenchmarkInvokeThroughput: concurrent clients (GOMAXPROCS×4 goroutines).
func BenchmarkInvokeThroughput(b *testing.B) {
	st := newLambdaStack(b)
	c := st.lambda(b)
	createFn(b, c, "tput", smallHandler)
	invoke(b, c, "tput", map[string]int{"n": 0})
	var fails atomic.Int64
	b.SetParallelism(4)
	cpu0 := cpuTime()
	b.ResetTimer()
	start := time.Now()
	b.RunParallel(func(pb *testing.PB) {
		payload := []byte(`{"n": 1}`)
		for pb.Next() {
			out, err := c.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("tput"), Payload: payload})
			if err != nil || out.FunctionError != nil {
				fails.Add(1)
			}
		}
	})
	el := time.Since(start)
	if fails.Load() > 0 {
		b.Fatalf("%d invokes failed", fails.Load())
	}
	b.ReportMetric(float64(b.N)/el.Seconds(), "invokes/s")
	// CPU time per invoke (client and server together, both in this
	// process) bounds throughput independently of other load on the machine.
	b.ReportMetric(float64((cpuTime()-cpu0).Microseconds())/float64(b.N), "cpu-µs/invoke")
}

// cpuTime is the process's user+system CPU time.
func cpuTime() time.Duration {
	var ru syscall.Rusage
	syscall.Getrusage(syscall.RUSAGE_SELF, &ru)
	return time.Duration(ru.Utime.Nano() + ru.Stime.Nano())
}

// BenchmarkColdStart: CreateFunction (upload, compile) and the first
// Invoke (load, run top level, call) of a new function, end to end.
func BenchmarkColdStart(b *testing.B) {
	st := newLambdaStack(b)
	c := st.lambda(b)
	code := zipOf(b, "handler.py", smallHandler)
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		name := fmt.Sprintf("cold%d", i)
		t0 := time.Now()
		_, err := c.CreateFunction(ctx, &lambda.CreateFunctionInput{FunctionName: aws.String(name), Runtime: ltypes.RuntimePython312,
			Role: aws.String("r"), Handler: aws.String("handler.handler"), Code: &ltypes.FunctionCode{ZipFile: code}})
		if err != nil {
			b.Fatal(err)
		}
		out, err := c.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String(name), Payload: []byte(`{"n": 1}`)})
		if err != nil || out.FunctionError != nil {
			b.Fatalf("first invoke: %v", err)
		}
		lat = append(lat, time.Since(t0))
	}
	reportLatency(b, lat, time.Since(start))
}

func benchS3(b *testing.B, size int, get bool, disk bool) {
	var opts []localstack.Option
	if disk {
		st, err := store.OpenDir(b.TempDir())
		if err != nil {
			b.Fatal(err)
		}
		b.Cleanup(func() { st.Close() })
		opts = append(opts, localstack.WithStore(st))
	}
	stk := newStack(b, opts...)
	c := stk.s3(b)
	must(c.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("bench")}))(b)
	data := bytes.Repeat([]byte("x"), size)
	if get {
		must(c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bench"), Key: aws.String("obj"), Body: bytes.NewReader(data)}))(b)
	}
	b.SetBytes(int64(size))
	lat := make([]time.Duration, 0, b.N)
	b.ResetTimer()
	start := time.Now()
	for i := 0; i < b.N; i++ {
		t0 := time.Now()
		if get {
			out, err := c.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("bench"), Key: aws.String("obj")})
			if err != nil {
				b.Fatal(err)
			}
			io.Copy(io.Discard, out.Body)
			out.Body.Close()
		} else {
			_, err := c.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("bench"), Key: aws.String(fmt.Sprintf("k%d", i%100)), Body: bytes.NewReader(data)})
			if err != nil {
				b.Fatal(err)
			}
		}
		lat = append(lat, time.Since(t0))
	}
	reportLatency(b, lat, time.Since(start))
}

func BenchmarkS3(b *testing.B) {
	for _, disk := range []bool{false, true} {
		store := "mem"
		if disk {
			store = "disk"
		}
		for _, size := range []int{4 << 10, 1 << 20} {
			for _, get := range []bool{false, true} {
				op := "Put"
				if get {
					op = "Get"
				}
				b.Run(fmt.Sprintf("%s/%s/%dKB", store, op, size>>10), func(b *testing.B) { benchS3(b, size, get, disk) })
			}
		}
	}
}
