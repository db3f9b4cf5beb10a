package localstack

import (
	"encoding/json"
	"encoding/xml"
	"errors"
	"fmt"
	"net/http"

	"github.com/nanolambda/nl/localstack/sigv4"
	"github.com/nanolambda/nl/localstack/store"
)

// ErrorCode is an S3 or Lambda error code, the string clients match on.
type ErrorCode string

// errorInfo is one entry of the error catalogue.
type errorInfo struct {
	status int
	msg    string
}

// catalogue maps every code the server sends to its HTTP status and the
// message S3 (or Lambda) sends by default.
var catalogue = map[ErrorCode]errorInfo{
	// S3
	"AccessDenied":                      {403, "Access Denied"},
	"SignatureDoesNotMatch":             {403, "The request signature we calculated does not match the signature you provided. Check your key and signing method."},
	"InvalidAccessKeyId":                {403, "The AWS Access Key Id you provided does not exist in our records."},
	"RequestTimeTooSkewed":              {403, "The difference between the request time and the current time is too large."},
	"AuthorizationHeaderMalformed":      {400, "The authorization header is malformed."},
	"AuthorizationQueryParametersError": {400, "Error parsing the X-Amz-Credential parameter."},
	"XAmzContentSHA256Mismatch":         {400, "The provided 'x-amz-content-sha256' header does not match what was computed."},
	"BadDigest":                         {400, "The Content-MD5 or checksum value that you specified did not match what the server received."},
	"InvalidDigest":                     {400, "The Content-MD5 or checksum value that you specified is not valid."},
	"InvalidRequest":                    {400, "Invalid Request"},
	"InvalidArgument":                   {400, "Invalid Argument"},
	"InvalidBucketName":                 {400, "The specified bucket is not valid."},
	"BucketAlreadyOwnedByYou":           {409, "Your previous request to create the named bucket succeeded and you already own it."},
	"BucketNotEmpty":                    {409, "The bucket you tried to delete is not empty"},
	"NoSuchBucket":                      {404, "The specified bucket does not exist"},
	"NoSuchKey":                         {404, "The specified key does not exist."},
	"NoSuchUpload":                      {404, "The specified upload does not exist. The upload ID may be invalid, or the upload may have been aborted or completed."},
	"InvalidPart":                       {400, "One or more of the specified parts could not be found. The part may not have been uploaded, or the specified entity tag may not match the part's entity tag."},
	"InvalidPartOrder":                  {400, "The list of parts was not in ascending order. Parts must be ordered by part number."},
	"EntityTooSmall":                    {400, "Your proposed upload is smaller than the minimum allowed object size."},
	"EntityTooLarge":                    {400, "Your proposed upload exceeds the maximum allowed object size."},
	"MalformedXML":                      {400, "The XML you provided was not well-formed or did not validate against our published schema."},
	"MissingContentLength":              {411, "You must provide the Content-Length HTTP header."},
	"IncompleteBody":                    {400, "You did not provide the number of bytes specified by the Content-Length HTTP header."},
	"KeyTooLongError":                   {400, "Your key is too long"},
	"PreconditionFailed":                {412, "At least one of the pre-conditions you specified did not hold"},
	"NotModified":                       {304, "Not Modified"},
	"InvalidRange":                      {416, "The requested range is not satisfiable"},
	"InvalidPartNumber":                 {416, "The requested partnumber is not satisfiable"},
	"MethodNotAllowed":                  {405, "The specified method is not allowed against this resource."},
	"NotImplemented":                    {501, "A header or query you provided implies functionality that is not implemented."},
	"InternalError":                     {500, "We encountered an internal error. Please try again."},
	"SlowDown":                          {503, "Please reduce your request rate."},
	"NoSuchBucketPolicy":                {404, "The bucket policy does not exist"},
	// Lambda
	"ResourceNotFoundException":      {404, "Function not found"},
	"ResourceConflictException":      {409, "The resource already exists"},
	"InvalidParameterValueException": {400, "Invalid parameter value"},
	"InvalidRequestContentException": {400, "Could not parse request body into json"},
	"RequestTooLargeException":       {413, "Request must be smaller than 6291456 bytes for the InvokeFunction operation"},
	"TooManyRequestsException":       {429, "Rate Exceeded."},
	"ServiceException":               {500, "The service encountered an internal error"},
	"UnrecognizedClientException":    {403, "The security token included in the request is invalid."},
	"InvalidSignatureException":      {403, "The request signature we calculated does not match the signature you provided."},
	"CodeStorageExceededException":   {400, "Code storage limit exceeded"},
}

