package localstack_test

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	ltypes "github.com/aws/aws-sdk-go-v2/service/lambda/types"

	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/localstack/pyrt"
)

func newLambdaStack(t testing.TB, opts ...localstack.Option) *stack {
	return newStack(t, append([]localstack.Option{localstack.WithRuntime(pyrt.New()), localstack.WithRetryDelays(10*time.Millisecond, 20*time.Millisecond)}, opts...)...)
}

// zipOf builds a deployment package from name/content pairs.
func zipOf(t testing.TB, files ...string) []byte {
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	for i := 0; i+1 < len(files); i += 2 {
		w, err := zw.Create(files[i])
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(files[i+1]))
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func createFn(t testing.TB, c *lambda.Client, name, src string, mods ...func(*lambda.CreateFunctionInput)) *lambda.CreateFunctionOutput {
	t.Helper()
	in := &lambda.CreateFunctionInput{
		FunctionName: aws.String(name), Runtime: ltypes.RuntimePython312, Role: aws.String("arn:aws:iam::000000000000:role/lambda"),
		Handler: aws.String("handler.handler"), Code: &ltypes.FunctionCode{ZipFile: zipOf(t, "handler.py", src)},
	}
	for _, m := range mods {
		m(in)
	}
	return must(c.CreateFunction(ctx, in))(t)
}

const echoHandler = `
def handler(event, context):
    print("got", event["n"])
    return {"n": event["n"] * 2, "name": context.function_name, "mem": context.memory_limit_in_mb}
`

func invoke(t testing.TB, c *lambda.Client, name string, event any, mods ...func(*lambda.InvokeInput)) *lambda.InvokeOutput {
	t.Helper()
	payload, _ := json.Marshal(event)
	in := &lambda.InvokeInput{FunctionName: aws.String(name), Payload: payload}
	for _, m := range mods {
		m(in)
	}
	return must(c.Invoke(ctx, in))(t)
}

func TestLambdaInvoke(t *testing.T) {
	st := newLambdaStack(t)
	c := st.lambda(t)
	createFn(t, c, "echo", echoHandler)
	out := invoke(t, c, "echo", map[string]int{"n": 21}, func(in *lambda.InvokeInput) { in.LogType = ltypes.LogTypeTail })
	if out.FunctionError != nil {
		t.Fatalf("function error %s: %s", *out.FunctionError, out.Payload)
	}
	var res map[string]any
	if err := json.Unmarshal(out.Payload, &res); err != nil {
		t.Fatalf("payload %q: %v", out.Payload, err)
	}
	if res["n"] != 42.0 || res["name"] != "echo" || res["mem"] != 128.0 {
		t.Fatalf("result = %v", res)
	}
	logs, _ := base64.StdEncoding.DecodeString(*out.LogResult)
	for _, want := range []string{"START RequestId:", "got 21\n", "END RequestId:", "REPORT RequestId:", "Max Memory Used:"} {
		if !strings.Contains(string(logs), want) {
			t.Errorf("log tail lacks %q:\n%s", want, logs)
		}
	}
}

// LogType=Tail returns the last 4 KB of the invocation's log, as Lambda
// does: the handler's early lines are cut, the end and the REPORT line kept.
func TestLogTailIsLast4KB(t *testing.T) {
	st := newLambdaStack(t)
	c := st.lambda(t)
	createFn(t, c, "chatty", "def handler(event, context):\n    for i in range(400):\n        print('line %d %s' % (i, 'x' * 20))\n    return 1\n")
	out := invoke(t, c, "chatty", map[string]int{}, func(in *lambda.InvokeInput) { in.LogType = ltypes.LogTypeTail })
	logs, err := base64.StdEncoding.DecodeString(aws.ToString(out.LogResult))
	if err != nil {
		t.Fatal(err)
	}
	if len(logs) > 4096 || len(logs) < 3500 {
		t.Fatalf("log tail is %d bytes, want the last 4096 of a longer log", len(logs))
	}
	if !strings.Contains(string(logs), "line 399 ") || strings.Contains(string(logs), "line 0 ") || !strings.Contains(string(logs), "REPORT RequestId:") {
		t.Fatalf("log tail is not the end of the log:\n%s", logs)
	}
}

func TestLambdaLifecycle(t *testing.T) {
	st := newLambdaStack(t)
	c := st.lambda(t)
	created := createFn(t, c, "life", echoHandler, func(in *lambda.CreateFunctionInput) {
		in.MemorySize = aws.Int32(256)
		in.Timeout = aws.Int32(10)
		in.Environment = &ltypes.Environment{Variables: map[string]string{"STAGE": "dev"}}
	})
	if *created.FunctionArn != "arn:aws:lambda:us-east-1:000000000000:function:life" || *created.MemorySize != 256 || created.State != ltypes.StateActive {
		t.Fatalf("CreateFunction = %+v", created)
	}
	_, err := c.CreateFunction(ctx, &lambda.CreateFunctionInput{FunctionName: aws.String("life"), Runtime: ltypes.RuntimePython312,
		Role: aws.String("r"), Handler: aws.String("handler.handler"), Code: &ltypes.FunctionCode{ZipFile: zipOf(t, "handler.py", echoHandler)}})
	wantCode(t, "create twice", err, "ResourceConflictException")
	got := must(c.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("life")}))(t)
	if got.Configuration.Environment.Variables["STAGE"] != "dev" || *got.Configuration.Timeout != 10 {
		t.Fatalf("GetFunction = %+v", got.Configuration)
	}
	resp := must(http.Get(*got.Code.Location))(t)
	pkg, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if zr, err := zip.NewReader(bytes.NewReader(pkg), int64(len(pkg))); err != nil || zr.File[0].Name != "handler.py" {
		t.Fatalf("Code.Location %s did not give the zip: %v", *got.Code.Location, err)
	}
	cfg := must(c.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String("life"), MemorySize: aws.Int32(512)}))(t)
	if *cfg.MemorySize != 512 || *cfg.RevisionId == *created.RevisionId {
		t.Fatalf("UpdateFunctionConfiguration = %+v", cfg)
	}
	_, err = c.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String("life"), Timeout: aws.Int32(901)})
	wantCode(t, "timeout too long", err, "InvalidParameterValueException")
	must(c.UpdateFunctionCode(ctx, &lambda.UpdateFunctionCodeInput{FunctionName: aws.String("life"),
		ZipFile: zipOf(t, "handler.py", "def handler(event, context):\n    return 'v2'\n")}))(t)
	out := invoke(t, c, "life", map[string]int{})
	if string(out.Payload) != `"v2"` {
		t.Fatalf("after UpdateFunctionCode: %s", out.Payload)
	}
	gc := must(c.GetFunctionConfiguration(ctx, &lambda.GetFunctionConfigurationInput{FunctionName: aws.String("arn:aws:lambda:us-east-1:000000000000:function:life")}))(t)
	if *gc.FunctionName != "life" || *gc.MemorySize != 512 {
		t.Fatalf("GetFunctionConfiguration by ARN = %+v", gc)
	}
	for i := 0; i < 5; i++ {
		createFn(t, c, fmt.Sprintf("fn%d", i), echoHandler)
	}
	var names []string
	p := lambda.NewListFunctionsPaginator(c, &lambda.ListFunctionsInput{MaxItems: aws.Int32(2)})
	pages := 0
	for p.HasMorePages() {
		page := must(p.NextPage(ctx))(t)
		pages++
		for _, f := range page.Functions {
			names = append(names, *f.FunctionName)
		}
	}
	if strings.Join(names, ",") != "fn0,fn1,fn2,fn3,fn4,life" || pages != 3 {
		t.Fatalf("ListFunctions pages=%d names=%v", pages, names)
	}
	must(c.DeleteFunction(ctx, &lambda.DeleteFunctionInput{FunctionName: aws.String("life")}))(t)
	_, err = c.GetFunction(ctx, &lambda.GetFunctionInput{FunctionName: aws.String("life")})
	wantCode(t, "get deleted", err, "ResourceNotFoundException")
	_, err = c.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("life")})
	wantCode(t, "invoke deleted", err, "ResourceNotFoundException")
	_, err = c.DeleteFunction(ctx, &lambda.DeleteFunctionInput{FunctionName: aws.String("life")})
	wantCode(t, "delete twice", err, "ResourceNotFoundException")
}

