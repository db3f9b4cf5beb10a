package bytecode

import (
	"bytes"
	"encoding/binary"
	"errors"
	"hash/crc32"
	"strings"
	"testing"
)

func TestVarint(t *testing.T) {
	for _, x := range []int64{0, 1, -1, 63, -64, 64, 1 << 31, -1 << 63, 1<<63 - 1} {
		b := appendUvarint(nil, zigzag(x))
		u, n := uvarint(b)
		if n != len(b) || unzigzag(u) != x {
			t.Errorf("varint %d: got %d (n=%d of %d)", x, unzigzag(u), n, len(b))
		}
	}
	if _, n := uvarint([]byte{0x80, 0x80}); n != 0 {
		t.Errorf("truncated varint: n=%d", n)
	}
	if _, n := uvarint(bytes.Repeat([]byte{0xff}, 11)); n >= 0 {
		t.Errorf("overlong varint accepted: n=%d", n)
	}
}

// sample builds a small program by hand: a module that defines and calls a function
// with a try/except, exercising every section.
func sample(stripped bool) *Program {
	code, labels, err := AssembleLabels(`
			load_local 0; int 2; mul; store_local 1
			t0: load_builtin 2; constant 1; call 1/0; pop
			t1: jump end
			h: push_exc; load_builtin 2; exc_match; pop_jump_if_false nomatch
			pop; pop_except; jump end
			nomatch: reraise
			end: load_local 1; return`)
	if err != nil {
		panic(err)
	}
	lt := NewLineTableBuilder(2)
	lt.Add(0, 3, 5)
	lt.Add(labels["t0"], 4, 5)
	fn := &Funcode{
		Name: "f", Line: 2, Col: 1, NumParams: 1, NumLocals: 2, MaxStack: 4,
		LocalNames: []string{"x", "y"},
		Code:       code,
		ExcTable:   []ExcEntry{{Start: labels["t0"], End: labels["t1"], Handler: labels["h"], Depth: 0}},
		LineTable:  lt.Bytes(),
	}
	top := &Funcode{
		Name: "<module>", Line: 1, MaxStack: 3,
		Code: MustAssemble(`make_function 1/0; store_global 0; load_global 0; int 21; call 1; pop;
			constant 0; constant 2; constant 3; build_tuple 3; pop; load_none; return`),
		LineTable: NewLineTableBuilder(1).Bytes(),
	}
	p := &Program{
		Filename:  "t.py",
		Strings:   []string{"f", "x", "ValueError"},
		Constants: []Constant{{Kind: ConstFloat, Float: 1.5}, {Kind: ConstStr, Str: "hi"}, {Kind: ConstBytes, Str: "\x00\xff"}, {Kind: ConstTuple, Tuple: []int{0, 1}}},
		Globals:   []string{"f"},
		Functions: []*Funcode{top, fn},
	}
	if stripped {
		p.Stripped = true
		p.Filename = ""
		fn.LineTable, top.LineTable = nil, nil
		fn.LocalNames = fn.LocalNames[:1]
	}
	return p
}

func TestRoundTrip(t *testing.T) {
	for _, stripped := range []bool{false, true} {
		name := "full"
		if stripped {
			name = "stripped"
		}
		t.Run(name, func(t *testing.T) {
			p := sample(stripped)
			if err := p.Verify(); err != nil {
				t.Fatalf("sample does not verify: %v", err)
			}
			img, err := Encode(p)
			if err != nil {
				t.Fatal(err)
			}
			q, err := Decode(img)
			if err != nil {
				t.Fatalf("decode: %v", err)
			}
			img2, err := Encode(q)
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(img, img2) {
				t.Fatalf("encode∘decode not stable:\n%x\n%x", img, img2)
			}
			if q.Functions[1].Name != "f" || q.Constants[0].Float != 1.5 || q.Constants[2].Str != "\x00\xff" {
				t.Errorf("decoded program differs: %+v", q.Functions[1])
			}
			if !stripped {
				if q.Filename != "t.py" {
					t.Errorf("filename %q", q.Filename)
				}
				if line, col := q.Functions[1].Position(10); line != 4 || col != 5 {
					t.Errorf("Position(10) = %d:%d, want 4:5", line, col)
				}
				if line, _ := q.Functions[1].Position(3); line != 3 {
					t.Errorf("Position(3) line = %d, want 3", line)
				}
			} else if line, _ := q.Functions[1].Position(10); line != 0 {
				t.Errorf("stripped Position = %d", line)
			}
			sizes := q.FuncSizes()
			total := 0
			for _, s := range sizes {
				if s.Bytes <= 0 {
					t.Errorf("function %s size %d", s.Name, s.Bytes)
				}
				total += s.Bytes
			}
			if total >= len(img) {
				t.Errorf("function sizes %d exceed image %d", total, len(img))
			}
		})
	}
	full, _ := Encode(sample(false))
	stripped, _ := Encode(sample(true))
	if len(stripped) >= len(full) {
		t.Errorf("stripped image (%d) not smaller than full (%d)", len(stripped), len(full))
	}
}