// APIError is an error with an S3/Lambda code; handlers return it and
// writeS3Error / writeLambdaError turn it into the wire format.
type APIError struct {
	Code     ErrorCode
	Message  string
	Resource string // S3 <Resource>, <Key>, <BucketName> context
	Bucket   string
	Key      string
	Header   http.Header // extra response headers (Content-Range for 416)
}

// Error returns "Code: message".
func (e *APIError) Error() string { return fmt.Sprintf("%s: %s", e.Code, e.Message) }

// Status is the HTTP status of the code.
func (e *APIError) Status() int {
	if info, ok := catalogue[e.Code]; ok {
		return info.status
	}
	return 500
}

func apiErr(code ErrorCode, format string, args ...any) *APIError {
	msg := catalogue[code].msg
	if format != "" {
		msg = fmt.Sprintf(format, args...)
	}
	return &APIError{Code: code, Message: msg}
}

// toAPIError maps store, signature and other errors onto the catalogue.
func toAPIError(err error, bucket, key string) *APIError {
	var ae *APIError
	if errors.As(err, &ae) {
		if ae.Bucket == "" {
			ae.Bucket = bucket
		}
		if ae.Key == "" {
			ae.Key = key
		}
		return ae
	}
	var se *sigv4.Error
	if errors.As(err, &se) {
		return &APIError{Code: ErrorCode(se.Code), Message: se.Msg, Bucket: bucket, Key: key}
	}
	e := &APIError{Bucket: bucket, Key: key}
	switch {
	case errors.Is(err, store.ErrNoSuchBucket):
		e.Code = "NoSuchBucket"
	case errors.Is(err, store.ErrBucketExists):
		e.Code = "BucketAlreadyOwnedByYou"
	case errors.Is(err, store.ErrBucketNotEmpty):
		e.Code = "BucketNotEmpty"
	case errors.Is(err, store.ErrNoSuchKey):
		e.Code = "NoSuchKey"
	case errors.Is(err, store.ErrNoSuchUpload):
		e.Code = "NoSuchUpload"
	case errors.Is(err, store.ErrInvalidPart):
		e.Code = "InvalidPart"
	case isBodyTooLarge(err):
		e.Code = "EntityTooLarge"
	case isIncomplete(err):
		e.Code = "IncompleteBody"
	default:
		e.Code = "InternalError"
		e.Message = "We encountered an internal error: " + err.Error()
	}
	if e.Message == "" {
		e.Message = catalogue[e.Code].msg
	}
	return e
}

type s3ErrorDoc struct {
	XMLName    xml.Name `xml:"Error"`
	Code       string
	Message    string
	BucketName string `xml:",omitempty"`
	Key        string `xml:",omitempty"`
	Resource   string `xml:",omitempty"`
	RequestID  string `xml:"RequestId"`
	HostID     string `xml:"HostId"`
}

// writeS3Error sends an S3 XML error document (no body for HEAD or 304).
func writeS3Error(w http.ResponseWriter, r *http.Request, err error, bucket, key string) {
	e := toAPIError(err, bucket, key)
	for k, v := range e.Header {
		w.Header()[k] = v
	}
	status := e.Status()
	if r.Method == http.MethodHead || status == http.StatusNotModified {
		w.WriteHeader(status)
		return
	}
	doc := s3ErrorDoc{Code: string(e.Code), Message: e.Message, BucketName: e.Bucket, Key: e.Key,
		Resource: r.URL.Path, RequestID: w.Header().Get("X-Amz-Request-Id"), HostID: w.Header().Get("X-Amz-Id-2")}
	body, _ := xml.Marshal(doc)
	w.Header().Set("Content-Type", "application/xml")
	w.WriteHeader(status)
	w.Write([]byte(xml.Header))
	w.Write(body)
}

// writeLambdaError sends a Lambda JSON error with its x-amzn-ErrorType.
func writeLambdaError(w http.ResponseWriter, err error) {
	e := toAPIError(err, "", "")
	switch e.Code {
	case "InternalError":
		e.Code = "ServiceException"
	case "SignatureDoesNotMatch":
		e.Code = "InvalidSignatureException"
	case "InvalidAccessKeyId", "AccessDenied":
		e.Code = "UnrecognizedClientException"
	}
	w.Header().Set("X-Amzn-ErrorType", string(e.Code))
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(e.Status())
	json.NewEncoder(w).Encode(map[string]string{"Type": "User", "message": e.Message})
}
