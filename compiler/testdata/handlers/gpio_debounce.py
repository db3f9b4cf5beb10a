"""Debounce button presses from a GPIO sample stream and count gestures."""

DEBOUNCE_MS = 30
LONG_MS = 600
DOUBLE_GAP_MS = 250


def debounce(samples):
    stable = samples[0][1] if samples else 0
    candidate = stable
    since = samples[0][0] if samples else 0
    edges = []
    for ts, level in samples:
        if level != candidate:
            candidate = level
            since = ts
        elif candidate != stable and ts - since >= DEBOUNCE_MS:
            stable = candidate
            edges.append((since, stable))
    return edges


def presses(edges):
    out = []
    down = None
    for ts, level in edges:
        if level == 1:
            down = ts
        elif down is not None:
            out.append((down, ts - down))
            down = None
    return out


def gestures(press_list):
    result = []
    i = 0
    while i < len(press_list):
        start, dur = press_list[i]
        if dur >= LONG_MS:
            result.append("long")
        elif i + 1 < len(press_list) and press_list[i + 1][0] - (start + dur) <= DOUBLE_GAP_MS:
            result.append("double")
            i += 1
        else:
            result.append("short")
        i += 1
    return result


def handler(event, context):
    samples = [(int(s["t"]), 1 if s["v"] else 0) for s in event.get("samples", [])]
    edges = debounce(samples)
    p = presses(edges)
    g = gestures(p)
    counts = {}
    for name in g:
        counts[name] = counts.get(name, 0) + 1
    return {"edges": len(edges), "presses": len(p), "gestures": g, "counts": counts}
