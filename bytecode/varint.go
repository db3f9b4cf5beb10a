package bytecode

// appendUvarint appends x as an unsigned LEB128 varint: 7 bits per byte, least
// significant group first, high bit set on every byte but the last.
func appendUvarint(b []byte, x uint64) []byte {
	for x >= 0x80 {
		b = append(b, byte(x)|0x80)
		x >>= 7
	}
	return append(b, byte(x))
}

// uvarint decodes an unsigned LEB128 varint from b. It returns the value and the
// number of bytes read; n == 0 means b is too short, n < 0 that the value overflows
// 64 bits. Non-minimal encodings are accepted.
func uvarint(b []byte) (uint64, int) {
	var x uint64
	var s uint
	for i, c := range b {
		if i == 10 {
			return 0, -(i + 1)
		}
		if c < 0x80 {
			if i == 9 && c > 1 {
				return 0, -(i + 1)
			}
			return x | uint64(c)<<s, i + 1
		}
		x |= uint64(c&0x7f) << s
		s += 7
	}
	return 0, 0
}

// zigzag maps signed to unsigned so that small magnitudes stay small:
// 0→0, -1→1, 1→2, -2→3, ...
func zigzag(x int64) uint64 { return uint64(x<<1) ^ uint64(x>>63) }

// unzigzag inverts zigzag.
func unzigzag(u uint64) int64 { return int64(u>>1) ^ -int64(u&1) }

// AppendUvarint appends x as an unsigned LEB128 varint (the operand encoding).
func AppendUvarint(b []byte, x uint64) []byte { return appendUvarint(b, x) }

// Uvarint decodes an unsigned LEB128 varint; n <= 0 on error (see package doc).
func Uvarint(b []byte) (x uint64, n int) { return uvarint(b) }

// Zigzag encodes a signed integer for an INT operand or an int constant.
func Zigzag(x int64) uint64 { return zigzag(x) }

// Unzigzag decodes a zigzag-encoded integer.
func Unzigzag(u uint64) int64 { return unzigzag(u) }
