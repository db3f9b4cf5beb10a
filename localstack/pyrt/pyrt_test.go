package pyrt

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/nanolambda/nl/localstack"
)

func invocation(handler string, event string, log *strings.Builder) *localstack.Invocation {
	return &localstack.Invocation{
		Function: localstack.FunctionInfo{Name: "fn", Version: "$LATEST", ARN: "arn:aws:lambda:us-east-1:000000000000:function:fn",
			Handler: handler, MemoryMB: 128, Timeout: 2 * time.Second, HeapBudget: 128 << 20},
		RequestID: "req-1", Event: []byte(event), Deadline: time.Now().Add(2 * time.Second), Log: log,
	}
}

func TestCompileErrorsNamePosition(t *testing.T) {
	rt := New()
	for name, src := range map[string]string{
		"syntax":      "def handler(event, context)\n    return 1\n",
		"unsupported": "def handler(event, context):\n    async def f(): pass\n",
	} {
		t.Run(name, func(t *testing.T) {
			_, err := rt.Compile("fn", "handler.py", map[string][]byte{"handler.py": []byte(src)})
			if err == nil || !strings.HasPrefix(err.Error(), "handler.py:") {
				t.Fatalf("Compile error = %v, want one starting with handler.py:LINE:COL", err)
			}
		})
	}
	if _, err := rt.Compile("fn", "missing.py", map[string][]byte{}); err == nil {
		t.Fatal("compiled a module that is not in the package")
	}
}

func TestInvokeDirect(t *testing.T) {
	rt := New()
	src := "import boto3\n\ndef handler(event, context):\n    print('remaining', context.get_remaining_time_in_millis() > 0)\n    return {'got': event['a'], 'req': context.aws_request_id, 'arn': context.invoked_function_arn}\n\ndef broken(event, context):\n    return {'x': object()}\n"
	code, err := rt.Compile("fn", "handler.py", map[string][]byte{"handler.py": []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	res, err := rt.Invoke(context.Background(), code, invocation("handler.handler", `{"a": [1, 2]}`, &log))
	if err != nil || res.Err != nil {
		t.Fatalf("invoke: %v %+v", err, res.Err)
	}
	if string(res.Payload) != `{"got":[1,2],"req":"req-1","arn":"arn:aws:lambda:us-east-1:000000000000:function:fn"}` {
		t.Fatalf("payload = %s", res.Payload)
	}
	if log.String() != "remaining True\n" || res.Steps == 0 || res.PeakHeap <= 0 {
		t.Fatalf("log %q steps %d heap %d", log.String(), res.Steps, res.PeakHeap)
	}
	for _, tc := range []struct{ handler, errType string }{
		{"handler.nosuch", "Runtime.HandlerNotFound"},
		{"handler.broken", "Runtime.MarshalError"},
	} {
		res, err := rt.Invoke(context.Background(), code, invocation(tc.handler, `{}`, &log))
		if err != nil || res.Err == nil || res.Err.Type != tc.errType {
			t.Fatalf("%s: %v %+v", tc.handler, err, res.Err)
		}
	}
	// A boto3 call outside a stack (no Host) is a clean Python error.
	code2, _ := rt.Compile("fn", "h.py", map[string][]byte{"h.py": []byte("import boto3\n\ndef handler(e, c):\n    return boto3.client('s3').get_object(Bucket='b', Key='k')\n")})
	res, err = rt.Invoke(context.Background(), code2, invocation("h.handler", `{}`, &log))
	if err != nil || res.Err == nil || res.Err.Type != "RuntimeError" {
		t.Fatalf("boto3 without a host: %v %+v", err, res.Err)
	}
}

func TestImportTimeError(t *testing.T) {
	rt := New()
	code, err := rt.Compile("fn", "handler.py", map[string][]byte{"handler.py": []byte("x = 1 / 0\n\ndef handler(e, c):\n    return 1\n")})
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	res, err := rt.Invoke(context.Background(), code, invocation("handler.handler", `{}`, &log))
	if err != nil || res.Err == nil || res.Err.Type != "Runtime.ImportModuleError" || !strings.Contains(res.Err.Message, "division by zero") {
		t.Fatalf("error at import: %v %+v", err, res.Err)
	}
}

// Handlers written for AWS read their Environment through os.environ and
// os.getenv; a warm instance started with other variables is not reused.
func TestEnvironment(t *testing.T) {
	rt := New()
	src := "import os\nMODE = os.environ.get('MODE', 'unset')\n\ndef handler(e, c):\n" +
		"    return [MODE, os.getenv('MODE'), os.getenv('NOPE'), os.getenv('NOPE', 'd'), os.getenv(key='NOPE', default='k'),\n" +
		"            'MODE' in os.environ, os.environ['AWS_REGION'], os.environ['AWS_LAMBDA_FUNCTION_NAME'], os.environ['AWS_LAMBDA_FUNCTION_MEMORY_SIZE']]\n\n" +
		"def bad(e, c):\n    return os.getenv(1)\n"
	code, err := rt.Compile("fn", "h.py", map[string][]byte{"h.py": []byte(src)})
	if err != nil {
		t.Fatal(err)
	}
	var log strings.Builder
	for _, tc := range []struct {
		name string
		env  map[string]string
		want string
	}{
		{"set", map[string]string{"MODE": "fast"}, `["fast","fast",null,"d","k",true,"us-east-1","fn","128"]`},
		{"changed", map[string]string{"MODE": "slow"}, `["slow","slow",null,"d","k",true,"us-east-1","fn","128"]`},
		{"removed", nil, `["unset",null,null,"d","k",false,"us-east-1","fn","128"]`},
	} {
		t.Run(tc.name, func(t *testing.T) {
			inv := invocation("h.handler", `{}`, &log)
			inv.Function.Env = tc.env
			res, err := rt.Invoke(context.Background(), code, inv)
			if err != nil || res.Err != nil {
				t.Fatalf("invoke: %v %+v", err, res.Err)
			}
			if string(res.Payload) != tc.want {
				t.Fatalf("payload = %s, want %s", res.Payload, tc.want)
			}
		})
	}
	res, err := rt.Invoke(context.Background(), code, invocation("h.bad", `{}`, &log))
	if err != nil || res.Err == nil || res.Err.Type != "TypeError" {
		t.Fatalf("os.getenv(1): %v %+v, want TypeError", err, res.Err)
	}
}
