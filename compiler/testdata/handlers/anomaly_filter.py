"""Median filter and anomaly detection on temperature readings."""


def median(xs):
    s = sorted(xs)
    n = len(s)
    mid = n // 2
    if n % 2:
        return s[mid]
    return (s[mid - 1] + s[mid]) / 2


def median_filter(xs, k=3):
    half = k // 2
    out = []
    for i in range(len(xs)):
        lo = max(0, i - half)
        hi = min(len(xs), i + half + 1)
        out.append(median(xs[lo:hi]))
    return out


def ewma(xs, alpha=0.3):
    out = []
    acc = None
    for x in xs:
        acc = x if acc is None else alpha * x + (1 - alpha) * acc
        out.append(round(acc, 3))
    return out


def anomalies(raw, smooth, threshold):
    found = []
    for i, (r, s) in enumerate(zip(raw, smooth)):
        dev = abs(r - s)
        if dev > threshold:
            found.append({"index": i, "raw": r, "expected": s, "dev": round(dev, 3)})
    return found


def handler(event, context):
    temps = [float(t) for t in event.get("temps", [])]
    if not temps:
        return {"error": "no data"}
    k = int(event.get("kernel", 3))
    if k < 1 or k % 2 == 0:
        return {"error": "kernel must be odd and positive"}
    smooth = median_filter(temps, k)
    trend = ewma(smooth)
    rising = all(b >= a for a, b in zip(trend, trend[1:]))
    return {
        "smooth": smooth,
        "trend": trend,
        "anomalies": anomalies(temps, smooth, event.get("threshold", 2.0)),
        "rising": rising,
        "range": [min(temps), max(temps)],
    }