func TestCreateFunctionValidation(t *testing.T) {
	st := newLambdaStack(t)
	c := st.lambda(t)
	base := func() *lambda.CreateFunctionInput {
		return &lambda.CreateFunctionInput{FunctionName: aws.String("v"), Runtime: ltypes.RuntimePython312, Role: aws.String("r"),
			Handler: aws.String("handler.handler"), Code: &ltypes.FunctionCode{ZipFile: zipOf(t, "handler.py", echoHandler)}}
	}
	// Zip bombs: 20 MB of '#' deflated to ~20 KB, once declaring 300 MB and
	// once lying that it expands to 100 bytes.
	var deflated bytes.Buffer
	fw, _ := flate.NewWriter(&deflated, flate.BestCompression)
	fw.Write(bytes.Repeat([]byte("#"), 20<<20))
	fw.Close()
	bomb := func(declared uint64) func() []byte {
		return func() []byte {
			var buf bytes.Buffer
			zw := zip.NewWriter(&buf)
			w, err := zw.CreateRaw(&zip.FileHeader{Name: "handler.py", Method: zip.Deflate, CRC32: 1,
				CompressedSize64: uint64(deflated.Len()), UncompressedSize64: declared})
			if err != nil {
				t.Fatal(err)
			}
			w.Write(deflated.Bytes())
			zw.Close()
			return buf.Bytes()
		}
	}
	for _, tc := range []struct {
		name, code, msg string
		mod             func(*lambda.CreateFunctionInput)
	}{
		{"unsupported construct", "InvalidParameterValueException", "handler.py:2:", func(in *lambda.CreateFunctionInput) {
			in.Code.ZipFile = zipOf(t, "handler.py", "def handler(event, context):\n    async def f(): pass\n    return 1\n")
		}},
		{"syntax error", "InvalidParameterValueException", "handler.py:1:", func(in *lambda.CreateFunctionInput) {
			in.Code.ZipFile = zipOf(t, "handler.py", "def handler(event, context)\n    return 1\n")
		}},
		{"not a zip", "InvalidParameterValueException", "Could not unzip", func(in *lambda.CreateFunctionInput) {
			in.Code.ZipFile = []byte("this is not a zip file at all")
		}},
		{"zip bomb declared", "InvalidParameterValueException", "Unzipped size must be smaller", func(in *lambda.CreateFunctionInput) { in.Code.ZipFile = bomb(300 << 20)() }},
		{"zip bomb lying", "InvalidParameterValueException", "Could not unzip", func(in *lambda.CreateFunctionInput) { in.Code.ZipFile = bomb(100)() }},
		{"node runtime", "InvalidParameterValueException", "python3", func(in *lambda.CreateFunctionInput) { in.Runtime = ltypes.RuntimeNodejs20x }},
		{"memory too small", "InvalidParameterValueException", "memorySize", func(in *lambda.CreateFunctionInput) { in.MemorySize = aws.Int32(64) }},
		{"bad name", "InvalidParameterValueException", "functionName", func(in *lambda.CreateFunctionInput) { in.FunctionName = aws.String("bad name!") }},
		{"bad handler", "InvalidParameterValueException", "handler", func(in *lambda.CreateFunctionInput) { in.Handler = aws.String("nodot") }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			in := base()
			tc.mod(in)
			_, err := c.CreateFunction(ctx, in)
			if errorCode(err) != tc.code {
				if err != nil && strings.Contains(err.Error(), "validation") && tc.name == "bad name" {
					return // the SDK itself refuses some names
				}
				t.Fatalf("error = %v, want %s", err, tc.code)
			}
			if !strings.Contains(err.Error(), tc.msg) {
				t.Fatalf("message %q lacks %q", err, tc.msg)
			}
		})
	}
	if out := must(c.ListFunctions(ctx, &lambda.ListFunctionsInput{}))(t); len(out.Functions) != 0 {
		t.Fatalf("rejected functions were created: %d", len(out.Functions))
	}
	// A zip without the handler module: created, and Invoke fails as on AWS.
	in := base()
	in.Code.ZipFile = zipOf(t, "other.py", "x = 1\n")
	must(c.CreateFunction(ctx, in))(t)
	out := invoke(t, c, "v", map[string]int{})
	if out.FunctionError == nil || !strings.Contains(string(out.Payload), "Runtime.ImportModuleError") {
		t.Fatalf("missing handler module: %v %s", out.FunctionError, out.Payload)
	}
}

