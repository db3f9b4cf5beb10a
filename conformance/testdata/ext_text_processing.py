TEXT = """The quick brown fox -- jumps over the lazy dog!
  The dog, being lazy, did NOT react; the fox was Quick.
Numbers: 3 apples, 12 pears, 7.5 kg of rice; call +1-555-0100.
"""


def slugify(s, sep="-"):
    out, prev = [], ""
    for ch in s.lower():
        if ch.isalnum():
            out.append(ch)
            prev = ch
        elif prev != sep and out:
            out.append(sep)
            prev = sep
    return "".join(out).strip(sep)


def words(text):
    cur = []
    for ch in text:
        if ch.isalpha() or ch == "'":
            cur.append(ch.lower())
        elif cur:
            yield "".join(cur)
            cur = []
    if cur:
        yield "".join(cur)


freq = {}
for w in words(TEXT):
    freq[w] = freq.get(w, 0) + 1
top = sorted(freq.items(), key=lambda kv: (-kv[1], kv[0]))[:5]
print(top)
print(slugify("Hello, World! -- This is nl"), slugify("  Ünïcödé  ünits  "), slugify("a__b", "_"))
nums = []
for tok in TEXT.replace(",", " ").replace(";", " ").split():
    try:
        nums.append(float(tok) if "." in tok else int(tok))
    except ValueError:
        pass
print(nums, sum(nums))
lines = [ln.strip() for ln in TEXT.splitlines() if ln.strip()]
print(len(lines), [len(ln) for ln in lines], max(lines, key=len)[:20])
print([ln.split(":", 1)[0] if ":" in ln else ln.split()[0] for ln in lines])


def wrap(text, width):
    out, line = [], ""
    for w in text.split():
        if line and len(line) + 1 + len(w) > width:
            out.append(line)
            line = w
        else:
            line = f"{line} {w}" if line else w
    if line:
        out.append(line)
    return out


for ln in wrap(" ".join(lines), 28):
    print(f"|{ln:<28}|")


def parse_csv_line(line):
    fields, cur, quoted, i = [], [], False, 0
    while i < len(line):
        c = line[i]
        if quoted:
            if c == '"' and i + 1 < len(line) and line[i + 1] == '"':
                cur.append('"')
                i += 1
            elif c == '"':
                quoted = False
            else:
                cur.append(c)
        elif c == '"':
            quoted = True
        elif c == ",":
            fields.append("".join(cur))
            cur = []
        else:
            cur.append(c)
        i += 1
    fields.append("".join(cur))
    return fields


print(parse_csv_line('a,"b,c","say ""hi""",,end'))


def url_decode(s):
    out = bytearray() if False else []
    i = 0
    while i < len(s):
        if s[i] == "%" and i + 2 < len(s) + 1:
            out.append(chr(int(s[i + 1:i + 3], 16)))
            i += 3
        elif s[i] == "+":
            out.append(" ")
            i += 1
        else:
            out.append(s[i])
            i += 1
    return "".join(out)


print(url_decode("name%3DJohn+Smith%26age%3D42"))
B64 = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/"


def b64encode(data):
    out = []
    for i in range(0, len(data), 3):
        chunk = data[i:i + 3]
        n = int.from_bytes(chunk, "big") if False else sum(b << (8 * (2 - j)) for j, b in enumerate(chunk))
        for j in range(4):
            if j <= len(chunk):
                out.append(B64[(n >> (18 - 6 * j)) & 63])
            else:
                out.append("=")
    return "".join(out)


print(b64encode(b"hello world"), b64encode(b"ab"), b64encode(b""), b64encode("é".encode()))
caesar = lambda s, k: "".join(chr((ord(c) - 97 + k) % 26 + 97) if c.islower() else c for c in s)
print(caesar("attack at dawn!", 3), caesar(caesar("round trip", 7), -7))
print("{:-^40}".format(" REPORT "), "{0:>6.1%} of {1:,}".format(0.4567, 1234567))
print(" | ".join(f"{k}={v}" for k, v in sorted(freq.items())[:4]))
print(TEXT.count("the"), TEXT.lower().count("the"), TEXT.find("fox"), TEXT.rfind("fox"), TEXT.index("NOT"))
print(repr(TEXT[:30]), TEXT.split("\n")[1].strip().title()[:25], TEXT.strip().endswith("0100."))