func TestDeterministic(t *testing.T) {
	a, _ := Encode(sample(false))
	b, _ := Encode(sample(false))
	if !bytes.Equal(a, b) {
		t.Fatal("two encodings of the same program differ")
	}
}

func TestGarbage(t *testing.T) {
	good, err := Encode(sample(false))
	if err != nil {
		t.Fatal(err)
	}
	recrc := func(b []byte) []byte {
		binary.LittleEndian.PutUint32(b[6:10], crc32.ChecksumIEEE(b[HeaderSize:]))
		return b
	}
	mutate := func(f func([]byte) []byte) []byte {
		return f(append([]byte(nil), good...))
	}
	tests := []struct {
		name string
		data []byte
		want error
		msg  string
	}{
		{"empty", nil, ErrNotImage, ""},
		{"text", []byte("print('hello')\n"), ErrNotImage, ""},
		{"magic only", good[:4], ErrTruncated, "header"},
		{"header only", good[:HeaderSize], ErrChecksum, ""},
		{"truncated body", good[:len(good)-3], ErrChecksum, ""},
		{"bad version", mutate(func(b []byte) []byte { b[4] = 99; return b }), ErrVersion, "99"},
		{"bad flags", mutate(func(b []byte) []byte { b[5] = 0x80; return b }), ErrMalformed, "flags"},
		{"flipped byte", mutate(func(b []byte) []byte { b[len(b)/2] ^= 0x40; return b }), ErrChecksum, ""},
		{"bad crc", mutate(func(b []byte) []byte { b[7]++; return b }), ErrChecksum, ""},
		{"truncated with good crc", mutate(func(b []byte) []byte { return recrc(b[:len(b)-5]) }), ErrTruncated, ""},
		{"trailing bytes", mutate(func(b []byte) []byte { return recrc(append(b, 0)) }), ErrMalformed, "trailing"},
		{"bad opcode", mutate(func(b []byte) []byte {
			// The last function's code ends "load_local 1; return"; replace return.
			i := bytes.LastIndex(b, []byte{byte(LOAD_LOCAL), 1, byte(RETURN)})
			b[i+2] = 0x70
			return recrc(b)
		}), ErrVerify, "unknown opcode"},
		{"local out of range", mutate(func(b []byte) []byte {
			i := bytes.LastIndex(b, []byte{byte(LOAD_LOCAL), 1, byte(RETURN)})
			b[i+1] = 9
			return recrc(b)
		}), ErrVerify, "local index"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Decode(tt.data)
			if err == nil {
				t.Fatalf("decoded garbage: %+v", p)
			}
			if !errors.Is(err, tt.want) {
				t.Fatalf("error %q does not wrap %q", err, tt.want)
			}
			if !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("error %q does not mention %q", err, tt.msg)
			}
		})
	}
	// Every truncation of a valid image is rejected without panicking.
	for n := 0; n < len(good); n++ {
		if _, err := Decode(good[:n]); err == nil {
			t.Fatalf("truncation to %d bytes accepted", n)
		}
	}
}