func TestInvokeErrors(t *testing.T) {
	st := newLambdaStack(t)
	c := st.lambda(t)
	createFn(t, c, "boom", "def handler(event, context):\n    check(event)\n\ndef check(e):\n    raise ValueError('bad value ' + str(e['v']))\n")
	out := invoke(t, c, "boom", map[string]int{"v": 7})
	if out.FunctionError == nil || *out.FunctionError != "Unhandled" {
		t.Fatalf("FunctionError = %v", out.FunctionError)
	}
	var fe struct {
		ErrorMessage string   `json:"errorMessage"`
		ErrorType    string   `json:"errorType"`
		StackTrace   []string `json:"stackTrace"`
	}
	if err := json.Unmarshal(out.Payload, &fe); err != nil {
		t.Fatal(err)
	}
	if fe.ErrorType != "ValueError" || fe.ErrorMessage != "bad value 7" || len(fe.StackTrace) != 2 || !strings.Contains(fe.StackTrace[1], "line 5, in check") {
		t.Fatalf("error document = %+v", fe)
	}
	t.Run("timeout", func(t *testing.T) {
		createFn(t, c, "slow", "def handler(event, context):\n    n = 0\n    while True:\n        n += 1\n", func(in *lambda.CreateFunctionInput) {
			in.Timeout = aws.Int32(1)
		})
		start := time.Now()
		out := invoke(t, c, "slow", map[string]int{})
		if out.FunctionError == nil || !strings.Contains(string(out.Payload), "Task timed out after 1.00 seconds") {
			t.Fatalf("timeout: %s", out.Payload)
		}
		if d := time.Since(start); d > 5*time.Second {
			t.Fatalf("timeout took %v", d)
		}
	})
	t.Run("memory", func(t *testing.T) {
		createFn(t, c, "hog", "def handler(event, context):\n    x = []\n    while True:\n        x.append('a' * 100000)\n")
		out := invoke(t, c, "hog", map[string]int{})
		if out.FunctionError == nil || !strings.Contains(string(out.Payload), "MemoryError") {
			t.Fatalf("heap budget: %s", out.Payload)
		}
	})
	t.Run("dry run", func(t *testing.T) {
		out := invoke(t, c, "boom", map[string]int{}, func(in *lambda.InvokeInput) { in.InvocationType = ltypes.InvocationTypeDryRun })
		if out.StatusCode != 204 {
			t.Fatalf("DryRun status %d", out.StatusCode)
		}
	})
	t.Run("not json", func(t *testing.T) {
		_, err := c.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("boom"), Payload: []byte("{not json")})
		wantCode(t, "invalid payload", err, "InvalidRequestContentException")
	})
	t.Run("too large", func(t *testing.T) {
		big := append(append([]byte(`"`), bytes.Repeat([]byte("x"), 7<<20)...), '"')
		_, err := c.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("boom"), Payload: big})
		wantCode(t, "7 MB payload", err, "RequestTooLargeException")
	})
}

