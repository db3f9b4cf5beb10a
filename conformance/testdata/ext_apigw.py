import json

event = {
    "httpMethod": "POST",
    "path": "/v1/devices/abc-123/readings",
    "queryStringParameters": {"limit": "10", "unit": "F", "verbose": "true"},
    "headers": {"Content-Type": "application/json", "X-Request-Id": "req-42"},
    "body": "{\"readings\": [20.5, 21.0, 22.25, null, 19.75], \"tags\": [\"a\", \"b\"]}",
}


def parse_path(path):
    parts = [p for p in path.strip("/").split("/") if p]
    version, resource, ident, sub = (parts + [None] * 4)[:4]
    return {"version": version, "resource": resource, "id": ident, "sub": sub}


def to_bool(s):
    return str(s).lower() in ("1", "true", "yes", "on")


def respond(status, body, **headers):
    h = {"Content-Type": "application/json"}
    h.update(headers)
    return {"statusCode": status, "headers": h, "body": json.dumps(body)}


def handler(event, context):
    route = parse_path(event["path"])
    qs = event.get("queryStringParameters") or {}
    limit = int(qs.get("limit", "100"))
    unit = qs.get("unit", "C").upper()
    try:
        payload = json.loads(event.get("body") or "{}")
    except ValueError as e:
        return respond(400, {"error": "bad json"})
    vals = [v for v in payload.get("readings", []) if v is not None][:limit]
    if unit == "F":
        vals = [round(v * 9 / 5 + 32, 2) for v in vals]
    body = {"device": route["id"], "n": len(vals), "values": vals, "unit": unit}
    if to_bool(qs.get("verbose")):
        body["route"] = route
        body["tags"] = sorted(set(payload.get("tags", [])))
    return respond(201 if event["httpMethod"] == "POST" else 200, body, **{"X-Request-Id": event["headers"].get("X-Request-Id", "-")})


r = handler(event, None)
print(r["statusCode"], r["headers"])
print(r["body"])
print(handler(dict(event, body="{oops"), None))
print(handler(dict(event, httpMethod="GET", queryStringParameters=None, body=None), None)["body"])


def parse_qs(q):
    out = {}
    for pair in q.split("&"):
        if not pair:
            continue
        k, sep, v = pair.partition("=")
        out.setdefault(k, []).append(v if sep else "")
    return out


print(parse_qs("a=1&b=2&a=3&flag&&c="))
tmpl = "Hello {name}, you have {count} new {thing}{plural}"
for n in [0, 1, 5]:
    print(tmpl.format(name="Ann", count=n, thing="message", plural="" if n == 1 else "s"))
csv_text = "id,name,score\n1,ann,90.5\n2,bob,78\n3,cy,88.25\n"
rows = [dict(zip(csv_text.splitlines()[0].split(","), line.split(","))) for line in csv_text.splitlines()[1:]]
print(rows)
print(sorted(rows, key=lambda r: float(r["score"]), reverse=True)[0]["name"], sum(float(r["score"]) for r in rows) / len(rows))
print(json.dumps(rows, separators=(",", ":"), sort_keys=True))
print(json.loads("[1, 2.5, -3e2, true, false, null, \"s\", {\"a\": {}}]"), json.loads("123"), json.loads('"x"'), json.loads(" 1.0 "))
print(json.dumps({"nested": {"list": [1, {"x": [None]}]}, "e": [], "u": "ü"}, indent=2))
print(json.dumps(1.0), json.dumps(1e100), json.dumps(-5), json.dumps(True), json.dumps(None), json.dumps("a\"b\\c\t"), json.dumps((1, 2)))
print(json.dumps({1: "int key", 2.5: "f", True: "b", None: "n"}))
