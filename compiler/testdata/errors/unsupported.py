### 1:1: NotSupportedError: 'with' statement is not supported by nl
with open("f") as fh:
    pass
---
### 1:1: NotSupportedError: 'async def' function is not supported by nl
async def f():
    pass
---
### 1:5: NotSupportedError: complex number literal is not supported by nl
x = 1j
---
### 1:7: NotSupportedError: matrix multiplication operator '@' is not supported by nl
y = a @ b
---
### 1:1: NotSupportedError: 'from math import *' is not supported by nl
from math import *
---
### 1:1: NotSupportedError: relative import is not supported by nl
from . import sibling
---
### 1:12: NotSupportedError: multiple inheritance is not supported by nl
class C(A, B):
    pass
---
### 1:9: NotSupportedError: class keyword argument 'metaclass=' is not supported by nl
class C(metaclass=M):
    pass
---
### 1:7: NotSupportedError: assignment expression ':=' is not supported by nl
if (n := 10) > 5:
    pass
---
### 1:1: NotSupportedError: 'match' statement is not supported by nl
match x:
    case 1:
        pass
---
### 1:5: NotSupportedError: integer literal 123456789012345678901234567890 does not fit in 64 bits (nl ints are 64-bit; larger values raise OverflowError)
x = 123456789012345678901234567890
---
### 1:5: NotSupportedError: Ellipsis ('...') is not supported by nl
x = ...
---
### 1:8: NotSupportedError: 'import os.path' without 'as' is not supported by nl
import os.path
---
### 1:1: NotSupportedError: 'except*' is not supported by nl
try:
    pass
except* ValueError:
    pass
---
### 2:12: NotSupportedError: '__class__' is not supported by nl
def f():
    return __class__
