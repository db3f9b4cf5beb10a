"""Format a daily energy report for a set of meters."""

UNITS = {"energy": "kWh", "power": "W", "voltage": "V"}


def fmt_value(kind, value):
    unit = UNITS.get(kind, "")
    if kind == "energy":
        return f"{value:>10.3f} {unit}"
    if kind == "power":
        return f"{value:>10.1f} {unit}"
    return f"{value:>10.2f} {unit}"


def bar(fraction, width=20):
    filled = int(round(fraction * width))
    return "[" + "#" * filled + "." * (width - filled) + "]"


def table(rows, total):
    lines = []
    header = f"{'meter':<12}{'energy':>14}  share"
    lines.append(header)
    lines.append("-" * len(header))
    for name, energy in rows:
        share = energy / total if total else 0.0
        lines.append(f"{name:<12}{fmt_value('energy', energy)}  {bar(share)} {share:6.1%}")
    lines.append("-" * len(header))
    lines.append(f"{'total':<12}{fmt_value('energy', total)}")
    return lines


def handler(event, context):
    meters = event.get("meters", {})
    rows = sorted(meters.items(), key=lambda kv: kv[1], reverse=True)
    total = sum(v for _, v in rows)
    lines = [f"Energy report for {event.get('date', 'today')}", ""]
    lines.extend(table(rows, total))
    peak = event.get("peak_power")
    if peak is not None:
        lines.append("")
        lines.append("peak power: " + fmt_value("power", peak).strip())
    warnings = [name for name, v in rows if v > event.get("limit", 1e9)]
    if warnings:
        lines.append("over limit: " + ", ".join(warnings))
    return {"text": "\n".join(lines), "lines": len(lines), "total": round(total, 3)}
