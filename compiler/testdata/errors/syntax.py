### 1:5: SyntaxError: '(' was never closed
x = (1,
---
### 1:7: SyntaxError: invalid syntax
def f(:
    pass
---
### 1:5: SyntaxError: expected ':'
if x
    pass
---
### 2:1: IndentationError: expected an indented block after 'for' statement on line 1
for x in y:
pass
---
### 1:1: SyntaxError: 'return' outside function
return 5
---
### 1:1: SyntaxError: 'break' outside loop
break
---
### 2:5: SyntaxError: 'continue' not properly in loop
def f():
    continue
---
### 1:1: SyntaxError: cannot assign to function call here. Maybe you meant '==' instead of '='?
f() = 3
---
### 1:5: SyntaxError: unterminated string literal (detected at line 1)
x = 'unterminated
---
### 1:12: SyntaxError: non-default argument follows default argument
def f(a=1, b):
    pass
---
### 1:10: SyntaxError: duplicate argument 'x' in function definition
def f(x, x):
    pass
---
### 1:8: SyntaxError: keyword argument repeated: a
f(a=1, a=2)
---
### 1:9: SyntaxError: positional argument follows keyword argument
f(k=1, 2)
---
### 1:1: SyntaxError: nonlocal declaration not allowed at module level
nonlocal x
---
### 3:5: SyntaxError: name 'x' is assigned to before global declaration
def f():
    x = 1
    global x
---
### 1:5: SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers
x = 0777
---
### 1:2: IndentationError: unexpected indent
  x = 1
---
### 1:1: SyntaxError: 'yield' outside function
yield 1
---
### 1:5: SyntaxError: cannot delete function call
del f()
---
### 1:1: SyntaxError: multiple starred expressions in assignment
a, *b, *c = d
---
### 1:8: SyntaxError: invalid syntax
print(*)
