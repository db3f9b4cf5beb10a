// Package bytecode is the contract shared by nl's compiler, the Go VM and the C
// firmware VM: the opcode table, the in-memory form of a compiled module (Program,
// Funcode), the image encoding (Encode, Decode), the verifier and the disassembler.
//
// docs/bytecode.md describes the format precisely; this package is its reference
// implementation.
package bytecode

// Magic is the first four bytes of every image (.nlb file).
const Magic = "NLB\x1a"

// Version is the image format version. It is bumped on every incompatible change.
const Version = 2

// Image header flag bits.
const (
	FlagStripped  = 1 << 0 // no filename, line tables or non-parameter local names
	FlagWellKnown = 1 << 1 // the string pool is WellKnown followed by the image's own strings
)

// Program is one compiled module.
type Program struct {
	Filename string // source file name; "" when stripped
	Stripped bool   // line tables and local names were dropped

	// Strings is the shared string pool: names (attributes, imports, LOAD_NAME,
	// LOAD_BUILTIN, keyword names) and string constants. Operands of ATTR, SET_ATTR,
	// DEL_ATTR, IMPORT_NAME, IMPORT_FROM, LOAD_NAME, STORE_NAME, DEL_NAME and
	// LOAD_BUILTIN index it.
	Strings []string

	// Constants is the constant pool, indexed by the CONSTANT operand.
	Constants []Constant

	// Globals names the module's global slots, indexed by LOAD_GLOBAL, STORE_GLOBAL
	// and DEL_GLOBAL. A slot starts unset; loading an unset slot falls back to the
	// builtin of the same name.
	Globals []string

	// Functions holds every function of the module; Functions[0] is the module's
	// top-level code. MAKE_FUNCTION and MAKE_CLASS refer to them by index.
	Functions []*Funcode
}

// Toplevel returns the module's top-level code.
func (p *Program) Toplevel() *Funcode {
	if len(p.Functions) == 0 {
		return nil
	}
	return p.Functions[0]
}

// ConstKind is the kind of a constant pool entry. The numbers are part of the format.
type ConstKind uint8

// Constant kinds.
const (
	ConstInt   ConstKind = 0 // Int: a 64-bit signed integer (zigzag varint in the image)
	ConstFloat ConstKind = 1 // Float: IEEE 754 double (8 bytes little-endian in the image)
	ConstStr   ConstKind = 2 // Str: a str (an index into the string pool in the image)
	ConstBytes ConstKind = 3 // Str holds the bytes (length-prefixed in the image)
	ConstTuple ConstKind = 4 // Tuple: indices of earlier constants (tuple of constants)
)

// String names the constant kind.
func (k ConstKind) String() string {
	switch k {
	case ConstInt:
		return "int"
	case ConstFloat:
		return "float"
	case ConstStr:
		return "str"
	case ConstBytes:
		return "bytes"
	case ConstTuple:
		return "tuple"
	}
	return "invalid"
}

// Constant is one entry of the constant pool.
type Constant struct {
	Kind  ConstKind
	Int   int64   // ConstInt
	Float float64 // ConstFloat
	Str   string  // ConstStr (UTF-8 text) and ConstBytes (raw bytes)
	Tuple []int   // ConstTuple: indices into Program.Constants, each smaller than this entry's own index
}

// Function flags (Funcode.Flags). The numbers are part of the format.
const (
	FlagVarargs   = 1 << 0 // has *args: a tuple in local slot NumParams+NumKwonly
	FlagKwargs    = 1 << 1 // has **kwargs: a dict in the next local slot
	FlagGenerator = 1 << 2 // calling it returns a generator; its frame suspends at YIELD
	FlagClassBody = 1 << 3 // a class body: run by MAKE_CLASS with a namespace dict
)

