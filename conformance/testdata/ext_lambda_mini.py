# Small Lambda handlers in the style of the AWS examples.
import json
import math


def hello(event, context):
    name = event.get("queryStringParameters", {}).get("name") or "world"
    return {"statusCode": 200, "headers": {"Content-Type": "text/plain"}, "body": f"Hello, {name}!"}


def calc(event, context):
    ops = {"add": lambda a, b: a + b, "sub": lambda a, b: a - b, "mul": lambda a, b: a * b, "div": lambda a, b: a / b}
    try:
        body = json.loads(event["body"])
        a, b, op = float(body["a"]), float(body["b"]), body["op"]
        result = ops[op](a, b)
    except (KeyError, ValueError, TypeError) as e:
        return {"statusCode": 400, "body": json.dumps({"error": type(e).__name__, "detail": str(e)})}
    except ZeroDivisionError:
        return {"statusCode": 422, "body": json.dumps({"error": "division by zero"})}
    return {"statusCode": 200, "body": json.dumps({"result": result if not result.is_integer() else int(result)} if False else {"result": round(result, 6)})}


def geo(event, context):
    lat1, lon1, lat2, lon2 = (math.radians(v) for v in event["points"])
    dlat, dlon = lat2 - lat1, lon2 - lon1
    h = math.sin(dlat / 2) ** 2 + math.cos(lat1) * math.cos(lat2) * math.sin(dlon / 2) ** 2
    km = 2 * 6371.0 * math.asin(math.sqrt(h))
    return {"km": round(km, 3), "miles": round(km / 1.609344, 3), "bearing": round((math.degrees(math.atan2(
        math.sin(dlon) * math.cos(lat2), math.cos(lat1) * math.sin(lat2) - math.sin(lat1) * math.cos(lat2) * math.cos(dlon))) + 360) % 360, 2)}


print(hello({"queryStringParameters": {"name": "Ada"}}, None))
print(hello({}, None)["body"])
for body in ['{"a": 6, "b": 3, "op": "div"}', '{"a": 1, "b": 0, "op": "div"}', '{"a": "x", "b": 1, "op": "add"}',
             '{"a": 1, "b": 2, "op": "pow"}', '{"a": 1.5, "b": 2.25, "op": "mul"}', "{oops"]:
    print(calc({"body": body}, None))
print(geo({"points": [51.5007, -0.1246, 40.6892, -74.0445]}, None))
print(geo({"points": [0, 0, 0, 0]}, None))
