# String and bytes literals: quotes, prefixes, escapes, concatenation.
a = 'single', "double", '''triple
quoted''', """also
triple"""
b = 'esc: \n \t \\ \' \" \a \b \f \v \r \0 \101 \x41 \u00e9 \U0001F600 \q'
c = r'raw \n \x', R"raw", u'unicode', U"x"
d = b'bytes \x00 \xff \n', B"x", rb'\d+', Rb'x', bR'x', BR"y"
e = 'adjacent' "strings" '''join'''
f = ('across'
     'lines')
g = 'line \
continued'
h = ''
i = "it's", 'say "hi"'
j = 'é中文😀'
k = '\
'
