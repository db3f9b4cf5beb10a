package localstack

import (
	"archive/zip"
	"bytes"
	"crypto/sha256"
	"encoding/base64"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"regexp"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/nanolambda/nl/localstack/store"
)

// Lambda limits, as AWS documents them.
const (
	maxZipBytes        = 50 << 20  // direct-upload zip
	maxUnzippedBytes   = 250 << 20 // AWS's unzipped deployment package limit
	maxSourceBytes     = 8 << 20   // .py bytes nl reads from one package
	maxSyncPayload     = 6 << 20
	maxAsyncPayload    = 256 << 10
	defaultMemoryMB    = 128
	defaultTimeoutSecs = 3
	lambdaNS           = "functions"
)

var functionNameRE = regexp.MustCompile(`^[a-zA-Z0-9_-]{1,64}$`)

// functionRecord is a function as stored.
type functionRecord struct {
	Name         string
	Runtime      string
	Role         string
	Handler      string
	Description  string
	MemorySize   int
	Timeout      int
	Env          map[string]string
	Zip          []byte
	CodeSha256   string
	CodeSize     int64
	LastModified time.Time
	RevisionID   string
}

// compiled is a function's cached compiled code for one revision.
type compiled struct {
	rev       string
	code      Code
	importErr *FunctionError // the handler module is missing from the zip
}

type lambdaService struct {
	s     *Server
	mu    sync.Mutex
	cache map[string]*compiled
	// records caches decoded function records: every write goes through
	// this service, and decoding the stored zip on each invoke is costly.
	records map[string]*functionRecord
	sem     chan struct{}
	async   sync.WaitGroup
	logs    *LogBook
	// retryDelays are the waits before the retries of a failed Event
	// invocation (AWS retries twice).
	retryDelays []time.Duration
	closed      chan struct{}
}

func newLambdaService(s *Server) (*lambdaService, error) {
	logs, err := newLogBook(s.logDir)
	if err != nil {
		return nil, err
	}
	n := s.concurrency
	if n <= 0 {
		n = 64
	}
	return &lambdaService{s: s, cache: map[string]*compiled{}, records: map[string]*functionRecord{}, sem: make(chan struct{}, n), logs: logs,
		retryDelays: []time.Duration{time.Second, 2 * time.Second}, closed: make(chan struct{})}, nil
}

func (l *lambdaService) close() {
	close(l.closed)
	l.async.Wait()
	l.logs.close()
}

// functionConfiguration is Lambda's FunctionConfiguration document.
type functionConfiguration struct {
	FunctionName     string
	FunctionArn      string
	Runtime          string
	Role             string
	Handler          string
	CodeSize         int64
	Description      string
	Timeout          int
	MemorySize       int
	LastModified     string
	CodeSha256       string
	Version          string
	Environment      *environment `json:",omitempty"`
	RevisionId       string
	State            string
	LastUpdateStatus string
	PackageType      string
	Architectures    []string
	EphemeralStorage map[string]int
	TracingConfig    map[string]string
}

type environment struct {
	Variables map[string]string
}

func (l *lambdaService) config(f *functionRecord) functionConfiguration {
	c := functionConfiguration{FunctionName: f.Name, FunctionArn: l.s.arn(f.Name), Runtime: f.Runtime, Role: f.Role,
		Handler: f.Handler, CodeSize: f.CodeSize, Description: f.Description, Timeout: f.Timeout, MemorySize: f.MemorySize,
		LastModified: f.LastModified.UTC().Format("2006-01-02T15:04:05.000+0000"), CodeSha256: f.CodeSha256,
		Version: "$LATEST", RevisionId: f.RevisionID, State: "Active", LastUpdateStatus: "Successful", PackageType: "Zip",
		Architectures: []string{"x86_64"}, EphemeralStorage: map[string]int{"Size": 512}, TracingConfig: map[string]string{"Mode": "PassThrough"}}
	if len(f.Env) > 0 {
		c.Environment = &environment{Variables: f.Env}
	}
	return c
}

func writeJSONStatus(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	json.NewEncoder(w).Encode(v)
}

