import json

event = {
    "Records": [
        {"eventName": "ObjectCreated:Put", "s3": {"bucket": {"name": "photos"}, "object": {"key": "a/b/c.jpg", "size": 1024}}},
        {"eventName": "ObjectCreated:Copy", "s3": {"bucket": {"name": "photos"}, "object": {"key": "x.png", "size": 20480}}},
        {"eventName": "ObjectRemoved:Delete", "s3": {"bucket": {"name": "logs"}, "object": {"key": "2024/01/01.log"}}},
    ]
}


def lambda_handler(event, context):
    out = {}
    for rec in event.get("Records", []):
        kind, _, action = rec["eventName"].partition(":")
        b = rec["s3"]["bucket"]["name"]
        obj = rec["s3"]["object"]
        entry = out.setdefault(b, {"created": [], "removed": [], "bytes": 0})
        if kind == "ObjectCreated":
            entry["created"].append(obj["key"])
            entry["bytes"] += obj.get("size", 0)
        else:
            entry["removed"].append(obj["key"])
    return {"statusCode": 200, "body": json.dumps(out, sort_keys=True)}


r = lambda_handler(event, None)
print(r["statusCode"])
print(r["body"])
print(json.dumps(json.loads(r["body"]), indent=2))
print(json.dumps(r, separators=(",", ":")))
body = json.loads(r["body"])
for name, e in sorted(body.items(), key=lambda kv: -kv[1]["bytes"]):
    print(f"{name:<10}|{e['bytes']:>8,}|{len(e['created']):03d}|{e['bytes'] / 1024:.1f}KiB")
print(json.dumps({"a": [1, 2.5, None, True, "x\u00e9\n"], "b": {}}, ensure_ascii=False))
print(json.dumps({"a": [1, 2.5, None, True, "x\u00e9\n"], "b": {}}))
print(json.dumps([1e20, 1.5e-7, 0.1, -0.0, 3.0, 1234567890123456789]))
print(json.loads('{"x": 1.0, "y": [1, 2e3], "z": "\\u00e9\\ud83d\\ude00"}'))
try:
    json.loads("{bad json}")
except ValueError as e:
    print("ValueError", type(e).__name__)
