# int.bit_length/bit_count/to_bytes, int.from_bytes and float.is_integer:
# what device handlers use to pack and unpack sensor frames.
for v in [0, 1, -1, 255, 256, -256, 1023, (-9223372036854775807 - 1), 9223372036854775807, 12345678901234]:
    print(v, v.bit_length(), v.bit_count())
for v, n, order, signed in [(0, 1, 'big', False), (255, 1, 'big', False), (256, 2, 'little', False),
                             (-1, 2, 'big', True), (-129, 2, 'little', True), (1, 0, 'big', False),
                             (9223372036854775807, 8, 'big', False), ((-9223372036854775807 - 1), 8, 'little', True), (5, 10, 'big', False),
                             (-5, 10, 'little', True), (0, 0, 'big', True)]:
    try:
        print(v, n, order, signed, v.to_bytes(n, order, signed=signed))
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
for args in [(256, 1, 'big', False), (-1, 1, 'big', False), (128, 1, 'big', True), (1, -1, 'big', False), (1, 1, 'middle', False)]:
    v, n, order, signed = args
    try:
        v.to_bytes(n, order, signed=signed)
    except (OverflowError, ValueError) as e:
        print(type(e).__name__, e)
print((65).to_bytes(), (7).to_bytes(2, 'little'))
for b, order, signed in [(b'\x01\x00', 'big', False), (b'\x01\x00', 'little', False), (b'\xff\xff', 'big', True),
                         (b'\xff\xff', 'big', False), (b'', 'big', True), (b'\x80' + b'\x00' * 7, 'big', True),
                         (b'\x00' * 4 + b'\x7f' + b'\xff' * 7, 'big', True), (b'\xff' * 12, 'little', True),
                         ([1, 2, 3], 'big', False), (b'\x12\x34\x56\x78', 'little', False)]:
    print(int.from_bytes(b, order, signed=signed))
for x in [1.0, 1.5, -0.0, 1e300, float('inf'), float('nan')]:
    print(x, x.is_integer())
frame = b'\x00\x10\xff\xf6\x01\x02'
temp = int.from_bytes(frame[0:2], 'big')
accel = int.from_bytes(frame[2:4], 'big', signed=True)
flags = int.from_bytes(frame[4:6], 'little')
print(temp, accel, flags, bin(flags), flags.bit_length())
print(int.from_bytes([0]*20 + [1], "big"))
try:
    int.from_bytes(5, "big")
except TypeError as e:
    print(e)
try:
    int.from_bytes([300], "big")
except ValueError as e:
    print(e)
# hash() of ints and integral floats is CPython's (mod 2**61-1, -1 -> -2)
print(hash(-1), hash(-2), hash(1), hash(True), hash(-1.0), hash(2**61 - 1), hash(2**61), hash(-(2**61)))
d = {-1: "a", -2: "b"}
print(d[-1], d[-2])
