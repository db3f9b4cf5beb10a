### ~1:8: SyntaxError: f-string: empty expression not allowed
x = f'{}'
---
### ~1:9: SyntaxError: f-string: expecting '}'
x = f'{x'
---
### ~1:7: SyntaxError: f-string: single '}' is not allowed
x = f'}'
---
### ~1:10: SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'
x = f"{a!x}"
---
### ~1:13: SyntaxError: f-string: expressions nested too deeply
x = f"{a:{b:{c}}}"
---
### ~1:9: SyntaxError: f-string expression part cannot include '#'
x = f"{a#}"
---
### ~1:10: SyntaxError: f-string: invalid syntax. Perhaps you forgot a comma?
x = f"{a b}"
---
### ~1:8: SyntaxError: f-string: expression required before '='
x = f"{=}"
---
### ~1:10: SyntaxError: f-string: invalid conversion character: expected 's', 'r', or 'a'
x = f"{a!}"
---
### ~1:8: SyntaxError: f-string: cannot use starred expression here
x = f'{*a}'
---
### ~1:10: SyntaxError: f-string: invalid syntax. Perhaps you forgot a comma?
x = f'{a b c}'
