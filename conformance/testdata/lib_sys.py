# The sys module: version, limits, streams and SystemExit.
import sys

print(sys.maxsize == 9223372036854775807, sys.byteorder, sys.version_info[:2] >= (3, 8))
print(sys.version_info[0], sys.version.startswith("3.11"))
n = sys.stdout.write("written by sys.stdout\n")
print(n, sys.stdout.write(""), sys.stdout.write("héllo\n"))
sys.stdout.flush()
print(sys.getrecursionlimit() >= 100)
for args in [(), (0,), (3,), ("message",), (None,)]:
    try:
        sys.exit(*args)
    except SystemExit as e:
        print("SystemExit", repr(e.code), e.args)
try:
    raise SystemExit(1, 2)
except SystemExit as e:
    print(e.code)
try:
    sys.stdout.write(5)
except TypeError as e:
    print(e)
print(isinstance(SystemExit(), BaseException), isinstance(SystemExit(), Exception))
try:
    try:
        sys.exit(2)
    except Exception:
        print("not caught by except Exception")
except SystemExit:
    print("SystemExit is a BaseException")
