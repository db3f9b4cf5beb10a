package vm

import (
	"math"
	"math/big"
)

// The math module. Functions follow CPython's libm wrappers: a NaN result
// from non-NaN arguments is ValueError("math domain error"), an infinite
// result from finite arguments is OverflowError("math range error").
// Results come from Go's math package, which may differ from the C
// library CPython uses in the last bit for transcendental functions.

func init() {
	registerModule("math", makeMathModule)
}

func makeMathModule() *Module {
	m := map[string]Value{
		"pi":  Float(math.Pi),
		"e":   Float(math.E),
		"tau": Float(2 * math.Pi),
		"inf": Float(math.Inf(1)),
		"nan": Float(math.NaN()),
	}
	fn := func(name string, f func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error)) {
		m[name] = NewBuiltin(name, f)
	}
	for name, f := range map[string]func(float64) float64{
		"sqrt": math.Sqrt, "exp": math.Exp, "expm1": math.Expm1, "sin": math.Sin, "cos": math.Cos,
		"tan": math.Tan, "asin": math.Asin, "acos": math.Acos, "atan": math.Atan, "sinh": math.Sinh,
		"cosh": math.Cosh, "tanh": math.Tanh, "asinh": math.Asinh, "acosh": math.Acosh,
		"atanh": math.Atanh, "fabs": math.Abs, "erf": math.Erf, "erfc": math.Erfc,
		"degrees": func(x float64) float64 { return x * (180 / math.Pi) },
		"radians": func(x float64) float64 { return x * (math.Pi / 180) },
	} {
		fn(name, math1(name, f))
	}
	for name, f := range map[string]func(float64) float64{
		"log2": math.Log2, "log10": math.Log10, "log1p": math.Log1p,
	} {
		fn(name, mathLogLike(name, f))
	}
	fn("log", mathLog)
	fn("pow", mathPow)
	fn("atan2", math2("atan2", math.Atan2))
	fn("copysign", math2("copysign", math.Copysign))
	fn("fmod", mathFmod)
	fn("remainder", mathRemainder)
	fn("hypot", mathHypot)
	fn("floor", mathRound("floor", math.Floor, "__floor__"))
	fn("ceil", mathRound("ceil", math.Ceil, "__ceil__"))
	fn("trunc", mathRound("trunc", math.Trunc, "__trunc__"))
	fn("isfinite", mathPred("isfinite", func(x float64) bool { return !math.IsInf(x, 0) && !math.IsNaN(x) }))
	fn("isinf", mathPred("isinf", func(x float64) bool { return math.IsInf(x, 0) }))
	fn("isnan", mathPred("isnan", math.IsNaN))
	fn("isclose", mathIsclose)
	fn("factorial", mathFactorial)
	fn("gcd", mathGcd)
	fn("lcm", mathLcm)
	fn("isqrt", mathIsqrt)
	fn("comb", mathComb)
	fn("perm", mathPerm)
	fn("fsum", mathFsum)
	fn("prod", mathProd)
	fn("modf", mathModf)
	fn("frexp", mathFrexp)
	fn("ldexp", mathLdexp)
	fn("gamma", math1("gamma", mathGamma))
	fn("lgamma", math1("lgamma", func(x float64) float64 { v, _ := math.Lgamma(x); return v }))
	fn("dist", mathDist)
	return NewModule("math", m)
}

// mathFloat converts a math argument to float ("must be real number").
// mathFloatPair unpacks the two float arguments of name(x, y).
func mathFloatPair(th *Thread, name string, args []Value, kwargs []KeywordArg) (x, y float64, err error) {
	var a, b Value
	if err = UnpackPositional(name, args, kwargs, 2, &a, &b); err != nil {
		return 0, 0, err
	}
	if x, err = mathFloat(th, a); err != nil {
		return 0, 0, err
	}
	y, err = mathFloat(th, b)
	return x, y, err
}

