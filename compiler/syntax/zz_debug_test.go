package syntax

import (
	"fmt"
	"os"
	"testing"
)

func TestZZDebug(t *testing.T) {
	path := os.Getenv("NLDUMP")
	if path == "" {
		t.Skip()
	}
	src, _ := os.ReadFile(path)
	f, err := Parse(path, src)
	if err != nil {
		fmt.Println(FormatError(err, src))
		return
	}
	fmt.Print(Dump(f))
}
