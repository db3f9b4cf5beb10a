#!/usr/bin/env python3
# -*- coding: utf-8 -*-
# Layout: comments, blank lines, continuations, semicolons, tabs.

x = 1  # trailing comment

if x:
	# tab-indented block
	y = 2
	if y:
		z = 3

total = 1 + \
    2 + \
    3
items = [
    1,
    2,  # comment inside brackets

    3,
]
call(a,
     b,
  c)
a = 1; b = 2;
def f():
    pass

    # comment at a different indentation
        # deeper comment
    return 1
if x:
    pass
# dedent comment
  # odd indentation comment
class C:

    def m(self):

        return 1
