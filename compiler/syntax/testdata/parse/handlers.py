# Realistic handlers: sensor windows, JSON reshaping, state machines, reports.
import json
import math
from time import monotonic

WINDOW = 32
THRESHOLDS = {"temp": (10.0, 35.0), "humidity": (20, 80)}


class RingBuffer:
    """Fixed-size window of samples."""

    def __init__(self, size=WINDOW):
        self.size = size
        self.items = []

    def push(self, value):
        self.items.append(value)
        if len(self.items) > self.size:
            del self.items[0]

    def mean(self):
        return sum(self.items) / len(self.items) if self.items else 0.0

    def stddev(self):
        m = self.mean()
        return math.sqrt(sum((x - m) ** 2 for x in self.items) / max(1, len(self.items) - 1))

    def __len__(self):
        return len(self.items)


def classify(kind, value):
    lo, hi = THRESHOLDS.get(kind, (-math.inf, math.inf))
    if value < lo:
        return "low"
    elif value > hi:
        return "high"
    return "ok"


def reshape(event):
    readings = event.get("readings", [])
    by_kind = {}
    for r in readings:
        by_kind.setdefault(r["kind"], []).append(r["value"])
    return {
        kind: {"n": len(vs), "min": min(vs), "max": max(vs), "avg": round(sum(vs) / len(vs), 2)}
        for kind, vs in sorted(by_kind.items())
    }


class Machine:
    TRANSITIONS = {
        ("idle", "start"): "running",
        ("running", "pause"): "paused",
        ("paused", "resume"): "running",
        ("running", "stop"): "idle",
    }

    def __init__(self):
        self.state = "idle"
        self.history = []

    def fire(self, event):
        key = (self.state, event)
        if key not in self.TRANSITIONS:
            raise ValueError(f"bad event {event!r} in state {self.state}")
        self.history.append(key)
        self.state = self.TRANSITIONS[key]
        return self.state


def report(stats, width=12):
    lines = [f"{'kind':<{width}}{'n':>4}{'avg':>8}"]
    for kind, s in stats.items():
        lines.append(f"{kind:<{width}}{s['n']:>4}{s['avg']:>8.2f}")
    total = sum(s["n"] for s in stats.values())
    lines.append("%-*s%4d" % (width, "total", total))
    return "\n".join(lines)


def make_counter(start=0):
    count = start

    def inc(step=1):
        nonlocal count
        count += step
        return count

    return inc


def handler(event, context):
    started = monotonic()
    buf = RingBuffer()
    for sample in event.get("samples", []):
        try:
            buf.push(float(sample))
        except (TypeError, ValueError) as err:
            print("skip", sample, err)
            continue
    stats = reshape(event)
    m = Machine()
    for ev in event.get("events", ()):
        try:
            m.fire(ev)
        except ValueError:
            pass
        finally:
            pass
    result = {
        "mean": buf.mean(),
        "std": buf.stddev(),
        "state": m.state,
        "labels": [classify(k, v["avg"]) for k, v in stats.items()],
        "report": report(stats),
        "elapsed": monotonic() - started,
    }
    assert len(buf) <= WINDOW, "window overflow"
    return json.dumps(result, sort_keys=True)
