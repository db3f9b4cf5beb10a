package pyrt

import (
	_ "embed"
	"errors"
	"fmt"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/compiler"
	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/vm"
)

// awsSource is the Python half of the boto3 and nanolambda modules.
//
//go:embed aws.py
var awsSource []byte

var (
	awsOnce sync.Once
	awsProg *bytecode.Program
	awsErr  error
)

func awsProgram() (*bytecode.Program, error) {
	awsOnce.Do(func() { awsProg, awsErr = compiler.Compile("boto3.py", awsSource, compiler.Options{}) })
	return awsProg, awsErr
}

// modules loads the Python half next to a handler instance and returns the
// modules the handler may import: boto3, nanolambda, botocore (whose
// exceptions attribute holds ClientError), and os with the function's
// environment.
func modules(st *invState, f localstack.FunctionInfo) (map[string]*vm.Module, error) {
	osm, err := osModule(f)
	if err != nil {
		return nil, fmt.Errorf("build the os module: %w", err)
	}
	prog, err := awsProgram()
	if err != nil {
		return nil, fmt.Errorf("compile the boto3 module: %w", err)
	}
	helper, err := vm.Load(prog, vm.Options{Modules: map[string]*vm.Module{"_nlaws": nativeModule(st)}, Filename: "boto3.py"})
	if err != nil {
		return nil, fmt.Errorf("load the boto3 module: %w", err)
	}
	g := func(name string) vm.Value {
		v, _ := helper.Global(name)
		if v == nil {
			return vm.None
		}
		return v
	}
	excs := map[string]vm.Value{}
	for _, n := range []string{"ClientError", "NoSuchKey", "NoSuchBucket", "ResourceNotFoundException"} {
		excs[n] = g(n)
	}
	excs["ParamValidationError"] = paramErrorClass()
	exceptions := vm.NewObject("module", excs)
	return map[string]*vm.Module{
		"boto3":               vm.NewModule("boto3", map[string]vm.Value{"client": g("client"), "exceptions": exceptions}),
		"botocore":            vm.NewModule("botocore", map[string]vm.Value{"exceptions": exceptions}),
		"botocore.exceptions": vm.NewModule("botocore.exceptions", excs),
		"os":                  osm,
		"nanolambda": vm.NewModule("nanolambda", map[string]vm.Value{
			"s3_get": g("s3_get"), "s3_put": g("s3_put"), "invoke": g("invoke"), "ClientError": g("ClientError"), "tier": vm.Str("edge"),
		}),
	}, nil
}

var (
	paramOnce sync.Once
	paramCls  vm.Value = vm.None
)

// paramErrorClass is the class NewException creates for
// "ParamValidationError", obtained once from a raised instance.
func paramErrorClass() vm.Value {
	paramOnce.Do(func() {
		p, err := compiler.Compile("probe.py", []byte("import _p\ndef f():\n    try:\n        _p.r()\n    except Exception as e:\n        return type(e)\n"), compiler.Options{})
		if err != nil {
			return
		}
		m := vm.NewModule("_p", map[string]vm.Value{"r": vm.NewBuiltin("r", func(*vm.Thread, []vm.Value, []vm.KeywordArg) (vm.Value, error) {
			return nil, vm.NewException("ParamValidationError", "")
		})})
		in, err := vm.Load(p, vm.Options{Modules: map[string]*vm.Module{"_p": m}})
		if err != nil {
			return
		}
		if v, err := in.Call("f"); err == nil {
			paramCls = v
		}
	})
	return paramCls
}

// params are the keyword arguments of a boto3 call, checked the way
// botocore's parameter validation checks them.
type params map[string]any

func paramError(format string, a ...any) error {
	return vm.NewException("ParamValidationError", "Parameter validation failed:\n"+fmt.Sprintf(format, a...))
}

