package wire

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/lambda"

	"github.com/nanolambda/nl/config"
	"github.com/nanolambda/nl/fleet"
)

// writeProject lays out a project with the vibration template's handler as
// "detect" and a small handler as "temp", and the given [[fleet]] tables.
func writeProject(t *testing.T, fleetTOML string) *config.Project {
	t.Helper()
	dir := t.TempDir()
	vib, err := os.ReadFile(filepath.Join("..", "..", "templates", "vibration", "handler.py"))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"handler.py": string(vib),
		"temp.py":    "def handler(event, context):\n    return {\"hot\": event[\"celsius\"] > 25}\n",
		"nanolambda.toml": `name = "motors"
[[function]]
name = "detect"
handler = "handler.handler"
memory = 256
[[function]]
name = "temp"
handler = "temp.handler"
` + fleetTOML,
	}
	for name, src := range files {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(src), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	p, err := config.Load(filepath.Join(dir, "nanolambda.toml"))
	if err != nil {
		t.Fatal(err)
	}
	return p
}

// A project's fleet on nl's real parts: the template's handler reading the
// emulated accelerometer on the device, a temperature fleet whose function
// also runs on the local Lambda stack, each function deployed there.
func TestProjectFleetOnNLParts(t *testing.T) {
	p := writeProject(t, `
[[fleet]]
name = "motor-1"
profile = "esp8266"
function = "detect"
sensor = "accelerometer:fault=imbalance@2s"
rate_hz = 5.0
battery_mj = 50000.0

[[fleet]]
name = "room"
profile = "cc3220sf"
function = "temp"
sensor = "temperature"
rate_hz = 2.0
`)
	r := localLambda(t)
	cfg, err := ProjectFleetConfig(context.Background(), p, r)
	if err != nil {
		t.Fatal(err)
	}
	got, err := r.Client.GetFunction(context.Background(), &lambda.GetFunctionInput{FunctionName: aws.String("detect")})
	if err != nil || aws.ToInt32(got.Configuration.MemorySize) != 256 {
		t.Fatalf("detect on the local stack: %v", err)
	}
	// Deploying again updates the functions in place.
	if _, err := ProjectFleetConfig(context.Background(), p, r); err != nil {
		t.Fatalf("second deploy: %v", err)
	}
	f, err := fleet.New(cfg)
	if err != nil {
		t.Fatal(err)
	}
	ran := map[string]int{}
	for _, ev := range steps(t, f, 40) {
		d := ev.Decision
		if d.Device == "room" && d.Error != "" {
			t.Fatalf("event %d: %s", ev.Seq, d.Error)
		}
		if d.Error == "" {
			ran[d.Device+"/"+d.RanOn]++
		}
	}
	if ran["motor-1/device"] == 0 || ran["room/device"]+ran["room/edge"]+ran["room/cloud"] == 0 {
		t.Errorf("runs by device and tier: %v", ran)
	}
	s := f.Snapshot()
	if s.Devices[0].BatteryMJ != 50000 || !(s.Devices[0].BatteryLeft < 50000) || s.Devices[0].HeapPeak <= 0 {
		t.Errorf("motor-1 state: %+v", s.Devices[0])
	}
}

func TestProjectFleetErrors(t *testing.T) {
	member := "[[fleet]]\nname = \"m\"\nprofile = \"esp8266\"\nfunction = \"detect\"\n"
	tests := []struct {
		name, fleet, handler, want string
	}{
		{"sensor spec", member + "sensor = \"sonar\"\n", "", `[[fleet]] 1 (m): sensor "sonar"`},
		{"compile", member, "def handler(event, context):\n    return (\n", "function detect: handler.py:"},
		{"missing source", member, "-", "function detect: read its handler"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			p := writeProject(t, tt.fleet)
			switch tt.handler {
			case "":
			case "-":
				os.Remove(filepath.Join(p.Dir, "handler.py"))
			default:
				os.WriteFile(filepath.Join(p.Dir, "handler.py"), []byte(tt.handler), 0o644)
			}
			r := localLambda(t)
			_, err := ProjectFleetConfig(context.Background(), p, r)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Fatalf("err = %v, want it to contain %q", err, tt.want)
			}
			// Nothing was deployed.
			if _, err := r.Client.GetFunction(context.Background(), &lambda.GetFunctionInput{FunctionName: aws.String("detect")}); err == nil {
				t.Error("detect was deployed although the fleet is broken")
			}
		})
	}
}
