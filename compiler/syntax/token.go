package syntax

// Token is a lexical token kind. Operator tokens double as the operator
// field of expression nodes (BinaryExpr.Op, UnaryExpr.Op, AugAssignStmt.Op,
// CompareExpr.Ops), so the code generator switches on these constants.
type Token uint8

// Token kinds. The order of the groups is relied on by IsKeyword.
const (
	ILLEGAL Token = iota
	EOF

	NEWLINE
	INDENT
	DEDENT

	// Tokens with a value.
	NAME    // x
	INT     // 123, 0x1F, 0o17, 0b1010, 1_000
	FLOAT   // 1.5, 1e9, .5, 5.
	IMAG    // 3j (parsed; refused by CheckSubset)
	STRING  // "x", r'x', u"x", """x""" (value decoded)
	BYTES   // b"x", rb'x'
	FSTRING // f"x{y}" (raw body kept; parsed into FStringExpr by the parser)

	// Operators and delimiters.
	PLUS          // +
	MINUS         // -
	STAR          // *
	SLASH         // /
	SLASHSLASH    // //
	PERCENT       // %
	STARSTAR      // **
	AT            // @ (decorator, or matrix multiply)
	AMP           // &
	PIPE          // |
	CIRCUMFLEX    // ^
	TILDE         // ~
	LTLT          // <<
	GTGT          // >>
	LT            // <
	GT            // >
	LE            // <=
	GE            // >=
	EQL           // ==
	NEQ           // !=
	LPAREN        // (
	RPAREN        // )
	LBRACK        // [
	RBRACK        // ]
	LBRACE        // {
	RBRACE        // }
	COMMA         // ,
	COLON         // :
	DOT           // .
	SEMI          // ;
	EQ            // =
	ARROW         // ->
	COLONEQ       // := (walrus)
	ELLIPSIS      // ...
	BANG          // ! (only inside f-string replacement fields)
	PLUS_EQ       // +=
	MINUS_EQ      // -=
	STAR_EQ       // *=
	SLASH_EQ      // /=
	SLASHSLASH_EQ // //=
	PERCENT_EQ    // %=
	STARSTAR_EQ   // **=
	AT_EQ         // @=
	AMP_EQ        // &=
	PIPE_EQ       // |=
	CIRCUMFLEX_EQ // ^=
	LTLT_EQ       // <<=
	GTGT_EQ       // >>=

	// Keywords (reserved words of Python 3.11). "match", "case" and "_" are
	// soft keywords and are scanned as NAME.
	FALSE
	NONE
	TRUE
	AND
	AS
	ASSERT
	ASYNC
	AWAIT
	BREAK
	CLASS
	CONTINUE
	DEF
	DEL
	ELIF
	ELSE
	EXCEPT
	FINALLY
	FOR
	FROM
	GLOBAL
	IF
	IMPORT
	IN
	IS
	LAMBDA
	NONLOCAL
	NOT
	OR
	PASS
	RAISE
	RETURN
	TRY
	WHILE
	WITH
	YIELD

	// Pseudo-operators used only in CompareExpr.Ops.
	NOT_IN // not in
	IS_NOT // is not

	maxToken
)

var tokenNames = [...]string{
	ILLEGAL:       "illegal token",
	EOF:           "end of file",
	NEWLINE:       "newline",
	INDENT:        "indent",
	DEDENT:        "dedent",
	NAME:          "name",
	INT:           "int literal",
	FLOAT:         "float literal",
	IMAG:          "imaginary literal",
	STRING:        "string literal",
	BYTES:         "bytes literal",
	FSTRING:       "f-string",
	PLUS:          "+",
	MINUS:         "-",
	STAR:          "*",
	SLASH:         "/",
	SLASHSLASH:    "//",
	PERCENT:       "%",
	STARSTAR:      "**",
	AT:            "@",
	AMP:           "&",
	PIPE:          "|",
	CIRCUMFLEX:    "^",
	TILDE:         "~",
	LTLT:          "<<",
	GTGT:          ">>",
	LT:            "<",
	GT:            ">",
	LE:            "<=",
	GE:            ">=",
	EQL:           "==",
	NEQ:           "!=",
	LPAREN:        "(",
	RPAREN:        ")",
	LBRACK:        "[",
	RBRACK:        "]",
	LBRACE:        "{",
	RBRACE:        "}",
	COMMA:         ",",
	COLON:         ":",
	DOT:           ".",
	SEMI:          ";",
	EQ:            "=",
	ARROW:         "->",
	COLONEQ:       ":=",
	ELLIPSIS:      "...",
	BANG:          "!",
	PLUS_EQ:       "+=",
	MINUS_EQ:      "-=",
	STAR_EQ:       "*=",
	SLASH_EQ:      "/=",
	SLASHSLASH_EQ: "//=",
	PERCENT_EQ:    "%=",
	STARSTAR_EQ:   "**=",
	AT_EQ:         "@=",
	AMP_EQ:        "&=",
	PIPE_EQ:       "|=",
	CIRCUMFLEX_EQ: "^=",
	LTLT_EQ:       "<<=",
	GTGT_EQ:       ">>=",
	FALSE:         "False",
	NONE:          "None",
	TRUE:          "True",
	AND:           "and",
	AS:            "as",
	ASSERT:        "assert",
	ASYNC:         "async",
	AWAIT:         "await",
	BREAK:         "break",
	CLASS:         "class",
	CONTINUE:      "continue",
	DEF:           "def",
	DEL:           "del",
	ELIF:          "elif",
	ELSE:          "else",
	EXCEPT:        "except",
	FINALLY:       "finally",
	FOR:           "for",
	FROM:          "from",
	GLOBAL:        "global",
	IF:            "if",
	IMPORT:        "import",
	IN:            "in",
	IS:            "is",
	LAMBDA:        "lambda",
	NONLOCAL:      "nonlocal",
	NOT:           "not",
	OR:            "or",
	PASS:          "pass",
	RAISE:         "raise",
	RETURN:        "return",
	TRY:           "try",
	WHILE:         "while",
	WITH:          "with",
	YIELD:         "yield",
	NOT_IN:        "not in",
	IS_NOT:        "is not",
}

// String returns the source spelling of operators and keywords, and a
// description ("name", "int literal") for the other kinds.
func (t Token) String() string {
	if int(t) < len(tokenNames) && tokenNames[t] != "" {
		return tokenNames[t]
	}
	return "token(?)"
}

// IsKeyword reports whether t is a reserved word.
func (t Token) IsKeyword() bool { return t >= FALSE && t <= YIELD }

// BinaryOp returns the binary operator an augmented assignment token
// applies (PLUS for PLUS_EQ, and so on), or ILLEGAL.
func (t Token) BinaryOp() Token {
	if t >= PLUS_EQ && t <= GTGT_EQ {
		return augOps[t-PLUS_EQ]
	}
	return ILLEGAL
}

var augOps = [...]Token{PLUS, MINUS, STAR, SLASH, SLASHSLASH, PERCENT, STARSTAR, AT, AMP, PIPE, CIRCUMFLEX, LTLT, GTGT}

var keywords = map[string]Token{}

func init() {
	for t := FALSE; t <= YIELD; t++ {
		keywords[tokenNames[t]] = t
	}
}
