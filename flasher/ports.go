package flasher

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"go.bug.st/serial/enumerator"
)

// PortInfo describes one serial port found on the system.
type PortInfo struct {
	Name         string `json:"name"`
	IsUSB        bool   `json:"usb"`
	VID          string `json:"vid,omitempty"` // upper-case hex, no 0x
	PID          string `json:"pid,omitempty"`
	SerialNumber string `json:"serial_number,omitempty"`
	Manufacturer string `json:"manufacturer,omitempty"`
	Product      string `json:"product,omitempty"`
	// Bridge names the USB-UART chip when its VID:PID is a known one.
	Bridge string `json:"bridge,omitempty"`
}

// bridges maps USB VID:PID pairs of the USB-UART bridges development boards
// carry to a name. Boards almost always use one of these, so a port with a
// known bridge is likely a board.
var bridges = map[string]string{
	"10C4:EA60": "Silicon Labs CP210x",
	"10C4:EA70": "Silicon Labs CP2105",
	"10C4:EA71": "Silicon Labs CP2108",
	"1A86:7523": "WCH CH340/CH341",
	"1A86:5523": "WCH CH341",
	"1A86:55D4": "WCH CH9102",
	"1A86:55D3": "WCH CH343",
	"0403:6001": "FTDI FT232R",
	"0403:6010": "FTDI FT2232",
	"0403:6011": "FTDI FT4232",
	"0403:6014": "FTDI FT232H",
	"0403:6015": "FTDI FT-X",
	"303A:1001": "Espressif USB-Serial/JTAG",
	"067B:2303": "Prolific PL2303",
}

// BridgeName returns the name of a known USB-UART bridge, or "".
func BridgeName(vid, pid string) string {
	return bridges[strings.ToUpper(vid)+":"+strings.ToUpper(pid)]
}

// ListPorts enumerates serial ports. Pseudo-terminals are never listed (the
// enumerator reads only tty drivers with hardware), so simulated devices are
// passed to nl by path.
func ListPorts() ([]PortInfo, error) {
	ds, err := enumerator.GetDetailedPortsList()
	if err != nil {
		return nil, fmt.Errorf("list serial ports: %w", err)
	}
	var out []PortInfo
	for _, d := range ds {
		out = append(out, PortInfo{Name: d.Name, IsUSB: d.IsUSB, VID: strings.ToUpper(d.VID), PID: strings.ToUpper(d.PID),
			SerialNumber: d.SerialNumber, Manufacturer: d.Manufacturer, Product: d.Product, Bridge: BridgeName(d.VID, d.PID)})
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// ErrNoBoard means --port auto found no likely board.
var ErrNoBoard = errors.New("no board found: no USB serial port is connected")

// PickPort chooses the one likely board for --port auto: a port with a known
// USB-UART bridge, else the only USB port. Several candidates are an error
// listing them, because flashing the wrong board is worse than asking.
func PickPort(ports []PortInfo) (PortInfo, error) {
	var known, usb []PortInfo
	for _, p := range ports {
		if p.Bridge != "" {
			known = append(known, p)
		}
		if p.IsUSB {
			usb = append(usb, p)
		}
	}
	cands := known
	if len(cands) == 0 {
		cands = usb
	}
	switch len(cands) {
	case 0:
		return PortInfo{}, ErrNoBoard
	case 1:
		return cands[0], nil
	}
	names := make([]string, len(cands))
	for i, c := range cands {
		names[i] = c.Name
	}
	return PortInfo{}, fmt.Errorf("several boards found (%s): pass --port with one of them", strings.Join(names, ", "))
}

// Describe is a one-line human description of a port.
func (p PortInfo) Describe() string {
	if !p.IsUSB {
		return p.Name
	}
	s := fmt.Sprintf("%s  %s:%s", p.Name, p.VID, p.PID)
	if p.Bridge != "" {
		s += "  " + p.Bridge
	}
	if p.Product != "" {
		s += "  " + p.Product
	}
	if p.SerialNumber != "" {
		s += "  serial " + p.SerialNumber
	}
	return s
}
