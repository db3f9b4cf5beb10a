package config

import (
	"errors"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func TestExampleFileLoads(t *testing.T) {
	p, err := Load("../nanolambda.toml.example")
	if err != nil {
		t.Fatalf("the example project file does not load:\n%v", err)
	}
	if p.Name != "vibration-monitor" || len(p.Functions) != 1 || len(p.Fleet) != 1 {
		t.Fatalf("unexpected project: %+v", p)
	}
	f := p.Functions[0]
	if f.Module() != "handler" || f.Func() != "handler" || f.SizeBudget != 8192 {
		t.Errorf("function = %+v", f)
	}
	if f.Line != 13 {
		t.Errorf("function line = %d, want 13", f.Line)
	}
	big, err := p.Profile("esp8266-big-heap")
	if err != nil {
		t.Fatal(err)
	}
	if big.HeapBytes != 73728 || big.Radio.RTTMillis != 20 || big.Name != "esp8266-big-heap" {
		t.Errorf("esp8266-big-heap = %+v", big)
	}
	if p.Devices["esp8266-big-heap"].Policy != "local" {
		t.Errorf("device policy not decoded")
	}
}

// Every key of the schema appears in the example, so the example stays the
// complete reference the issue asks for.
func TestExampleHasEveryKey(t *testing.T) {
	data, err := os.ReadFile("../nanolambda.toml.example")
	if err != nil {
		t.Fatal(err)
	}
	src := string(data)
	for table, keys := range knownKeys {
		for _, k := range keys {
			re := regexp.MustCompile(`(?m)^\s*(\[+[^\]]*)?` + regexp.QuoteMeta(k) + `\b`)
			if !re.MatchString(src) {
				t.Errorf("key %q of [%s] is missing from nanolambda.toml.example", k, table)
			}
		}
	}
}

func TestDefaults(t *testing.T) {
	p, err := Parse("/p/demo/nanolambda.toml", []byte("[[function]]\nname = \"f\"\nhandler = \"app.main\"\n"))
	if err != nil {
		t.Fatal(err)
	}
	f := p.Functions[0]
	if p.Name != "demo" || f.Source != "app.py" || f.Memory != DefaultMemoryMB || f.Timeout != DefaultTimeoutSec ||
		len(f.Targets) != 1 || f.Targets[0] != "esp8266" {
		t.Errorf("defaults not applied: %+v %+v", p, f)
	}
	if p.Dev.Addr != DefaultDevAddr || p.Serial.Baud != 115200 {
		t.Errorf("table defaults not applied: %+v %+v", p.Dev, p.Serial)
	}
	if got := p.ImagePath(&p.Functions[0]); got != filepath.FromSlash("/p/demo/build/f.nlb") {
		t.Errorf("ImagePath = %s", got)
	}
}

func TestLoadErrors(t *testing.T) {
	tests := []struct {
		name string
		src  string
		want string // regexp on the whole error text
	}{
		{"unknown top key", "nmae = \"x\"\n", `^nanolambda.toml:1:1: nmae: unknown key \(did you mean "name"\?\)$`},
		{"unknown function key", "[[function]]\nname = \"a\"\nhandler = \"h.h\"\n\n[[function]]\nname = \"b\"\nhandler = \"h.h\"\nsize_budjet = 10\n",
			`^nanolambda.toml:8:1: function.size_budjet: unknown key \(did you mean "size_budget"\?\)$`},
		{"unknown table", "[devv]\naddr = \"x\"\n", `nanolambda.toml:1:1: devv: unknown key`},
		{"unknown radio key", "[device.esp8266.radio]\nrtt = 3.0\n", `nanolambda.toml:2:1: device.esp8266.radio.rtt: unknown key \(did you mean "rtt_ms"\?\)`},
		{"unknown key in inline table", "[device.esp8266]\nheap_bytes = 1024\nradio = { rtt = 1.0 }\n", `^nanolambda.toml:3:1: device.esp8266.radio.rtt: unknown key`},
		{"wrong type", "[[function]]\nname = \"a\"\nhandler = \"h.h\"\nsize_budget = \"big\"\n", `^nanolambda.toml:4:1: function.size_budget: wrong type: this key takes an integer, not a string$`},
		{"wrong type float", "[scheduler]\newma_alpha = \"x\"\n", `^nanolambda.toml:2:1: scheduler.ewma_alpha: wrong type: this key takes a number`},
		{"syntax error", "name = \"x\n", `^nanolambda.toml:1:\d+: .*`},
		{"duplicate key", "name = \"a\"\nname = \"b\"\n", `^nanolambda.toml:2:\d+: `},
		{"missing handler", "[[function]]\nname = \"a\"\n", `nanolambda.toml:1:1: function.handler: missing`},
		{"bad handler", "[[function]]\nname = \"a\"\nhandler = \"nodot\"\n", `nanolambda.toml:3:1: function.handler: "nodot" is not module.function`},
		{"duplicate function", "[[function]]\nname = \"a\"\nhandler = \"h.h\"\n[[function]]\nname = \"a\"\nhandler = \"h.h\"\n", `nanolambda.toml:5:1: function.name: function "a" is defined twice`},
		{"unknown target", "[[function]]\nname = \"a\"\nhandler = \"h.h\"\ntargets = [\"esp32\"]\n", `nanolambda.toml:4:1: function.targets: unknown device "esp32"`},
		{"bad policy", "[scheduler]\npolicy = \"fastest\"\n", `nanolambda.toml:2:1: scheduler.policy: unknown policy "fastest"`},
		{"bad alpha", "[scheduler]\newma_alpha = 1.5\n", `scheduler.ewma_alpha: must be in \(0, 1\]`},
		{"negative deadline", "[scheduler]\ndeadline_ms = -5\n", `nanolambda.toml:2:1: scheduler.deadline_ms: must be positive \(or 0 for no deadline\), got -5`},
		{"new device without base", "[device.mybox]\nheap_bytes = 1000\n", `nanolambda.toml:1:1: device.mybox: device "mybox" is not built in, so it needs base`},
		{"device bad base", "[device.mybox]\nbase = \"esp32\"\n", `nanolambda.toml:2:1: device.mybox.base: unknown built-in profile "esp32"`},
		{"device bad value", "[device.esp8266]\nbytecode_flash_bytes = 99999999\n", `device.esp8266: bytecode_flash_bytes must be between 1 and flash_bytes`},
		{"fleet refs", "[[fleet]]\nname = \"m\"\nprofile = \"nope\"\nfunction = \"nope\"\nrate_hz = 5.0\n", `(?s)nanolambda.toml:3:1: fleet.profile: unknown device "nope".*nanolambda.toml:4:1: fleet.function: no \[\[function\]\] named "nope"`},
		{"several errors sorted", "bogus = 1\n[scheduler]\npolicy = \"x\"\n", `(?s)^nanolambda.toml:1:1: bogus: unknown key.*\nnanolambda.toml:3:1: scheduler.policy`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse("nanolambda.toml", []byte(tt.src))
			if err == nil {
				t.Fatalf("Parse succeeded, want error matching %s", tt.want)
			}
			if !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Errorf("Parse error =\n%s\nwant match %s", err, tt.want)
			}
			var list ErrorList
			if !errors.As(err, &list) || len(list) == 0 {
				t.Errorf("error is not an ErrorList: %T", err)
			}
		})
	}
}

