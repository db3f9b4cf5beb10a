# imports, except names, with/for targets, walrus, augmented assignment.
import math, json as j
from time import sleep as nap, monotonic
def f(data):
    try:
        v = j.loads(data)
    except ValueError as err:
        return err
    a, (b, *c) = v
    a += 1
    data.x += b
    return math.sqrt(a), nap, monotonic
