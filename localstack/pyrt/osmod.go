package pyrt

import (
	"sort"
	"strconv"
	"strings"

	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/vm"
)

// Handlers written for AWS read their configuration from os.environ (or
// os.getenv), so the function's Environment must reach them that way. The
// module is built when an instance loads: like a Lambda execution
// environment, an instance sees the variables it was started with, and an
// instance started before UpdateFunctionConfiguration is not reused.

// lambdaEnv is what os.environ holds: the variables Lambda itself sets in
// every execution environment, then the function's own Environment.
func lambdaEnv(f localstack.FunctionInfo) map[string]string {
	env := map[string]string{
		"AWS_LAMBDA_FUNCTION_NAME":        f.Name,
		"AWS_LAMBDA_FUNCTION_VERSION":     f.Version,
		"AWS_LAMBDA_FUNCTION_MEMORY_SIZE": strconv.Itoa(f.MemoryMB),
		"AWS_LAMBDA_LOG_GROUP_NAME":       f.LogGroup,
		"AWS_LAMBDA_LOG_STREAM_NAME":      f.LogStream,
		"AWS_EXECUTION_ENV":               "AWS_Lambda_nl",
		"LAMBDA_TASK_ROOT":                "/var/task",
		"_HANDLER":                        f.Handler,
	}
	// arn:aws:lambda:REGION:ACCOUNT:function:NAME
	if parts := strings.Split(f.ARN, ":"); len(parts) > 3 && parts[3] != "" {
		env["AWS_REGION"] = parts[3]
		env["AWS_DEFAULT_REGION"] = parts[3]
	}
	for k, v := range f.Env {
		env[k] = v
	}
	return env
}

// envKey identifies an environment, to tell whether a warm instance was
// started with the variables an invocation expects.
func envKey(f localstack.FunctionInfo) string {
	keys := make([]string, 0, len(f.Env))
	for k := range f.Env {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		b.WriteString(strconv.Quote(k) + "=" + strconv.Quote(f.Env[k]) + ";")
	}
	return b.String()
}

// osModule is the subset of Python's os module a handler needs: environ
// (a dict) and getenv(name, default=None).
func osModule(f localstack.FunctionInfo) (*vm.Module, error) {
	env := lambdaEnv(f)
	m := make(map[string]any, len(env))
	for k, v := range env {
		m[k] = v
	}
	environ, err := vm.FromGo(m)
	if err != nil {
		return nil, err
	}
	getenv := vm.NewBuiltin("getenv", func(_ *vm.Thread, args []vm.Value, kwargs []vm.KeywordArg) (vm.Value, error) {
		var key, def vm.Value = nil, vm.None
		for _, kw := range kwargs {
			switch kw.Name {
			case "key":
				key = kw.Value
			case "default":
				def = kw.Value
			default:
				return nil, vm.NewException("TypeError", "getenv() got an unexpected keyword argument '"+kw.Name+"'")
			}
		}
		switch len(args) {
		case 2:
			def = args[1]
			fallthrough
		case 1:
			key = args[0]
		case 0:
		default:
			return nil, vm.NewException("TypeError", "getenv() takes from 1 to 2 positional arguments but "+strconv.Itoa(len(args))+" were given")
		}
		if key == nil {
			return nil, vm.NewException("TypeError", "getenv() missing 1 required positional argument: 'key'")
		}
		g, err := vm.ToGo(key)
		name, ok := g.(string)
		if err != nil || !ok {
			return nil, vm.NewException("TypeError", "str expected, not "+key.Type())
		}
		// Read through environ so that assignments to os.environ are seen.
		cur, err := vm.ToGo(environ)
		if err != nil {
			return nil, err
		}
		if v, ok := cur.(map[string]any)[name]; ok {
			return vm.FromGo(v)
		}
		return def, nil
	})
	return vm.NewModule("os", map[string]vm.Value{"environ": environ, "getenv": getenv, "sep": vm.Str("/"), "linesep": vm.Str("\n")}), nil
}