// functionName accepts a name, a partial ARN or a full ARN, as Lambda does.
func (l *lambdaService) functionName(ref string) (string, error) {
	name := ref
	if i := strings.LastIndex(ref, ":function:"); i >= 0 {
		name = ref[i+len(":function:"):]
	} else if strings.HasPrefix(ref, AccountID+":function:") {
		name = strings.TrimPrefix(ref, AccountID+":function:")
	}
	if j := strings.Index(name, ":"); j >= 0 {
		q := name[j+1:]
		name = name[:j]
		if q != "$LATEST" {
			return "", apiErr("ResourceNotFoundException", "Function not found: %s (nl dev keeps only $LATEST; versions and aliases are not supported)", l.s.arn(ref))
		}
	}
	if !functionNameRE.MatchString(name) {
		return "", apiErr("InvalidParameterValueException", "1 validation error detected: Value '%s' at 'functionName' failed to satisfy constraint: Member must satisfy regular expression pattern: (arn:(aws[a-zA-Z-]*)?:lambda:)?([a-z]{2}(-gov)?-[a-z]+-\\d{1}:)?(\\d{12}:)?(function:)?([a-zA-Z0-9-_]+)(:(\\$LATEST|[a-zA-Z0-9-_]+))?", ref)
	}
	return name, nil
}

func (l *lambdaService) get(name string) (*functionRecord, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	if cached := l.records[name]; cached != nil {
		c := *cached
		return &c, nil
	}
	var f functionRecord
	if err := l.s.store.GetRecord(lambdaNS, name, &f); err != nil {
		if errors.Is(err, store.ErrNoSuchRecord) {
			return nil, apiErr("ResourceNotFoundException", "Function not found: %s", l.s.arn(name))
		}
		return nil, err
	}
	c := f
	l.records[name] = &c
	return &f, nil
}

// put stores a function record and refreshes the cache.
func (l *lambdaService) put(f *functionRecord) error {
	l.mu.Lock()
	defer l.mu.Unlock()
	if err := l.s.store.PutRecord(lambdaNS, f.Name, f); err != nil {
		delete(l.records, f.Name)
		return err
	}
	c := *f
	l.records[f.Name] = &c
	return nil
}

// route dispatches /2015-03-31/functions[/NAME[/SUB]].
func (l *lambdaService) route(w http.ResponseWriter, r *http.Request, reqID string, parts []string, body []byte) {
	var err error
	switch {
	case len(parts) == 1 && parts[0] == "":
		switch r.Method {
		case http.MethodPost:
			err = l.create(w, body)
		case http.MethodGet:
			err = l.list(w, r)
		default:
			err = apiErr("InvalidRequestContentException", "unsupported method %s", r.Method)
		}
	case len(parts) >= 1:
		name, nerr := l.functionName(parts[0])
		if nerr != nil {
			err = nerr
			break
		}
		sub := strings.Join(parts[1:], "/")
		switch {
		case sub == "" && r.Method == http.MethodGet:
			err = l.getFunction(w, r, name)
		case sub == "" && r.Method == http.MethodDelete:
			err = l.delete(w, name)
		case sub == "configuration" && r.Method == http.MethodGet:
			var f *functionRecord
			if f, err = l.get(name); err == nil {
				writeJSONStatus(w, 200, l.config(f))
			}
		case sub == "configuration" && r.Method == http.MethodPut:
			err = l.updateConfig(w, name, body)
		case sub == "code" && r.Method == http.MethodPut:
			err = l.updateCode(w, name, body)
		case sub == "invocations" && r.Method == http.MethodPost:
			err = l.invokeHTTP(w, r, reqID, name, body)
		case sub == "invoke-async" && r.Method == http.MethodPost:
			err = l.invokeHTTP(w, r, reqID, name, body)
		default:
			err = apiErr("InvalidRequestContentException", "%s %s is not an operation nl dev implements", r.Method, r.URL.Path)
		}
	}
	if err != nil {
		writeLambdaError(w, err)
	}
}

type createRequest struct {
	FunctionName string
	Runtime      string
	Role         string
	Handler      string
	Description  string
	Timeout      *int
	MemorySize   *int
	Environment  *environment
	Code         struct {
		ZipFile  []byte
		S3Bucket string
		S3Key    string
	}
	PackageType string
}

func parseJSON(body []byte, v any) error {
	if len(bytes.TrimSpace(body)) == 0 {
		body = []byte("{}")
	}
	if err := json.Unmarshal(body, v); err != nil {
		return apiErr("InvalidRequestContentException", "Could not parse request body into json: %v", err)
	}
	return nil
}

