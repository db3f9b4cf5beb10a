# re: VERBOSE details, templates, Unicode spans.
import re
cases = [(r'a b  # c d' + '\n' + r' \# [ #] \ x', 'ab# x ab # x'), ('(?x)a\tb', 'ab'), ('a\\\nb', 'a\nb')]
for p, s in cases:
    try: print(re.findall(p, s, re.X))
    except re.error as e: print('ERR', 'not supported' in str(e))
for t in [r'\g<0>\g<0>', r'\\1', r'\0', r'\101', r'\x41', r'\1\2', r'\g<2>x', r'a\tb\n', r'\é', r'\&']:
    try: print(repr(re.sub('(a)(b)?', t, 'xay')))
    except (re.error, IndexError) as e: print(type(e).__name__, e)
print(re.split('(?:(a)|b)', 'xaybz'), re.split('', 'abc', 1), re.split('(x*)', 'axb'))
print(re.sub('(?P<a>.)', lambda m: m.lastgroup + m.group('a'), 'xy', count=1))
m = re.search('ü(.)', 'aüöb'); print(m.span(1), m.regs, m.start(1), repr(m))
print(repr(re.match('(a)?', 'b')), re.match('(a)?', 'b').span(1))