// waitLogs polls a function's log until it has n entries.
func waitLogs(t testing.TB, srv *localstack.Server, fn string, n int) []localstack.LogEntry {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for {
		e := srv.Logs(fn, 0)
		if len(e) >= n {
			return e
		}
		if time.Now().After(deadline) {
			t.Fatalf("%s: %d log entries, want %d", fn, len(e), n)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

func TestAsyncInvokeRetries(t *testing.T) {
	st := newLambdaStack(t)
	c := st.lambda(t)
	createFn(t, c, "flaky", "def handler(event, context):\n    raise RuntimeError('always fails')\n")
	out := invoke(t, c, "flaky", map[string]int{}, func(in *lambda.InvokeInput) { in.InvocationType = ltypes.InvocationTypeEvent })
	if out.StatusCode != 202 {
		t.Fatalf("Event invoke status %d", out.StatusCode)
	}
	logs := waitLogs(t, st.srv, "flaky", 3)
	time.Sleep(100 * time.Millisecond)
	logs = st.srv.Logs("flaky", 0)
	if len(logs) != 3 || logs[0].Attempt != 1 || logs[2].Attempt != 3 || logs[0].RequestID != logs[2].RequestID {
		t.Fatalf("async attempts = %+v", logs)
	}
}

func TestWarmInstanceReuse(t *testing.T) {
	st := newLambdaStack(t)
	c := st.lambda(t)
	createFn(t, c, "counter", "count = 0\n\ndef handler(event, context):\n    global count\n    count += 1\n    return count\n")
	for want := 1; want <= 3; want++ {
		if out := invoke(t, c, "counter", map[string]int{}); string(out.Payload) != fmt.Sprint(want) {
			t.Fatalf("invoke %d returned %s: the module top level ran again", want, out.Payload)
		}
	}
	// A configuration change is a new revision: new instances.
	must(c.UpdateFunctionConfiguration(ctx, &lambda.UpdateFunctionConfigurationInput{FunctionName: aws.String("counter"), Timeout: aws.Int32(4)}))(t)
	if out := invoke(t, c, "counter", map[string]int{}); string(out.Payload) != "1" {
		t.Fatalf("after an update: %s", out.Payload)
	}
}

func TestLambdaAuth(t *testing.T) {
	st := newLambdaStack(t)
	_, err := lambdaClient(st.url, "test", "wrong").ListFunctions(ctx, &lambda.ListFunctionsInput{})
	wantCode(t, "wrong secret", err, "InvalidSignatureException")
	_, err = lambdaClient(st.url, "nobody", "test").ListFunctions(ctx, &lambda.ListFunctionsInput{})
	wantCode(t, "unknown key", err, "UnrecognizedClientException")
}

// Every slot held by a function that synchronously calls another must not
// deadlock: the callee runs on its caller's slot.
func TestNestedInvokeWithFullSlots(t *testing.T) {
	st := newLambdaStack(t, localstack.WithConcurrency(2))
	c := st.lambda(t)
	createFn(t, c, "leaf", "def handler(event, context):\n    return event['x'] + 1\n")
	createFn(t, c, "outer", "import nanolambda\n\ndef handler(event, context):\n    return nanolambda.invoke('leaf', {'x': event['x']})\n")
	done := make(chan string, 6)
	for i := 0; i < 6; i++ {
		go func(i int) {
			out, err := c.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("outer"), Payload: []byte(fmt.Sprintf(`{"x": %d}`, i))})
			if err != nil {
				done <- err.Error()
				return
			}
			done <- string(out.Payload)
		}(i)
	}
	got := map[string]bool{}
	for i := 0; i < 6; i++ {
		select {
		case r := <-done:
			got[r] = true
		case <-time.After(15 * time.Second):
			t.Fatal("nested invocations deadlocked")
		}
	}
	for i := 1; i <= 6; i++ {
		if !got[fmt.Sprint(i)] {
			t.Fatalf("results = %v", got)
		}
	}
}

func TestHandlerCallsLimits(t *testing.T) {
	st := newLambdaStack(t)
	c := st.lambda(t)
	// A function calling itself stops at the call-depth limit with an AWS error.
	createFn(t, c, "selfcall", "import boto3\n\ndef handler(event, context):\n    r = boto3.client('lambda').invoke(FunctionName='selfcall', Payload='{}')\n    return r['Payload'].read().decode()\n")
	out := invoke(t, c, "selfcall", map[string]int{})
	if !strings.Contains(string(out.Payload), "TooManyRequestsException") {
		t.Fatalf("self-recursion: %s", out.Payload)
	}
	// An Event invoke from a handler is queued and runs.
	createFn(t, c, "sink", "def handler(event, context):\n    print('sunk', event['v'])\n")
	createFn(t, c, "fire", "import boto3\n\ndef handler(event, context):\n    r = boto3.client('lambda').invoke(FunctionName='sink', InvocationType='Event', Payload='{\"v\": 7}')\n    return r['StatusCode']\n")
	if out := invoke(t, c, "fire", map[string]int{}); string(out.Payload) != "202" {
		t.Fatalf("Event invoke from a handler: %s", out.Payload)
	}
	if e := waitLogs(t, st.srv, "sink", 1); e[0].Log != "sunk 7\n" || e[0].Trigger != "function" {
		t.Fatalf("queued invocation: %+v", e[0])
	}
}
