import json
print(json.dumps([1e16, 1e-7, float("inf"), float("nan"), -0.0, 0.1 + 0.2, 100.0, 2 ** 53]))
print(json.dumps({"b": 1, "a": [1, {"c": None}]}, indent=0), json.dumps([], indent=2), json.dumps({}, indent=2), json.dumps([[]], indent=2))
print(json.dumps({"x": 1}, separators=(",", ": "), indent=1))
print(json.dumps("\x00\x1f\u2028é😀"), json.dumps("é", ensure_ascii=False))
print(json.loads('{"a": 1, "a": 2}'), json.loads("[1e5, -0, -0.0, 1E-2, 10000000000000000000.0]"), json.loads('"\\t\\/\\b"'))
for bad in ["", "[1,]", "{'a': 1}", "[1] x", "NaN", "tru", '"\\x"', "01"]:
    try:
        print(repr(json.loads(bad)))
    except ValueError as e:
        print(type(e).__name__, e)
try:
    json.dumps({"s": {1, 2}})
except TypeError as e:
    print("TypeError", e)
print(json.dumps({"d": "2024"}, default=str), json.dumps(object(), default=lambda o: "obj"))
print(json.dumps([1, 2], indent="--"), json.dumps({"k": (1, 2)}, sort_keys=True, indent=None))
