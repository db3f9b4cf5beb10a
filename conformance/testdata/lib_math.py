# The math module. Transcendental results are rounded to 12 digits so the
# test does not depend on last-bit differences between C libraries.
import math
from math import sqrt, pi, floor


def attempt(f, *args, **kwargs):
    """Call f, or describe the exception it raises."""
    try:
        return f(*args, **kwargs)
    except Exception as e:
        return type(e).__name__ + ": " + str(e)


def r(x):
    return round(x, 12)


print(math.pi, math.e, math.tau, math.inf, -math.inf, math.nan, pi == math.pi)
print(sqrt(16), sqrt(2), math.sqrt(0.25), floor(-2.5), math.isqrt(17), math.isqrt(10**18))
print(r(math.exp(1)), r(math.exp(-2)), r(math.expm1(1e-5)), r(math.log(math.e)), r(math.log(100, 10)), r(math.log(8, 2)))
print(r(math.log2(1024)), r(math.log10(1000)), r(math.log1p(1e-9)), r(math.log(0.5)))
print(r(math.sin(pi / 6)), r(math.cos(pi / 3)), r(math.tan(pi / 4)), r(math.asin(1)), r(math.acos(0)), r(math.atan(1)))
print(r(math.atan2(1, 1)), r(math.atan2(-1, -1)), r(math.sinh(1)), r(math.cosh(1)), r(math.tanh(0.5)))
print(r(math.asinh(1)), r(math.acosh(2)), r(math.atanh(0.5)), r(math.degrees(pi)), r(math.radians(180)))
print(math.hypot(3, 4), math.hypot(5, 12), math.hypot(), math.hypot(-7), r(math.hypot(1, 2, 2)), math.dist((0, 0), (3, 4)))
print(math.floor(2.7), math.floor(-2.7), math.ceil(2.1), math.ceil(-2.1), math.trunc(2.9), math.trunc(-2.9))
print(math.floor(5), math.ceil(5), type(math.floor(2.5)).__name__, math.floor(True))
print(math.fabs(-3), math.fmod(7, 3), math.fmod(-7, 3), math.fmod(7, -3), math.copysign(3, -0.0), math.copysign(-2, 1))
print(math.remainder(7, 3), math.modf(3.5), math.modf(-2.25), math.frexp(8), math.ldexp(0.5, 4))
print(math.isfinite(1.0), math.isfinite(math.inf), math.isinf(-math.inf), math.isnan(math.nan), math.isnan(1))
print(math.isclose(1.0, 1.0 + 1e-10), math.isclose(1.0, 1.1), math.isclose(0, 1e-10), math.isclose(0, 1e-10, abs_tol=1e-9))
print(math.isclose(100, 101, rel_tol=0.02), attempt(math.isclose, 1, 2, rel_tol=-1))
print(math.factorial(0), math.factorial(10), math.factorial(20), math.gcd(12, 18), math.gcd(0, 5), math.gcd(-4, 6))
print(math.gcd(), math.gcd(24, 36, 60), math.lcm(4, 6), math.lcm(3, 5, 7), math.lcm(), math.lcm(0, 5))
print(math.comb(5, 2), math.comb(10, 0), math.comb(3, 5), math.perm(5, 2), math.perm(4), math.perm(3, 4))
print(math.fsum([0.1] * 10), sum([0.1] * 10), math.fsum([1e100, 1.0, -1e100]), math.fsum([]), math.fsum(range(5)))
print(math.prod([1, 2, 3, 4]), math.prod([]), math.prod([2.5, 2]), math.prod(range(1, 6), start=2))
print(math.pow(2, 10), math.pow(2, 0.5) == math.sqrt(2), math.pow(-2, 3), math.pow(0, 0), math.pow(1, math.nan))
print(r(math.gamma(5)), r(math.gamma(0.5) ** 2), r(math.lgamma(10)), r(math.erf(0.5)), r(math.erfc(0.5)))

for f, args in [(math.sqrt, (-1,)), (math.log, (0,)), (math.log, (-5,)), (math.log, (8, 1)), (math.log10, (0,)),
                (math.acos, (2,)), (math.asin, (-1.5,)), (math.exp, (1000,)), (math.pow, (0, -1)),
                (math.pow, (-8, 1 / 3)), (math.pow, (10.0, 400)), (math.fmod, (1, 0)), (math.factorial, (-1,)),
                (math.factorial, (2.5,)), (math.floor, (math.inf,)), (math.ceil, (math.nan,)), (math.comb, (5, -1)),
                (math.comb, (-5, 1)), (math.sqrt, ("x",)), (math.isqrt, (-1,)), (math.gamma, (0,)),
                (math.atanh, (1,)), (math.log1p, (-1,)), (math.fsum, ([math.inf, -math.inf],))]:
    print(attempt(f, *args))
print(math.fsum([math.inf, 1]), math.fsum([math.nan, 1]), math.sqrt(math.inf), math.exp(-math.inf))

# typical handler arithmetic: statistics over a sensor window
window = [20.5, 21.0, 19.75, 22.25, 23.0, 18.5, 20.0, 21.5]
mean = sum(window) / len(window)
var = sum((x - mean) ** 2 for x in window) / (len(window) - 1)
print(round(mean, 4), round(var, 4), round(math.sqrt(var), 4), max(window) - min(window))
print(f"mean={mean:.3f} sd={math.sqrt(var):.3f} over={sum(1 for x in window if x > mean)}")
