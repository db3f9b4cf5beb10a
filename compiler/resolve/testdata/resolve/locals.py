# Assignment anywhere in a function makes a name local for the whole function.
x = 1
def f(a, b=x):
    print(x)
    y = a + b
    for i in range(y):
        z = i
    del z
    return y
def g():
    print(x)
    x = 2
