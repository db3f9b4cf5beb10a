s = f"{a!r:>{w}} and {b:.2f} {c}"
