"""Reshape an S3 batch of readings into per-sensor summaries."""
import json


def parse_record(line):
    rec = json.loads(line)
    sensor = rec.get("sensor")
    if not sensor:
        raise ValueError("record without sensor: " + line)
    return sensor, rec.get("ts", 0), float(rec.get("value", 0))


def group(records):
    by_sensor = {}
    for sensor, ts, value in records:
        by_sensor.setdefault(sensor, []).append((ts, value))
    for readings in by_sensor.values():
        readings.sort()
    return by_sensor


def summarize(readings):
    values = [v for _, v in readings]
    first_ts, last_ts = readings[0][0], readings[-1][0]
    return {
        "count": len(values),
        "min": min(values),
        "max": max(values),
        "avg": round(sum(values) / len(values), 3),
        "span_s": last_ts - first_ts,
        "last": values[-1],
    }


def handler(event, context):
    body = event.get("body", "")
    records = []
    errors = []
    for n, line in enumerate(body.splitlines(), start=1):
        line = line.strip()
        if not line or line.startswith("#"):
            continue
        try:
            records.append(parse_record(line))
        except ValueError as e:
            errors.append({"line": n, "error": str(e)})
    grouped = group(records)
    out = {name: summarize(r) for name, r in sorted(grouped.items())}
    result = {
        "sensors": out,
        "total": len(records),
        "errors": errors,
    }
    if event.get("pretty"):
        return json.dumps(result, indent=2, sort_keys=True)
    return result
