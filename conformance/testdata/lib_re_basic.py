# re: module functions and Match objects.
import re

print(re.search(r'\d+', 'abc 123 def'))
print(re.search(r'\d+', 'abc def'))
m = re.match(r'(\w+) (\w+)', 'hello world!')
print(m, m.group(), m.group(1, 2), m.groups(), m.span(2), m[1], m[0], m.start(), m.end(2))
print(bool(m), m.string, m.re, m.pos, m.endpos, m.lastindex, m.lastgroup)
print(re.match('b', 'ab'), re.fullmatch('a|ab', 'ab'), re.fullmatch('a', 'ab'))
print(re.findall(r'a(b)?', 'ab a ab'), re.findall(r'(\w)(\w)', 'abcde'), re.findall(r'\d+', 'a12b345'))
print([m.span() for m in re.finditer(r'[aeiou]', 'education')])
print(type(re.compile('a')), type(re.match('a', 'a')))
m = re.search('(?P<first>a)(?P<second>x)?', 'za')
print(m.groupdict(), m.groupdict('D'), m.groups('Z'), m.lastgroup, m.lastindex)
print(m.group('first'), m['first'], m.span('first'), m.start(2), m.end('second'))
for bad in [3, 'nope']:
    try:
        m.group(bad)
    except IndexError as e:
        print('IndexError', e)
print(re.match(r'((a)b)', 'ab').lastindex, re.match(r'(a)()', 'a').lastindex, re.match('a', 'a').lastindex)
print(re.match(r'(?P<a>x)|(?P<b>y)', 'y').lastgroup, re.match(r'(a)|(b)', 'b').lastindex)
m = re.match(r'(a)(b)(c)(d)(e)(f)(g)(h)(i)(j)(k)', 'abcdefghijk')
print(m.expand(r'\11-\g<11>-\10-\g<0>'), m.group(11, 1))
print(re.escape('a.b*c d'), re.escape('x-y_z~#&'), re.escape('héllo'))
print(re.purge())
for pat in ['(a', 'a)', '[a', r'\q', '(?z)', 'a(?i)b', '*a', 'a**', '(?P<1>a)', '(?P<a>x)(?P<a>y)']:
    try:
        re.compile(pat)
        print('compiled', pat)
    except re.error as e:
        print('re.error', pat)
try:
    re.compile('(a')
except re.error as e:
    print(type(e).__name__, e, isinstance(e, Exception))
try:
    re.search('a', 5)
except TypeError as e:
    print('TypeError', e)
for fl in [re.L, re.A | re.U]:
    try:
        re.compile('a', fl)
    except ValueError as e:
        print('ValueError', e)
