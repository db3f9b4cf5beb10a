# Dumps CPython's symbol table for each file named on the command line as
# JSON: a pre-order list of scopes, each with its kind, name, line and the
# scope class of every symbol. Used by TestSymtableDifferential.
import json
import symtable
import sys

SCOPES = {1: "local", 2: "global", 3: "global", 4: "free", 5: "cell"}


def walk(table, out):
    syms = {}
    for s in table.get_symbols():
        syms[s.get_name()] = SCOPES.get(s._Symbol__scope, "?")
    out.append({"type": table.get_type(), "name": table.get_name(),
                "line": table.get_lineno(), "syms": syms})
    for child in table.get_children():
        walk(child, out)


result = {}
for path in sys.argv[1:]:
    with open(path) as f:
        src = f.read()
    out = []
    walk(symtable.symtable(src, path, "exec"), out)
    result[path] = out
json.dump(result, sys.stdout)
