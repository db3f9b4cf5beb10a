### 1:5: SyntaxError: unterminated string literal (detected at line 1)
x = 'abc
---
### 1:5: SyntaxError: unterminated triple-quoted string literal (detected at line 3)
x = """abc

y
---
### 1:5: SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers
x = 0777
---
### 1:5: SyntaxError: invalid decimal literal
x = 1abc
---
### 1:6: SyntaxError: invalid hexadecimal literal
x = 0x
---
### 1:7: SyntaxError: invalid digit '8' in octal literal
x = 0o8
---
### 1:7: SyntaxError: invalid digit '2' in binary literal
x = 0b2
---
### 1:6: SyntaxError: invalid decimal literal
x = 1__0
---
### 1:6: SyntaxError: invalid decimal literal
x = 1_
---
### 1:7: SyntaxError: invalid hexadecimal literal
x = 0x_
---
### 1:5: SyntaxError: invalid syntax
x = $
---
### 1:7: SyntaxError: unexpected character after line continuation character
x = a\ b
---
### 1:8: SyntaxError: unexpected EOF while parsing
x = 1 \
---
### 1:5: SyntaxError: bytes can only contain ASCII literal characters
x = b'é'
---
### 1:10: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: truncated \xXX escape
x = '\x4'
---
### 1:11: SyntaxError: (value error) invalid \x escape at position 0
x = b'\x4'
---
### 1:17: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-9: illegal Unicode character
x = '\U00110000'
---
### 1:13: SyntaxError: cannot mix bytes and nonbytes literals
x = 'a' b'b'
---
### 1:7: SyntaxError: invalid syntax
x = 1 ? 2
---
### 1:5: SyntaxError: leading zeros in decimal integer literals are not permitted; use an 0o prefix for octal integers
x = 0_7
---
### 1:9: SyntaxError: invalid decimal literal
x = 1.5e+
---
### 1:7: SyntaxError: invalid character '€' (U+20AC)
x = 5 €
---
### 1:23: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-15: unknown Unicode character name
x = '\N{NO SUCH NAME}'
---
### 1:16: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-8: malformed \N character escape
x = '\N{BULLET'
---
### 1:11: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 2-3: malformed \N character escape
x = 'ab\N'
---
### 1:11: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-2: malformed \N character escape
y = '\N{}'
---
### 1:29: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-21: unknown Unicode character name
x = '\N{hangul syllable ga}'
---
### 1:37: SyntaxError: (unicode error) 'unicodeescape' codec can't decode bytes in position 0-29: unknown Unicode character name
x = '\N{CJK UNIFIED IDEOGRAPH-4e00}'
---
### ~1:5: SyntaxError: unterminated string literal (detected at line 2)
x = 'a\
