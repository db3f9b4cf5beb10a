package vm

import "unsafe"

// String concatenation appends into a per-Thread buffer instead of
// allocating every result separately. A result aliases the bytes
// buf[start:len(buf)]; when the left operand of the next + ends exactly at
// len(buf) (it is the previous result, as in `s = s + t`, `s += t` or a
// chain "a" + b + "c"), the right operand is appended in place and the new
// result shares the left operand's bytes. Bytes are only ever written past
// len(buf), where no string points yet, so every string stays immutable.
// Building a str with += is then amortized linear, as CPython's in-place
// resize makes it.
//
// The heap account is unchanged: each result is charged as a new str of its
// full length, and the accounting collector tells strs apart by start and
// length (memory.go), so a result and the prefix it extends are two
// objects. On the host, a live result keeps its buffer chunk alive (at most
// catChunk bytes for short strings, twice the string for long ones).

const catChunk = 512

// concatStr returns x + y, charged to the heap.
func (th *Thread) concatStr(x, y String) (Value, error) {
	n := len(x) + len(y)
	if err := th.charge(sizeOfStr(n)); err != nil {
		return nil, err
	}
	if len(x) == 0 {
		return y, nil
	}
	if len(y) == 0 {
		return x, nil
	}
	b := th.catBuf
	if len(b) > 0 && cap(b)-len(b) >= len(y) &&
		unsafe.Add(unsafe.Pointer(unsafe.StringData(string(x))), len(x)) == unsafe.Add(unsafe.Pointer(unsafe.SliceData(b)), len(b)) {
		th.catBuf = append(b, y...)
		return th.slab.boxedStr(unsafe.String(unsafe.StringData(string(x)), n)), nil
	}
	if cap(b)-len(b) < n {
		c := catChunk
		if n > catChunk/4 {
			c = 2 * n
			if n > 1<<20 {
				c = n + n/4
			}
		}
		b = make([]byte, 0, c)
	}
	start := len(b)
	b = append(append(b, x...), y...)
	th.catBuf = b
	return th.slab.boxedStr(unsafe.String(&b[start], n)), nil
}

// bufStr copies b into the same buffer and returns it as a str that shares
// it: short strs made by conversions (str(int)) then cost no allocation of
// their own. The caller charges the heap.
func (th *Thread) bufStr(b []byte) String {
	n := len(b)
	if n == 0 {
		return ""
	}
	buf := th.catBuf
	if cap(buf)-len(buf) < n {
		buf = make([]byte, 0, max(catChunk, 2*n))
	}
	start := len(buf)
	buf = append(buf, b...)
	th.catBuf = buf
	return String(unsafe.String(&buf[start], n))
}
