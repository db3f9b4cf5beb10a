package conformance

import (
	"fmt"
	"math/rand"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
)

// progGen writes random but always-terminating Python programs that mix loops,
// break/continue, try/except/else/finally, raise and return: the control flow
// whose code generation (exception tables, inlined finally bodies, stack depths)
// is easiest to get wrong. Every executed statement appends to a log, so CPython
// and nl must agree on the exact path taken.
type progGen struct {
	r     *rand.Rand
	sb    strings.Builder
	n     int // next log marker
	vars  int // loop variable counter
	depth int
	gen   bool // inside a generator function: yield is allowed
}

func (g *progGen) line(indent int, s string) {
	g.sb.WriteString(strings.Repeat("    ", indent))
	g.sb.WriteString(s)
	g.sb.WriteByte('\n')
}

func (g *progGen) mark(indent int) {
	g.n++
	g.line(indent, fmt.Sprintf("log.append(%d)", g.n))
}

// block writes 1–3 statements at indent.
func (g *progGen) block(indent int, inLoop, inFunc bool, loopVar string) {
	k := 1 + g.r.Intn(3)
	for i := 0; i < k; i++ {
		g.stmt(indent, inLoop, inFunc, loopVar)
	}
}

func (g *progGen) cond(loopVar string) string {
	if loopVar != "" && g.r.Intn(2) == 0 {
		return fmt.Sprintf("%s %% %d == %d", loopVar, 2+g.r.Intn(2), g.r.Intn(2))
	}
	return fmt.Sprintf("len(log) %% %d == 0", 2+g.r.Intn(3))
}

func (g *progGen) stmt(indent int, inLoop, inFunc bool, loopVar string) {
	g.depth++
	defer func() { g.depth-- }()
	choice := g.r.Intn(12)
	if g.depth > 4 {
		choice = g.r.Intn(4) // only simple statements when deep
	}
	switch choice {
	case 0, 1:
		if g.gen && inFunc && g.r.Intn(2) == 0 {
			g.n++
			g.line(indent, fmt.Sprintf("yield %d", g.n))
			break
		}
		g.mark(indent)
	case 2:
		switch {
		case inLoop && g.r.Intn(2) == 0:
			g.mark(indent)
			if g.r.Intn(2) == 0 {
				g.line(indent, "break")
			} else {
				g.line(indent, "continue")
			}
		case inFunc && g.r.Intn(3) == 0:
			g.line(indent, fmt.Sprintf("return %d", g.r.Intn(100)))
		default:
			g.mark(indent)
		}
	case 3:
		g.line(indent, "if "+g.cond(loopVar)+":")
		exc := []string{"ValueError", "KeyError", "IndexError"}[g.r.Intn(3)]
		g.line(indent+1, fmt.Sprintf("raise %s(%d)", exc, g.r.Intn(100)))
	case 4, 5:
		g.line(indent, "if "+g.cond(loopVar)+":")
		g.block(indent+1, inLoop, inFunc, loopVar)
		if g.r.Intn(2) == 0 {
			g.line(indent, "else:")
			g.block(indent+1, inLoop, inFunc, loopVar)
		}
	case 6:
		g.vars++
		v := fmt.Sprintf("i%d", g.vars)
		g.line(indent, fmt.Sprintf("for %s in range(%d):", v, g.r.Intn(4)))
		g.block(indent+1, true, inFunc, v)
		if g.r.Intn(3) == 0 {
			g.line(indent, "else:")
			g.block(indent+1, inLoop, inFunc, loopVar)
		}
	case 7:
		g.vars++
		v := fmt.Sprintf("w%d", g.vars)
		g.line(indent, v+" = 0")
		g.line(indent, fmt.Sprintf("while %s < %d:", v, 1+g.r.Intn(3)))
		g.line(indent+1, v+" += 1")
		g.block(indent+1, true, inFunc, v)
	case 8, 9:
		g.line(indent, "try:")
		g.block(indent+1, inLoop, inFunc, loopVar)
		hasExcept := g.r.Intn(3) > 0
		if hasExcept {
			switch g.r.Intn(3) {
			case 0:
				g.line(indent, "except ValueError as e:")
				g.line(indent+1, "log.append(str(e))")
			case 1:
				g.line(indent, "except (KeyError, IndexError):")
			default:
				g.line(indent, "except Exception as e:")
				g.line(indent+1, "log.append(type(e).__name__)")
			}
			g.block(indent+1, inLoop, inFunc, loopVar)
			if g.r.Intn(3) == 0 {
				g.line(indent, "else:")
				g.block(indent+1, inLoop, inFunc, loopVar)
			}
		}
		if !hasExcept || g.r.Intn(2) == 0 {
			g.line(indent, "finally:")
			g.block(indent+1, inLoop, inFunc, loopVar)
		}
	case 10:
		g.line(indent, "try:")
		g.block(indent+1, inLoop, inFunc, loopVar)
		g.line(indent, "except Exception:")
		g.mark(indent + 1)
		g.line(indent+1, "if "+g.cond(loopVar)+":")
		g.line(indent+2, "raise")
	default:
		g.vars++
		fn := fmt.Sprintf("g%d", g.vars)
		g.line(indent, fmt.Sprintf("def %s(n):", fn))
		saved := g.gen
		g.gen = false
		g.block(indent+1, false, true, "n")
		g.gen = saved
		g.line(indent+1, "return n")
		g.line(indent, fmt.Sprintf("log.append(%s(%d))", fn, g.r.Intn(4)))
	}
}

// program writes the whole test program. With uncaught set, it ends by calling
// f0 once more outside any try, so that an exception escapes with a traceback.
func (g *progGen) program(uncaught bool) string {
	g.line(0, "log = []")
	for f := 0; f < 4; f++ {
		// f3 is a generator: yields go to the log through list().
		g.gen = f == 3
		g.line(0, fmt.Sprintf("def f%d():", f))
		if g.gen {
			g.line(1, "yield 0")
		}
		g.block(1, false, true, "")
		g.line(1, "return 'end'")
		g.line(0, "try:")
		if g.gen {
			g.line(1, fmt.Sprintf("log.append(list(f%d()))", f))
		} else {
			g.line(1, fmt.Sprintf("log.append(f%d())", f))
		}
		g.line(0, "except Exception as e:")
		g.line(1, "log.append('uncaught ' + type(e).__name__ + ' ' + str(e))")
	}
	g.line(0, "print(log)")
	if uncaught {
		g.line(0, "print(f0())")
	}
	return g.sb.String()
}

// TestRandomControlFlow compares CPython and nl on 60 generated programs (fixed
// seeds, so failures reproduce; the failing program is printed). Set
// NL_RANDOM_PROGRAMS=N to try N programs instead.
func TestRandomControlFlow(t *testing.T) {
	dir := t.TempDir()
	count := int64(60)
	if n, err := strconv.ParseInt(os.Getenv("NL_RANDOM_PROGRAMS"), 10, 64); err == nil && n > 0 {
		count = n
	}
	for seed := int64(1); seed <= count; seed++ {
		g := &progGen{r: rand.New(rand.NewSource(seed))}
		src := g.program(seed%2 == 0)
		name := fmt.Sprintf("rand%d.py", seed)
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
		want := runCPython(t, dir, name)
		got, nlErr := runNL(name, []byte(src))
		if msg := compareRun(want, got, nlErr); msg != "" {
			t.Errorf("seed %d: %s\nprogram:\n%s", seed, msg, src)
		}
	}
}
