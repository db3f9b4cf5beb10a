# JSON round trip: encode 100 sensor records and decode them again. The
# result ignores the text length: starlark-go encodes without spaces.
import json

records = []
for i in range(100):
    records.append({"id": i, "name": "sensor-" + str(i), "values": [1.5 * i, 2.25, -3.0, i / 8],
                    "ok": i % 2 == 0, "meta": {"unit": "C", "loc": [47.1, 8.5]}})


def bench():
    s = json.dumps(records)
    back = json.loads(s)
    return len(back) * 1000 + len(back[5]["values"]) + back[7]["id"]
