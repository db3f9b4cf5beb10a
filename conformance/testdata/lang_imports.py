# Imports of built-in modules, and a module-level program shape.

import math
import json
import time as t
from math import sqrt, pi as PI

print(math.floor(3.7), math.ceil(3.2), sqrt(16.0), round(PI, 4))
print(json.dumps({"b": 1, "a": [1, 2, None, True]}))
print(json.dumps({"b": 1, "a": 2}, sort_keys=True))
print(json.loads('{"x": [1, 2.5, "s", null, false]}'))
print(type(t.time()).__name__)

def handler(event, context):
    samples = event["samples"]
    mean = sum(samples) / len(samples)
    var = sum((s - mean) ** 2 for s in samples) / len(samples)
    return {"mean": round(mean, 3), "std": round(math.sqrt(var), 3), "n": len(samples)}

print(handler({"samples": [1.0, 2.0, 3.0, 4.0]}, None))

# import inside a function
def use_json():
    import json as j
    return j.dumps([1, "two"])

print(use_json())

try:
    import no_such_module_for_nl
except ImportError as e:
    print("ImportError:", type(e).__name__)

try:
    from math import no_such_name
except ImportError as e:
    print("ImportError caught")
