package localstack_test

import (
	"encoding/json"
	"io"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"
	"github.com/aws/aws-sdk-go-v2/service/s3"
	"github.com/aws/aws-sdk-go-v2/service/s3/types"
)

// The handler records the event it got, through boto3, into another bucket.
const recorder = `
import boto3
import json

s3 = boto3.client('s3')

def handler(event, context):
    rec = event['Records'][0]
    key = rec['s3']['object']['key']
    s3.put_object(Bucket='out-bucket', Key='seen/' + key, Body=json.dumps(event))
    return key
`

func TestS3TriggersLambda(t *testing.T) {
	st := newLambdaStack(t)
	sc, lc := st.s3(t), st.lambda(t)
	for _, b := range []string{"in-bucket", "out-bucket"} {
		must(sc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String(b)}))(t)
	}
	createFn(t, lc, "recorder", recorder)
	_, err := sc.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String("in-bucket"),
		NotificationConfiguration: &types.NotificationConfiguration{LambdaFunctionConfigurations: []types.LambdaFunctionConfiguration{{
			Id: aws.String("onupload"), LambdaFunctionArn: aws.String("arn:aws:lambda:us-east-1:000000000000:function:recorder"),
			Events: []types.Event{"s3:ObjectCreated:*", "s3:ObjectRemoved:*"},
			Filter: &types.NotificationConfigurationFilter{Key: &types.S3KeyFilter{FilterRules: []types.FilterRule{
				{Name: types.FilterRuleNamePrefix, Value: aws.String("uploads/")}, {Name: types.FilterRuleNameSuffix, Value: aws.String(".csv")}}}},
		}}}})
	if err != nil {
		t.Fatal(err)
	}
	got := must(sc.GetBucketNotificationConfiguration(ctx, &s3.GetBucketNotificationConfigurationInput{Bucket: aws.String("in-bucket")}))(t)
	if len(got.LambdaFunctionConfigurations) != 1 || *got.LambdaFunctionConfigurations[0].Id != "onupload" || len(got.LambdaFunctionConfigurations[0].Filter.Key.FilterRules) != 2 {
		t.Fatalf("GetBucketNotificationConfiguration = %+v", got.LambdaFunctionConfigurations)
	}
	_, err = sc.PutBucketNotificationConfiguration(ctx, &s3.PutBucketNotificationConfigurationInput{Bucket: aws.String("in-bucket"),
		NotificationConfiguration: &types.NotificationConfiguration{LambdaFunctionConfigurations: []types.LambdaFunctionConfiguration{{
			LambdaFunctionArn: aws.String("arn:aws:lambda:us-east-1:000000000000:function:missing"), Events: []types.Event{"s3:ObjectCreated:*"}}}}})
	wantCode(t, "notification to a missing function", err, "InvalidArgument")

	for _, k := range []string{"uploads/a b.csv", "uploads/skip.txt", "other/x.csv"} {
		must(sc.PutObject(ctx, &s3.PutObjectInput{Bucket: aws.String("in-bucket"), Key: aws.String(k), Body: strings.NewReader("1,2,3")}))(t)
	}
	logs := waitLogs(t, st.srv, "recorder", 1)
	if logs[0].Status != "ok" || logs[0].Trigger != "s3" {
		t.Fatalf("trigger run: %+v", logs[0])
	}
	obj := must(sc.GetObject(ctx, &s3.GetObjectInput{Bucket: aws.String("out-bucket"), Key: aws.String("seen/uploads/a+b.csv")}))(t)
	raw, _ := io.ReadAll(obj.Body)
	var ev struct {
		Records []struct {
			EventVersion, EventSource, AwsRegion, EventName string
			S3                                              struct {
				ConfigurationID string `json:"configurationId"`
				Bucket          struct{ Name, Arn string }
				Object          struct {
					Key  string
					Size int64
					ETag string `json:"eTag"`
				}
			}
		}
	}
	if err := json.Unmarshal(raw, &ev); err != nil {
		t.Fatalf("event %s: %v", raw, err)
	}
	r := ev.Records[0]
	if r.EventVersion != "2.1" || r.EventSource != "aws:s3" || r.EventName != "ObjectCreated:Put" || r.S3.Bucket.Name != "in-bucket" ||
		r.S3.Bucket.Arn != "arn:aws:s3:::in-bucket" || r.S3.Object.Key != "uploads/a+b.csv" || r.S3.Object.Size != 5 || r.S3.ConfigurationID != "onupload" || len(r.S3.Object.ETag) != 32 {
		t.Fatalf("event record = %s", raw)
	}
	// The record's fields come in AWS's order (json.dumps in the handler
	// shows it): the envelope first, then s3 → bucket → object.
	order := []string{`"eventVersion"`, `"eventSource"`, `"awsRegion"`, `"eventTime"`, `"eventName"`, `"userIdentity"`,
		`"requestParameters"`, `"responseElements"`, `"s3"`, `"s3SchemaVersion"`, `"configurationId"`, `"bucket"`, `"name"`,
		`"ownerIdentity"`, `"arn"`, `"object"`, `"key"`, `"size"`, `"eTag"`, `"sequencer"`}
	at := 0
	for _, f := range order {
		i := strings.Index(string(raw[at:]), f)
		if i < 0 {
			t.Fatalf("event record fields out of AWS's order at %s: %s", f, raw)
		}
		at += i
	}
	must(sc.DeleteObject(ctx, &s3.DeleteObjectInput{Bucket: aws.String("in-bucket"), Key: aws.String("uploads/a b.csv")}))(t)
	logs = waitLogs(t, st.srv, "recorder", 2)
	if len(logs) != 2 {
		t.Fatalf("filters let through %d events, want 2", len(logs))
	}
}

