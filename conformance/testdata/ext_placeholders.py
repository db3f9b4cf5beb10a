# `...` as a placeholder body compiles to nothing, as in CPython.
class ConfigError(Exception): ...


class Sink:
    def write(self, line): ...

    def flush(self):
        ...


def not_yet(x):
    ...


s = Sink()
print(s.write("x"), s.flush(), not_yet(3))
try:
    raise ConfigError("missing key")
except ConfigError as e:
    print(type(e).__name__, e)
for _ in range(2):
    ...
if s:
    ...
else:
    print("never")
