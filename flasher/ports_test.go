package flasher

import (
	"context"
	"errors"
	"strings"
	"testing"
)

func TestPickPort(t *testing.T) {
	cp := PortInfo{Name: "/dev/ttyUSB0", IsUSB: true, VID: "10C4", PID: "EA60", Bridge: BridgeName("10c4", "ea60")}
	ch := PortInfo{Name: "/dev/ttyUSB1", IsUSB: true, VID: "1A86", PID: "7523", Bridge: BridgeName("1A86", "7523")}
	other := PortInfo{Name: "/dev/ttyACM0", IsUSB: true, VID: "2341", PID: "0043"}
	builtin := PortInfo{Name: "/dev/ttyS0"}
	tests := []struct {
		name  string
		in    []PortInfo
		want  string
		error string
	}{
		{"known bridge wins", []PortInfo{builtin, other, cp}, "/dev/ttyUSB0", ""},
		{"only usb port", []PortInfo{builtin, other}, "/dev/ttyACM0", ""},
		{"none", []PortInfo{builtin}, "", "no board found"},
		{"ambiguous", []PortInfo{cp, ch}, "", "several boards found (/dev/ttyUSB0, /dev/ttyUSB1)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := PickPort(tt.in)
			if tt.error != "" {
				if err == nil || !strings.Contains(err.Error(), tt.error) {
					t.Fatalf("PickPort = %v, %v; want error %q", got, err, tt.error)
				}
				return
			}
			if err != nil || got.Name != tt.want {
				t.Fatalf("PickPort = %v, %v; want %s", got.Name, err, tt.want)
			}
		})
	}
	if _, err := PickPort(nil); !errors.Is(err, ErrNoBoard) {
		t.Fatalf("PickPort(nil) = %v", err)
	}
}

func TestBridgeNames(t *testing.T) {
	for _, id := range [][2]string{{"10C4", "EA60"}, {"1a86", "7523"}, {"0403", "6001"}} {
		if BridgeName(id[0], id[1]) == "" {
			t.Errorf("%s:%s not named", id[0], id[1])
		}
	}
	p := PortInfo{Name: "/dev/ttyUSB0", IsUSB: true, VID: "10C4", PID: "EA60", Bridge: "Silicon Labs CP210x", Product: "CP2102 USB to UART", SerialNumber: "0001"}
	if d := p.Describe(); !strings.Contains(d, "10C4:EA60  Silicon Labs CP210x  CP2102 USB to UART  serial 0001") {
		t.Errorf("Describe = %q", d)
	}
}

func TestListPortsRuns(t *testing.T) {
	ports, err := ListPorts()
	if err != nil {
		t.Fatal(err)
	}
	for _, p := range ports {
		if strings.HasPrefix(p.Name, "/dev/pts/") {
			t.Errorf("pseudo-terminal %s listed", p.Name)
		}
	}
}

func TestExplain(t *testing.T) {
	tests := []struct {
		err  error
		want string
	}{
		{&PortError{Path: "/dev/ttyUSB0", Kind: "busy", Err: errors.New("x")}, "port /dev/ttyUSB0 is busy: close the other program"},
		{&PortError{Path: "/dev/ttyUSB0", Kind: "permission", Err: errors.New("x")}, "permission denied opening /dev/ttyUSB0: add yourself to the port's group"},
		{&PortError{Path: "/dev/ttyUSB0", Kind: "not-found", Err: errors.New("x")}, "no serial port /dev/ttyUSB0"},
		{context.Canceled, "flashing interrupted"},
		{ErrNoSync, "hold BOOT (GPIO0), press RESET"},
		{ErrNoBoard, "some cables carry only power"},
		{&CommandError{Op: OpFlashData, Status: 1, Code: 7}, "FLASH_DATA failed: invalid CRC in message (status 1, error 0x07) (port /dev/ttyUSB0)"},
		{&TimeoutError{Op: OpFlashBegin, Timeout: 3e9}, "no answer to FLASH_BEGIN within 3s"},
	}
	for _, tt := range tests {
		if got := Explain(tt.err, "/dev/ttyUSB0"); !strings.Contains(got, tt.want) {
			t.Errorf("Explain(%v) = %q, want it to contain %q", tt.err, got, tt.want)
		}
	}
}

// A path that exists but is no terminal gets its own sentence, not the
// driver's ioctl error.
func TestOpenPortNotSerial(t *testing.T) {
	_, err := OpenPort("/dev/null", 115200)
	var pe *PortError
	if !errors.As(err, &pe) || pe.Kind != "not-serial" {
		t.Fatalf("OpenPort(/dev/null) = %v, want a not-serial PortError", err)
	}
	if got := Explain(err, "/dev/null"); !strings.Contains(got, "/dev/null is not a serial port") {
		t.Errorf("Explain = %q", got)
	}
}