// The scheduler defaults are what package scheduler is tuned for, and a
// deadline is off unless set: deadline_ms = 0 must not turn it on.
func TestSchedulerDefaults(t *testing.T) {
	tests := []struct {
		name, src string
		want      Scheduler
	}{
		{"none", "", Scheduler{Policy: "cost", DeadlineMS: 0, EWMAAlpha: 0.3, ExploreEvery: 10}},
		{"deadline zero is off", "[scheduler]\ndeadline_ms = 0\n", Scheduler{Policy: "cost", DeadlineMS: 0, EWMAAlpha: 0.3, ExploreEvery: 10}},
		{"deadline set", "[scheduler]\ndeadline_ms = 250\n", Scheduler{Policy: "cost", DeadlineMS: 250, EWMAAlpha: 0.3, ExploreEvery: 10}},
		{"all set", "[scheduler]\npolicy = \"history\"\newma_alpha = 0.5\nexplore_every = 20\n",
			Scheduler{Policy: "history", EWMAAlpha: 0.5, ExploreEvery: 20}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := Parse("nanolambda.toml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			if p.Scheduler != tt.want {
				t.Errorf("scheduler = %+v, want %+v", p.Scheduler, tt.want)
			}
		})
	}
}

func TestFleetBattery(t *testing.T) {
	const base = "[[function]]\nname = \"f\"\nhandler = \"h.h\"\n[[fleet]]\nname = \"m\"\nprofile = \"esp8266\"\nfunction = \"f\"\n"
	p, err := Parse("nanolambda.toml", []byte(base+"battery_mj = 5000.0\n"))
	if err != nil {
		t.Fatal(err)
	}
	if p.Fleet[0].BatteryMJ != 5000 {
		t.Errorf("battery_mj = %g, want 5000", p.Fleet[0].BatteryMJ)
	}
	p, err = Parse("nanolambda.toml", []byte(base))
	if err != nil || p.Fleet[0].BatteryMJ != 0 {
		t.Errorf("no battery_mj: %v, %+v", err, p.Fleet)
	}
	_, err = Parse("nanolambda.toml", []byte(base+"battery_mj = -1.0\n"))
	if err == nil || !strings.Contains(err.Error(), "nanolambda.toml:8:1: fleet.battery_mj: must be a capacity in millijoules") {
		t.Errorf("negative battery_mj: %v", err)
	}
	p, err = Parse("nanolambda.toml", []byte(base+"policy = \"local\"\n"))
	if err != nil || p.Fleet[0].Policy != "local" {
		t.Errorf("fleet policy: %v, %+v", err, p.Fleet)
	}
	_, err = Parse("nanolambda.toml", []byte(base+"policy = \"fastest\"\n"))
	if err == nil || !strings.Contains(err.Error(), "nanolambda.toml:8:1: fleet.policy: unknown policy \"fastest\"") {
		t.Errorf("unknown fleet policy: %v", err)
	}
}