func TestVerifierRejects(t *testing.T) {
	tests := []struct {
		name string
		code string
		exc  []ExcEntry
		max  int
		msg  string
	}{
		{"underflow", "pop; load_none; return", nil, 2, "needs 1 stack items"},
		{"max stack", "load_none; load_none; load_none; return", nil, 2, "exceeds max stack"},
		{"falls off end", "load_none; pop", nil, 2, "runs off the end"},
		{"jump mid-instruction", "jump 1; int 300; return", nil, 2, "not an instruction boundary"},
		{"jump outside", "jump 900; load_none; return", nil, 2, "not an instruction boundary"},
		{"inconsistent depth", "load_true; pop_jump_if_false l; load_none; l: load_none; return", nil, 3, "inconsistent stack depth"},
		{"constant index", "constant 7; return", nil, 2, "constant index"},
		{"global index", "load_global 3; return", nil, 2, "global index"},
		{"cell index", "load_cell 0; return", nil, 2, "cell index"},
		{"string index", "attr 99; return", nil, 2, "string index"},
		{"function index", "make_function 0; return", nil, 2, "function index"},
		{"yield outside generator", "load_none; yield; return", nil, 2, "yield outside"},
		{"store_name outside class", "load_none; store_name 0; load_none; return", nil, 2, "class body"},
		{"bad slice", "load_none; build_slice 1; return", nil, 2, "invalid operand"},
		{"bad inplace", "load_none; load_none; inplace 1; return", nil, 2, "not a binary operator"},
		{"bad raise", "load_none; raise 3; load_none; return", nil, 2, "invalid operand"},
		{"truncated operand", "load_none; return; int", nil, 2, "needs an operand"},
		{"exc handler mid", "int 300; return", []ExcEntry{{0, 3, 1, 0}}, 3, "handler 1 is not an instruction boundary"},
		{"exc range", "load_none; return", []ExcEntry{{1, 1, 0, 0}}, 3, "not a range of instructions"},
		{"exc depth", "load_none; return", []ExcEntry{{0, 1, 0, 5}}, 3, "exceeds max stack"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, err := Assemble(tt.code)
			if err != nil {
				if strings.Contains(err.Error(), tt.msg) && tt.msg != "" {
					return // rejected by the assembler already
				}
				// Build the bytes by hand for deliberately broken code.
				t.Fatalf("assemble: %v", err)
			}
			p := &Program{
				Strings:   []string{"a"},
				Functions: []*Funcode{{Name: "<module>", Code: code, MaxStack: tt.max, ExcTable: tt.exc}},
			}
			err = p.Verify()
			if err == nil {
				t.Fatal("verifier accepted malformed code")
			}
			if !errors.Is(err, ErrVerify) || !strings.Contains(err.Error(), tt.msg) {
				t.Fatalf("error %q, want ErrVerify mentioning %q", err, tt.msg)
			}
		})
	}
}

func TestTruncatedOperand(t *testing.T) {
	p := &Program{Functions: []*Funcode{{Name: "<module>", Code: []byte{byte(LOAD_NONE), byte(RETURN), byte(INT)}, MaxStack: 1}}}
	if err := p.Verify(); err == nil || !strings.Contains(err.Error(), "truncated") {
		t.Fatalf("got %v", err)
	}
	p.Functions[0].Code = []byte{byte(JUMP), 0}
	if err := p.Verify(); err == nil || !strings.Contains(err.Error(), "truncated jump") {
		t.Fatalf("got %v", err)
	}
}

func TestDisassemble(t *testing.T) {
	var buf bytes.Buffer
	if err := Disassemble(&buf, sample(false)); err != nil {
		t.Fatal(err)
	}
	out := buf.String()
	for _, want := range []string{"image t.py:", "header", "strings", "func f", "load_builtin 2<ValueError>",
		"constant 1<\"hi\">", "except [7, 14) -> 17 depth 0", "(1.5, \"hi\")", "make_function 1<f>/0"} {
		if !strings.Contains(out, want) {
			t.Errorf("listing lacks %q:\n%s", want, out)
		}
	}
	if got := Listing(sample(false), sample(false).Functions[0]); !strings.HasPrefix(got, "make_function<f>/0 store_global<f>") {
		t.Errorf("Listing = %q", got)
	}
}

func FuzzDecode(f *testing.F) {
	for _, s := range []bool{false, true} {
		img, _ := Encode(sample(s))
		f.Add(img)
	}
	f.Add([]byte(Magic))
	f.Fuzz(func(t *testing.T, data []byte) {
		p, err := Decode(data)
		if err != nil && len(data) >= HeaderSize {
			// Also reach the parser and verifier behind the checksum.
			fixed := append([]byte(nil), data...)
			binary.LittleEndian.PutUint32(fixed[6:10], crc32.ChecksumIEEE(fixed[HeaderSize:]))
			p, err = Decode(fixed)
		}
		if err != nil {
			return
		}
		img, err := Encode(p)
		if err != nil {
			t.Fatalf("decoded program does not encode: %v", err)
		}
		q, err := Decode(img)
		if err != nil {
			t.Fatalf("re-encoded image does not decode: %v", err)
		}
		img2, _ := Encode(q)
		if !bytes.Equal(img, img2) {
			t.Fatal("decode∘encode not stable")
		}
		var buf bytes.Buffer
		_ = Disassemble(&buf, p)
	})
}

