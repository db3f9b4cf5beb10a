# Corner cases of Python's scoping rules.
x = 0


def uses_super_in_lambda():
    class K(Base):
        def m(self):
            return lambda: super().m()
    return K


def nonlocal_through_class():
    v = 1
    class C:
        def get(self):
            nonlocal v
            v += 1
            return v
    return C


def class_sees_enclosing():
    w = 2
    class C:
        a = w
        w = 3
        b = w
    return C


def del_makes_local():
    del x


def except_name():
    try:
        pass
    except Exception as e:
        pass


def comp_first_iter_outer(rows):
    return [c for r in rows for c in r if c != rows]


def shadow_param(x):
    def inner():
        return x
    x = 5
    return inner


def global_then_nested():
    global x
    def inner():
        return x
    x = 1
    return inner


def lambda_default(n=x):
    return (lambda k=n: k)()


class Outer:
    attr = 1
    def method(self):
        return attr
    class Inner:
        ref = attr


def class_comp_sees_function(z):
    class C:
        vals = [z + i for i in range(3)]
        other = [vals for _ in range(2)]
    return C


def nested_nonlocal_chain():
    a = 0
    def mid():
        def inner():
            nonlocal a
            a = 1
        return inner
    return mid