func checkLimits(memory, timeout int) error {
	if memory < 128 || memory > 10240 {
		return apiErr("InvalidParameterValueException", "1 validation error detected: Value '%d' at 'memorySize' failed to satisfy constraint: Member must have value between 128 and 10240", memory)
	}
	if timeout < 1 || timeout > 900 {
		return apiErr("InvalidParameterValueException", "1 validation error detected: Value '%d' at 'timeout' failed to satisfy constraint: Member must have value between 1 and 900", timeout)
	}
	return nil
}

func checkRuntime(rt string) error {
	if !strings.HasPrefix(rt, "python3") {
		return apiErr("InvalidParameterValueException", "Value %s at 'runtime' is not supported by nl dev: functions run on nl's Python VM, so the runtime must be python3.x", rt)
	}
	return nil
}

// zipSources reads the .py files of a deployment zip, refusing archives that
// are not zips, that expand beyond AWS's limit, or that are zip bombs.
func zipSources(data []byte) (map[string][]byte, error) {
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		return nil, apiErr("InvalidParameterValueException", "Could not unzip uploaded file. Please check your file, then try to upload again.")
	}
	files := map[string][]byte{}
	var declared uint64
	var total int64
	for _, f := range zr.File {
		declared += f.UncompressedSize64
		if declared > maxUnzippedBytes {
			return nil, apiErr("InvalidParameterValueException", "Unzipped size must be smaller than %d bytes", maxUnzippedBytes)
		}
		if !strings.HasSuffix(f.Name, ".py") || f.FileInfo().IsDir() {
			continue
		}
		name := strings.TrimPrefix(f.Name, "./")
		if strings.Contains(name, "..") || strings.HasPrefix(name, "/") {
			return nil, apiErr("InvalidParameterValueException", "the zip entry %q has an unsafe path", f.Name)
		}
		rc, err := f.Open()
		if err != nil {
			return nil, apiErr("InvalidParameterValueException", "Could not unzip uploaded file: %v", err)
		}
		// The declared size may lie: read at most what is left of the budget.
		b, err := io.ReadAll(io.LimitReader(rc, maxSourceBytes-total+1))
		rc.Close()
		if err != nil {
			return nil, apiErr("InvalidParameterValueException", "Could not unzip uploaded file: %s: %v", f.Name, err)
		}
		total += int64(len(b))
		if total > maxSourceBytes {
			return nil, apiErr("InvalidParameterValueException", "the Python sources in the zip exceed %d bytes once unzipped", maxSourceBytes)
		}
		files[name] = b
	}
	return files, nil
}

// moduleFile maps a handler "pkg.mod.func" to "pkg/mod.py".
func moduleFile(handler string) (module, fn string, ok bool) {
	i := strings.LastIndex(handler, ".")
	if i <= 0 || i == len(handler)-1 {
		return "", "", false
	}
	return strings.ReplaceAll(handler[:i], ".", "/") + ".py", handler[i+1:], true
}

// compile compiles f's handler, caching the result per revision.
func (l *lambdaService) compile(f *functionRecord) (*compiled, error) {
	l.mu.Lock()
	c := l.cache[f.Name]
	l.mu.Unlock()
	if c != nil && c.rev == f.RevisionID {
		return c, nil
	}
	if l.s.runtime == nil {
		return nil, apiErr("ServiceException", "this server has no function runtime")
	}
	files, err := zipSources(f.Zip)
	if err != nil {
		return nil, err
	}
	c = &compiled{rev: f.RevisionID}
	module, _, ok := moduleFile(f.Handler)
	if !ok {
		return nil, apiErr("InvalidParameterValueException", "Value %q at 'handler' must be of the form module.function", f.Handler)
	}
	if _, ok := files[module]; !ok {
		mod := strings.TrimSuffix(strings.ReplaceAll(module, "/", "."), ".py")
		c.importErr = &FunctionError{Type: "Runtime.ImportModuleError", Message: fmt.Sprintf("Unable to import module '%s': No module named '%s'", mod, mod), StackTrace: []string{}}
	} else {
		code, err := l.s.runtime.Compile(f.Name, module, files)
		if err != nil {
			return nil, apiErr("InvalidParameterValueException", "%s", err.Error())
		}
		c.code = code
	}
	l.mu.Lock()
	l.cache[f.Name] = c
	l.mu.Unlock()
	return c, nil
}