func mathFloat(th *Thread, v Value) (float64, error) {
	if f, _, ok := numToFloat(v); ok {
		return f, nil
	}
	if r, ok, err := callDunder(th, v, "__float__"); ok {
		if err != nil {
			return 0, err
		}
		if f, ok := r.(Float64); ok {
			return float64(f), nil
		}
	}
	return 0, typeErrorf("must be real number, not %s", v.Type())
}

func mathDomain() error { return valueErrorf("math domain error") }
func mathRange() error  { return overflowErrorf("math range error") }

// checkMath applies CPython's error rules to y = f(x...).
func checkMath(y float64, xs ...float64) (Value, error) {
	anyNaN, allFinite := false, true
	for _, x := range xs {
		if math.IsNaN(x) {
			anyNaN = true
		}
		if math.IsInf(x, 0) || math.IsNaN(x) {
			allFinite = false
		}
	}
	if math.IsNaN(y) && !anyNaN {
		return nil, mathDomain()
	}
	if math.IsInf(y, 0) && allFinite {
		return nil, mathRange()
	}
	return Float64(y), nil
}

func math1(name string, f func(float64) float64) func(*Thread, []Value, []KeywordArg) (Value, error) {
	return func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var a Value
		if err := UnpackPositional(name, args, kwargs, 1, &a); err != nil {
			return nil, err
		}
		x, err := mathFloat(th, a)
		if err != nil {
			return nil, err
		}
		if name == "gamma" && x <= 0 && x == math.Trunc(x) {
			return nil, mathDomain()
		}
		if name == "lgamma" && x <= 0 && x == math.Trunc(x) && !math.IsInf(x, 0) {
			return nil, mathDomain()
		}
		if name == "atanh" && (x == 1 || x == -1) {
			return nil, mathDomain()
		}
		return checkMath(f(x), x)
	}
}

func mathGamma(x float64) float64 { return math.Gamma(x) }

func math2(name string, f func(a, b float64) float64) func(*Thread, []Value, []KeywordArg) (Value, error) {
	return func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var a, b Value
		if err := UnpackPositional(name, args, kwargs, 2, &a, &b); err != nil {
			return nil, err
		}
		x, err := mathFloat(th, a)
		if err != nil {
			return nil, err
		}
		y, err := mathFloat(th, b)
		if err != nil {
			return nil, err
		}
		return checkMath(f(x, y), x, y)
	}
}

func mathLogLike(name string, f func(float64) float64) func(*Thread, []Value, []KeywordArg) (Value, error) {
	return func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var a Value
		if err := UnpackPositional(name, args, kwargs, 1, &a); err != nil {
			return nil, err
		}
		x, err := mathFloat(th, a)
		if err != nil {
			return nil, err
		}
		if name == "log1p" {
			if x <= -1 {
				return nil, mathDomain()
			}
		} else if x <= 0 {
			return nil, mathDomain()
		}
		return checkMath(f(x), x)
	}
}

func mathLog(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var a, b Value
	if err := UnpackPositional("log", args, kwargs, 1, &a, &b); err != nil {
		return nil, err
	}
	x, err := mathFloat(th, a)
	if err != nil {
		return nil, err
	}
	if x <= 0 {
		return nil, mathDomain()
	}
	num := math.Log(x)
	if b == nil {
		return Float64(num), nil
	}
	base, err := mathFloat(th, b)
	if err != nil {
		return nil, err
	}
	if base <= 0 {
		return nil, mathDomain()
	}
	den := math.Log(base)
	if den == 0 {
		return nil, zeroDivisionErrorf("float division by zero")
	}
	return Float64(num / den), nil
}

func mathPow(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	x, y, err := mathFloatPair(th, "pow", args, kwargs)
	if err != nil {
		return nil, err
	}
	finite := func(f float64) bool { return !math.IsInf(f, 0) && !math.IsNaN(f) }
	if finite(x) && finite(y) {
		if x == 0 && y < 0 {
			return nil, mathDomain()
		}
		if x < 0 && y != math.Trunc(y) {
			return nil, mathDomain()
		}
	}
	return checkMath(math.Pow(x, y), x, y)
}

