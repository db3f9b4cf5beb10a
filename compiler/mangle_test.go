package compiler

import "testing"

// TestMangledName follows CPython's _Py_Mangle; the behaviour of whole
// programs is checked against python3 by conformance/testdata/ext_private_names.py.
func TestMangledName(t *testing.T) {
	tests := []struct{ private, name, want string }{
		{"C", "__x", "_C__x"},
		{"C", "__x__", "__x__"}, // dunder names are public
		{"C", "__", "__"},       // so is a bare "__"
		{"C", "_x", "_x"},       // one underscore is not private
		{"C", "x", "x"},
		{"", "__x", "__x"},           // outside any class
		{"_Lead", "__x", "_Lead__x"}, // leading underscores of the class are dropped
		{"__", "__x", "__x"},         // a class named only underscores mangles nothing
		{"C", "__a.b", "__a.b"},      // dotted names are never mangled
		{"C", "_C__x", "_C__x"},      // idempotent
	}
	for _, tc := range tests {
		t.Run(tc.private+"/"+tc.name, func(t *testing.T) {
			if got := mangledName(tc.private, tc.name); got != tc.want {
				t.Errorf("mangledName(%q, %q) = %q, want %q", tc.private, tc.name, got, tc.want)
			}
		})
	}
}
