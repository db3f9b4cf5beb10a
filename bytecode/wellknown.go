package bytecode

// WellKnown is the table of well-known strings (builtin names, common method and
// module names, common parameter names). A program whose string pool starts with
// exactly this table (the compiler always does this) sets FlagWellKnown in its
// image header, and the image then stores only the strings after it: every VM
// holds the table in its own read-only memory, as MicroPython does with its static
// qstrs. The table is part of the format: the image's own strings are numbered
// after it, so any change to it, even an addition, bumps Version.
//
// The first 16 entries are the operands of the one-byte LOAD_BUILTIN forms, and
// entries 16..25 those of the one-byte ATTR forms (see shortform.go).
var WellKnown = [...]string{
	// 0..15: the most used builtins (short LOAD_BUILTIN forms).
	"len", "range", "print", "int", "str", "float", "isinstance", "sorted",
	"min", "max", "sum", "abs", "round", "enumerate", "list", "dict",
	// 16..25: the most used methods (short ATTR forms).
	"append", "get", "items", "join", "split", "strip", "keys", "values", "format", "pop",
	// 26..47: other frequent names. The table is kept short so that a module's own
	// strings still get one-byte indices.
	"zip", "any", "all", "ValueError", "TypeError", "KeyError", "Exception",
	"extend", "update", "setdefault", "startswith", "replace", "lower", "upper",
	"math", "json", "time", "sqrt", "dumps", "self", "event", "context",
	// 48..: names nearly every image holds: compiler-made function names, the
	// comprehension parameter, the Lambda entry point and common result keys.
	"<module>", "<listcomp>", "<dictcomp>", "<setcomp>", "<genexpr>", "<lambda>", ".0",
	"__init__", "handler", "error", "name", "value", "count", "status",
}

// HasWellKnownPrefix reports whether strings starts with the WellKnown table.
func HasWellKnownPrefix(strings []string) bool {
	if len(strings) < len(WellKnown) {
		return false
	}
	for i, s := range WellKnown {
		if strings[i] != s {
			return false
		}
	}
	return true
}
