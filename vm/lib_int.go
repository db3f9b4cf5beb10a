package vm

import (
	"fmt"
	"math"
	"math/bits"
)

// Methods of int and float that device code reaches for when it packs and
// unpacks sensor frames and flag words: bit_length, bit_count, to_bytes,
// int.from_bytes and float.is_integer, with CPython's semantics inside
// nl's 64-bit ints.

func init() {
	registerMethod(intMethods, "bit_length", intBitLength)
	registerMethod(intMethods, "bit_count", intBitCount)
	registerMethod(intMethods, "to_bytes", intToBytes)
	registerMethod(floatMethods, "is_integer", floatIsInteger)
	typeInt.dict["from_bytes"] = NewBuiltin("from_bytes", intFromBytes)
}

// magnitude is |i| as an unsigned number, exact for math.MinInt64.
func magnitude(i int64) uint64 {
	if i < 0 {
		return -uint64(i)
	}
	return uint64(i)
}

func intBitLength(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("bit_length", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	i, _ := asInt(recv)
	return MakeInt(int64(bits.Len64(magnitude(i)))), nil
}

func intBitCount(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("bit_count", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	i, _ := asInt(recv)
	return MakeInt(int64(bits.OnesCount64(magnitude(i)))), nil
}

// byteOrder checks the byteorder argument as CPython does.
func byteOrder(s string) (little bool, err error) {
	switch s {
	case "little":
		return true, nil
	case "big":
		return false, nil
	}
	return false, NewException("ValueError", "byteorder must be either 'little' or 'big'")
}

func intToBytes(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	length, order, signed := int64(1), "big", false
	if err := UnpackArgs("to_bytes", args, kwargs, "length?", &length, "byteorder?", &order, "$signed?", &signed); err != nil {
		return nil, err
	}
	little, err := byteOrder(order)
	if err != nil {
		return nil, err
	}
	if length < 0 {
		return nil, NewException("ValueError", "length argument must be non-negative")
	}
	i, _ := asInt(recv)
	if i < 0 && !signed {
		return nil, NewException("OverflowError", "can't convert negative int to unsigned")
	}
	// Does i fit in length bytes? Lengths of 8 and more always fit a
	// 64-bit int, except a non-negative value whose top bit is set when
	// unsigned — impossible for int64.
	if length < 8 {
		nbits := uint(8 * length)
		var lo, hi int64 // inclusive range of representable values
		if signed {
			if nbits == 0 {
				lo, hi = 0, 0
			} else {
				lo, hi = -(int64(1) << (nbits - 1)), int64(1)<<(nbits-1)-1
			}
		} else {
			lo, hi = 0, int64(1)<<nbits-1
		}
		if i < lo || i > hi {
			return nil, NewException("OverflowError", "int too big to convert")
		}
	}
	if length > maxStrBuild {
		return nil, NewException("MemoryError", fmt.Sprintf("to_bytes(): length %d is too large", length))
	}
	if err := th.Alloc(sizeOfStr(int(length))); err != nil {
		return nil, err
	}
	out := make([]byte, length)
	fill := byte(0)
	if i < 0 {
		fill = 0xff
	}
	u := uint64(i)
	for k := int64(0); k < length; k++ {
		b := fill
		if k < 8 {
			b = byte(u >> (8 * uint(k)))
		}
		if little {
			out[k] = b
		} else {
			out[length-1-k] = b
		}
	}
	return Bytes(out), nil
}

func intFromBytes(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var data Value
	order, signed := "big", false
	if err := UnpackArgs("from_bytes", args, kwargs, "bytes", &data, "byteorder?", &order, "$signed?", &signed); err != nil {
		return nil, err
	}
	little, err := byteOrder(order)
	if err != nil {
		return nil, err
	}
	var b []byte
	switch d := data.(type) {
	case Bytes:
		b = []byte(d)
	default:
		it, err := th.Iterate(data)
		if err != nil {
			return nil, NewException("TypeError", fmt.Sprintf("cannot convert '%s' object to bytes", data.Type()))
		}
		for {
			e, ok, err := it.Next(th)
			if err != nil {
				return nil, err
			}
			if !ok {
				break
			}
			n, isInt := asInt(e)
			if !isInt || n < 0 || n > 255 {
				return nil, NewException("ValueError", "bytes must be in range(0, 256)")
			}
			// An endless iterable must not grow the host's memory.
			if len(b) >= maxStrBuild {
				return nil, NewException("MemoryError", "from_bytes(): too many bytes")
			}
			b = append(b, byte(n))
		}
	}
	if !little {
		r := make([]byte, len(b))
		for k := range b {
			r[len(b)-1-k] = b[k]
		}
		b = r
	}
	// b is little-endian now. Bytes beyond the eighth must be pure sign
	// extension, or the value does not fit nl's 64-bit int.
	neg := signed && len(b) > 0 && b[len(b)-1]&0x80 != 0
	ext := byte(0)
	if neg {
		ext = 0xff
	}
	var u uint64
	for k, c := range b {
		if k < 8 {
			u |= uint64(c) << (8 * uint(k))
		} else if c != ext {
			return nil, intTooLarge()
		}
	}
	switch {
	case len(b) < 8 && neg:
		u |= math.MaxUint64 << (8 * uint(len(b)))
	case len(b) >= 8 && !signed && u > math.MaxInt64:
		return nil, intTooLarge()
	case len(b) > 8 && (u>>63 == 1) != neg:
		return nil, intTooLarge()
	}
	return MakeInt(int64(u)), nil
}

func intTooLarge() error {
	return NewException("OverflowError", "int too large: nl ints are 64-bit")
}

func floatIsInteger(th *Thread, recv Value, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := positional("is_integer", args, kwargs, 0, 0); err != nil {
		return nil, err
	}
	f := float64(recv.(Float64))
	return Boolean(!math.IsInf(f, 0) && f == math.Trunc(f)), nil
}
