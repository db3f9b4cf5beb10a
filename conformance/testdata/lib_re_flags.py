# re: flags, inline flags, VERBOSE, ASCII and Unicode classes.
import re

tests = [
    (r'a.c', 'abc a\nc', re.S), (r'a.c', 'abc a\nc', 0), (r'A', 'aA', re.I),
    (r'''a b # comment
   c [ ]''', 'abc ab c', re.X), (r'(?x) a b', 'ab', 0), (r'\d', '٣4', re.A), (r'\d', '٣4', 0),
    (r'[\w.-]+@[\w.-]+', 'me@x.org, you@y.io', 0), (r'[^\d\s]+', 'ab 12 cd', 0), (r'[\W]+', 'ab, cd!', 0),
    (r'[\Sx]+', 'a b', 0), (r'\s', 'a\x1cb\vc', re.A), (r'\s', 'a\x1cb\vc\u3000', 0), (r'\S+', 'a\x1cb', 0),
    (r'\w+', 'héllo wörld_1 ٣', 0), (r'\w+', 'héllo wörld_1', re.A), (r'\W+', 'héllo wörld', re.A),
    (r'a{2,}', 'aaaa a', 0), (r'a{,2}', 'aaa', 0), (r'{x}', '{x}', 0), (r'x{2}', 'xxx', 0),
    (r'(a)(b)?', 'a', 0), (r'\x41\u00e9\101\0', 'Aé\x41\x00', 0), (r'[]a]', ']a', 0), (r'[a\-z]', '-z', 0),
    (r'(?i:a)b', 'AbAB', 0), (r'(?#c)x', 'x', 0), (r'$', 'a\nb\n', 0), (r'$', 'a\nb\n', re.M),
    (r'^', 'a\nb\n', re.M), (r'\Z', 'a\n', 0), (r'\Aa', 'aa', 0), (r'.*', 'ab\n', 0), (r'é+', 'ééaé', 0),
    (r'(?:a|b)*?c', 'abc', 0), (r'[^a]', 'ab\n', 0), (r'ä', 'ÄäÖ', re.I), (r'(?i)straße', 'STRASSE Straße', 0),
    (r'\bfoo\b', 'foo foobar foo', 0), (r'\Boo', 'foo oo', 0), (r'\bé', 'é', re.A),
    (r'[a-c]+|[x-z]+', 'abxyz', 0), (r'[\d]+', '12a', 0), (r'[\t ]+', 'a \tb', 0),
]
for pat, s, fl in tests:
    p = re.compile(pat, fl)
    print(repr(pat), p.flags, p.groups, re.findall(p, s), [m.span() for m in p.finditer(s)], re.split(p, s), p.sub('#', s))
print(int(re.I), int(re.IGNORECASE), int(re.M), int(re.S), int(re.X), int(re.A), int(re.U), int(re.I | re.M))
print(re.findall('a', 'aA', flags=re.I), re.split('a', 'bAc', flags=re.I), re.sub('a', 'x', 'A', flags=re.I))
v = re.compile(r"""
    (?P<int>\d+)     # the integer part
    \.               # a dot
    (?P<frac>\d*)    # the fraction
""", re.VERBOSE)
print(v.match('3.14').groupdict(), v.groups)
for pat in ['i', 'I', '[i]', '[h-j]+', '[^i]', '(?i:i)x', '\u0131', '\u0390', '[\ufb05]', 'ΐ']:
    print(repr(pat), re.findall(pat, 'iIİıxΐΐΰΰﬅﬆ', re.I), re.findall(pat, 'iIİıxΐΐ'))
print(re.findall('(?i:i)(?-i:i)', 'İIIi'), re.findall('[a-z]+', 'İstanbul ıI', re.I))
print(re.findall(r'\B', ''), re.findall(r'\B', 'ab'), re.compile(r'\B').search('ab', 1, 1), re.match(r'(a?){2}', 'aa').groups())
for pat in ['^*', 'a**', r'\b+', '(?x)a+ ?']:
    try:
        re.compile(pat)
    except re.error as e:
        print('re.error', e)
print(re.findall('[a-c-e]', 'a-dex'), re.findall(r'[\]\\-]', 'a]\\-'), re.findall('[]x-]', ']-x'), re.findall(r'[^\S\n]+', 'a \t\nb'))
for pat in [r'[\d-z]', r'[a-\w]', r'[\W-_]', '[z-a]']:
    try:
        re.compile(pat)
    except re.error as e:
        print('re.error', pat)
for pat, fl in [(r'[^\S\n]+', 0), (r'[^\S ]', 0), (r'[^\W\d]+', re.A), (r'[^\Wa]+', re.A | re.I), (r'[^\S\s]', 0), (r'[^\S\t-\r]+', 0), (r'[^\S\W]', re.A)]:
    print(pat, re.findall(pat, 'a b\tc\nd\u3000e1 \x0bAz_', fl))