func (l *lambdaService) zipFrom(code *struct {
	ZipFile  []byte
	S3Bucket string
	S3Key    string
}) ([]byte, error) {
	if len(code.ZipFile) > 0 {
		if len(code.ZipFile) > maxZipBytes {
			return nil, apiErr("RequestTooLargeException", "Request must be smaller than %d bytes for the CreateFunction operation", maxZipBytes)
		}
		return code.ZipFile, nil
	}
	if code.S3Bucket != "" && code.S3Key != "" {
		o, b, err := l.s.store.GetObject(code.S3Bucket, code.S3Key)
		if err != nil {
			return nil, apiErr("InvalidParameterValueException", "Error occurred while GetObject. S3 Error Code: %s. S3 Error Message: %v", toAPIError(err, code.S3Bucket, code.S3Key).Code, err)
		}
		defer b.Close()
		if o.Size > maxZipBytes*5 {
			return nil, apiErr("InvalidParameterValueException", "the zip in s3://%s/%s is too large", code.S3Bucket, code.S3Key)
		}
		return io.ReadAll(io.NewSectionReader(b, 0, o.Size))
	}
	return nil, apiErr("InvalidParameterValueException", "Please provide a source for function code (ZipFile, or S3Bucket and S3Key).")
}

func newRevision() string {
	id := newRequestID() + newRequestID()
	return strings.ToLower(id[:8] + "-" + id[8:12] + "-" + id[12:16] + "-" + id[16:20] + "-" + id[20:32])
}

func (l *lambdaService) create(w http.ResponseWriter, body []byte) error {
	var req createRequest
	if err := parseJSON(body, &req); err != nil {
		return err
	}
	name, err := l.functionName(req.FunctionName)
	if err != nil {
		return err
	}
	if req.PackageType == "Image" {
		return apiErr("InvalidParameterValueException", "container images are not supported by nl dev; use a zip package")
	}
	if err := checkRuntime(req.Runtime); err != nil {
		return err
	}
	if req.Handler == "" {
		return apiErr("InvalidParameterValueException", "Handler is required for a zip package")
	}
	f := &functionRecord{Name: name, Runtime: req.Runtime, Role: req.Role, Handler: req.Handler, Description: req.Description,
		MemorySize: defaultMemoryMB, Timeout: defaultTimeoutSecs, LastModified: l.s.now(), RevisionID: newRevision()}
	if req.MemorySize != nil {
		f.MemorySize = *req.MemorySize
	}
	if req.Timeout != nil {
		f.Timeout = *req.Timeout
	}
	if err := checkLimits(f.MemorySize, f.Timeout); err != nil {
		return err
	}
	if req.Environment != nil {
		f.Env = req.Environment.Variables
	}
	if f.Zip, err = l.zipFrom(&req.Code); err != nil {
		return err
	}
	sum := sha256.Sum256(f.Zip)
	f.CodeSha256, f.CodeSize = base64.StdEncoding.EncodeToString(sum[:]), int64(len(f.Zip))
	if _, err := l.get(name); err == nil {
		return apiErr("ResourceConflictException", "Function already exist: %s", name)
	}
	if _, err := l.compile(f); err != nil {
		return err
	}
	if err := l.put(f); err != nil {
		return err
	}
	writeJSONStatus(w, http.StatusCreated, l.config(f))
	return nil
}

func (l *lambdaService) getFunction(w http.ResponseWriter, r *http.Request, name string) error {
	f, err := l.get(name)
	if err != nil {
		return err
	}
	// Location is where the deployment package can be downloaded, as the
	// presigned S3 URL of AWS's answer is.
	writeJSONStatus(w, 200, map[string]any{
		"Configuration": l.config(f),
		"Code":          map[string]string{"RepositoryType": "S3", "Location": "http://" + r.Host + codePrefix + name},
		"Tags":          map[string]string{},
	})
	return nil
}

