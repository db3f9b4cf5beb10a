### 1:1: SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
f() = 1
---
### 1:1: SyntaxError: cannot assign to literal here. Maybe you meant '==' instead of '='?
1 = x
---
### 1:1: SyntaxError: cannot assign to expression here. Maybe you meant '==' instead of '='?
x + 1 = 2
---
### 1:9: SyntaxError: cannot assign to function call
x = (a, f()) = 1
---
### 1:5: SyntaxError: cannot assign to function call
(a, f()) = 1
---
### 1:5: SyntaxError: cannot assign to literal
[a, 1] = 1
---
### 1:5: SyntaxError: cannot assign to function call
for f() in x: pass
---
### 1:5: SyntaxError: cannot assign to literal
for 1 in x: pass
---
### 1:1: SyntaxError: cannot assign to True
True = 1
---
### 1:1: SyntaxError: 'None' is an illegal expression for augmented assignment
None += 1
---
### 1:1: SyntaxError: 'function call' is an illegal expression for augmented assignment
f() += 1
---
### 1:1: SyntaxError: 'tuple' is an illegal expression for augmented assignment
(a, b) += 1
---
### 1:5: SyntaxError: assignment to yield expression not possible
x = yield = 1
---
### 1:5: SyntaxError: cannot delete function call
del f()
---
### 1:9: SyntaxError: cannot delete literal
del (a, 1)
---
### 1:1: SyntaxError: multiple starred expressions in assignment
a, *b, *c = x
---
### 1:1: SyntaxError: starred assignment target must be in a list or tuple
*a = x
---
### 1:5: SyntaxError: can't use starred expression here
x = *a
---
### 1:1: SyntaxError: cannot assign to list comprehension here. Maybe you meant '==' instead of '='?
[x for x in y] = 1
---
### 1:1: SyntaxError: cannot assign to conditional expression
a if b else c = 1
---
### 1:1: SyntaxError: cannot assign to comparison
a < b = 1
---
### 1:11: SyntaxError: cannot assign to function call
with a as f(): pass
---
### 1:5: SyntaxError: cannot assign to literal
a = 1 = 2
---
### 1:1: SyntaxError: cannot assign to lambda
lambda: 1 = 2
