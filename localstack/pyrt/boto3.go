package pyrt

import (
	"context"
	"errors"
	"fmt"
	"strconv"

	"github.com/nanolambda/nl/localstack"
	"github.com/nanolambda/nl/vm"
)

var errOutside = vm.NewException("RuntimeError", "boto3 and nanolambda calls work only while a handler runs")

// nativeModule is _nlaws, the calls behind aws.py. Each function takes the
// keyword arguments of the boto3 method as one dict.
func nativeModule(st *invState) *vm.Module {
	call := func(name string, fn func(ctx context.Context, h localstack.Host, args []vm.Value) (vm.Value, error)) vm.Value {
		return vm.NewBuiltin(name, func(_ *vm.Thread, args []vm.Value, _ []vm.KeywordArg) (vm.Value, error) {
			ctx, inv := st.get()
			if inv == nil || inv.Host == nil {
				return nil, errOutside
			}
			return fn(ctx, inv.Host, args)
		})
	}
	objectFields := func(o localstack.ObjectData) map[string]any {
		meta := map[string]any{}
		for k, v := range o.Meta {
			meta[k] = v
		}
		return map[string]any{
			"ContentLength":    o.Size,
			"ContentType":      o.ContentType,
			"ETag":             o.ETag,
			"LastModified":     isoTime(o.LastModified),
			"Metadata":         meta,
			"AcceptRanges":     "bytes",
			"ResponseMetadata": responseMetadata(200),
		}
	}
	bucketKey := func(op string, args []vm.Value, optional ...string) (params, string, string, error) {
		p, err := getParams(op, args, []string{"Bucket", "Key"}, optional...)
		if err != nil {
			return nil, "", "", err
		}
		b, err := p.str("Bucket", "")
		if err != nil {
			return nil, "", "", err
		}
		k, err := p.str("Key", "")
		return p, b, k, err
	}
	return vm.NewModule("_nlaws", map[string]vm.Value{
		"s3_get_object": call("s3_get_object", func(ctx context.Context, h localstack.Host, args []vm.Value) (vm.Value, error) {
			_, b, k, err := bucketKey("get_object", args)
			if err != nil {
				return nil, err
			}
			o, err := h.GetObject(ctx, b, k)
			if err != nil {
				return errResult("GetObject", err)
			}
			f := objectFields(o)
			f["Body"] = streamingBody(o.Body)
			return okResult(f)
		}),
		"s3_head_object": call("s3_head_object", func(ctx context.Context, h localstack.Host, args []vm.Value) (vm.Value, error) {
			_, b, k, err := bucketKey("head_object", args)
			if err != nil {
				return nil, err
			}
			o, err := h.HeadObject(ctx, b, k)
			if err != nil {
				return errResult("HeadObject", err)
			}
			return okResult(objectFields(o))
		}),
		"s3_put_object": call("s3_put_object", func(ctx context.Context, h localstack.Host, args []vm.Value) (vm.Value, error) {
			p, b, k, err := bucketKey("put_object", args, "Body", "ContentType", "Metadata")
			if err != nil {
				return nil, err
			}
			body, err := p.bytes("Body")
			if err != nil {
				return nil, err
			}
			ct, err := p.str("ContentType", "")
			if err != nil {
				return nil, err
			}
			meta, err := p.strMap("Metadata")
			if err != nil {
				return nil, err
			}
			o, err := h.PutObject(ctx, b, k, body, ct, meta)
			if err != nil {
				return errResult("PutObject", err)
			}
			return okResult(map[string]any{"ETag": o.ETag, "ResponseMetadata": responseMetadata(200)})
		}),
		"s3_delete_object": call("s3_delete_object", func(ctx context.Context, h localstack.Host, args []vm.Value) (vm.Value, error) {
			_, b, k, err := bucketKey("delete_object", args)
			if err != nil {
				return nil, err
			}
			if err := h.DeleteObject(ctx, b, k); err != nil {
				return errResult("DeleteObject", err)
			}
			return okResult(map[string]any{"ResponseMetadata": responseMetadata(204)})
		}),
		"s3_list_objects_v2": call("s3_list_objects_v2", func(ctx context.Context, h localstack.Host, args []vm.Value) (vm.Value, error) {
			p, err := getParams("list_objects_v2", args, []string{"Bucket"}, "Prefix", "Delimiter", "MaxKeys", "StartAfter", "ContinuationToken")
			if err != nil {
				return nil, err
			}
			var b, prefix, delim, after, tok string
			for _, f := range []struct {
				name string
				dst  *string
			}{{"Bucket", &b}, {"Prefix", &prefix}, {"Delimiter", &delim}, {"StartAfter", &after}, {"ContinuationToken", &tok}} {
				if *f.dst, err = p.str(f.name, ""); err != nil {
					return nil, err
				}
			}
			if tok != "" {
				after = tok // a token is the last key of the previous page
			}
			max, err := p.int("MaxKeys", 1000)
			if err != nil {
				return nil, err
			}
			l, err := h.ListObjects(ctx, b, prefix, delim, after, max)
			if err != nil {
				return errResult("ListObjectsV2", err)
			}
			out := map[string]any{
				"IsTruncated": l.IsTruncated, "Name": b, "Prefix": prefix, "MaxKeys": int64(max),
				"KeyCount": int64(len(l.Objects) + len(l.CommonPrefixes)), "ResponseMetadata": responseMetadata(200),
			}
			// boto3 leaves Contents out of an empty listing.
			if len(l.Objects) > 0 {
				var contents []any
				for _, o := range l.Objects {
					contents = append(contents, map[string]any{"Key": o.Key, "Size": o.Size, "ETag": o.ETag,
						"LastModified": isoTime(o.LastModified), "StorageClass": "STANDARD"})
				}
				out["Contents"] = contents
			}
			if len(l.CommonPrefixes) > 0 {
				var cps []any
				for _, cp := range l.CommonPrefixes {
					cps = append(cps, map[string]any{"Prefix": cp})
				}
				out["CommonPrefixes"] = cps
			}
			if delim != "" {
				out["Delimiter"] = delim
			}
			if tok != "" {
				out["ContinuationToken"] = tok
			}
			if l.IsTruncated {
				out["NextContinuationToken"] = l.NextStartAfter
			}
			return okResult(out)
		}),
		"lambda_invoke": call("lambda_invoke", func(ctx context.Context, h localstack.Host, args []vm.Value) (vm.Value, error) {
			p, err := getParams("invoke", args, []string{"FunctionName"}, "Payload", "InvocationType", "LogType", "Qualifier", "ClientContext")
			if err != nil {
				return nil, err
			}
			name, err := p.str("FunctionName", "")
			if err != nil {
				return nil, err
			}
			payload, err := p.bytes("Payload")
			if err != nil {
				return nil, err
			}
			typ, err := p.str("InvocationType", "RequestResponse")
			if err != nil {
				return nil, err
			}
			var out localstack.InvokeOutcome
			switch typ {
			case "RequestResponse", "Event":
				out, err = h.Invoke(ctx, name, payload, typ == "Event")
			case "DryRun":
				out.StatusCode = 204
			default:
				return nil, paramError("Invalid value for parameter InvocationType, value: %s, valid values: Event, RequestResponse, DryRun", strconv.Quote(typ))
			}
			if err != nil {
				return errResult("Invoke", err)
			}
			res := map[string]any{"StatusCode": int64(out.StatusCode), "Payload": streamingBody(out.Payload), "ResponseMetadata": responseMetadata(out.StatusCode)}
			if typ == "RequestResponse" {
				res["ExecutedVersion"] = "$LATEST"
			}
			if out.FunctionError != "" {
				res["FunctionError"] = out.FunctionError
			}
			return okResult(res)
		}),
		// nl_invoke is nanolambda.invoke(function, event): the event is a
		// Python value and the result the function's decoded return value.
		"nl_invoke": call("nl_invoke", func(ctx context.Context, h localstack.Host, args []vm.Value) (vm.Value, error) {
			g, _ := vm.ToGo(args[0])
			pair, ok := g.([]any)
			if !ok || len(pair) != 2 {
				return nil, vm.NewException("TypeError", "invoke() takes a function name and an optional event")
			}
			name, ok := pair[0].(string)
			if !ok {
				return nil, vm.NewException("TypeError", "invoke() argument 'function' must be str")
			}
			event := []byte("{}")
			if pair[1] != nil {
				var err error
				if event, err = marshalGo(pair[1]); err != nil {
					return nil, vm.NewException("TypeError", fmt.Sprintf("invoke() event is not JSON-serializable: %v", err))
				}
			}
			out, err := h.Invoke(ctx, name, event, false)
			if err != nil {
				return errResult("Invoke", err)
			}
			if out.FunctionError != "" {
				return errResult("Invoke", &localstack.APIError{Code: "FunctionError", Message: fmt.Sprintf("function %s failed: %s", name, out.Payload)})
			}
			v, err := vm.UnmarshalJSON(out.Payload)
			if err != nil {
				return nil, errors.New("invoke: the function returned invalid JSON")
			}
			return vm.FromGo([]any{true, v})
		}),
	})
}

// marshalGo encodes a converted Python value as JSON via the VM's encoder,
// which formats numbers as Python's json.dumps does.
func marshalGo(x any) ([]byte, error) {
	v, err := vm.FromGo(x)
	if err != nil {
		return nil, err
	}
	return vm.MarshalJSON(v)
}
