"""Vibration monitor: statistics over a window of accelerometer samples."""
import math

WINDOW = 32
WARN_RMS = 0.8
ALARM_RMS = 1.5


def mean(xs):
    return sum(xs) / len(xs)


def stddev(xs, m):
    acc = 0.0
    for x in xs:
        d = x - m
        acc += d * d
    return math.sqrt(acc / len(xs))


def rms(xs):
    return math.sqrt(sum(x * x for x in xs) / len(xs))


def peak_to_peak(xs):
    lo = hi = xs[0]
    for x in xs:
        if x < lo:
            lo = x
        elif x > hi:
            hi = x
    return hi - lo


def zero_crossings(xs, m):
    count = 0
    prev = xs[0] - m
    for x in xs[1:]:
        cur = x - m
        if (prev < 0) != (cur < 0):
            count += 1
        prev = cur
    return count


def classify(level):
    if level >= ALARM_RMS:
        return "alarm"
    if level >= WARN_RMS:
        return "warn"
    return "ok"


def handler(event, context):
    samples = event.get("samples", [])
    if len(samples) < 2:
        return {"error": "need at least 2 samples", "n": len(samples)}
    window = samples[-WINDOW:]
    m = mean(window)
    sd = stddev(window, m)
    level = rms(window)
    over = [i for i, x in enumerate(window) if abs(x - m) > 2 * sd]
    return {
        "device": event.get("device", "unknown"),
        "n": len(window),
        "mean": round(m, 4),
        "std": round(sd, 4),
        "rms": round(level, 4),
        "p2p": round(peak_to_peak(window), 4),
        "crossings": zero_crossings(window, m),
        "outliers": over,
        "status": classify(level),
    }
