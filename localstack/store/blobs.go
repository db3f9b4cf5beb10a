package store

import (
	"bytes"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
)

// Blobs holds immutable byte bodies named by random ids.
type Blobs interface {
	// Create starts a new blob; nothing is visible until Commit.
	Create() (BlobWriter, error)
	// Open returns a committed blob.
	Open(id string) (Blob, error)
	// Remove deletes a blob; removing a missing blob is not an error.
	Remove(id string) error
	// IDs lists every committed blob, for garbage collection at start-up.
	IDs() ([]string, error)
}

// BlobWriter receives a blob's bytes.
type BlobWriter interface {
	io.Writer
	// Commit makes the blob durable and returns its id.
	Commit() (string, error)
	// Abort discards the blob.
	Abort()
}

// Blob is a committed body.
type Blob interface {
	io.ReaderAt
	io.Closer
	Size() int64
}

// ErrNoBlob is returned by Open for an unknown id.
var ErrNoBlob = errors.New("blob not found")

func newID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// FileBlobs keeps each blob in a file under dir/blobs, written first under
// dir/tmp, fsynced, then renamed, so a crash never leaves a torn blob.
type FileBlobs struct{ dir string }

// OpenFileBlobs prepares dir and deletes temporary files left by a crash.
func OpenFileBlobs(dir string) (*FileBlobs, error) {
	for _, d := range []string{"blobs", "tmp"} {
		if err := os.MkdirAll(filepath.Join(dir, d), 0o700); err != nil {
			return nil, fmt.Errorf("create data dir: %w", err)
		}
	}
	tmp := filepath.Join(dir, "tmp")
	ents, err := os.ReadDir(tmp)
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", tmp, err)
	}
	for _, e := range ents {
		_ = os.Remove(filepath.Join(tmp, e.Name()))
	}
	return &FileBlobs{dir: dir}, nil
}

func (f *FileBlobs) path(id string) (string, error) {
	if len(id) != 32 || strings.Trim(id, "0123456789abcdef") != "" {
		return "", fmt.Errorf("bad blob id %q", id)
	}
	return filepath.Join(f.dir, "blobs", id[:2], id), nil
}

type fileWriter struct {
	f      *os.File
	blobs  *FileBlobs
	id     string
	closed bool
}

// Create implements Blobs.
func (f *FileBlobs) Create() (BlobWriter, error) {
	id := newID()
	fh, err := os.OpenFile(filepath.Join(f.dir, "tmp", id), os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o600)
	if err != nil {
		return nil, fmt.Errorf("create blob: %w", err)
	}
	return &fileWriter{f: fh, blobs: f, id: id}, nil
}

func (w *fileWriter) Write(p []byte) (int, error) { return w.f.Write(p) }

func (w *fileWriter) Commit() (string, error) {
	defer w.Abort()
	if err := w.f.Sync(); err != nil {
		return "", fmt.Errorf("sync blob: %w", err)
	}
	if err := w.f.Close(); err != nil {
		return "", fmt.Errorf("close blob: %w", err)
	}
	w.closed = true
	dst, _ := w.blobs.path(w.id)
	if err := os.MkdirAll(filepath.Dir(dst), 0o700); err != nil {
		return "", fmt.Errorf("create blob dir: %w", err)
	}
	if err := os.Rename(w.f.Name(), dst); err != nil {
		return "", fmt.Errorf("rename blob: %w", err)
	}
	if d, err := os.Open(filepath.Dir(dst)); err == nil {
		_ = d.Sync()
		d.Close()
	}
	return w.id, nil
}

func (w *fileWriter) Abort() {
	if !w.closed {
		w.f.Close()
		w.closed = true
	}
	_ = os.Remove(filepath.Join(w.blobs.dir, "tmp", w.id))
}

type fileBlob struct {
	*os.File
	size int64
}

func (b fileBlob) Size() int64 { return b.size }

// Open implements Blobs.
func (f *FileBlobs) Open(id string) (Blob, error) {
	p, err := f.path(id)
	if err != nil {
		return nil, err
	}
	fh, err := os.Open(p)
	if errors.Is(err, os.ErrNotExist) {
		return nil, ErrNoBlob
	} else if err != nil {
		return nil, err
	}
	st, err := fh.Stat()
	if err != nil {
		fh.Close()
		return nil, err
	}
	return fileBlob{fh, st.Size()}, nil
}

// Remove implements Blobs.
func (f *FileBlobs) Remove(id string) error {
	p, err := f.path(id)
	if err != nil {
		return err
	}
	if err := os.Remove(p); err != nil && !errors.Is(err, os.ErrNotExist) {
		return err
	}
	return nil
}

// IDs implements Blobs.
func (f *FileBlobs) IDs() ([]string, error) {
	var ids []string
	root := filepath.Join(f.dir, "blobs")
	err := filepath.WalkDir(root, func(p string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.IsDir() {
			ids = append(ids, d.Name())
		}
		return nil
	})
	return ids, err
}

// MemBlobs keeps blobs in memory.
type MemBlobs struct {
	mu sync.RWMutex
	m  map[string][]byte
}

// NewMemBlobs returns an empty in-memory blob store.
func NewMemBlobs() *MemBlobs { return &MemBlobs{m: map[string][]byte{}} }

type memWriter struct {
	bytes.Buffer
	b *MemBlobs
}

// Create implements Blobs.
func (m *MemBlobs) Create() (BlobWriter, error) { return &memWriter{b: m}, nil }

func (w *memWriter) Commit() (string, error) {
	id := newID()
	w.b.mu.Lock()
	w.b.m[id] = w.Bytes()
	w.b.mu.Unlock()
	return id, nil
}

func (w *memWriter) Abort() {}

type memBlob struct{ *bytes.Reader }

func (memBlob) Close() error { return nil }

// Open implements Blobs.
func (m *MemBlobs) Open(id string) (Blob, error) {
	m.mu.RLock()
	b, ok := m.m[id]
	m.mu.RUnlock()
	if !ok {
		return nil, ErrNoBlob
	}
	return memBlob{bytes.NewReader(b)}, nil
}

// Remove implements Blobs.
func (m *MemBlobs) Remove(id string) error {
	m.mu.Lock()
	delete(m.m, id)
	m.mu.Unlock()
	return nil
}

// IDs implements Blobs.
func (m *MemBlobs) IDs() ([]string, error) {
	m.mu.RLock()
	defer m.mu.RUnlock()
	ids := make([]string, 0, len(m.m))
	for id := range m.m {
		ids = append(ids, id)
	}
	return ids, nil
}
