// Package localstack serves the AWS S3 and Lambda APIs on one HTTP handler,
// so that AWS SDKs, the AWS CLI and users' scripts work against a local
// machine, and runs Lambda functions on nl's VM (through a Runtime).
//
// New returns an http.Handler and never listens; cmd/nl's `nl dev` owns the
// listener. Storage is the store package (bbolt plus files, or memory),
// requests are authenticated with SigV4 (package sigv4), routing lives in
// routing.go and every error code in errors.go.
package localstack

import (
	"crypto/rand"
	"encoding/hex"
	"fmt"
	"net/http"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/nanolambda/nl/localstack/sigv4"
	"github.com/nanolambda/nl/localstack/store"
)

// Default credentials, the convention of local AWS emulators, so that
// scripts written for them work unchanged.
const (
	DefaultAccessKey = "test"
	DefaultSecretKey = "test"
	DefaultRegion    = "us-east-1"
	// AccountID appears in ARNs; local emulators use twelve zeros.
	AccountID = "000000000000"
)

// Server is the local S3 + Lambda service.
type Server struct {
	store       *store.Store
	verifier    *sigv4.Verifier // nil with WithNoAuth
	now         func() time.Time
	region      string
	domains     []string
	mounts      []mount
	maxObject   int64
	minPart     int64
	started     time.Time
	lambda      *lambdaService
	closeOnce   sync.Once
	runtime     Runtime
	concurrency int
	logDir      string
	ownStore    bool
	retryDelays []time.Duration
	completed   completedUploads
}

type mount struct {
	prefix string
	h      http.Handler
}

// Option configures New.
type Option func(*Server)

// WithStore uses st for all state; without it the server keeps everything
// in memory.
func WithStore(st *store.Store) Option { return func(s *Server) { s.store = st } }

// WithCredentials replaces the accepted access keys (access key → secret).
func WithCredentials(keys map[string]string) Option {
	return func(s *Server) { s.verifier = &sigv4.Verifier{Keys: keys} }
}

// WithNoAuth accepts requests without verifying signatures.
func WithNoAuth() Option { return func(s *Server) { s.verifier = nil } }

// WithClock sets the clock used for timestamps and signature expiry.
func WithClock(now func() time.Time) Option { return func(s *Server) { s.now = now } }

// WithRegion sets the region reported in ARNs and events.
func WithRegion(region string) Option { return func(s *Server) { s.region = region } }

// WithHostDomains adds base domains for virtual-hosted-style S3 requests
// (Host: bucket.DOMAIN).
func WithHostDomains(domains ...string) Option {
	return func(s *Server) { s.domains = append(s.domains, domains...) }
}

// WithExtraHandler mounts h for every path under prefix (for example
// "/_nl/fleet/"); mounted handlers see requests before authentication.
func WithExtraHandler(prefix string, h http.Handler) Option {
	return func(s *Server) { s.mounts = append(s.mounts, mount{prefix, h}) }
}

// WithMaxObjectSize bounds one PutObject or part (default 5 GiB, as S3).
func WithMaxObjectSize(n int64) Option { return func(s *Server) { s.maxObject = n } }

// WithMinPartSize sets the smallest non-final multipart part (default 5 MiB).
func WithMinPartSize(n int64) Option { return func(s *Server) { s.minPart = n } }

// WithRuntime sets what runs Lambda functions; without it CreateFunction
// and Invoke fail with ServiceException.
func WithRuntime(rt Runtime) Option { return func(s *Server) { s.runtime = rt } }

// WithConcurrency bounds concurrent invocations (default 64); more wait.
func WithConcurrency(n int) Option { return func(s *Server) { s.concurrency = n } }

// WithLogDir keeps per-function invocation logs as files in dir; without it
// logs are kept in memory.
func WithLogDir(dir string) Option { return func(s *Server) { s.logDir = dir } }

// New builds a server. It returns an error only when an option's resource
// cannot be prepared (the log directory).
func New(opts ...Option) (*Server, error) {
	s := &Server{
		verifier:    &sigv4.Verifier{Keys: map[string]string{DefaultAccessKey: DefaultSecretKey}},
		now:         time.Now,
		region:      DefaultRegion,
		domains:     []string{"localhost", "localhost.localstack.cloud", "s3.localhost.localstack.cloud", "s3.amazonaws.com"},
		maxObject:   5 << 30,
		minPart:     5 << 20,
		concurrency: 64,
	}
	for _, o := range opts {
		o(s)
	}
	if s.store == nil {
		s.store = store.NewMem()
		s.ownStore = true
	}
	if s.verifier != nil {
		s.verifier.Now = s.now
		s.verifier.VirtualBucket = s.virtualBucket
	}
	sort.Slice(s.domains, func(i, j int) bool { return len(s.domains[i]) > len(s.domains[j]) })
	s.started = s.now()
	l, err := newLambdaService(s)
	if err != nil {
		return nil, err
	}
	if s.retryDelays != nil {
		l.retryDelays = s.retryDelays
	}
	s.lambda = l
	return s, nil
}

// Close waits for asynchronous invocations to finish and, when the server
// created its own in-memory store, releases it. A store passed with
// WithStore stays open: its owner closes it.
func (s *Server) Close() error {
	var err error
	s.closeOnce.Do(func() {
		s.lambda.close()
		if s.ownStore {
			err = s.store.Close()
		}
	})
	return err
}

func newRequestID() string {
	var b [8]byte
	_, _ = rand.Read(b[:])
	return strings.ToUpper(hex.EncodeToString(b[:]))
}

func (s *Server) arn(function string) string {
	return fmt.Sprintf("arn:aws:lambda:%s:%s:function:%s", s.region, AccountID, function)
}

// Credentials returns the access keys the server accepts (nil with no auth),
// for start-up messages.
func (s *Server) Credentials() map[string]string {
	if s.verifier == nil {
		return nil
	}
	return s.verifier.Keys
}

// statusWriter records the status for readiness and logs.
var _ http.Handler = (*Server)(nil)