func mathFmod(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	x, y, err := mathFloatPair(th, "fmod", args, kwargs)
	if err != nil {
		return nil, err
	}
	if math.IsInf(y, 0) && !math.IsInf(x, 0) && !math.IsNaN(x) {
		return Float64(x), nil
	}
	return checkMath(math.Mod(x, y), x, y)
}

func mathRemainder(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	x, y, err := mathFloatPair(th, "remainder", args, kwargs)
	if err != nil {
		return nil, err
	}
	return checkMath(math.Remainder(x, y), x, y)
}

func mathHypot(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := noKwargs("hypot", kwargs); err != nil {
		return nil, err
	}
	xs := make([]float64, len(args))
	for i, a := range args {
		x, err := mathFloat(th, a)
		if err != nil {
			return nil, err
		}
		xs[i] = x
	}
	return Float64(vectorNorm(xs)), nil
}

// vectorNorm is the Euclidean norm, scaled to avoid overflow.
func vectorNorm(xs []float64) float64 {
	maxv := 0.0
	hasNaN := false
	for _, x := range xs {
		if math.IsInf(x, 0) {
			return math.Inf(1)
		}
		if math.IsNaN(x) {
			hasNaN = true
		}
		maxv = math.Max(maxv, math.Abs(x))
	}
	if hasNaN {
		return math.NaN()
	}
	switch len(xs) {
	case 0:
		return 0
	case 1:
		return math.Abs(xs[0])
	case 2:
		return math.Hypot(xs[0], xs[1])
	}
	if maxv == 0 {
		return 0
	}
	sum := 0.0
	for _, x := range xs {
		r := x / maxv
		sum += r * r
	}
	return maxv * math.Sqrt(sum)
}

func mathDist(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var p, q Value
	if err := UnpackPositional("dist", args, kwargs, 2, &p, &q); err != nil {
		return nil, err
	}
	ps, err := iterCollect(th, p)
	if err != nil {
		return nil, err
	}
	qs, err := iterCollect(th, q)
	if err != nil {
		return nil, err
	}
	if len(ps) != len(qs) {
		return nil, valueErrorf("both points must have the same number of dimensions")
	}
	d := make([]float64, len(ps))
	for i := range ps {
		a, err := mathFloat(th, ps[i])
		if err != nil {
			return nil, err
		}
		b, err := mathFloat(th, qs[i])
		if err != nil {
			return nil, err
		}
		d[i] = a - b
	}
	return Float64(vectorNorm(d)), nil
}

// mathRound implements floor, ceil and trunc: ints pass through, floats
// become ints, objects may define the dunder.
func mathRound(name string, f func(float64) float64, dunder string) func(*Thread, []Value, []KeywordArg) (Value, error) {
	return func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var a Value
		if err := UnpackPositional(name, args, kwargs, 1, &a); err != nil {
			return nil, err
		}
		if i, ok := asInt(a); ok {
			return MakeInt(i), nil
		}
		if r, ok, err := callDunder(th, a, dunder); ok {
			return r, err
		}
		x, err := mathFloat(th, a)
		if err != nil {
			return nil, err
		}
		return floatToInt(th, f(x))
	}
}

func mathPred(name string, f func(float64) bool) func(*Thread, []Value, []KeywordArg) (Value, error) {
	return func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
		var a Value
		if err := UnpackPositional(name, args, kwargs, 1, &a); err != nil {
			return nil, err
		}
		x, err := mathFloat(th, a)
		if err != nil {
			return nil, err
		}
		return Bool(f(x)), nil
	}
}