const boto3Handler = `
import boto3
from botocore.exceptions import ClientError

def handler(event, context):
    s3 = boto3.client('s3')
    if ClientError is not s3.exceptions.ClientError:
        raise AssertionError('botocore.exceptions.ClientError differs from the client one')
    out = {}
    s3.put_object(Bucket='data-bucket', Key='a/1.txt', Body=b'one', ContentType='text/plain', Metadata={'k': 'v'})
    s3.put_object(Bucket='data-bucket', Key='a/2.txt', Body='two')
    got = s3.get_object(Bucket='data-bucket', Key='a/1.txt')
    out['body'] = got['Body'].read().decode()
    out['type'] = got['ContentType']
    out['meta'] = got['Metadata']['k']
    out['len'] = s3.head_object(Bucket='data-bucket', Key='a/2.txt')['ContentLength']
    listing = s3.list_objects_v2(Bucket='data-bucket', Prefix='a/')
    out['keys'] = [o['Key'] for o in listing['Contents']]
    out['count'] = listing['KeyCount']
    s3.delete_object(Bucket='data-bucket', Key='a/2.txt')
    try:
        s3.get_object(Bucket='data-bucket', Key='a/2.txt')
        out['missing'] = 'no error'
    except ClientError as e:
        out['missing'] = e.response['Error']['Code']
    try:
        s3.head_object(Bucket='data-bucket', Key='nope')
    except ClientError as e:
        out['head'] = e.response['Error']['Code']
    try:
        s3.get_object(Bucket='no-such-bucket', Key='k')
    except s3.exceptions.NoSuchBucket as e:
        out['bucket'] = str(e)
    try:
        s3.put_object(Bucket='data-bucket')
    except Exception as e:
        out['param'] = type(e).__name__
    lam = boto3.client('lambda')
    r = lam.invoke(FunctionName='doubler', Payload='{"n": 4}')
    out['invoke'] = r['Payload'].read().decode()
    out['status'] = r['StatusCode']
    return out
`

func TestHandlerBoto3(t *testing.T) {
	st := newLambdaStack(t)
	sc, lc := st.s3(t), st.lambda(t)
	must(sc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("data-bucket")}))(t)
	createFn(t, lc, "doubler", "def handler(event, context):\n    return {'n': event['n'] * 2}\n")
	createFn(t, lc, "b3", boto3Handler)
	out := must(lc.Invoke(ctx, &lambda.InvokeInput{FunctionName: aws.String("b3")}))(t)
	if out.FunctionError != nil {
		t.Fatalf("handler failed: %s", out.Payload)
	}
	var res map[string]any
	json.Unmarshal(out.Payload, &res)
	want := map[string]any{"body": "one", "type": "text/plain", "meta": "v", "len": 3.0, "count": 2.0, "missing": "NoSuchKey", "head": "404",
		"invoke": `{"n":8}`, "status": 200.0,
		"bucket": "An error occurred (NoSuchBucket) when calling the GetObject operation: The specified bucket does not exist", "param": "ParamValidationError"}
	for k, v := range want {
		if res[k] != v {
			t.Errorf("%s = %#v, want %#v", k, res[k], v)
		}
	}
	if keys, _ := json.Marshal(res["keys"]); string(keys) != `["a/1.txt","a/2.txt"]` {
		t.Errorf("keys = %s", keys)
	}
}

const nanolambdaHandler = `
import nanolambda

def handler(event, context):
    nanolambda.s3_put('nl-bucket', 'x', 'hello ' + event['who'])
    data = nanolambda.s3_get('nl-bucket', 'x')
    r = nanolambda.invoke('upper', {'s': data.decode()})
    return {'tier': nanolambda.tier, 'result': r}
`

func TestHandlerNanolambdaModule(t *testing.T) {
	st := newLambdaStack(t)
	sc, lc := st.s3(t), st.lambda(t)
	must(sc.CreateBucket(ctx, &s3.CreateBucketInput{Bucket: aws.String("nl-bucket")}))(t)
	createFn(t, lc, "upper", "def handler(event, context):\n    return event['s'].upper()\n")
	createFn(t, lc, "nlmod", nanolambdaHandler)
	out := invoke(t, lc, "nlmod", map[string]string{"who": "edge"})
	if out.FunctionError != nil || string(out.Payload) != `{"tier":"edge","result":"HELLO EDGE"}` {
		t.Fatalf("nanolambda handler: %v %s", out.FunctionError, out.Payload)
	}
}
