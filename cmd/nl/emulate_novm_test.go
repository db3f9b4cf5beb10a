//go:build !nlvm

package main

import (
	"strings"
	"testing"
)

func TestEmulateSerialWithoutVM(t *testing.T) {
	f, _, errOut := testFactory()
	f.WorkDir = t.TempDir()
	if code := Main([]string{"emulate", "--serial", "--device", "esp8266"}, f); code != 1 || !strings.Contains(errOut.String(), "built without the VM") {
		t.Fatalf("exit %d, stderr %q", code, errOut)
	}
}