// TestShortForms checks that every instruction encodes to its shortest form and
// that ReadInstr gives back the canonical opcode and operand for every form.
func TestShortForms(t *testing.T) {
	for op := Opcode(0); op < opcodeEnd; op++ {
		if op.IsJump() {
			for _, target := range []int{0, 7, 255, 256, 65535} {
				for _, short := range []bool{true, false} {
					code := AppendJump(nil, op, target, short)
					want := 3
					if short && target < 256 {
						want = 2
					}
					if len(code) != want {
						t.Errorf("%s to %d (short=%v): %d bytes, want %d", op, target, short, len(code), want)
					}
					gop, arg, next, err := ReadInstr(code, 0)
					if err != nil || gop != op || int(arg) != target || next != len(code) {
						t.Errorf("%s to %d: read back %s %d next %d err %v", op, target, gop, arg, next, err)
					}
				}
			}
			continue
		}
		args := []uint32{0}
		if op.HasArg() {
			args = []uint32{0, 1, 2, 7, 8, 15, 16, 17, 25, 26, 127, 128, 300, 1 << 20}
		}
		for _, arg := range args {
			code := AppendInstr(nil, op, arg)
			if len(code) != InstrLen(op, arg) {
				t.Errorf("%s %d: InstrLen %d, encoded %d", op, arg, InstrLen(op, arg), len(code))
			}
			gop, garg, next, err := ReadInstr(code, 0)
			if err != nil || gop != op || garg != arg || next != len(code) {
				t.Errorf("%s %d: read back %s %d next %d err %v (bytes %x)", op, arg, gop, garg, next, err, code)
			}
		}
	}
	// Spot checks of the one-byte forms.
	for _, c := range []struct {
		op   Opcode
		arg  uint32
		want int
	}{
		{LOAD_LOCAL, 15, 1}, {LOAD_LOCAL, 16, 2}, {CALL, 7, 1}, {CALL, 1 << 8, 3},
		{INT, uint32(Zigzag(-1)), 1}, {INT, uint32(Zigzag(14)), 1}, {INT, uint32(Zigzag(15)), 2},
		{LOAD_BUILTIN, 15, 1}, {ATTR, 16, 1}, {ATTR, 25, 1}, {ATTR, 15, 2}, {STORE_GLOBAL, 8, 2},
	} {
		if n := InstrLen(c.op, c.arg); n != c.want {
			t.Errorf("%s %d: %d bytes, want %d", c.op, c.arg, n, c.want)
		}
	}
	for _, op := range []Opcode{BUILD_LIST, BUILD_DICT} {
		code := AppendInstr(nil, op, 0)
		if len(code) != 1 || code[0] < firstEmptyForm || code[0] >= 0x80 {
			t.Errorf("%s 0 encodes as % x, want one byte in 0x%x..0x7f", op, code, firstEmptyForm)
		}
		if got, arg, next, err := ReadInstr(code, 0); err != nil || got != op || arg != 0 || next != 1 {
			t.Errorf("%s 0 decodes as %s %d (next %d, %v)", op, got, arg, next, err)
		}
	}
	// Reserved bytes are rejected.
	for b := int(opcodeEnd); b < int(firstEmptyForm); b++ {
		if _, _, _, err := ReadInstr([]byte{byte(b)}, 0); err == nil {
			t.Errorf("reserved byte %#x accepted", b)
		}
	}
}

func TestWellKnownImage(t *testing.T) {
	p := sample(true)
	p.Strings = append(append([]string{}, WellKnown[:]...), p.Strings...)
	// Re-point the operands that name strings: the sample uses load_builtin 2.
	p.Functions[1].Code = bytes.ReplaceAll(p.Functions[1].Code, []byte{byte(LOAD_BUILTIN), 2}, []byte{byte(LOAD_BUILTIN), byte(len(WellKnown) + 2)})
	img, err := Encode(p)
	if err != nil {
		t.Fatal(err)
	}
	if img[5]&FlagWellKnown == 0 {
		t.Fatal("well-known flag not set")
	}
	plain, _ := Encode(sample(true))
	if len(img) > len(plain)+2 {
		t.Errorf("image with the well-known prefix is %d bytes, plain %d: the table must not be stored", len(img), len(plain))
	}
	q, err := Decode(img)
	if err != nil {
		t.Fatal(err)
	}
	if !HasWellKnownPrefix(q.Strings) || q.Strings[len(WellKnown)+2] != "ValueError" {
		t.Errorf("decoded pool %q", q.Strings)
	}
}

// TestWellKnownPinned fails when the well-known table changes without a format
// version bump: images number their own strings after the table.
func TestWellKnownPinned(t *testing.T) {
	pinned := map[int]uint32{1: 0xd723d966, 2: 0xd723d966} // Version → CRC-32 of the table joined by "\n"
	sum := crc32.ChecksumIEEE([]byte(strings.Join(WellKnown[:], "\n")))
	want, ok := pinned[Version]
	if !ok || want == 0 {
		t.Fatalf("pin the well-known table for version %d: CRC %#x", Version, sum)
	}
	if sum != want {
		t.Fatalf("well-known table changed (CRC %#x, pinned %#x): bump Version and pin the new table", sum, want)
	}
}
