### 1:5: SyntaxError: expected ':'
if x
    pass
---
### 1:7: SyntaxError: expected ':'
if x  # comment
    pass
---
### 1:9: SyntaxError: invalid syntax
while x y:
    pass
---
### 1:8: SyntaxError: expected ':'
def f()
    pass
---
### 1:8: SyntaxError: expected ':'
class C
---
### 1:11: SyntaxError: expected ':'
for x in y
    pass
---
### 3:1: SyntaxError: expected 'except' or 'finally' block
try:
    pass
x = 1
---
### 3:1: SyntaxError: default 'except:' must be last
try:
    pass
except:
    pass
except ValueError:
    pass
---
### 1:1: SyntaxError: invalid syntax
else:
    pass
---
### 2:1: SyntaxError: invalid syntax
@foo
x = 1
---
### 1:1: SyntaxError: Missing parentheses in call to 'print'. Did you mean print(...)?
print "hi"
---
### 1:8: SyntaxError: invalid syntax
x = 1 +
---
### 1:7: SyntaxError: invalid syntax
x = 1 2
---
### 1:8: SyntaxError: invalid syntax
import *
---
### 1:17: SyntaxError: trailing comma not allowed without surrounding parentheses
from a import b,
---
### 1:14: SyntaxError: invalid syntax
import a.b as
---
### 1:7: SyntaxError: invalid syntax
x: int, y: int = 1
---
### 3:8: SyntaxError: multiple exception types must be parenthesized
try:
    pass
except A, B:
    pass
---
### 1:2: SyntaxError: invalid syntax
a.1
---
### 1:5: SyntaxError: expected 'else' after 'if' expression
x = 1 if y
---
### 1:16: SyntaxError: invalid syntax
x = [x for x in]
---
### 1:19: SyntaxError: invalid syntax
f(x for x in y for)
---
### 1:9: SyntaxError: invalid syntax. Perhaps you forgot a comma?
x = [1, 2 3]
---
### 1:3: SyntaxError: invalid syntax. Perhaps you forgot a comma?
f(a b)
---
### 1:11: SyntaxError: ':' expected after dictionary key
x = {**a, b}
---
### 1:17: SyntaxError: ':' expected after dictionary key
x = {a: 1, **b, c}
---
### 1:6: SyntaxError: expected '('
def f:
    pass
---
### 1:4: SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
if a = 1:
    pass
---
### 1:6: SyntaxError: invalid syntax. Maybe you meant '==' or ':=' instead of '='?
x = [a = 1]
---
### 1:4: SyntaxError: cannot assign to attribute here. Maybe you meant '==' instead of '='?
if a.b = 1:
    pass
---
### 1:9: SyntaxError: expected ':'
def f() x:
    pass
---
### 1:5: SyntaxError: expected ':'
try x:
    pass
---
### 1:10: SyntaxError: can't use starred expression here
for x in *a: pass
---
### 2:11: SyntaxError: can't use starred expression here
def f():
    yield *a
---
### 1:10: SyntaxError: can't use starred expression here
x: int = *a
---
### 2:17: SyntaxError: expected ':'
class C:
    def m(self) for x: pass
---
### 1:12: SyntaxError: invalid syntax
x = 'é中😀' +
---
### 1:7: SyntaxError: invalid syntax
é = 1 2
---
### 2:24: SyntaxError: invalid syntax
def f():
    s = '😀😀'; return s s
