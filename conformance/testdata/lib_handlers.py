# Handler-shaped programs: the library calls real NanoLambda handlers make.
import json
import math


def summarize(samples):
    n = len(samples)
    mean = sum(samples) / n
    var = sum((s - mean) ** 2 for s in samples) / n
    ordered = sorted(samples)
    mid = n // 2
    median = ordered[mid] if n % 2 else (ordered[mid - 1] + ordered[mid]) / 2
    return {"n": n, "mean": round(mean, 3), "sd": round(math.sqrt(var), 3), "median": median,
            "min": min(samples), "max": max(samples), "spikes": [i for i, s in enumerate(samples) if abs(s - mean) > 2 * math.sqrt(var)]}


def sensor_handler(event, context):
    window = event["samples"]
    stats = summarize(window)
    level = "alarm" if stats["max"] > event.get("limit", 30) else "ok"
    return {"device": event["device"].upper(), "level": level, **stats}


samples = [21.0 + ((i * 37) % 11) / 4 - (3.5 if i == 17 else 0) for i in range(32)]
samples[9] = 34.25
print(json.dumps(sensor_handler({"device": "dev-7", "samples": samples, "limit": 33}, None), sort_keys=True))


def reshape(event, context):
    # S3-style notification to a flat list of objects, grouped by bucket
    out = {}
    for rec in event.get("Records", []):
        s3 = rec["s3"]
        bucket = s3["bucket"]["name"]
        key = s3["object"]["key"]
        size = s3["object"].get("size", 0)
        out.setdefault(bucket, []).append({"key": key, "kb": round(size / 1024, 1), "ext": key.rsplit(".", 1)[-1].lower()})
    for items in out.values():
        items.sort(key=lambda it: (-it["kb"], it["key"]))
    return {"buckets": sorted(out), "objects": out, "total": sum(len(v) for v in out.values())}


event = {"Records": [
    {"s3": {"bucket": {"name": "raw"}, "object": {"key": "2026/a.CSV", "size": 2048}}},
    {"s3": {"bucket": {"name": "raw"}, "object": {"key": "2026/b.json", "size": 512}}},
    {"s3": {"bucket": {"name": "img"}, "object": {"key": "cam/1.jpg", "size": 150000}}},
    {"s3": {"bucket": {"name": "raw"}, "object": {"key": "2026/c.csv"}}},
]}
print(json.dumps(reshape(json.loads(json.dumps(event)), None), indent=2))

# a small state machine over a command stream
TRANSITIONS = {("idle", "start"): "running", ("running", "pause"): "paused", ("paused", "start"): "running",
               ("running", "stop"): "idle", ("paused", "stop"): "idle"}
state, log = "idle", []
for cmd in "start pause start stop stop start".split():
    nxt = TRANSITIONS.get((state, cmd))
    log.append("%-8s %-6s -> %s" % (state, cmd, nxt or "(ignored)"))
    state = nxt or state
print("\n".join(log))
print("final:", state)

# report formatting
rows = [("temperature", 21.456, "C"), ("humidity", 40.0, "%"), ("pressure", 1013.25, "hPa"), ("co2", 612, "ppm")]
width = max(len(r[0]) for r in rows)
print("+" + "-" * (width + 2) + "+" + "-" * 12 + "+")
for name, value, unit in rows:
    print(f"| {name:<{width}} | {value:>8.2f} {unit:<3}|")
print("+" + "-" * (width + 2) + "+" + "-" * 12 + "+")
print("{:=^30}".format(" %d readings " % len(rows)))
totals = {unit: sum(v for _, v, u in rows if u == unit) for _, _, unit in rows}
print(", ".join("{}={:g}".format(k, v) for k, v in sorted(totals.items())))
csv = "id,name,score\n1,ann,9.5\n2,bob,7\n3,cy,8.25\n"
header, *lines = csv.strip().splitlines()
cols = header.split(",")
table = [dict(zip(cols, line.split(","))) for line in lines]
best = max(table, key=lambda r: float(r["score"]))
print(best, [int(r["id"]) for r in table], "%.2f" % (sum(float(r["score"]) for r in table) / len(table)))
print(json.dumps(table, separators=(",", ":")))
