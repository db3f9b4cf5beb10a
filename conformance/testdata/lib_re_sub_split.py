# re: sub/subn templates and functions, split, empty-match rules.
import re

print(re.sub(r'(?P<w>\w+)@(\w+)', r'\2 at \g<w> \g<0>', 'joe@x bob@y'))
print(re.subn('a', lambda m: m.group().upper(), 'banana'))
print(re.sub(r'(\d)', r'<\1>', 'a1b22'), re.sub('(a)', r'\g<1>0', 'a'))
print(re.sub('a', r'\n\\', 'xa') == 'x\n\\', re.sub('a', r'\-', 'a'), re.sub('(a)|b', r'[\1]', 'ab'))
print(re.sub('a|(b)', lambda m: str(m.group(1)), 'ab'))
print(re.sub('a', 'b', 'aaa', count=2), re.subn('a', 'b', 'aaa', 0), re.sub('a', 'b', 'aaa', 1))
print(re.sub('x*', '-', 'abxd'), re.sub('', '-', 'abc'), re.findall('', 'ab'), re.findall('x*', 'abxd'))
print(re.sub(r'\s+', ' ', ' a\t\n b '), re.sub(r'(?m)^', '> ', 'a\nb\n'))
print(re.sub('é', 'E', 'aébé'), re.sub(r'\w', '.', 'añb'))
print(re.split(r'(,)\s*', 'a, b,c', maxsplit=1), re.split('x*', 'axbc'), re.split(',', 'a,b,c', 1))
print(re.split(r'(a)|(b)', 'xaybz'), re.split(',', 'a,b', -1), re.split(r'\W+', 'Words, words, words.'))
print(re.split(r'(\W+)', 'Words, words.'), re.split('é', 'aébéc'), re.split('', 'ab'))
print(re.split(r'\s*', 'a b'), re.findall(r'\s*', 'a b'))
for tmpl in [r'\3', r'\g<x>', r'\g<', r'\q', r'\g<1a>']:
    try:
        re.sub('(a)', tmpl, 'a')
    except (re.error, IndexError) as e:
        print(type(e).__name__, e)
try:
    re.sub('a', lambda m: 1, 'a')
except TypeError as e:
    print('TypeError', e)
print(re.sub('$', '!', 'a\n'), re.split('$', 'a\n'), re.findall('$', 'a\n'))
print(re.findall(r'\w$|x', 'ab\n'), re.sub(r'(b$)', r'[\1]', 'ab\n'))
print(re.search('(a$)', 'a\n').span(1), re.search('a$$', 'a\n'), re.fullmatch('a$', 'a\n'), re.match('a$|b', 'a\n'))
print(re.fullmatch('a$|a\n', 'a\n'), re.search('a$', 'a\nb'), re.search('$', 'a\nb\n').span())
print(re.findall(r'b$|\n', 'ab\n'), re.sub(r'b$|\n', '#', 'ab\n'), re.split(r'b$|\n', 'ab\nc\n'))
print([m.span() for m in re.finditer(r'\n|$', 'a\n')], re.subn(r'(x|$)', r'<\1>', 'ax\n'))
