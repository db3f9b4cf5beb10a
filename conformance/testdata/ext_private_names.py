# CPython's private name mangling: __name inside a class is _Class__name.
_C__glob = "module-level mangled global"


class C:
    __slots_like = ("a", "b")
    __dunder__ = "not mangled"

    def __init__(self, v):
        self.__v = v
        self.__dunder__ = "kept"

    def __helper(self, __scale=2):
        return self.__v * __scale

    def value(self):
        return self.__helper()

    def via_lambda(self):
        f = lambda __k=3: self.__v + __k
        return f()

    def via_comp(self):
        return [self.__v * i for i in range(3)] + [__j for __j in range(2)]

    def nested(self):
        def inner():
            return self.__v, C.__slots_like
        return inner()

    def read_global(self):
        global __glob
        return __glob

    def fstr(self):
        return f"v={self.__v} {self.__helper(10)!r}"

    def catch(self):
        try:
            raise ValueError("x")
        except ValueError as __e:
            return type(__e).__name__

    def kwargs(self, **kw):
        return sorted(kw)

    def call_kw(self):
        return self.kwargs(__raw=1, plain=2)

    class __Inner:
        def who(self):
            self.__w = 1
            return sorted(k for k in self.__dict__)

    def inner_obj(self):
        return self.__Inner().who()


c = C(5)
print(c.value(), c.via_lambda(), c.via_comp(), c.nested(), c.read_global())
print(c.fstr(), c.catch(), c.call_kw(), c.inner_obj(), C.__dunder__, c.__dunder__)
print(sorted(k for k in c.__dict__), hasattr(c, "__v"), hasattr(c, "_C__v"), c._C__v, getattr(c, "_C__helper")())
print(hasattr(C, "_C__helper"), hasattr(C, "__helper"), hasattr(C, "_C__Inner"), hasattr(C, "_C__slots_like"))


class D(C):
    def peek(self):
        try:
            return self.__v
        except AttributeError as e:
            return "AttributeError: " + str(e)


print(D(1).peek(), D(1).value())


class _Lead:
    def m(self):
        self.__x = 1
        return sorted(self.__dict__)


class __:
    def m(self):
        self.__x = 2
        return sorted(self.__dict__)


print(_Lead().m(), __().m())


def outside():
    __local = 1
    return __local


print(outside())
print(C._C__helper.__name__, C._C__helper.__qualname__, C._C__Inner.__name__, C._C__Inner.__qualname__ if False else "")
try:
    c._C__helper(**{"__scale": 10})  # keyword names are not mangled; the parameter is
except TypeError as e:
    print("TypeError:", e)
