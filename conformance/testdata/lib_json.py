# The json module: dumps with every option, loads, and error messages.
import json


def attempt(f, *args, **kwargs):
    """Call f, or describe the exception it raises."""
    try:
        return f(*args, **kwargs)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)


doc = {
    "device": "sensor-7",
    "ok": True,
    "error": None,
    "readings": [20.5, 21, -0.0, 1e-7, 1e16, 12345678901234.5],
    "tags": ["a", "é", "日本", "\U0001F600", "quote\"back\\slash", "ctl\n\t\x01\x7f"],
    "nested": {"empty_list": [], "empty_dict": {}, "tuple": (1, 2)},
    3: "int key",
    2.5: "float key",
    False: "bool key",
}
print(json.dumps(doc))
print(json.dumps(doc, ensure_ascii=False))
print(json.dumps(doc, indent=2))
print(json.dumps(doc["nested"], indent=0))
print(json.dumps([1, [2, [3, {}]]], indent="\t"))
print(json.dumps({"b": 1, "a": {"d": 2, "c": 3}}, sort_keys=True))
print(json.dumps({"b": 1, "a": [1, 2]}, sort_keys=True, indent=1))
print(json.dumps({"a": [1, 2], "b": "x"}, separators=(",", ":")))
print(json.dumps({"a": [1, 2]}, indent=2, separators=(",", " = ")))
print(json.dumps("plain"), json.dumps(42), json.dumps(None), json.dumps(3.0), json.dumps([]), json.dumps({}))
print(json.dumps([float("nan"), float("inf"), float("-inf")]))
print(attempt(json.dumps, [float("nan")], allow_nan=False))
print(attempt(json.dumps, {(1, 2): "x"}), attempt(json.dumps, {1, 2}), attempt(json.dumps, b"bytes"))
print(json.dumps({(1, 2): "x", "k": 1}, skipkeys=True))
print(json.dumps({1, 2}, default=sorted), json.dumps({"s": {3, 1}}, default=lambda o: sorted(o)))
print(attempt(json.dumps, {"b": 1, 2: 3}, sort_keys=True))
loop = []
loop.append(loop)
print(attempt(json.dumps, loop))

text = '{"name": "nl", "version": 1, "pi": 3.14, "list": [1, 2.0, -3e2, true, false, null], "obj": {"x": {}}}'
v = json.loads(text)
print(v, type(v["version"]).__name__, type(v["list"][1]).__name__)
print(json.loads('"\\u00e9\\ud83d\\ude00\\n\\t\\"\\\\\\/"'), json.loads("  [ ]  "), json.loads("{}"), json.loads("-0"))
print(json.loads("1e400"), json.loads("NaN"), json.loads("-Infinity"), json.loads('{"a": 1, "a": 2}'))
print(json.loads(b'{"bytes": true}'), json.loads("123"), json.loads("-12.5e-1"), json.loads('"日本"'))
print(json.loads(json.dumps(doc["tags"])) == doc["tags"], json.dumps(json.loads(text)) == text)
for bad in ["", "[1,]", '{"a":1,}', '{"a" 1}', "{1:2}", "[1 2]", '"abc', '"a\x01"', '"\\q"', '"\\u12"',
            "[1] x", "tru", "-", "01", "[", "{", '{"a"', '{"a":', '{"a":1', "[1,", "\n\n  ]", '{"é": x}']:
    print(repr(bad), attempt(json.loads, bad))
try:
    json.loads("[oops]")
except json.JSONDecodeError as e:
    print("JSONDecodeError", isinstance(e, ValueError), e)
try:
    json.loads("{")
except ValueError as e:
    print("as ValueError:", e)
print(attempt(json.loads, 5))

# a Lambda-style event round trip
event = json.loads('{"Records": [{"s3": {"bucket": {"name": "in"}, "object": {"key": "a.csv", "size": 1024}}}]}')
rec = event["Records"][0]["s3"]
result = {"bucket": rec["bucket"]["name"], "key": rec["object"]["key"], "kb": rec["object"]["size"] / 1024}
print(json.dumps(result), json.dumps(result, indent=4, sort_keys=True))
