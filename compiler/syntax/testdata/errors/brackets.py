### 1:5: SyntaxError: '(' was never closed
x = (1,
2
---
### 1:6: SyntaxError: unmatched ')'
x = 1)
---
### 1:7: SyntaxError: closing parenthesis ')' does not match opening parenthesis '['
x = [1)
---
### 1:4: SyntaxError: '(' was never closed
foo(a b
---
### 2:10: SyntaxError: closing parenthesis ']' does not match opening parenthesis '{' on line 1
x = {1: 2,
     3: 4]
---
### 1:7: SyntaxError: invalid syntax
def f(:
    pass
---
### 1:5: SyntaxError: unmatched ']'
x = ]
