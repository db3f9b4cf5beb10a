# re: Pattern objects, pos/endpos, reprs and attributes.
import re

p = re.compile(r'(?P<key>\w+)=(?P<val>\d*)')
print(p, p.pattern, p.flags, p.groups, p.groupindex)
print(p.search('x a=1 b=2'), p.match('a=1'), p.fullmatch('a=12'), p.fullmatch('a=1 '))
print(p.findall('a=1 b= c=33'), [m.groupdict() for m in p.finditer('a=1 b=2')])
print(p.sub(r'\g<val>:\g<key>', 'a=1 b=2'), p.subn('X', 'a=1 b=2'), p.split('pre a=1 post'))
print(re.compile('a+', re.I | re.M), re.compile('a', re.S | re.X), re.compile('a', re.A))
print(repr(re.compile("it's")), repr(re.compile('a\\d')), re.compile('a', re.A).flags, re.compile('(?i)a').flags)
print(re.compile('(?ms)a').flags, re.compile('(?x) a').flags)
b = re.compile('b+')
m = b.search('abbbc', 1, 3)
print(m, m.pos, m.endpos)
print(b.search('abbbc', 4), b.search('abbbc', -5), b.search('abbbc', 2, 100), b.search('abbbc', 3, 2))
print(re.compile('a').match('ba', 1), re.compile('a').fullmatch('xab', 1, 2), re.compile('ab').fullmatch('xab', 1, 3))
print(re.compile('^b').search('ab', 1), re.compile('(?m)^b').search('a\nb', 2), re.compile(r'\Ab').search('ab', 1))
print(re.compile('a$').search('ab', 0, 1), re.compile(r'a\Z').search('ab', 0, 1))
print(re.compile('.').findall('aébc', 1, 3), [m.span() for m in re.compile('.').finditer('aébc', 2)])
print(re.compile(r'\w+').findall('one two three', 4), re.compile(r'\w+').match('one two', 4))
print(re.search(re.compile('x'), 'axb'), re.findall(re.compile('a'), 'aa'))
try:
    re.search(re.compile('x'), 'x', re.I)
except ValueError as e:
    print('ValueError', e)
print(re.compile('x') == re.compile('x'), re.compile('x').search('x') is not None)
print(re.Pattern, re.Match, isinstance(re.compile('a'), re.Pattern), isinstance(re.match('a','a'), re.Match), re.error)
print(type(re.finditer('a', 'a')).__name__)
p = re.compile('a'); print(p is re.compile('a'), {p: 1}[re.compile('a')])
