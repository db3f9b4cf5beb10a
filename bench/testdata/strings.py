# String building: concatenation, str(), join, % formatting, methods.
def bench():
    parts = []
    for i in range(2000):
        parts.append("item" + str(i) + ":" + str(i * 3))
    s = ",".join(parts)
    out = ""
    for i in range(500):
        out += "x%d;" % i
    words = s.split(",")
    return len(s) + len(out) + len(s.upper()) + s.count("1") + len(words)
