package vm_test

import (
	"errors"
	"strings"
	"testing"

	"github.com/nanolambda/nl/bytecode"
	"github.com/nanolambda/nl/vm"
)

// Hand-assembled programs test the VM's opcodes independently of the
// compiler: each is the module top level plus optional functions.

type asmFunc struct {
	name      string
	code      string
	params    int
	locals    int
	maxStack  int
	flags     uint8
	exc       []bytecode.ExcEntry
	localName []string
}

func asmProgram(t *testing.T, strs []string, consts []bytecode.Constant, globals []string, funcs ...asmFunc) *bytecode.Program {
	t.Helper()
	p := &bytecode.Program{Filename: "asm.py", Strings: strs, Constants: consts, Globals: globals}
	for _, f := range funcs {
		code, labels, err := bytecode.AssembleLabels(f.code)
		if err != nil {
			t.Fatal(err)
		}
		exc := append([]bytecode.ExcEntry(nil), f.exc...)
		for i := range exc {
			// Exception tables in tests name labels through negative offsets:
			// -1 → label "try", -2 → "end", -3 → "handler".
			for _, fld := range []*int{&exc[i].Start, &exc[i].End, &exc[i].Handler} {
				switch *fld {
				case -1:
					*fld = labels["try"]
				case -2:
					*fld = labels["end"]
				case -3:
					*fld = labels["handler"]
				}
			}
		}
		names := f.localName
		for len(names) < f.locals {
			names = append(names, "v"+string(rune('a'+len(names))))
		}
		p.Functions = append(p.Functions, &bytecode.Funcode{
			Name: f.name, Line: 1, Flags: f.flags, NumParams: f.params, NumLocals: f.locals,
			MaxStack: f.maxStack, LocalNames: names, Code: code, ExcTable: exc,
		})
	}
	return p
}

func runAsm(t *testing.T, p *bytecode.Program) (string, error) {
	t.Helper()
	var out strings.Builder
	opts := vm.Options{Stdout: &out, MaxSteps: 100000}
	// print is the library's builtin; the programs return their result in
	// the global "result" instead, so these tests need only the core.
	in, err := vm.Load(p, opts)
	if err != nil {
		return "", err
	}
	v, ok := in.Global("result")
	if !ok {
		return "", errors.New("no result")
	}
	g, err := vm.ToGo(v)
	if err != nil {
		return "", err
	}
	return strings.TrimSpace(strings.ReplaceAll(strings.ReplaceAll(
		strings.Trim(fmtGo(g), " "), "\n", " "), "  ", " ")), nil
}

func fmtGo(v any) string {
	switch x := v.(type) {
	case []any:
		parts := make([]string, len(x))
		for i, e := range x {
			parts[i] = fmtGo(e)
		}
		return "[" + strings.Join(parts, " ") + "]"
	case nil:
		return "None"
	case string:
		return "'" + x + "'"
	case bool:
		if x {
			return "True"
		}
		return "False"
	case int64:
		return itoa64(x)
	case float64:
		return "float"
	}
	return "?"
}

func itoa64(i int64) string {
	neg := i < 0
	if neg {
		i = -i
	}
	s := ""
	for {
		s = string(rune('0'+i%10)) + s
		i /= 10
		if i == 0 {
			break
		}
	}
	if neg {
		s = "-" + s
	}
	return s
}

func TestAsmStackOps(t *testing.T) {
	// result = [1, 2, 3] rotated and duplicated: dup2, rot2, rot3.
	p := asmProgram(t, nil, nil, []string{"result"}, asmFunc{
		name: "<module>", maxStack: 8,
		code: `int 1; int 2; int 3; rot3; build_list 3; store_global 0
		       load_none; return`,
	})
	if got, err := runAsm(t, p); err != nil || got != "[3 1 2]" {
		t.Errorf("rot3: %q, %v", got, err)
	}
	p = asmProgram(t, nil, nil, []string{"result"}, asmFunc{
		name: "<module>", maxStack: 8,
		code: `int 1; int 2; dup2; rot2; build_tuple 4; store_global 0; load_none; return`,
	})
	if got, err := runAsm(t, p); err != nil || got != "[1 2 2 1]" {
		t.Errorf("dup2/rot2: %q, %v", got, err)
	}
}

func TestAsmLoopAndJumps(t *testing.T) {
	// s = 0; i = 0; while i < 10: s += i; i += 1  (globals), result = s
	p := asmProgram(t, nil, nil, []string{"result", "i"}, asmFunc{
		name: "<module>", maxStack: 4,
		code: `int 0; store_global 0; int 0; store_global 1
		top: load_global 1; int 10; lt; pop_jump_if_false done
		     load_global 0; load_global 1; inplace add; store_global 0
		     load_global 1; int 1; add; store_global 1; jump top
		done: load_none; return`,
	})
	if got, err := runAsm(t, p); err != nil || got != "45" {
		t.Errorf("loop: %q, %v", got, err)
	}
}

