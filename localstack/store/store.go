package store

import (
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path/filepath"
	"sort"
	"time"
)

// Errors callers map onto S3 error codes.
var (
	ErrNoSuchBucket   = errors.New("no such bucket")
	ErrBucketExists   = errors.New("bucket already exists")
	ErrBucketNotEmpty = errors.New("bucket not empty")
	ErrNoSuchKey      = errors.New("no such key")
	ErrNoSuchUpload   = errors.New("no such upload")
	ErrInvalidPart    = errors.New("invalid part")
	ErrNoSuchRecord   = errors.New("no such record")
)

// Bucket is a bucket's record.
type Bucket struct {
	Name    string
	Created time.Time
	// Notification is the bucket's notification configuration, owned and
	// encoded by the HTTP layer.
	Notification json.RawMessage `json:",omitempty"`
}

// Object is an object's metadata record.
type Object struct {
	Key                string
	Size               int64
	ETag               string // with quotes, as S3 sends it
	LastModified       time.Time
	ContentType        string            `json:",omitempty"`
	ContentEncoding    string            `json:",omitempty"`
	ContentDisposition string            `json:",omitempty"`
	ContentLanguage    string            `json:",omitempty"`
	CacheControl       string            `json:",omitempty"`
	Expires            string            `json:",omitempty"`
	Meta               map[string]string `json:",omitempty"` // x-amz-meta-*, lower-case names
	Checksums          map[string]string `json:",omitempty"` // "CRC32" → base64
	ChecksumType       string            `json:",omitempty"` // FULL_OBJECT or COMPOSITE
	PartsCount         int               `json:",omitempty"`
	PartSizes          []int64           `json:",omitempty"` // of a multipart object, for GetObject partNumber
	Blob               string
}

// Upload is an in-progress multipart upload.
type Upload struct {
	ID        string
	Key       string
	Initiated time.Time
	Template  Object        // metadata the completed object receives
	Parts     map[int]*Part `json:",omitempty"`
}

// Part is one uploaded part.
type Part struct {
	Number       int
	Size         int64
	ETag         string
	LastModified time.Time
	Checksums    map[string]string `json:",omitempty"`
	Blob         string
}

// Store is the typed state of the local stack over a KV and Blobs.
type Store struct {
	kv    KV
	blobs Blobs
}

const nsBuckets = "buckets"

func nsObjects(bucket string) string { return "obj/" + bucket }
func nsUploads(bucket string) string { return "up/" + bucket }

// New returns a Store over kv and blobs and removes blobs no record refers
// to (bodies written just before a crash, before their commit).
func New(kv KV, blobs Blobs) (*Store, error) {
	s := &Store{kv: kv, blobs: blobs}
	if err := s.collectGarbage(); err != nil {
		return nil, fmt.Errorf("recover store: %w", err)
	}
	return s, nil
}

// OpenDir opens the persistent store in dir (bbolt file meta.db plus blob
// files).
func OpenDir(dir string) (*Store, error) {
	blobs, err := OpenFileBlobs(dir)
	if err != nil {
		return nil, err
	}
	kv, err := OpenBolt(filepath.Join(dir, "meta.db"))
	if err != nil {
		return nil, err
	}
	s, err := New(kv, blobs)
	if err != nil {
		kv.Close()
		return nil, err
	}
	return s, nil
}

// NewMem returns an empty in-memory store.
func NewMem() *Store {
	s, _ := New(NewMemKV(), NewMemBlobs())
	return s
}

// Close releases the database.
func (s *Store) Close() error { return s.kv.Close() }

