# An uncaught exception: stdout up to the failure must match, and the last line of
# the traceback on stderr must match CPython's.

def check(reading):
    if reading < 0:
        raise ValueError("negative reading: " + str(reading))
    return reading * 2

def process(readings):
    out = []
    for r in readings:
        out.append(check(r))
        print("ok", r)
    return out

process([1, 2, -3, 4])
print("not reached")
