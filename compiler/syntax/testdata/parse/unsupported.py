# Valid Python outside the nl subset: it parses, and CheckSubset refuses it.
with open(f) as fh:
    pass
with a, b as c:
    pass
with (a as b, c as d):
    pass
with (a, b):
    pass
async def af():
    await x
    j = [x async for x in aiter()]
    async for i in y:
        pass
    async with z:
        pass
if (n := 10) > 5:
    pass
z = 1 + 2j
m = a @ b
m @= b
match command:
    case [x, y, *rest]:
        pass
    case {"key": value, **others}:
        pass
    case Point(x=0, y=0) | None:
        pass
    case str() as s if s:
        pass
    case _:
        pass
match = 1
match.x = 2
match(x)
try:
    pass
except* ValueError:
    pass
x[*a]
