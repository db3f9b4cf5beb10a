# Renders CPython's AST of each file named on the command line in the
# canonical form that cpyDump (pyast_test.go) produces from nl's tree, one
# JSON string per file. Node names and fields are CPython's; positions are
# @line:col with col counted in characters from 1; constants are written
# canonically (ints in decimal, floats as IEEE bit patterns, strings as
# ASCII JSON, bytes in hex). Nodes inside f-strings carry no position
# (CPython 3.11's are not meaningful there).
import ast
import json
import struct
import sys

SKIP = {"ctx", "type_comment", "kind", "type_ignores"}


def canon(v):
    if v is None or v is True or v is False:
        return repr(v)
    if v is Ellipsis:
        return "..."
    if isinstance(v, int):
        return "i%d" % v
    if isinstance(v, float):
        return "f%d" % struct.unpack("<Q", struct.pack("<d", v))[0]
    if isinstance(v, complex):
        return "j%d" % struct.unpack("<Q", struct.pack("<d", v.imag))[0]
    if isinstance(v, str):
        return json.dumps(v)
    if isinstance(v, bytes):
        return "b" + v.hex()
    raise TypeError(type(v))


def dump(src):
    lines = src.split("\n")

    def raw(node):
        text = lines[node.lineno - 1].encode()
        return "%d:%d" % (node.lineno, len(text[: node.col_offset].decode("utf-8", "replace")) + 1)

    def start(node):
        # CPython starts a node that begins with a parenthesised operand at
        # the "("; nl starts it where the operand starts (nl drops
        # parentheses), so take the position from the leftmost operand.
        if isinstance(node, (ast.BinOp, ast.Compare)):
            return start(node.left)
        if isinstance(node, ast.BoolOp):
            return start(node.values[0])
        if isinstance(node, ast.IfExp):
            return start(node.body)
        if isinstance(node, ast.Call):
            return start(node.func)
        if isinstance(node, (ast.Attribute, ast.Subscript)):
            return start(node.value)
        if isinstance(node, ast.NamedExpr):
            return start(node.target)
        return raw(node)

    def d(x, in_f):
        if isinstance(x, list):
            return "[" + " ".join(d(e, in_f) for e in x) + "]"
        if x is None:
            return "None"
        if isinstance(x, (str, int)):
            return str(x)
        name = type(x).__name__
        pos = ""
        if hasattr(x, "lineno") and not in_f:
            pos = "@" + start(x)
        if isinstance(x, ast.Constant):
            return name + pos + "(" + canon(x.value) + ")"
        inner = in_f or isinstance(x, ast.JoinedStr)
        fields = ["%s=%s" % (f, d(v, inner)) for f, v in ast.iter_fields(x) if f not in SKIP]
        return name + pos + "(" + " ".join(fields) + ")"

    return d(ast.parse(src), False)


out = {}
for path in sys.argv[1:]:
    with open(path, encoding="utf-8") as f:
        out[path] = dump(f.read())
json.dump(out, sys.stdout)
