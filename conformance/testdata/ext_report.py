import json
import math

readings = [
    {"id": "s-01", "room": "lab", "temp": 21.456, "hum": 40, "ok": True},
    {"id": "s-02", "room": "office", "temp": 19.0, "hum": 55, "ok": True},
    {"id": "s-03", "room": "lab", "temp": 35.25, "hum": 12, "ok": False},
    {"id": "s-04", "room": "hall", "temp": -2.5, "hum": 80, "ok": True},
    {"id": "s-05", "room": "office", "temp": 22.75, "hum": 47, "ok": True},
]


def table(rows):
    header = "%-6s %-8s %8s %5s %s" % ("id", "room", "temp", "hum", "status")
    lines = [header, "-" * len(header)]
    for r in rows:
        lines.append("%-6s %-8s %8.2f %4d%% %s" % (r["id"], r["room"], r["temp"], r["hum"], "OK" if r["ok"] else "FAIL"))
    return "\n".join(lines)


print(table(readings))
by_room = {}
for r in readings:
    by_room.setdefault(r["room"], []).append(r["temp"])
for room in sorted(by_room):
    ts = by_room[room]
    mean = sum(ts) / len(ts)
    sd = math.sqrt(sum((t - mean) ** 2 for t in ts) / len(ts))
    print(f"{room:>8}: n={len(ts)} mean={mean:7.3f} sd={sd:.3f} range=[{min(ts):g}, {max(ts):g}]")
stable = sorted(readings, key=lambda r: r["room"])
print([r["id"] for r in stable])
print([r["id"] for r in sorted(readings, key=lambda r: (r["ok"], -r["hum"]))])
ranked = sorted(enumerate(readings), key=lambda p: p[1]["temp"], reverse=True)
for rank, (i, r) in enumerate(ranked, 1):
    print("{:>2}. #{} {:<6} {:+.1f}C".format(rank, i, r["id"], r["temp"]))
summary = {
    "count": len(readings),
    "failing": [r["id"] for r in readings if not r["ok"]],
    "avg_hum": round(sum(r["hum"] for r in readings) / len(readings), 1),
    "hottest": max(readings, key=lambda r: r["temp"])["id"],
    "rooms": {k: len(v) for k, v in sorted(by_room.items())},
}
print(json.dumps(summary, indent=4, sort_keys=True))
print(json.dumps(summary, indent="\t"))
print("%5.1f|%-7.3e|%+d|% d|%c|%c|%i|%u" % (3.14159, 12345.6789, 5, 7, "x", 65, 3, 4))
print("%s %s %s" % (None, [1, "a"], {"k": (1,)}), "%r" % ((1, 2),), "%s" % "single", "%.3s" % "abcdef", "%*d" % (5, 42))
print("%x %o %#x %#o %08.3f %-8d| %g %g %g %G" % (3054, 8, 255, 8, -3.14159, 42, 1e-10, 123456789.0, 0.5, 1e20))
print(format(1234.5678, ",.2f"), format(0.5, "%"), format(42, "08b"), format("s", "^5"), format(3, ""), format(2.0))
print(round(1.23456, 3), round(-1.5), round(0.125, 2), round(1e15 + 0.5), round(7, 1), 1 / 3, 2 / 3, 10 / 3, 1e16, 1.0e-4, 123456789.123456789)
print(float(10 ** 15), float(2 ** 53), 1e22, 1e23, 0.1 * 3, 100.0, 1.5e300 * 1.5e10 > 0, 3.0 * 1.1, 4.35 * 100, str(9.999999999999999e22))
print(int(1e15), int(-2.5e3), int("  -12  "), float("1e-7"), float("inf"), float("-inf"), -float("nan") != 0)