func TestAsmExceptionTable(t *testing.T) {
	// try: 1 // 0  except: result = "caught" (exc_match ZeroDivisionError)
	p := asmProgram(t, []string{"ZeroDivisionError"}, []bytecode.Constant{{Kind: bytecode.ConstStr, Str: "caught"}},
		[]string{"result"}, asmFunc{
			name: "<module>", maxStack: 4,
			code: `try: int 1; int 0; floordiv; pop; end: jump out
			handler: push_exc; load_builtin 0; exc_match; pop_jump_if_false reraise
			         pop; constant 0; store_global 0; pop_except; jump out
			reraise: rot2; pop_except; reraise
			out: load_none; return`,
			exc: []bytecode.ExcEntry{{Start: -1, End: -2, Handler: -3, Depth: 0}},
		})
	if got, err := runAsm(t, p); err != nil || got != "'caught'" {
		t.Errorf("handler: %q, %v", got, err)
	}
}

func TestAsmUncaughtHasTraceback(t *testing.T) {
	p := asmProgram(t, nil, nil, []string{"result"}, asmFunc{
		name: "<module>", maxStack: 4,
		code: `int 1; int 0; truediv; store_global 0; load_none; return`,
	})
	_, err := runAsm(t, p)
	var e *vm.Exception
	if !errors.As(err, &e) || e.Error() != "ZeroDivisionError: division by zero" {
		t.Fatalf("got %v", err)
	}
	// The program has no line table: the traceback says "line ?".
	if !strings.Contains(e.Traceback(), `File "asm.py", line ?, in <module>`) {
		t.Errorf("traceback:\n%s", e.Traceback())
	}
}

func TestAsmCallsAndClosures(t *testing.T) {
	// def add(a, b): return a + b ; result = [add(2, 3), add(b=1, a=10)]
	p := asmProgram(t, []string{"a", "b"},
		[]bytecode.Constant{{Kind: bytecode.ConstStr, Str: "b"}, {Kind: bytecode.ConstStr, Str: "a"},
			{Kind: bytecode.ConstTuple, Tuple: []int{0, 1}}},
		[]string{"result", "add"},
		asmFunc{name: "<module>", maxStack: 6,
			code: `make_function 1/0; store_global 1
			       load_global 1; int 2; int 3; call 2
			       load_global 1; int 1; int 10; constant 2; call 0/2
			       build_list 2; store_global 0; load_none; return`},
		asmFunc{name: "add", params: 2, locals: 2, maxStack: 2, localName: []string{"a", "b"},
			code: `load_local 0; load_local 1; add; return`},
	)
	if got, err := runAsm(t, p); err != nil || got != "[5 11]" {
		t.Errorf("calls: %q, %v", got, err)
	}
}

func TestAsmUnpackEx(t *testing.T) {
	// a, *b, c = [1, 2, 3, 4] leaves c, b, a on the stack (a on top).
	p := asmProgram(t, nil, nil, []string{"result"}, asmFunc{
		name: "<module>", maxStack: 8, locals: 0,
		code: `int 1; int 2; int 3; int 4; build_list 4; unpack_ex 1/1
		       build_list 3; store_global 0; load_none; return`,
	})
	if got, err := runAsm(t, p); err != nil || got != "[4 [2 3] 1]" {
		t.Errorf("unpack_ex: %q, %v", got, err)
	}
}

func TestAsmGenerator(t *testing.T) {
	// def g(): yield 1; yield 2 ; result = list-like via for_iter
	p := asmProgram(t, nil, nil, []string{"result", "g"},
		asmFunc{name: "<module>", maxStack: 6,
			code: `build_list 0; make_function 1/0; call 0; get_iter
			top: for_iter done; list_append 2; jump top
			done: store_global 0; load_none; return`},
		asmFunc{name: "g", flags: bytecode.FlagGenerator, maxStack: 2,
			code: `int 1; yield; pop; int 2; yield; pop; load_none; return`},
	)
	if got, err := runAsm(t, p); err != nil || got != "[1 2]" {
		t.Errorf("generator: %q, %v", got, err)
	}
}

func TestAsmBadOperandTypes(t *testing.T) {
	// list_append onto a non-list is a malformed image: a SystemError, not
	// a crash.
	p := asmProgram(t, nil, nil, []string{"result"}, asmFunc{
		name: "<module>", maxStack: 4,
		code: `int 1; int 2; list_append 1; load_none; return`,
	})
	_, err := runAsm(t, p)
	var e *vm.Exception
	if !errors.As(err, &e) || e.Type != "SystemError" {
		t.Errorf("got %v, want SystemError", err)
	}
}
