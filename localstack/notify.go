package localstack

import (
	"encoding/json"
	"encoding/xml"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"sync/atomic"

	"github.com/nanolambda/nl/localstack/sigv4"
	"github.com/nanolambda/nl/localstack/store"
)

// notificationConfiguration is the S3 document, as stored (JSON) and as sent
// (XML). Queue and topic configurations are kept and returned, but only
// Lambda destinations are delivered: nl dev has no SQS or SNS.
type notificationConfiguration struct {
	XMLName xml.Name              `xml:"NotificationConfiguration" json:"-"`
	NS      string                `xml:"xmlns,attr,omitempty" json:"-"`
	Lambda  []lambdaNotification  `xml:"CloudFunctionConfiguration"`
	Queue   []genericNotification `xml:"QueueConfiguration"`
	Topic   []genericNotification `xml:"TopicConfiguration"`
	EventBr *struct{}             `xml:"EventBridgeConfiguration,omitempty" json:",omitempty"`
}

type filterRule struct {
	Name  string
	Value string
}

type notificationFilter struct {
	Rules []filterRule `xml:"S3Key>FilterRule"`
}

type lambdaNotification struct {
	ID       string              `xml:"Id,omitempty"`
	Function string              `xml:"CloudFunction"`
	Events   []string            `xml:"Event"`
	Filter   *notificationFilter `xml:"Filter,omitempty"`
}

type genericNotification struct {
	ID     string              `xml:"Id,omitempty"`
	Queue  string              `xml:"Queue,omitempty"`
	Topic  string              `xml:"Topic,omitempty"`
	Events []string            `xml:"Event"`
	Filter *notificationFilter `xml:"Filter,omitempty"`
}

// putNotification stores a bucket's notification configuration. S3 calls
// Lambda configurations <CloudFunctionConfiguration> in the response and
// accepts both that and <LambdaFunctionConfiguration> in requests.
func (s *Server) putNotification(w http.ResponseWriter, r *http.Request, a *sigv4.Auth, bucket, _ string) error {
	body, _, err := s.readSmallBody(r, a, 1<<20)
	if err != nil {
		return err
	}
	var in struct {
		Lambda  []lambdaNotification  `xml:"LambdaFunctionConfiguration"`
		Cloud   []lambdaNotification  `xml:"CloudFunctionConfiguration"`
		Queue   []genericNotification `xml:"QueueConfiguration"`
		Topic   []genericNotification `xml:"TopicConfiguration"`
		EventBr *struct{}             `xml:"EventBridgeConfiguration"`
	}
	if err := readXML(r, body, &in); err != nil {
		return err
	}
	if _, err := s.store.GetBucket(bucket); err != nil {
		return err
	}
	cfg := notificationConfiguration{Lambda: append(in.Lambda, in.Cloud...), Queue: in.Queue, Topic: in.Topic, EventBr: in.EventBr}
	for i, c := range cfg.Lambda {
		if c.ID == "" {
			cfg.Lambda[i].ID = fmt.Sprintf("notification-%d", i+1)
		}
		name, err := s.lambda.functionName(c.Function)
		if err == nil {
			_, err = s.lambda.get(name)
		}
		if err != nil {
			return apiErr("InvalidArgument", "Unable to validate the following destination configurations: %s: no such function", c.Function)
		}
		if len(c.Events) == 0 {
			return apiErr("InvalidArgument", "A notification configuration needs at least one event")
		}
		for _, ev := range c.Events {
			if !validEvent(ev) {
				return apiErr("InvalidArgument", "The event is not supported for notifications: %s", ev)
			}
		}
		if c.Filter != nil {
			for _, rule := range c.Filter.Rules {
				if n := strings.ToLower(rule.Name); n != "prefix" && n != "suffix" {
					return apiErr("InvalidArgument", "filter rule name must be either prefix or suffix, not %q", rule.Name)
				}
			}
		}
	}
	raw, err := json.Marshal(cfg)
	if err != nil {
		return err
	}
	if err := s.store.SetNotification(bucket, raw); err != nil {
		return err
	}
	w.WriteHeader(http.StatusOK)
	return nil
}

func validEvent(ev string) bool {
	for _, p := range []string{"s3:ObjectCreated:", "s3:ObjectRemoved:", "s3:ObjectRestore:", "s3:ReducedRedundancyLostObject",
		"s3:Replication:", "s3:LifecycleExpiration:", "s3:LifecycleTransition", "s3:IntelligentTiering", "s3:ObjectTagging:", "s3:ObjectAcl:Put", "s3:TestEvent"} {
		if strings.HasPrefix(ev, p) {
			return true
		}
	}
	return false
}

func (s *Server) getNotification(w http.ResponseWriter, r *http.Request, _ *sigv4.Auth, bucket, _ string) error {
	b, err := s.store.GetBucket(bucket)
	if err != nil {
		return err
	}
	var cfg notificationConfiguration
	if len(b.Notification) > 0 {
		json.Unmarshal(b.Notification, &cfg)
	}
	cfg.NS = s3NS
	return writeXML(w, cfg)
}

