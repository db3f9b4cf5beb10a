# `...` as a statement is a placeholder body: it compiles to nothing, like a
# docstring. `...` as a value stays refused (no Ellipsis object in the format).
def todo():
    ...


class Later(Exception): ...