func (s *Store) collectGarbage() error {
	ids, err := s.blobs.IDs()
	if err != nil || len(ids) == 0 {
		return err
	}
	used := map[string]bool{}
	err = s.kv.View(func(tx Tx) error {
		var names []string
		tx.Scan(nsBuckets, "", func(k string, _ []byte) bool { names = append(names, k); return true })
		for _, b := range names {
			tx.Scan(nsObjects(b), "", func(_ string, v []byte) bool {
				var o Object
				if json.Unmarshal(v, &o) == nil {
					used[o.Blob] = true
				}
				return true
			})
			tx.Scan(nsUploads(b), "", func(_ string, v []byte) bool {
				var u Upload
				if json.Unmarshal(v, &u) == nil {
					for _, p := range u.Parts {
						used[p.Blob] = true
					}
				}
				return true
			})
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, id := range ids {
		if !used[id] {
			_ = s.blobs.Remove(id)
		}
	}
	return nil
}

func getJSON(tx Tx, ns, key string, v any) bool {
	b := tx.Get(ns, key)
	if b == nil {
		return false
	}
	return json.Unmarshal(b, v) == nil
}

func putJSON(tx Tx, ns, key string, v any) error {
	b, err := json.Marshal(v)
	if err != nil {
		return err
	}
	return tx.Put(ns, key, b)
}

// CreateBucket adds a bucket.
func (s *Store) CreateBucket(name string, now time.Time) error {
	return s.kv.Update(func(tx Tx) error {
		if tx.Get(nsBuckets, name) != nil {
			return ErrBucketExists
		}
		return putJSON(tx, nsBuckets, name, Bucket{Name: name, Created: now.UTC()})
	})
}

// GetBucket returns a bucket's record.
func (s *Store) GetBucket(name string) (Bucket, error) {
	var b Bucket
	err := s.kv.View(func(tx Tx) error {
		if !getJSON(tx, nsBuckets, name, &b) {
			return ErrNoSuchBucket
		}
		return nil
	})
	return b, err
}

// ListBuckets returns every bucket in name order.
func (s *Store) ListBuckets() ([]Bucket, error) {
	var out []Bucket
	err := s.kv.View(func(tx Tx) error {
		return tx.Scan(nsBuckets, "", func(_ string, v []byte) bool {
			var b Bucket
			if json.Unmarshal(v, &b) == nil {
				out = append(out, b)
			}
			return true
		})
	})
	return out, err
}

// SetNotification replaces a bucket's notification configuration.
func (s *Store) SetNotification(name string, cfg json.RawMessage) error {
	return s.kv.Update(func(tx Tx) error {
		var b Bucket
		if !getJSON(tx, nsBuckets, name, &b) {
			return ErrNoSuchBucket
		}
		b.Notification = cfg
		return putJSON(tx, nsBuckets, name, b)
	})
}

// DeleteBucket removes an empty bucket and aborts its uploads.
func (s *Store) DeleteBucket(name string) error {
	var garbage []string
	err := s.kv.Update(func(tx Tx) error {
		if tx.Get(nsBuckets, name) == nil {
			return ErrNoSuchBucket
		}
		empty := true
		tx.Scan(nsObjects(name), "", func(string, []byte) bool { empty = false; return false })
		if !empty {
			return ErrBucketNotEmpty
		}
		tx.Scan(nsUploads(name), "", func(_ string, v []byte) bool {
			var u Upload
			if json.Unmarshal(v, &u) == nil {
				for _, p := range u.Parts {
					garbage = append(garbage, p.Blob)
				}
			}
			return true
		})
		tx.DropNS(nsUploads(name))
		tx.DropNS(nsObjects(name))
		return tx.Delete(nsBuckets, name)
	})
	if err == nil {
		s.removeBlobs(garbage)
	}
	return err
}

func (s *Store) removeBlobs(ids []string) {
	for _, id := range ids {
		if id != "" {
			_ = s.blobs.Remove(id)
		}
	}
}

func (s *Store) bucketExists(name string) error {
	return s.kv.View(func(tx Tx) error {
		if tx.Get(nsBuckets, name) == nil {
			return ErrNoSuchBucket
		}
		return nil
	})
}

// writeBlob copies body into a new committed blob.
func (s *Store) writeBlob(body io.Reader) (id string, size int64, err error) {
	w, err := s.blobs.Create()
	if err != nil {
		return "", 0, err
	}
	n, err := io.Copy(w, body)
	if err != nil {
		w.Abort()
		return "", 0, err
	}
	id, err = w.Commit()
	return id, n, err
}

// PutObject stores body under a key. finish is called once the whole body
// is durable, with its size, and returns the record to commit (or an error,
// such as a checksum mismatch, which stores nothing). The record replaces
// any previous version only when the transaction commits.
func (s *Store) PutObject(bucket string, body io.Reader, finish func(size int64) (Object, error)) (Object, error) {
	return s.PutObjectIf(bucket, body, finish, nil)
}

// WriteCondition decides, inside the transaction that would replace it,
// whether a write may go ahead given the key's current object (exists is
// false when there is none). A non-nil error cancels the write.
type WriteCondition func(current Object, exists bool) error

// PutObjectIf is PutObject with a condition checked atomically with the
// commit (S3's conditional writes: If-None-Match, If-Match).
func (s *Store) PutObjectIf(bucket string, body io.Reader, finish func(size int64) (Object, error), cond WriteCondition) (Object, error) {
	if err := s.bucketExists(bucket); err != nil {
		return Object{}, err
	}
	id, size, err := s.writeBlob(body)
	if err != nil {
		return Object{}, err
	}
	obj, err := finish(size)
	if err != nil {
		_ = s.blobs.Remove(id)
		return Object{}, err
	}
	obj.Size, obj.Blob = size, id
	return obj, s.commitObject(bucket, obj, cond)
}

func (s *Store) commitObject(bucket string, obj Object, cond WriteCondition) error {
	var old Object
	err := s.kv.Update(func(tx Tx) error {
		if tx.Get(nsBuckets, bucket) == nil {
			return ErrNoSuchBucket
		}
		exists := getJSON(tx, nsObjects(bucket), obj.Key, &old)
		if cond != nil {
			if err := cond(old, exists); err != nil {
				return err
			}
		}
		return putJSON(tx, nsObjects(bucket), obj.Key, obj)
	})
	if err != nil {
		_ = s.blobs.Remove(obj.Blob)
		return err
	}
	if old.Blob != "" && old.Blob != obj.Blob {
		_ = s.blobs.Remove(old.Blob)
	}
	return nil
}

// HeadObject returns an object's record.
func (s *Store) HeadObject(bucket, key string) (Object, error) {
	var o Object
	err := s.kv.View(func(tx Tx) error {
		if tx.Get(nsBuckets, bucket) == nil {
			return ErrNoSuchBucket
		}
		if !getJSON(tx, nsObjects(bucket), key, &o) {
			return ErrNoSuchKey
		}
		return nil
	})
	return o, err
}

// GetObject returns an object's record and its open body; the caller closes
// the body.
func (s *Store) GetObject(bucket, key string) (Object, Blob, error) {
	// A concurrent overwrite may remove the blob between reading the record
	// and opening it; the record read again then names the new blob.
	for attempt := 0; ; attempt++ {
		o, err := s.HeadObject(bucket, key)
		if err != nil {
			return o, nil, err
		}
		b, err := s.blobs.Open(o.Blob)
		if errors.Is(err, ErrNoBlob) && attempt < 5 {
			continue
		}
		if err != nil {
			return o, nil, fmt.Errorf("open body of %s/%s: %w", bucket, key, err)
		}
		return o, b, nil
	}
}

// DeleteObject removes a key; it reports whether the key existed.
func (s *Store) DeleteObject(bucket, key string) (Object, bool, error) {
	var old Object
	var found bool
	err := s.kv.Update(func(tx Tx) error {
		if tx.Get(nsBuckets, bucket) == nil {
			return ErrNoSuchBucket
		}
		found = getJSON(tx, nsObjects(bucket), key, &old)
		return tx.Delete(nsObjects(bucket), key)
	})
	if err == nil && found {
		_ = s.blobs.Remove(old.Blob)
	}
	return old, found, err
}

// ListObjects calls fn for each object whose key is >= start, in key order,
// until fn returns false.
func (s *Store) ListObjects(bucket, start string, fn func(Object) bool) error {
	return s.kv.View(func(tx Tx) error {
		if tx.Get(nsBuckets, bucket) == nil {
			return ErrNoSuchBucket
		}
		return tx.Scan(nsObjects(bucket), start, func(_ string, v []byte) bool {
			var o Object
			if json.Unmarshal(v, &o) != nil {
				return true
			}
			return fn(o)
		})
	})
}

// CreateUpload starts a multipart upload and returns its id.
func (s *Store) CreateUpload(bucket string, tmpl Object, now time.Time) (string, error) {
	id := newID()
	err := s.kv.Update(func(tx Tx) error {
		if tx.Get(nsBuckets, bucket) == nil {
			return ErrNoSuchBucket
		}
		return putJSON(tx, nsUploads(bucket), id, Upload{ID: id, Key: tmpl.Key, Initiated: now.UTC(), Template: tmpl})
	})
	return id, err
}

// GetUpload returns an upload.
func (s *Store) GetUpload(bucket, id string) (Upload, error) {
	var u Upload
	err := s.kv.View(func(tx Tx) error {
		if tx.Get(nsBuckets, bucket) == nil {
			return ErrNoSuchBucket
		}
		if !getJSON(tx, nsUploads(bucket), id, &u) {
			return ErrNoSuchUpload
		}
		return nil
	})
	return u, err
}

// ListUploads returns a bucket's uploads ordered by key, then initiation.
func (s *Store) ListUploads(bucket string) ([]Upload, error) {
	var out []Upload
	err := s.kv.View(func(tx Tx) error {
		if tx.Get(nsBuckets, bucket) == nil {
			return ErrNoSuchBucket
		}
		return tx.Scan(nsUploads(bucket), "", func(_ string, v []byte) bool {
			var u Upload
			if json.Unmarshal(v, &u) == nil {
				out = append(out, u)
			}
			return true
		})
	})
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Key != out[j].Key {
			return out[i].Key < out[j].Key
		}
		return out[i].Initiated.Before(out[j].Initiated)
	})
	return out, err
}

// PutPart stores one part of an upload; finish works as in PutObject.
func (s *Store) PutPart(bucket, id string, number int, body io.Reader, finish func(size int64) (Part, error)) (Part, error) {
	if _, err := s.GetUpload(bucket, id); err != nil {
		return Part{}, err
	}
	blob, size, err := s.writeBlob(body)
	if err != nil {
		return Part{}, err
	}
	p, err := finish(size)
	if err != nil {
		_ = s.blobs.Remove(blob)
		return Part{}, err
	}
	p.Number, p.Size, p.Blob = number, size, blob
	var old string
	err = s.kv.Update(func(tx Tx) error {
		var u Upload
		if !getJSON(tx, nsUploads(bucket), id, &u) {
			return ErrNoSuchUpload
		}
		if u.Parts == nil {
			u.Parts = map[int]*Part{}
		}
		if prev := u.Parts[number]; prev != nil {
			old = prev.Blob
		}
		u.Parts[number] = &p
		return putJSON(tx, nsUploads(bucket), id, u)
	})
	if err != nil {
		_ = s.blobs.Remove(blob)
		return Part{}, err
	}
	if old != "" {
		_ = s.blobs.Remove(old)
	}
	return p, nil
}

// AbortUpload discards an upload and its parts.
func (s *Store) AbortUpload(bucket, id string) error {
	var u Upload
	err := s.kv.Update(func(tx Tx) error {
		if tx.Get(nsBuckets, bucket) == nil {
			return ErrNoSuchBucket
		}
		if !getJSON(tx, nsUploads(bucket), id, &u) {
			return ErrNoSuchUpload
		}
		return tx.Delete(nsUploads(bucket), id)
	})
	if err == nil {
		for _, p := range u.Parts {
			_ = s.blobs.Remove(p.Blob)
		}
	}
	return err
}

// CompleteUpload joins the listed parts, in order, into the object obj
// (whose Key, ETag and metadata the caller sets) and ends the upload. A
// non-nil cond is checked atomically with the commit; when it refuses, the
// upload stays open, as S3 leaves it.
func (s *Store) CompleteUpload(bucket, id string, parts []int, obj Object, cond WriteCondition) (Object, error) {
	u, err := s.GetUpload(bucket, id)
	if err != nil {
		return Object{}, err
	}
	w, err := s.blobs.Create()
	if err != nil {
		return Object{}, err
	}
	var size int64
	sizes := make([]int64, 0, len(parts))
	for _, n := range parts {
		p := u.Parts[n]
		if p == nil {
			w.Abort()
			return Object{}, fmt.Errorf("%w: part %d", ErrInvalidPart, n)
		}
		b, err := s.blobs.Open(p.Blob)
		if err != nil {
			w.Abort()
			return Object{}, fmt.Errorf("open part %d: %w", n, err)
		}
		m, err := io.Copy(w, io.NewSectionReader(b, 0, b.Size()))
		b.Close()
		if err != nil {
			w.Abort()
			return Object{}, fmt.Errorf("join part %d: %w", n, err)
		}
		size += m
		sizes = append(sizes, m)
	}
	blob, err := w.Commit()
	if err != nil {
		return Object{}, err
	}
	obj.Size, obj.Blob, obj.PartsCount, obj.PartSizes = size, blob, len(parts), sizes
	var old Object
	err = s.kv.Update(func(tx Tx) error {
		if tx.Get(nsUploads(bucket), id) == nil {
			return ErrNoSuchUpload
		}
		exists := getJSON(tx, nsObjects(bucket), obj.Key, &old)
		if cond != nil {
			if err := cond(old, exists); err != nil {
				return err
			}
		}
		if err := putJSON(tx, nsObjects(bucket), obj.Key, obj); err != nil {
			return err
		}
		return tx.Delete(nsUploads(bucket), id)
	})
	if err != nil {
		_ = s.blobs.Remove(blob)
		return Object{}, err
	}
	if old.Blob != "" {
		_ = s.blobs.Remove(old.Blob)
	}
	for _, p := range u.Parts {
		_ = s.blobs.Remove(p.Blob)
	}
	return obj, nil
}

// Records are opaque JSON documents in a namespace of their own, for state
// the HTTP layer defines (Lambda functions).

// PutRecord stores v as JSON under ns/key.
func (s *Store) PutRecord(ns, key string, v any) error {
	return s.kv.Update(func(tx Tx) error { return putJSON(tx, "rec/"+ns, key, v) })
}

// GetRecord loads ns/key into v.
func (s *Store) GetRecord(ns, key string, v any) error {
	return s.kv.View(func(tx Tx) error {
		b := tx.Get("rec/"+ns, key)
		if b == nil {
			return ErrNoSuchRecord
		}
		return json.Unmarshal(b, v)
	})
}

// DeleteRecord removes ns/key and reports whether it existed.
func (s *Store) DeleteRecord(ns, key string) (bool, error) {
	var found bool
	err := s.kv.Update(func(tx Tx) error {
		found = tx.Get("rec/"+ns, key) != nil
		return tx.Delete("rec/"+ns, key)
	})
	return found, err
}

// ListRecords calls fn with each key and JSON value of ns from start on.
func (s *Store) ListRecords(ns, start string, fn func(key string, val []byte) bool) error {
	return s.kv.View(func(tx Tx) error { return tx.Scan("rec/"+ns, start, fn) })
}