func getParams(op string, args []vm.Value, required []string, optional ...string) (params, error) {
	if len(args) != 1 {
		return nil, vm.NewException("TypeError", op+"() only accepts keyword arguments.")
	}
	g, err := vm.ToGo(args[0])
	m, ok := g.(map[string]any)
	if err != nil || !ok {
		return nil, vm.NewException("TypeError", op+"() only accepts keyword arguments.")
	}
	known := map[string]bool{}
	for _, n := range append(append([]string{}, required...), optional...) {
		known[n] = true
	}
	for k := range m {
		if !known[k] {
			names := append(append([]string{}, required...), optional...)
			sort.Strings(names)
			return nil, paramError("Unknown parameter in input: \"%s\", must be one of: %s", k, strings.Join(names, ", "))
		}
	}
	for _, n := range required {
		if _, ok := m[n]; !ok {
			return nil, paramError("Missing required parameter in input: \"%s\"", n)
		}
	}
	return m, nil
}

func (p params) str(name, def string) (string, error) {
	v, ok := p[name]
	if !ok || v == nil {
		return def, nil
	}
	if s, ok := v.(string); ok {
		return s, nil
	}
	return "", paramError("Invalid type for parameter %s, value: %v, type: %T, valid types: <class 'str'>", name, v, v)
}

func (p params) int(name string, def int) (int, error) {
	v, ok := p[name]
	if !ok || v == nil {
		return def, nil
	}
	if n, ok := v.(int64); ok {
		return int(n), nil
	}
	return 0, paramError("Invalid type for parameter %s, value: %v, valid types: <class 'int'>", name, v)
}

// bytes accepts str (encoded as UTF-8) or bytes, as boto3's Body does.
func (p params) bytes(name string) ([]byte, error) {
	switch x := p[name].(type) {
	case nil:
		return nil, nil
	case string:
		return []byte(x), nil
	case []byte:
		return x, nil
	}
	return nil, paramError("Invalid type for parameter %s, valid types: <class 'bytes'>, <class 'str'>", name)
}

func (p params) strMap(name string) (map[string]string, error) {
	v, ok := p[name]
	if !ok || v == nil {
		return nil, nil
	}
	m, ok := v.(map[string]any)
	if !ok {
		return nil, paramError("Invalid type for parameter %s, valid types: <class 'dict'>", name)
	}
	out := map[string]string{}
	for k, x := range m {
		s, ok := x.(string)
		if !ok {
			return nil, paramError("Invalid type for parameter %s.%s, valid types: <class 'str'>", name, k)
		}
		out[strings.ToLower(k)] = s
	}
	return out, nil
}

// okResult and errResult are what _nlaws functions return to aws.py.
func okResult(v map[string]any) (vm.Value, error) { return vm.FromGo([]any{true, v}) }

func errResult(op string, err error) (vm.Value, error) {
	var ae *localstack.APIError
	code, msg, status := "InternalError", err.Error(), 500
	if errors.As(err, &ae) {
		code, msg, status = string(ae.Code), ae.Message, ae.Status()
	}
	if op == "HeadObject" && (code == "NoSuchKey" || code == "NoSuchBucket") {
		code, msg = "404", "Not Found" // HEAD responses carry no error body
	}
	return vm.FromGo([]any{false, code, msg, int64(status)})
}

func isoTime(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// streamingBody is boto3's StreamingBody: read([n]) returns bytes.
func streamingBody(data []byte) vm.Value {
	var mu sync.Mutex
	off := 0
	return vm.NewObject("StreamingBody", map[string]vm.Value{
		"read": vm.NewBuiltin("read", func(_ *vm.Thread, pos []vm.Value, _ []vm.KeywordArg) (vm.Value, error) {
			mu.Lock()
			defer mu.Unlock()
			n := len(data) - off
			if len(pos) > 0 && pos[0] != vm.None {
				if m, ok := vm.AsInt(pos[0]); ok && m >= 0 && int(m) < n {
					n = int(m)
				}
			}
			b := data[off : off+n]
			off += n
			return vm.BytesValue(b), nil
		}),
		"close": vm.NewBuiltin("close", func(*vm.Thread, []vm.Value, []vm.KeywordArg) (vm.Value, error) { return vm.None, nil }),
	})
}

func responseMetadata(status int) map[string]any {
	return map[string]any{"HTTPStatusCode": int64(status), "RetryAttempts": int64(0)}
}