func (l *lambdaService) list(w http.ResponseWriter, r *http.Request) error {
	q := r.URL.Query()
	max := 50
	if v := q.Get("MaxItems"); v != "" {
		n, err := strconv.Atoi(v)
		if err != nil || n < 1 || n > 10000 {
			return apiErr("InvalidParameterValueException", "MaxItems must be between 1 and 10000")
		}
		max = n
	}
	marker := q.Get("Marker")
	start := ""
	if marker != "" {
		raw, err := base64.RawURLEncoding.DecodeString(marker)
		if err != nil {
			return apiErr("InvalidParameterValueException", "Invalid Marker")
		}
		start = string(raw) + "\x00"
	}
	var fns []functionConfiguration
	next := ""
	err := l.s.store.ListRecords(lambdaNS, start, func(key string, val []byte) bool {
		if len(fns) == max {
			next = base64.RawURLEncoding.EncodeToString([]byte(fns[len(fns)-1].FunctionName))
			return false
		}
		var f functionRecord
		if json.Unmarshal(val, &f) == nil {
			fns = append(fns, l.config(&f))
		}
		return true
	})
	if err != nil {
		return err
	}
	if fns == nil {
		fns = []functionConfiguration{}
	}
	out := map[string]any{"Functions": fns}
	if next != "" {
		out["NextMarker"] = next
	}
	writeJSONStatus(w, 200, out)
	return nil
}

func (l *lambdaService) delete(w http.ResponseWriter, name string) error {
	l.mu.Lock()
	found, err := l.s.store.DeleteRecord(lambdaNS, name)
	delete(l.cache, name)
	delete(l.records, name)
	l.mu.Unlock()
	if err != nil {
		return err
	}
	if !found {
		return apiErr("ResourceNotFoundException", "Function not found: %s", l.s.arn(name))
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

func (l *lambdaService) updateConfig(w http.ResponseWriter, name string, body []byte) error {
	var req struct {
		Runtime     string
		Role        string
		Handler     string
		Description *string
		Timeout     *int
		MemorySize  *int
		Environment *environment
	}
	if err := parseJSON(body, &req); err != nil {
		return err
	}
	f, err := l.get(name)
	if err != nil {
		return err
	}
	if req.Runtime != "" {
		if err := checkRuntime(req.Runtime); err != nil {
			return err
		}
		f.Runtime = req.Runtime
	}
	if req.Role != "" {
		f.Role = req.Role
	}
	if req.Handler != "" {
		f.Handler = req.Handler
	}
	if req.Description != nil {
		f.Description = *req.Description
	}
	if req.Timeout != nil {
		f.Timeout = *req.Timeout
	}
	if req.MemorySize != nil {
		f.MemorySize = *req.MemorySize
	}
	if err := checkLimits(f.MemorySize, f.Timeout); err != nil {
		return err
	}
	if req.Environment != nil {
		f.Env = req.Environment.Variables
	}
	return l.save(w, f)
}

func (l *lambdaService) save(w http.ResponseWriter, f *functionRecord) error {
	f.RevisionID = newRevision()
	f.LastModified = l.s.now()
	if _, err := l.compile(f); err != nil {
		return err
	}
	if err := l.put(f); err != nil {
		return err
	}
	writeJSONStatus(w, 200, l.config(f))
	return nil
}

func (l *lambdaService) updateCode(w http.ResponseWriter, name string, body []byte) error {
	var req struct {
		ZipFile  []byte
		S3Bucket string
		S3Key    string
	}
	if err := parseJSON(body, &req); err != nil {
		return err
	}
	f, err := l.get(name)
	if err != nil {
		return err
	}
	code := struct {
		ZipFile  []byte
		S3Bucket string
		S3Key    string
	}{req.ZipFile, req.S3Bucket, req.S3Key}
	if f.Zip, err = l.zipFrom(&code); err != nil {
		return err
	}
	sum := sha256.Sum256(f.Zip)
	f.CodeSha256, f.CodeSize = base64.StdEncoding.EncodeToString(sum[:]), int64(len(f.Zip))
	return l.save(w, f)
}

// Functions lists the names of the deployed functions.
func (s *Server) Functions() ([]string, error) {
	var names []string
	err := s.store.ListRecords(lambdaNS, "", func(k string, _ []byte) bool { names = append(names, k); return true })
	sort.Strings(names)
	return names, err
}

// serveCode answers GET /_nl/code/FUNCTION with the function's zip.
func (s *Server) serveCode(w http.ResponseWriter, r *http.Request, name string) {
	if r.Method != http.MethodGet || !functionNameRE.MatchString(name) {
		writeLambdaError(w, apiErr("InvalidParameterValueException", "GET /_nl/code/FUNCTION_NAME"))
		return
	}
	f, err := s.lambda.get(name)
	if err != nil {
		writeLambdaError(w, err)
		return
	}
	w.Header().Set("Content-Type", "application/zip")
	w.Header().Set("Content-Length", strconv.Itoa(len(f.Zip)))
	w.Write(f.Zip)
}
