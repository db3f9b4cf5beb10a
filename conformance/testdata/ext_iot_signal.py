import json
import math

# IoT: sensor frames in bytes, checksums, bit ops
frame = bytes([0xAA, 0x01, 0x10, 0x27, 0x00, 0x64])
def checksum(data):
    c = 0
    for b in data:
        c ^= b
        c = ((c << 1) | (c >> 7)) & 0xFF
    return c
print(hex(checksum(frame)), frame[2] | frame[3] << 8, frame.hex(), frame[1:3], list(frame[-2:]))
temp_raw = frame[2] + (frame[3] << 8)
print(f"{temp_raw / 100:.2f}C", temp_raw >> 4, temp_raw & 0xF, -temp_raw % 256, ~temp_raw & 0xFFFF)
# debounce state machine
class Debouncer:
    def __init__(self, n=3):
        self.n, self.count, self.state = n, 0, False
    def feed(self, raw):
        if raw != self.state:
            self.count += 1
            if self.count >= self.n:
                self.state, self.count = raw, 0
                return True
        else:
            self.count = 0
        return False
d = Debouncer()
edges = [i for i, v in enumerate([0, 1, 1, 1, 1, 0, 1, 0, 0, 0, 0]) if d.feed(bool(v))]
print(edges, d.state)
# exponential moving average and anomaly detection
def ewma(xs, alpha=0.3):
    s = None
    for x in xs:
        s = x if s is None else alpha * x + (1 - alpha) * s
        yield s
xs = [20, 21, 20.5, 35, 21, 20.8, 19.9, 50, 20.1]
smooth = list(ewma(xs))
print([round(v, 3) for v in smooth])
anoms = [(i, x) for i, (x, s) in enumerate(zip(xs, smooth)) if abs(x - s) > 5]
print(anoms)
med = sorted(xs)[len(xs) // 2]
mad = sorted(abs(x - med) for x in xs)[len(xs) // 2]
print(med, mad, [x for x in xs if abs(x - med) > 3 * mad])
pct = lambda p: sorted(xs)[min(len(xs) - 1, int(math.ceil(p / 100 * len(xs))) - 1)]
print(pct(50), pct(90), pct(100))
hist = {}
for x in xs:
    bucket = int(x // 5 * 5)
    hist[bucket] = hist.get(bucket, 0) + 1
for b in sorted(hist):
    print(f"{b:>3}-{b + 4:<3} {'#' * hist[b]}")
print(json.dumps({"mean": sum(xs) / len(xs), "max": max(xs), "n": len(xs)}))
window = xs[-4:]
print(sum(xs[-4:]) / 4)