func mathIsclose(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var a, b Value
	var relTol, absTol float64 = 1e-9, 0
	if err := UnpackArgs("isclose", args, kwargs, "a", &a, "b", &b, "$rel_tol?", &relTol, "$abs_tol?", &absTol); err != nil {
		return nil, err
	}
	x, err := mathFloat(th, a)
	if err != nil {
		return nil, err
	}
	y, err := mathFloat(th, b)
	if err != nil {
		return nil, err
	}
	if relTol < 0 || absTol < 0 {
		return nil, valueErrorf("tolerances must be non-negative")
	}
	if x == y {
		return True, nil
	}
	if math.IsInf(x, 0) || math.IsInf(y, 0) {
		return False, nil
	}
	diff := math.Abs(y - x)
	return Bool(diff <= math.Abs(relTol*y) || diff <= math.Abs(relTol*x) || diff <= absTol), nil
}

// intArg reads an int argument of an integer-only math function.
func intArg(th *Thread, v Value) (int64, error) { return indexValue(th, v) }

// bigResult returns b as an int, or OverflowError beyond 64 bits.
func bigResult(th *Thread, b *big.Int, what string) (Value, error) {
	if !b.IsInt64() {
		return nil, overflowErrorf("int too large: %s does not fit in 64 bits", what)
	}
	return th.NewInt(b.Int64())
}

func mathFactorial(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var a Value
	if err := UnpackPositional("factorial", args, kwargs, 1, &a); err != nil {
		return nil, err
	}
	n, err := intArg(th, a)
	if err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, valueErrorf("factorial() not defined for negative values")
	}
	if n > 20 {
		return nil, overflowErrorf("int too large: factorial(%d) does not fit in 64 bits", n)
	}
	r := int64(1)
	for i := int64(2); i <= n; i++ {
		r *= i
	}
	return th.NewInt(r)
}

func mathGcd(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := noKwargs("gcd", kwargs); err != nil {
		return nil, err
	}
	g := new(big.Int)
	for _, a := range args {
		n, err := intArg(th, a)
		if err != nil {
			return nil, err
		}
		g.GCD(nil, nil, g, new(big.Int).Abs(big.NewInt(n)))
	}
	return bigResult(th, g, "gcd")
}

func mathLcm(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	if err := noKwargs("lcm", kwargs); err != nil {
		return nil, err
	}
	l := big.NewInt(1)
	for _, a := range args {
		n, err := intArg(th, a)
		if err != nil {
			return nil, err
		}
		if n == 0 {
			l.SetInt64(0)
			continue
		}
		if l.Sign() == 0 {
			continue
		}
		b := new(big.Int).Abs(big.NewInt(n))
		g := new(big.Int).GCD(nil, nil, l, b)
		l.Mul(l, b).Quo(l, g)
	}
	return bigResult(th, l, "lcm")
}

func mathIsqrt(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var a Value
	if err := UnpackPositional("isqrt", args, kwargs, 1, &a); err != nil {
		return nil, err
	}
	n, err := intArg(th, a)
	if err != nil {
		return nil, err
	}
	if n < 0 {
		return nil, valueErrorf("isqrt() argument must be nonnegative")
	}
	return th.NewInt(new(big.Int).Sqrt(big.NewInt(n)).Int64())
}

func combArgs(th *Thread, name string, args []Value, kwargs []KeywordArg, kOptional bool) (int64, int64, bool, error) {
	var a, b Value
	min := 2
	if kOptional {
		min = 1
	}
	if err := UnpackPositional(name, args, kwargs, min, &a, &b); err != nil {
		return 0, 0, false, err
	}
	n, err := intArg(th, a)
	if err != nil {
		return 0, 0, false, err
	}
	if b == nil || b == None {
		if n < 0 {
			return 0, 0, false, valueErrorf("n must be a non-negative integer")
		}
		return n, n, false, nil
	}
	k, err := intArg(th, b)
	if err != nil {
		return 0, 0, false, err
	}
	if n < 0 {
		return 0, 0, false, valueErrorf("n must be a non-negative integer")
	}
	if k < 0 {
		return 0, 0, false, valueErrorf("k must be a non-negative integer")
	}
	return n, k, true, nil
}

