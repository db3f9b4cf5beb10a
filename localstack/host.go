package localstack

import (
	"bytes"
	"context"
	"crypto/md5"
	"encoding/hex"
	"io"
	"net/http"

	"github.com/nanolambda/nl/localstack/store"
)

// maxCallDepth bounds handler-to-handler Invoke chains, which would
// otherwise let one function call itself until every slot is taken.
const maxCallDepth = 8

type depthKey struct{}

func hostDepth(ctx context.Context) int {
	d, _ := ctx.Value(depthKey{}).(int)
	return d
}

// host is the Host a running handler sees.
type host struct {
	s     *Server
	depth int
}

func objectData(bucket string, o store.Object, body []byte) ObjectData {
	return ObjectData{Bucket: bucket, Key: o.Key, Body: body, Size: o.Size, ETag: o.ETag, ContentType: o.ContentType,
		LastModified: o.LastModified, Meta: o.Meta}
}

func (h *host) GetObject(ctx context.Context, bucket, key string) (ObjectData, error) {
	o, b, err := h.s.store.GetObject(bucket, key)
	if err != nil {
		return ObjectData{}, toAPIError(err, bucket, key)
	}
	defer b.Close()
	data, err := io.ReadAll(io.NewSectionReader(b, 0, o.Size))
	if err != nil {
		return ObjectData{}, toAPIError(err, bucket, key)
	}
	return objectData(bucket, o, data), nil
}

func (h *host) HeadObject(ctx context.Context, bucket, key string) (ObjectData, error) {
	o, err := h.s.store.HeadObject(bucket, key)
	if err != nil {
		return ObjectData{}, toAPIError(err, bucket, key)
	}
	return objectData(bucket, o, nil), nil
}

func (h *host) PutObject(ctx context.Context, bucket, key string, body []byte, contentType string, meta map[string]string) (ObjectData, error) {
	if key == "" || len(key) > 1024 {
		return ObjectData{}, apiErr("KeyTooLongError", "object keys are 1 to 1024 bytes")
	}
	if contentType == "" {
		contentType = "binary/octet-stream"
	}
	sum := md5.Sum(body)
	now := h.s.now()
	o, err := h.s.store.PutObject(bucket, bytes.NewReader(body), func(int64) (store.Object, error) {
		return store.Object{Key: key, ETag: `"` + hex.EncodeToString(sum[:]) + `"`, LastModified: now, ContentType: contentType, Meta: meta}, nil
	})
	if err != nil {
		return ObjectData{}, toAPIError(err, bucket, key)
	}
	h.s.notify(bucket, "ObjectCreated:Put", o, newRequestID(), nil)
	return objectData(bucket, o, nil), nil
}

func (h *host) DeleteObject(ctx context.Context, bucket, key string) error {
	old, found, err := h.s.store.DeleteObject(bucket, key)
	if err != nil {
		return toAPIError(err, bucket, key)
	}
	if found {
		h.s.notify(bucket, "ObjectRemoved:Delete", old, newRequestID(), nil)
	}
	return nil
}

func (h *host) ListObjects(ctx context.Context, bucket, prefix, delimiter, startAfter string, maxKeys int) (ObjectList, error) {
	if maxKeys <= 0 || maxKeys > 1000 {
		maxKeys = 1000
	}
	l, err := h.s.list(bucket, prefix, delimiter, startAfter, maxKeys)
	if err != nil {
		return ObjectList{}, toAPIError(err, bucket, "")
	}
	out := ObjectList{CommonPrefixes: l.prefixes, IsTruncated: l.truncated}
	for _, o := range l.objects {
		out.Objects = append(out.Objects, objectData(bucket, o, nil))
	}
	if l.truncated {
		out.NextStartAfter = l.next
	}
	return out, nil
}

func (h *host) Invoke(ctx context.Context, function string, payload []byte, async bool) (InvokeOutcome, error) {
	name, err := h.s.lambda.functionName(function)
	if err != nil {
		return InvokeOutcome{}, err
	}
	if _, err := h.s.lambda.get(name); err != nil {
		return InvokeOutcome{}, err
	}
	if len(bytes.TrimSpace(payload)) == 0 {
		payload = []byte("{}")
	}
	reqID := newRequestID()
	if async {
		h.s.lambda.enqueue(name, payload, reqID, "function")
		return InvokeOutcome{StatusCode: http.StatusAccepted}, nil
	}
	if h.depth+1 > maxCallDepth {
		return InvokeOutcome{}, apiErr("TooManyRequestsException", "function call chain deeper than %d", maxCallDepth)
	}
	o, err := h.s.lambda.run(context.WithValue(ctx, depthKey{}, h.depth+1), name, payload, reqID, "function", 1)
	if err != nil {
		return InvokeOutcome{}, err
	}
	if o.res.Err != nil {
		b, _ := jsonMarshal(o.res.Err)
		return InvokeOutcome{StatusCode: 200, Payload: b, FunctionError: "Unhandled"}, nil
	}
	return InvokeOutcome{StatusCode: 200, Payload: o.res.Payload}, nil
}
