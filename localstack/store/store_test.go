package store

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func backends(t *testing.T) map[string]func() *Store {
	dir := t.TempDir()
	return map[string]func() *Store{
		"mem": NewMem,
		"disk": func() *Store {
			s, err := OpenDir(dir)
			if err != nil {
				t.Fatal(err)
			}
			t.Cleanup(func() { s.Close() })
			return s
		},
	}
}

func put(t *testing.T, s *Store, bucket, key, body string) {
	t.Helper()
	_, err := s.PutObject(bucket, strings.NewReader(body), func(size int64) (Object, error) {
		return Object{Key: key, ETag: `"x"`}, nil
	})
	if err != nil {
		t.Fatalf("put %s: %v", key, err)
	}
}

func read(t *testing.T, s *Store, bucket, key string) string {
	t.Helper()
	_, b, err := s.GetObject(bucket, key)
	if err != nil {
		t.Fatalf("get %s: %v", key, err)
	}
	defer b.Close()
	data, _ := io.ReadAll(io.NewSectionReader(b, 0, b.Size()))
	return string(data)
}

func TestObjectsLifecycle(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open()
			now := time.Unix(1700000000, 0)
			if err := s.CreateBucket("b", now); err != nil {
				t.Fatal(err)
			}
			if err := s.CreateBucket("b", now); !errors.Is(err, ErrBucketExists) {
				t.Fatalf("second create = %v, want ErrBucketExists", err)
			}
			put(t, s, "b", "k2", "two")
			put(t, s, "b", "k1", "one")
			put(t, s, "b", "k1", "uno")
			if got := read(t, s, "b", "k1"); got != "uno" {
				t.Fatalf("k1 = %q, want uno", got)
			}
			var keys []string
			s.ListObjects("b", "", func(o Object) bool { keys = append(keys, o.Key); return true })
			if strings.Join(keys, ",") != "k1,k2" {
				t.Fatalf("list = %v", keys)
			}
			if err := s.DeleteBucket("b"); !errors.Is(err, ErrBucketNotEmpty) {
				t.Fatalf("delete non-empty = %v", err)
			}
			// A failing finish stores nothing.
			_, err := s.PutObject("b", strings.NewReader("bad"), func(int64) (Object, error) {
				return Object{}, errors.New("checksum mismatch")
			})
			if err == nil {
				t.Fatal("finish error ignored")
			}
			for _, k := range []string{"k1", "k2"} {
				if _, found, err := s.DeleteObject("b", k); err != nil || !found {
					t.Fatalf("delete %s: %v %v", k, found, err)
				}
			}
			if _, _, err := s.GetObject("b", "k1"); !errors.Is(err, ErrNoSuchKey) {
				t.Fatalf("get deleted = %v", err)
			}
			if err := s.DeleteBucket("b"); err != nil {
				t.Fatal(err)
			}
			ids, _ := s.blobs.IDs()
			if len(ids) != 0 {
				t.Fatalf("%d blobs leaked", len(ids))
			}
		})
	}
}

func TestMultipart(t *testing.T) {
	for name, open := range backends(t) {
		t.Run(name, func(t *testing.T) {
			s := open()
			s.CreateBucket("mp", time.Now())
			id, err := s.CreateUpload("mp", Object{Key: "big"}, time.Now())
			if err != nil {
				t.Fatal(err)
			}
			for i, body := range []string{"aaa", "bbb", "ccc"} {
				_, err := s.PutPart("mp", id, i+1, strings.NewReader(body), func(int64) (Part, error) { return Part{ETag: `"p"`}, nil })
				if err != nil {
					t.Fatal(err)
				}
			}
			obj, err := s.CompleteUpload("mp", id, []int{1, 3}, Object{Key: "big"}, nil)
			if err != nil {
				t.Fatal(err)
			}
			if obj.Size != 6 || read(t, s, "mp", "big") != "aaaccc" {
				t.Fatalf("completed object %+v = %q", obj, read(t, s, "mp", "big"))
			}
			if _, err := s.GetUpload("mp", id); !errors.Is(err, ErrNoSuchUpload) {
				t.Fatalf("upload still there: %v", err)
			}
			ids, _ := s.blobs.IDs()
			if len(ids) != 1 {
				t.Fatalf("blobs = %d, want 1 (parts removed)", len(ids))
			}
		})
	}
}

func TestPersistenceAndGarbage(t *testing.T) {
	dir := t.TempDir()
	s, err := OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	s.CreateBucket("keep", time.Now())
	put(t, s, "keep", "a", "durable")
	// A blob written but never committed to the database, as after a crash.
	w, _ := s.blobs.Create()
	w.Write([]byte("orphan"))
	orphan, _ := w.Commit()
	tmp, _ := os.Create(filepath.Join(dir, "tmp", "half"))
	tmp.Close()
	s.Close()

	s, err = OpenDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if got := read(t, s, "keep", "a"); got != "durable" {
		t.Fatalf("after reopen a = %q", got)
	}
	if _, err := s.blobs.Open(orphan); !errors.Is(err, ErrNoBlob) {
		t.Fatalf("orphan blob survived: %v", err)
	}
	if ents, _ := os.ReadDir(filepath.Join(dir, "tmp")); len(ents) != 0 {
		t.Fatalf("tmp not cleaned: %d files", len(ents))
	}
}

func TestMemKVRollback(t *testing.T) {
	kv := NewMemKV()
	kv.Update(func(tx Tx) error { return tx.Put("n", "a", []byte("1")) })
	err := kv.Update(func(tx Tx) error {
		tx.Put("n", "a", []byte("2"))
		tx.Put("n", "b", []byte("3"))
		tx.Delete("n", "a")
		return errors.New("fail")
	})
	if err == nil {
		t.Fatal("error lost")
	}
	var got []string
	kv.View(func(tx Tx) error {
		return tx.Scan("n", "", func(k string, v []byte) bool { got = append(got, k+"="+string(v)); return true })
	})
	if strings.Join(got, ",") != "a=1" {
		t.Fatalf("after rollback: %v", got)
	}
	_ = bytes.MinRead
}
