package flasher

import "fmt"

// ChipMagicReg is the ROM register whose value tells ESP8266, ESP32 and
// ESP32-S2 apart.
const ChipMagicReg = 0x40001000

// SPIRegs are the SPI controller registers used to send a raw command (the
// flash JEDEC ID read) to the attached flash chip.
type SPIRegs struct {
	Base                uint32 // SPI_CMD_REG; bit 18 starts a user command
	USR, USR1, USR2, W0 uint32 // offsets from Base
	MOSIDLen, MISODLen  uint32 // offsets; 0 where lengths live in USR1 (ESP8266)
}

// Chip describes one chip family's ROM bootloader.
type Chip struct {
	Name  string
	Magic uint32 // value of ChipMagicReg
	// ROMStatusLen is the number of status bytes the ROM appends.
	ROMStatusLen int
	// EraseSizeBug: the ESP8266 ROM erases more than FLASH_BEGIN asks
	// (see EraseSize).
	EraseSizeBug bool
	// NeedsSPIAttach: the ROM must be told to attach the SPI flash.
	NeedsSPIAttach bool
	// HasMD5 and HasBaudChange are ROM commands the chip understands.
	HasMD5, HasBaudChange bool
	SPI                   SPIRegs
	// BootloaderAddr is where the second-stage bootloader or firmware image starts.
	BootloaderAddr uint32
}

// Chips is the table of chips nl can flash, keyed by name.
var Chips = map[string]*Chip{
	"esp8266": {
		Name: "ESP8266", Magic: 0xFFF0C101, ROMStatusLen: 2, EraseSizeBug: true,
		SPI: SPIRegs{Base: 0x60000200, USR: 0x1C, USR1: 0x20, USR2: 0x24, W0: 0x40},
	},
	"esp32": {
		Name: "ESP32", Magic: 0x00F01D83, ROMStatusLen: 4, NeedsSPIAttach: true,
		HasMD5: true, HasBaudChange: true,
		SPI:            SPIRegs{Base: 0x3FF42000, USR: 0x1C, USR1: 0x20, USR2: 0x24, W0: 0x80, MOSIDLen: 0x28, MISODLen: 0x2C},
		BootloaderAddr: 0x1000,
	},
}

// ChipByMagic finds a chip from its magic register value.
func ChipByMagic(v uint32) (string, *Chip, error) {
	for k, c := range Chips {
		if c.Magic == v {
			return k, c, nil
		}
	}
	if v == 0x000007C6 {
		return "", nil, fmt.Errorf("the chip is an ESP32-S2, which nl does not flash yet")
	}
	return "", nil, fmt.Errorf("unknown chip (magic register 0x%08X)", v)
}

// EraseSize is the erase size to send in FLASH_BEGIN so that the chip erases
// exactly the sectors covering [offset, offset+size). The ESP8266 ROM, given m
// sectors, erases m plus min(m, sectors to the next 64 KiB boundary); this is
// the inverse of that.
func (c *Chip) EraseSize(offset, size uint32) uint32 {
	if !c.EraseSizeBug {
		return size
	}
	n := (size + SectorSize - 1) / SectorSize
	head := 16 - (offset/SectorSize)%16
	if n < head {
		head = n
	}
	if n < 2*head {
		return (n + 1) / 2 * SectorSize
	}
	return (n - head) * SectorSize
}

// FlashSizeFromID decodes the capacity byte of a JEDEC flash ID as read into
// SPI W0 (manufacturer in the low byte, capacity in bits 16–23).
func FlashSizeFromID(id uint32) (int64, bool) {
	c := (id >> 16) & 0xFF
	if c < 0x12 || c > 0x1A {
		return 0, false
	}
	return 1 << c, true
}
