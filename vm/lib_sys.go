package vm

import (
	"io"
	"math"
)

// The sys module: the parts a portable program reads (version, limits,
// argv, exit, the standard streams). nl is not CPython, and says so in
// sys.implementation.name; version and version_info give the language
// level it follows.

func init() {
	registerModule("sys", func() *Module {
		version := Tuple{MakeInt(3), MakeInt(11), MakeInt(0), String("final"), MakeInt(0)}
		m := map[string]Value{
			"version":      String("3.11.0 (nl)"),
			"version_info": version,
			"maxsize":      MakeInt(math.MaxInt64),
			"byteorder":    String("little"),
			"platform":     String("nl"),
			"implementation": NewObject("implementation", map[string]Value{
				"name": String("nl"), "version": version,
			}),
			"stdout": stream("stdout", (*Thread).Stdout),
			"stderr": stream("stderr", (*Thread).Stderr),
		}
		m["exit"] = NewBuiltin("exit", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			var code Value
			if err := UnpackPositional("exit", args, kwargs, 0, &code); err != nil {
				return nil, err
			}
			var exArgs Tuple
			if code != nil && code != None { // sys.exit(None) is SystemExit()
				exArgs = Tuple{code}
			}
			return nil, excFromObject(newExceptionObject(excSystemExit, exArgs))
		})
		m["getrecursionlimit"] = NewBuiltin("getrecursionlimit", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			if err := UnpackPositional("getrecursionlimit", args, kwargs, 0); err != nil {
				return nil, err
			}
			return MakeInt(int64(th.maxDepth)), nil
		})
		return NewModule("sys", m)
	})
}

// initSys fills in the members that depend on the embedder: sys.argv.
func (th *Thread) initSys(m *Module) error {
	var argv []string
	if th.opts != nil {
		argv = th.opts.Argv
	}
	elems := make([]Value, len(argv))
	for i, a := range argv {
		s, err := th.NewStr(a)
		if err != nil {
			return err
		}
		elems[i] = s
	}
	l, err := th.NewList(elems)
	if err != nil {
		return err
	}
	m.members["argv"] = l
	return nil
}

// stream is sys.stdout or sys.stderr: write(s) and flush() on the
// embedder's writer.
func stream(name string, writer func(*Thread) io.Writer) Value {
	return NewObject("TextIOWrapper", map[string]Value{
		"name": String("<" + name + ">"),
		"write": NewBuiltin("write", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			var s Value
			if err := UnpackPositional("write", args, kwargs, 1, &s); err != nil {
				return nil, err
			}
			str, ok := s.(String)
			if !ok {
				return nil, typeErrorf("write() argument must be str, not %s", s.Type())
			}
			if _, err := io.WriteString(writer(th), string(str)); err != nil {
				return nil, NewException("OSError", name+": "+err.Error())
			}
			return MakeInt(int64(strLen(string(str)))), nil
		}),
		"flush": NewBuiltin("flush", func(th *Thread, args []Value, kwargs []KeywordArg) (Value, error) {
			return None, UnpackPositional("flush", args, kwargs, 0)
		}),
	})
}
