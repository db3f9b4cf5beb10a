### 2:1: IndentationError: expected an indented block after 'if' statement on line 1
if x:
pass
---
### 3:4: IndentationError: unindent does not match any outer indentation level
if x:
    a
  b
---
### 1:2: IndentationError: unexpected indent
  x = 1
---
### 3:5: IndentationError: unexpected indent
def f():
    x = 1
     y = 2
---
### 1:6: IndentationError: expected an indented block after 'if' statement on line 1
if x:
---
### 1:9: IndentationError: expected an indented block after function definition on line 1
def f():
---
### 1:9: IndentationError: expected an indented block after class definition on line 1
class C:
---
### 1:12: IndentationError: expected an indented block after 'for' statement on line 1
for x in y:
---
### 1:9: IndentationError: expected an indented block after 'while' statement on line 1
while x:
---
### 1:5: IndentationError: expected an indented block after 'try' statement on line 1
try:
---
### 3:8: IndentationError: expected an indented block after 'except' statement on line 3
try:
    pass
except:
---
### 3:9: IndentationError: expected an indented block after 'finally' statement on line 3
try:
    pass
finally:
---
### 3:8: IndentationError: expected an indented block after 'elif' statement on line 3
if x:
    pass
elif y:
---
### 3:6: IndentationError: expected an indented block after 'else' statement on line 3
if x:
    pass
else:
---
### 1:8: IndentationError: expected an indented block after 'with' statement on line 1
with a:
---
### 3:1: TabError: inconsistent use of tabs and spaces in indentation
def f(x):
	if x:
        return 1
---
### 3:8: IndentationError: unindent does not match any outer indentation level
if x:
    pass
  else:
    pass