func mathComb(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	n, k, _, err := combArgs(th, "comb", args, kwargs, false)
	if err != nil {
		return nil, err
	}
	if k > n {
		return MakeInt(0), nil
	}
	if k > n-k {
		k = n - k
	}
	// C(n, k) ≥ 2**k once n ≥ 2k: past 63 it cannot fit, so do not compute it
	if k > 63 {
		return nil, overflowErrorf("int too large: comb() result does not fit in 64 bits")
	}
	return bigResult(th, new(big.Int).Binomial(n, k), "comb()")
}

func mathPerm(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	n, k, _, err := combArgs(th, "perm", args, kwargs, true)
	if err != nil {
		return nil, err
	}
	if k > n {
		return MakeInt(0), nil
	}
	r := big.NewInt(1)
	for i := n - k + 1; i <= n; i++ {
		r.Mul(r, big.NewInt(i))
		if r.BitLen() > 64 {
			break
		}
	}
	return bigResult(th, r, "perm()")
}

// mathFsum is math.fsum: the correctly rounded sum, computed exactly in
// a big.Float wide enough for any sum of doubles.
func mathFsum(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var it Value
	if err := UnpackPositional("fsum", args, kwargs, 1, &it); err != nil {
		return nil, err
	}
	acc := new(big.Float).SetPrec(2300)
	var special, infSum float64
	hasSpecial := false
	err := forEach(th, it, func(e Value) error {
		x, err := mathFloat(th, e)
		if err != nil {
			return err
		}
		if math.IsInf(x, 0) || math.IsNaN(x) {
			if math.IsInf(x, 0) {
				infSum += x
			}
			special += x
			hasSpecial = true
			return nil
		}
		acc.Add(acc, new(big.Float).SetFloat64(x))
		return nil
	})
	if err != nil {
		return nil, err
	}
	if hasSpecial {
		if math.IsNaN(infSum) {
			// inf + -inf is an error; a NaN argument gives NaN
			return nil, valueErrorf("-inf + inf in fsum")
		}
		return Float64(special), nil
	}
	f, _ := acc.Float64()
	if math.IsInf(f, 0) {
		return nil, overflowErrorf("intermediate overflow in fsum")
	}
	return Float64(f), nil
}

func mathProd(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var it Value
	var start Value = MakeInt(1)
	if err := UnpackArgs("prod", args, kwargs, "iterable", &it, "$start?", &start); err != nil {
		return nil, err
	}
	acc := start
	err := forEach(th, it, func(e Value) error {
		var err error
		acc, err = th.Binary(BinMul, acc, e)
		return err
	})
	if err != nil {
		return nil, err
	}
	return acc, nil
}

func mathModf(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var a Value
	if err := UnpackPositional("modf", args, kwargs, 1, &a); err != nil {
		return nil, err
	}
	x, err := mathFloat(th, a)
	if err != nil {
		return nil, err
	}
	if math.IsInf(x, 0) {
		return th.NewTuple([]Value{Float64(math.Copysign(0, x)), Float64(x)})
	}
	i, f := math.Modf(x)
	return th.NewTuple([]Value{Float64(f), Float64(i)})
}

func mathFrexp(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var a Value
	if err := UnpackPositional("frexp", args, kwargs, 1, &a); err != nil {
		return nil, err
	}
	x, err := mathFloat(th, a)
	if err != nil {
		return nil, err
	}
	m, e := math.Frexp(x)
	return th.NewTuple([]Value{Float64(m), MakeInt(int64(e))})
}

func mathLdexp(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
	var a, b Value
	if err := UnpackPositional("ldexp", args, kwargs, 2, &a, &b); err != nil {
		return nil, err
	}
	x, err := mathFloat(th, a)
	if err != nil {
		return nil, err
	}
	e, err := intArg(th, b)
	if err != nil {
		return nil, err
	}
	if e > 1<<20 {
		e = 1 << 20
	} else if e < -(1 << 20) {
		e = -(1 << 20)
	}
	return checkMath(math.Ldexp(x, int(e)), x)
}