// Funcode is the code of one function (or of the module top level, or a class body,
// lambda, comprehension or generator expression).
//
// Frame layout: a call gets NumLocals local slots and NumCells+NumFree cells. Local
// slots start with the parameters: NumParams positional parameters, then NumKwonly
// keyword-only parameters, then *args (FlagVarargs), then **kwargs (FlagKwargs), then
// the other locals. The first NumCells cells are created empty at each call (the
// compiler copies a captured parameter into its cell with LOAD_LOCAL/STORE_CELL); the
// following NumFree cells come from the closure tuple given to MAKE_FUNCTION.
type Funcode struct {
	Name      string // function name ("<module>", "<lambda>", "<listcomp>", ...)
	Line, Col int    // position of the definition (1-based; Col is 0 in stripped images)
	Flags     uint8  // FlagVarargs | FlagKwargs | FlagGenerator | FlagClassBody

	NumParams  int // positional parameters (including positional-only)
	NumPosonly int // of those, the positional-only ones (before "/")
	NumKwonly  int // keyword-only parameters
	NumLocals  int // all local slots, parameters included
	NumCells   int // cell variables (locals captured by inner functions)
	NumFree    int // free variables (cells captured from enclosing functions)
	MaxStack   int // maximum operand stack depth (not stored in images: Decode computes it)

	// LocalNames names local slots. It always holds the parameter names (calls with
	// keyword arguments need them); when not stripped it names every slot.
	LocalNames []string
	// CellNames names the cells (cell variables, then free variables); nil when stripped.
	CellNames []string

	Code     []byte     // instructions
	ExcTable []ExcEntry // exception handlers, innermost first
	// LineTable maps code offsets to source positions (see Position); nil when stripped.
	LineTable []byte
}

// NumParamSlots is the number of local slots that hold parameters.
func (f *Funcode) NumParamSlots() int {
	n := f.NumParams + f.NumKwonly
	if f.Flags&FlagVarargs != 0 {
		n++
	}
	if f.Flags&FlagKwargs != 0 {
		n++
	}
	return n
}

// ExcEntry is one exception table entry: an exception raised by an instruction that
// starts at an offset in [Start, End) transfers control to Handler, after the operand
// stack is cut to Depth items and the exception is pushed. The first entry (in table
// order) that covers the offset wins; with none, the exception leaves the frame.
type ExcEntry struct {
	Start, End int // code offsets, Start < End
	Handler    int // code offset of the handler
	Depth      int // operand stack depth at the handler, before the exception is pushed
}

// Position returns the source line and column of the instruction at code offset pc,
// or 0, 0 when the function has no line table.
func (f *Funcode) Position(pc int) (line, col int) {
	tab := f.LineTable
	if len(tab) == 0 {
		return 0, 0
	}
	curPC, line, col := 0, f.Line, 0
	for i := 0; i < len(tab); {
		dpc, n := uvarint(tab[i:])
		if n <= 0 {
			break
		}
		i += n
		dline, n := uvarint(tab[i:])
		if n <= 0 {
			break
		}
		i += n
		c, n := uvarint(tab[i:])
		if n <= 0 {
			break
		}
		i += n
		if curPC+int(dpc) > pc {
			break
		}
		curPC += int(dpc)
		line += int(unzigzag(dline))
		col = int(c)
	}
	return line, col
}

// LineTableBuilder accumulates a Funcode line table; the compiler calls Add for each
// instruction whose source position differs from the previous one.
type LineTableBuilder struct {
	buf            []byte
	pc, line, col0 int
	started        bool
}

// NewLineTableBuilder starts a line table for a function defined at line.
func NewLineTableBuilder(line int) *LineTableBuilder {
	return &LineTableBuilder{line: line}
}

// Add records that the instruction at pc (non-decreasing) has position line:col.
// Only line changes make entries: an entry's column is that of the first
// instruction of its line, which keeps the table near one entry per line.
func (b *LineTableBuilder) Add(pc, line, col int) {
	if b.started && line == b.line {
		return
	}
	b.buf = appendUvarint(b.buf, uint64(pc-b.pc))
	b.buf = appendUvarint(b.buf, zigzag(int64(line-b.line)))
	b.buf = appendUvarint(b.buf, uint64(col))
	b.pc, b.line, b.col0, b.started = pc, line, col, true
}

// Bytes returns the encoded table.
func (b *LineTableBuilder) Bytes() []byte { return b.buf }

// FuncSize is the encoded size of one function in an image.
type FuncSize struct {
	Name  string
	Line  int
	Bytes int
}
