package fleet

import (
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/scheduler"
)

const projectTOML = `
name = "motors"

[[function]]
name = "vibration"
handler = "handler.handler"

[scheduler]
policy = "cost"
deadline_ms = 500

[device.esp8266]
policy = "history"

[[fleet]]
name = "m1"
profile = "esp8266"
function = "vibration"
sensor = "vibration"
rate_hz = 5

[[fleet]]
name = "m2"
profile = "cc3220sf"
function = "vibration"
policy = "remote"
`

func TestFromProject(t *testing.T) {
	p, err := config.Parse(filepath.Join(t.TempDir(), "nanolambda.toml"), []byte(projectTOML))
	if err != nil {
		t.Fatal(err)
	}
	var built []string
	cfg, err := FromProject(p, fixedRemote, func(m config.FleetMember, prof config.Profile) (Executor, error) {
		built = append(built, m.Name+"/"+prof.Name)
		return &ModelExecutor{Spec: SpecFromProfile(prof, 0), Cost: VibrationCost, Handler: VibrationRMS}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if len(cfg.Devices) != 2 || strings.Join(built, ",") != "m1/esp8266,m2/cc3220sf" {
		t.Fatalf("devices %+v, built %v", cfg.Devices, built)
	}
	m1, m2 := cfg.Devices[0], cfg.Devices[1]
	if m1.RateHz != 5 || m1.Policy != "history" || m1.Spec.HeapBytes != 64<<10 {
		t.Errorf("m1: %+v", m1)
	}
	if m2.RateHz != DefaultRateHz || m2.Policy != "remote" || m2.Spec.ClockHz != 80_000_000 {
		t.Errorf("m2: %+v", m2)
	}
	if cfg.Scheduler.Policy != "cost" || cfg.Scheduler.Deadline.Milliseconds() != 500 || len(cfg.Tiers) != 2 {
		t.Errorf("scheduler %+v, tiers %d", cfg.Scheduler, len(cfg.Tiers))
	}
	f, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	for _, ev := range steps(t, f, 12) {
		if ev.Decision.Device == "m1" && ev.Decision.Policy != scheduler.PolicyHistory {
			t.Errorf("m1 decided by %s", ev.Decision.Policy)
		}
	}
}

func TestFromProjectErrors(t *testing.T) {
	tests := []struct{ name, src, want string }{
		{"no fleet", "name = \"x\"\n", "no [[fleet]] entries"},
		{"local", strings.Replace(projectTOML, `sensor = "vibration"`, `sensor = "sonar"`, 1), `nanolambda.toml: [[fleet]] 1 (m1): sensor "sonar": unknown`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p, err := config.Parse("nanolambda.toml", []byte(tt.src))
			if err != nil {
				t.Fatal(err)
			}
			_, err = FromProject(p, fixedRemote, func(m config.FleetMember, _ config.Profile) (Executor, error) {
				if _, ok := Sources[m.Sensor]; !ok && m.Sensor != "" {
					return nil, fmt.Errorf("sensor %q: unknown", m.Sensor)
				}
				return &ModelExecutor{}, nil
			})
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want %q", err, tt.want)
			}
		})
	}
}

// A sensor that is not an event source is the device's own sensor: its
// events are ticks; battery_mj reaches the scheduler's device spec.
func TestFromProjectSensorSpecAndBattery(t *testing.T) {
	src := strings.Replace(projectTOML, `sensor = "vibration"`, "sensor = \"accelerometer:amp=0.2\"\nbattery_mj = 9000.0", 1)
	p, err := config.Parse(filepath.Join(t.TempDir(), "nanolambda.toml"), []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	var sensors []string
	cfg, err := FromProject(p, fixedRemote, func(m config.FleetMember, prof config.Profile) (Executor, error) {
		sensors = append(sensors, m.Sensor)
		return &ModelExecutor{Spec: SpecFromProfile(prof, 0), Cost: VibrationCost, Handler: VibrationRMS}, nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if strings.Join(sensors, ",") != "accelerometer:amp=0.2," {
		t.Errorf("local saw sensors %q", sensors)
	}
	m1, m2 := cfg.Devices[0], cfg.Devices[1]
	if _, ok := m1.Source.(Tick); !ok {
		t.Errorf("m1 source %T, want Tick", m1.Source)
	}
	if _, ok := m2.Source.(*Vibration); !ok {
		t.Errorf("m2 source %T, want the default *Vibration", m2.Source)
	}
	if m1.Spec.BatteryMJ != 9000 || m2.Spec.BatteryMJ != 0 {
		t.Errorf("battery: m1 %g, m2 %g", m1.Spec.BatteryMJ, m2.Spec.BatteryMJ)
	}
	if got := string(Tick{}.Next(nil, "m\"1", 7)); got != `{"device":"m\"1","seq":7}` {
		t.Errorf("tick = %s", got)
	}
	f, err := New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	evs := steps(t, f, 6)
	s := f.Snapshot()
	if s.Devices[0].BatteryMJ != 9000 || s.Devices[0].BatteryLeft >= 9000 {
		t.Errorf("m1 battery not drained after %d events: %+v", len(evs), s.Devices[0])
	}
}
