# The walrus (outside the nl subset, but resolved like CPython): it binds in
# the function around the comprehension.
def walrus_in_comp(data):
    return [y := d for d in data], y


if (n := 10) > 5:
    print(n)
