package store

import (
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// BoltKV is a KV in a bbolt database file; each namespace is a top-level
// bbolt bucket. bbolt fsyncs on every commit, so a returned Update is durable.
type BoltKV struct{ db *bolt.DB }

// OpenBolt opens (creating if needed) the database at path. It fails fast,
// rather than hanging, when another process holds the file.
func OpenBolt(path string) (*BoltKV, error) {
	db, err := bolt.Open(path, 0o600, &bolt.Options{Timeout: 2 * time.Second})
	if err != nil {
		return nil, fmt.Errorf("open database %s: %w (is another nl dev using this data dir?)", path, err)
	}
	return &BoltKV{db: db}, nil
}

// Update implements KV.
func (b *BoltKV) Update(fn func(Tx) error) error {
	return b.db.Update(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

// View implements KV.
func (b *BoltKV) View(fn func(Tx) error) error {
	return b.db.View(func(tx *bolt.Tx) error { return fn(boltTx{tx}) })
}

// Close implements KV.
func (b *BoltKV) Close() error { return b.db.Close() }

type boltTx struct{ tx *bolt.Tx }

func (t boltTx) Get(ns, key string) []byte {
	b := t.tx.Bucket([]byte(ns))
	if b == nil {
		return nil
	}
	return b.Get([]byte(key))
}

func (t boltTx) Put(ns, key string, val []byte) error {
	if !t.tx.Writable() {
		return errReadOnly
	}
	b, err := t.tx.CreateBucketIfNotExists([]byte(ns))
	if err != nil {
		return err
	}
	return b.Put([]byte(key), val)
}

func (t boltTx) Delete(ns, key string) error {
	if !t.tx.Writable() {
		return errReadOnly
	}
	b := t.tx.Bucket([]byte(ns))
	if b == nil {
		return nil
	}
	return b.Delete([]byte(key))
}

func (t boltTx) Scan(ns, start string, fn func(string, []byte) bool) error {
	b := t.tx.Bucket([]byte(ns))
	if b == nil {
		return nil
	}
	c := b.Cursor()
	for k, v := c.Seek([]byte(start)); k != nil; k, v = c.Next() {
		if !fn(string(k), v) {
			break
		}
	}
	return nil
}

func (t boltTx) DropNS(ns string) error {
	if !t.tx.Writable() {
		return errReadOnly
	}
	if t.tx.Bucket([]byte(ns)) == nil {
		return nil
	}
	return t.tx.DeleteBucket([]byte(ns))
}
