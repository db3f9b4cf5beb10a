# A typical "process SQS batch" handler with partial failures
import json


class ValidationError(Exception):
    def __init__(self, field, problem):
        super().__init__(f"{field}: {problem}")
        self.field = field


SCHEMA = {"id": int, "temp": float, "unit": str}


def validate(rec):
    for field, typ in SCHEMA.items():
        if field not in rec:
            raise ValidationError(field, "missing")
        v = rec[field]
        if typ is float and isinstance(v, int) and not isinstance(v, bool):
            v = float(v)
            rec[field] = v
        if not isinstance(v, typ):
            raise ValidationError(field, f"expected {typ.__name__}, got {type(v).__name__}")
    if rec["unit"] not in ("C", "F"):
        raise ValidationError("unit", f"unknown unit {rec['unit']!r}")
    return rec


def to_celsius(rec):
    t = rec["temp"]
    return round((t - 32) * 5 / 9, 2) if rec["unit"] == "F" else t


def handler(event, context):
    failures, ok = [], []
    for msg in event["Records"]:
        try:
            rec = validate(json.loads(msg["body"]))
        except ValidationError as e:
            failures.append({"itemIdentifier": msg["messageId"], "reason": str(e), "field": e.field})
            continue
        except ValueError as e:
            failures.append({"itemIdentifier": msg["messageId"], "reason": "bad json"})
            continue
        ok.append((rec["id"], to_celsius(rec)))
    ok.sort(key=lambda p: (-p[1], p[0]))
    return {"batchItemFailures": failures, "processed": len(ok), "hottest": ok[:2]}


bodies = ['{"id": 1, "temp": 98.6, "unit": "F"}', '{"id": 2, "temp": 21, "unit": "C"}', '{"id": 3, "temp": "x", "unit": "C"}',
          '{"id": 4, "unit": "C"}', 'not json', '{"id": 5, "temp": 30.5, "unit": "K"}', '{"id": 6, "temp": true, "unit": "C"}', '{"id": 7, "temp": 37.0, "unit": "C"}']
event = {"Records": [{"messageId": f"m-{i}", "body": b} for i, b in enumerate(bodies)]}
print(json.dumps(handler(event, None), indent=2))
