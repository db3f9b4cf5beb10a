# collections in a handler-shaped function: counting, grouping, windows, records.
from collections import deque, Counter, defaultdict, OrderedDict, namedtuple
import collections
d = deque([1, 2, 3], maxlen=3)
d.extendleft([9, 8])
print(d)
d.rotate(1)
print(d, d.maxlen)
d.clear()
d.extend(range(10))
print(d)
def handler(event, context=None):
    counts = collections.Counter(r["type"] for r in event["records"])
    by_user = defaultdict(list)
    for r in event["records"]:
        by_user[r["user"]].append(r["id"])
    Rec = namedtuple("Rec", "user n")
    top = [Rec(u, len(ids)) for u, ids in sorted(by_user.items())]
    recent = deque((r["id"] for r in event["records"]), maxlen=2)
    return {"counts": counts, "top": top, "recent": list(recent), "first": top[0]._asdict(),
            "common": counts.most_common(1)}
ev = {"records": [{"type": "a", "user": "u1", "id": 1}, {"type": "b", "user": "u2", "id": 2},
                  {"type": "a", "user": "u1", "id": 3}]}
import json
print(json.dumps(handler(ev), sort_keys=True))
print(handler(ev))