// eventMatches reports whether an event name ("ObjectCreated:Put") is
// selected by a configured event ("s3:ObjectCreated:*").
func eventMatches(configured, name string) bool {
	c := strings.TrimPrefix(configured, "s3:")
	if strings.HasSuffix(c, ":*") {
		return strings.HasPrefix(name, strings.TrimSuffix(c, "*"))
	}
	return c == name
}

func filterMatches(f *notificationFilter, key string) bool {
	if f == nil {
		return true
	}
	for _, r := range f.Rules {
		switch strings.ToLower(r.Name) {
		case "prefix":
			if !strings.HasPrefix(key, r.Value) {
				return false
			}
		case "suffix":
			if !strings.HasSuffix(key, r.Value) {
				return false
			}
		}
	}
	return true
}

var sequencer atomic.Uint64

// The event record types carry their fields in the order AWS sends them,
// so that a handler that prints or re-serialises the event sees what it
// would see on AWS.
type (
	s3EventRecord struct {
		EventVersion      string            `json:"eventVersion"`
		EventSource       string            `json:"eventSource"`
		AWSRegion         string            `json:"awsRegion"`
		EventTime         string            `json:"eventTime"`
		EventName         string            `json:"eventName"`
		UserIdentity      principal         `json:"userIdentity"`
		RequestParameters map[string]string `json:"requestParameters"`
		ResponseElements  responseElements  `json:"responseElements"`
		S3                s3EventEntity     `json:"s3"`
	}
	principal struct {
		PrincipalID string `json:"principalId"`
	}
	responseElements struct {
		RequestID string `json:"x-amz-request-id"`
		ID2       string `json:"x-amz-id-2"`
	}
	s3EventEntity struct {
		SchemaVersion   string        `json:"s3SchemaVersion"`
		ConfigurationID string        `json:"configurationId"`
		Bucket          s3EventBucket `json:"bucket"`
		Object          s3EventObject `json:"object"`
	}
	s3EventBucket struct {
		Name          string    `json:"name"`
		OwnerIdentity principal `json:"ownerIdentity"`
		ARN           string    `json:"arn"`
	}
	s3EventObject struct {
		Key       string `json:"key"`
		Size      *int64 `json:"size,omitempty"` // ObjectCreated only
		ETag      string `json:"eTag,omitempty"` // ObjectCreated only
		Sequencer string `json:"sequencer"`
	}
)

// s3Event builds one S3 event record, shaped as AWS sends it to Lambda.
func (s *Server) s3Event(bucket, name, configID string, o store.Object, reqID string, r *http.Request) s3EventRecord {
	obj := s3EventObject{
		Key:       strings.ReplaceAll(url.QueryEscape(o.Key), "%2F", "/"),
		Sequencer: fmt.Sprintf("%016X", uint64(s.now().UnixNano())+sequencer.Add(1)),
	}
	if strings.HasPrefix(name, "ObjectCreated:") {
		size := o.Size
		obj.Size = &size
		obj.ETag = strings.Trim(o.ETag, `"`)
	}
	ip := "127.0.0.1"
	if r != nil {
		if h, _, ok := strings.Cut(r.RemoteAddr, ":"); ok && h != "" && !strings.HasPrefix(r.RemoteAddr, "[") {
			ip = h
		}
	}
	return s3EventRecord{
		EventVersion:      "2.1",
		EventSource:       "aws:s3",
		AWSRegion:         s.region,
		EventTime:         s.now().UTC().Format("2006-01-02T15:04:05.000Z"),
		EventName:         name,
		UserIdentity:      principal{"AWS:" + AccountID},
		RequestParameters: map[string]string{"sourceIPAddress": ip},
		ResponseElements:  responseElements{RequestID: reqID, ID2: reqID},
		S3: s3EventEntity{
			SchemaVersion:   "1.0",
			ConfigurationID: configID,
			Bucket:          s3EventBucket{Name: bucket, OwnerIdentity: principal{AccountID}, ARN: "arn:aws:s3:::" + bucket},
			Object:          obj,
		},
	}
}

// notify delivers an S3 event to every Lambda configuration of the bucket
// that selects it, asynchronously, as S3 does.
func (s *Server) notify(bucket, name string, o store.Object, reqID string, r *http.Request) {
	b, err := s.store.GetBucket(bucket)
	if err != nil || len(b.Notification) == 0 {
		return
	}
	var cfg notificationConfiguration
	if json.Unmarshal(b.Notification, &cfg) != nil {
		return
	}
	for _, c := range cfg.Lambda {
		hit := false
		for _, ev := range c.Events {
			hit = hit || eventMatches(ev, name)
		}
		if !hit || !filterMatches(c.Filter, o.Key) {
			continue
		}
		fn, err := s.lambda.functionName(c.Function)
		if err != nil {
			continue
		}
		payload, err := json.Marshal(struct {
			Records []s3EventRecord
		}{[]s3EventRecord{s.s3Event(bucket, name, c.ID, o, reqID, r)}})
		if err != nil {
			continue
		}
		s.lambda.enqueue(fn, payload, newRequestID(), "s3")
	}
}

func jsonMarshal(v any) ([]byte, error) { return json.Marshal(v) }
