// Package store holds the local stack's state: buckets, object metadata,
// multipart uploads and Lambda functions as records in a transactional
// key-value store (KV), and object bodies as immutable blobs (Blobs).
//
// Two backends implement each interface: bbolt plus files under a data
// directory, which survive restarts and crashes, and maps in memory for
// --ephemeral. The crash rule is that a body is written, fsynced and renamed
// into place before the metadata transaction that points at it commits, so a
// crash leaves at worst an unreferenced blob, which Open removes.
package store

import "errors"

// KV is a transactional store of byte records grouped in namespaces, each
// namespace ordered by key.
type KV interface {
	// Update runs fn in a read-write transaction; an error from fn rolls
	// everything back.
	Update(fn func(tx Tx) error) error
	// View runs fn in a read-only transaction.
	View(fn func(tx Tx) error) error
	Close() error
}

// Tx is one transaction on a KV.
type Tx interface {
	// Get returns the value of key in ns, or nil when it is absent. The
	// slice is valid only inside the transaction.
	Get(ns, key string) []byte
	Put(ns, key string, val []byte) error
	Delete(ns, key string) error
	// Scan calls fn for each key >= start in ns, in byte order, until fn
	// returns false.
	Scan(ns, start string, fn func(key string, val []byte) bool) error
	// DropNS deletes a whole namespace.
	DropNS(ns string) error
}

// errReadOnly is returned by writes inside View.
var errReadOnly = errors.New("store: write in a read-only transaction")