func TestProfileOverride(t *testing.T) {
	src := `
[device.esp8266]
heap_bytes = 40000
policy = "local"
[device.esp8266.radio]
rtt_ms = 5.0
[device.tiny]
base = "lm3s6965"
heap_bytes = 16384
`
	p, err := Parse("nanolambda.toml", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	esp, err := p.Profile("esp8266")
	if err != nil {
		t.Fatal(err)
	}
	builtin := BuiltinProfiles()["esp8266"]
	if esp.HeapBytes != 40000 || esp.Radio.RTTMillis != 5 || esp.ClockHz != builtin.ClockHz || esp.Radio.BytesPerSec != builtin.Radio.BytesPerSec {
		t.Errorf("override = %+v", esp)
	}
	tiny, err := p.Profile("tiny")
	if err != nil {
		t.Fatal(err)
	}
	if tiny.HeapBytes != 16384 || tiny.ClockHz != 50_000_000 || tiny.Name != "tiny" {
		t.Errorf("tiny = %+v", tiny)
	}
	if _, err := p.Profile("esp32"); err == nil || !strings.Contains(err.Error(), "tiny") {
		t.Errorf("unknown profile error should list project devices: %v", err)
	}
	// The built-in table itself is untouched by overrides.
	if BuiltinProfiles()["esp8266"].HeapBytes != 64*1024 {
		t.Error("override leaked into the built-in table")
	}
}

func TestBuiltinProfiles(t *testing.T) {
	want := []string{"esp8266", "cc3220sf", "lm3s6965", "edge", "cloud"}
	got := BuiltinProfiles()
	for _, name := range want {
		p, ok := got[name]
		if !ok {
			t.Errorf("missing built-in profile %s", name)
			continue
		}
		if err := p.Validate(); err != nil {
			t.Errorf("%s: %v", name, err)
		}
		if p.Radio.BytesPerSec <= 0 || p.Radio.RTTMillis <= 0 || p.ActivePowerMW <= 0 {
			t.Errorf("%s: incomplete power/radio model: %+v", name, p)
		}
	}
	esp := got["esp8266"]
	if esp.ClockHz != 80e6 || esp.HeapBytes != 65536 || esp.FlashBytes != 512*1024 {
		t.Errorf("esp8266 = %+v", esp)
	}
	if cc := got["cc3220sf"]; cc.FlashBytes != 1<<20 || cc.ClockHz != 80e6 {
		t.Errorf("cc3220sf = %+v", cc)
	}
	if lm := got["lm3s6965"]; lm.FlashBytes != 256*1024 || lm.ClockHz != 50e6 || lm.HeapBytes > 64*1024 {
		t.Errorf("lm3s6965 = %+v", lm)
	}
}

func TestTimeEnergyModel(t *testing.T) {
	p := Profile{ClockHz: 80_000_000, CyclesPerInstr: 60, ActivePowerMW: 50, IdlePowerMW: 3,
		Radio: Radio{BytesPerSec: 100_000, MJPerByte: 0.005, RTTMillis: 20}}
	// 1e6 steps × 60 cycles / 80 MHz = 0.75 s.
	if d := p.Duration(1_000_000); d != 750*time.Millisecond {
		t.Errorf("Duration = %v, want 750ms", d)
	}
	if e := p.ActiveEnergyMJ(750 * time.Millisecond); e != 37.5 {
		t.Errorf("ActiveEnergyMJ = %v, want 37.5", e)
	}
	if e := p.IdleEnergyMJ(2 * time.Second); e != 6 {
		t.Errorf("IdleEnergyMJ = %v, want 6", e)
	}
	if d := p.Radio.TransferTime(100_000); d != 1020*time.Millisecond {
		t.Errorf("TransferTime = %v, want 1.02s", d)
	}
	if e := p.Radio.TransferEnergyMJ(1000); e != 5 {
		t.Errorf("TransferEnergyMJ = %v, want 5", e)
	}
}

func TestFind(t *testing.T) {
	root := t.TempDir()
	deep := filepath.Join(root, "a", "b")
	if err := os.MkdirAll(deep, 0o755); err != nil {
		t.Fatal(err)
	}
	if _, err := Find(deep); !errors.Is(err, ErrNotFound) {
		t.Fatalf("Find without a project = %v, want ErrNotFound", err)
	}
	want := filepath.Join(root, FileName)
	if err := os.WriteFile(want, []byte("name = \"x\"\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	got, err := Find(deep)
	if err != nil || got != want {
		t.Fatalf("Find = %q, %v; want %q", got, err, want)
	}
	p, err := Load(got)
	if err != nil || p.Dir != root {
		t.Fatalf("Load = %+v, %v", p, err)
	}
}

func TestLoadMissingFile(t *testing.T) {
	_, err := Load(filepath.Join(t.TempDir(), FileName))
	if err == nil || !strings.Contains(err.Error(), "nl init") {
		t.Fatalf("Load of a missing file = %v, want a hint to nl init", err)
	}
}

func TestPositions(t *testing.T) {
	src := "name = \"x\"\ndesc = \"\"\"\nfake = 1\n\"\"\"\n[[function]]\n  name = \"a\"\n  targets = [\n    \"esp8266\",\n  ]\n[[function]]\n\"quoted key\" = 1\n[device.\"my dev\".radio]\nrtt_ms = 1\n"
	pos := scanPositions(src)
	tests := map[string]keyPos{
		"name":                       {1, 1},
		"function[0]":                {5, 1},
		"function[0].name":           {6, 3},
		"function[0].targets":        {7, 3},
		"function[1].quoted key":     {11, 1},
		"device.my dev.radio.rtt_ms": {13, 1},
	}
	for k, want := range tests {
		if got := pos[k]; got != want {
			t.Errorf("pos[%q] = %v, want %v", k, got, want)
		}
	}
	if _, ok := pos["fake"]; ok {
		t.Error("a key inside a multi-line string was recorded")
	}
}
