package emulator

import (
	"errors"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"
)

func rms(src SensorSource, from, to time.Duration, t *testing.T) (float64, float64) {
	t.Helper()
	var sum, peak float64
	n := 0
	for at := from; at < to; at += 200 * time.Millisecond {
		x, err := src.Read(ChanAccelX, at)
		if err != nil {
			t.Fatal(err)
		}
		sum += x * x
		peak = math.Max(peak, math.Abs(x))
		n++
	}
	return math.Sqrt(sum / float64(n)), peak
}

func TestAccelerometerDeterministic(t *testing.T) {
	a := NewAccelerometer(AccelOptions{Seed: 7})
	b := NewAccelerometer(AccelOptions{Seed: 7})
	c := NewAccelerometer(AccelOptions{Seed: 8})
	same, differ := true, false
	// Read b in reverse order: readings depend on time only.
	for i := 99; i >= 0; i-- {
		at := time.Duration(i) * 200 * time.Millisecond
		for _, ch := range []string{ChanAccelX, ChanAccelY, ChanAccelZ} {
			va, _ := a.Read(ch, at)
			vb, _ := b.Read(ch, at)
			vc, _ := c.Read(ch, at)
			same = same && va == vb
			differ = differ || va != vc
		}
	}
	if !same {
		t.Error("two accelerometers with the same seed disagree")
	}
	if !differ {
		t.Error("different seeds give identical readings")
	}
	z, _ := a.Read(ChanAccelZ, time.Second)
	if math.Abs(z-1) > 0.1 {
		t.Errorf("z = %v, want about 1 g", z)
	}
	if _, err := a.Read("gyro", 0); err == nil {
		t.Error("unknown channel accepted")
	}
}

func TestAccelerometerFaults(t *testing.T) {
	healthy := NewAccelerometer(AccelOptions{Seed: 1})
	base, _ := rms(healthy, 0, 60*time.Second, t)
	// A·sin φ over uniform φ has RMS A/√2; noise adds a little.
	want := math.Sqrt(DefaultAccelAmplitude*DefaultAccelAmplitude/2 + DefaultAccelNoise*DefaultAccelNoise)
	if math.Abs(base-want)/want > 0.15 {
		t.Errorf("healthy x RMS = %.4f, want about %.4f", base, want)
	}
	base30, _ := rms(healthy, 0, 30*time.Second, t)
	tests := []struct {
		fault string
		check func(before, after, peak float64) bool
	}{
		{"imbalance@30s", func(b, a, _ float64) bool { return a > 3*b }},
		{"imbalance@30s*2", func(b, a, _ float64) bool { return a > 1.5*b && a < 2.5*b }},
		{"bearing@30s", func(b, a, peak float64) bool { return peak > 0.5 }},
		{"stuck@30s", func(b, a, _ float64) bool { return true }},
	}
	for _, tt := range tests {
		t.Run(tt.fault, func(t *testing.T) {
			src, err := ParseSensorSpec("accelerometer:seed=1,fault="+tt.fault, "", 0)
			if err != nil {
				t.Fatal(err)
			}
			before, _ := rms(src, 0, 30*time.Second, t)
			after, peak := rms(src, 30*time.Second, 90*time.Second, t)
			if before != base30 {
				t.Errorf("fault changed readings before it started: %v vs %v", before, base)
			}
			if !tt.check(before, after, peak) {
				t.Errorf("before %.4f after %.4f peak %.4f", before, after, peak)
			}
		})
	}
	stuck, _ := ParseSensorSpec("accelerometer:fault=stuck@10s", "", 3)
	v1, _ := stuck.Read(ChanAccelX, 20*time.Second)
	v2, _ := stuck.Read(ChanAccelX, 50*time.Second)
	if v1 != v2 {
		t.Errorf("stuck sensor changed: %v then %v", v1, v2)
	}
}

func TestTemperatureDrift(t *testing.T) {
	src, err := ParseSensorSpec("temperature:base=20,drift=1,noise=0.001", "", 1)
	if err != nil {
		t.Fatal(err)
	}
	v0, _ := src.Read(ChanTemp, 0)
	v2, _ := src.Read(ChanTemp, 2*time.Hour)
	if math.Abs(v0-20) > 0.01 || math.Abs(v2-22) > 0.01 {
		t.Errorf("temp(0) = %v, temp(2h) = %v; want 20 and 22", v0, v2)
	}
	hot, _ := ParseSensorSpec("temperature:noise=0.001,fault=overheat@1m", "", 1)
	h, _ := hot.Read(ChanTemp, 6*time.Minute)
	if h < 21+9 {
		t.Errorf("overheat after 5 min = %v, want > 30", h)
	}
}

func TestMultiSource(t *testing.T) {
	src, err := ParseSensorSpec("accelerometer; temperature", "", 1)
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(src.Channels(), ","); got != "ax,ay,az,temp" {
		t.Errorf("channels = %s", got)
	}
	if _, err := src.Read(ChanTemp, 0); err != nil {
		t.Error(err)
	}
	_, err = src.Read("humidity", 0)
	var nce *NoChannelError
	if !errors.As(err, &nce) {
		t.Errorf("missing channel error = %v", err)
	}
}

func TestCSVTrace(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "motor.csv")
	os.WriteFile(path, []byte("# recorded 2026-01-15\nt,ax,ay,az\n0,0.1,0,1\n0.2,0.2,0,1\n0.4,0.3,0,1\n"), 0o644)
	src, err := ParseSensorSpec("motor.csv", dir, 0)
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		at   time.Duration
		want float64
	}{
		{0, 0.1}, {100 * time.Millisecond, 0.1}, {200 * time.Millisecond, 0.2},
		{450 * time.Millisecond, 0.3},
		{600 * time.Millisecond, 0.1}, // loops after 0.6 s
		{800 * time.Millisecond, 0.2},
	}
	for _, tt := range tests {
		if got, _ := src.Read(ChanAccelX, tt.at); got != tt.want {
			t.Errorf("ax at %v = %v, want %v", tt.at, got, tt.want)
		}
	}
	// Without a time column rows are period apart.
	tr, err := ParseCSV("x.csv", strings.NewReader("temp\n20\n21\n"), time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := tr.Read(ChanTemp, 1500*time.Millisecond); v != 21 {
		t.Errorf("temp at 1.5s = %v, want 21", v)
	}
}

func TestJSONTrace(t *testing.T) {
	data := []byte(`[{"t": 0, "temp": 20}, {"t": 1, "temp": 25}]`)
	tr, err := ParseJSON("x.json", data, time.Second)
	if err != nil {
		t.Fatal(err)
	}
	if v, _ := tr.Read(ChanTemp, 1200*time.Millisecond); v != 25 {
		t.Errorf("temp = %v, want 25", v)
	}
	wrapped, err := ParseJSON("x.json", []byte(`{"samples": [{"ax": 1}]}`), time.Second)
	if err != nil || wrapped.Len() != 1 {
		t.Errorf("wrapped samples: %v", err)
	}
}

func TestTraceErrors(t *testing.T) {
	tests := []struct {
		name, file, data, want string
	}{
		{"empty csv", "a.csv", "", `^a.csv: empty trace`},
		{"not a number", "a.csv", "t,ax\n0,1\n0.2,abc\n", `^a.csv:3:5: ax: "abc" is not a number$`},
		{"ragged", "a.csv", "t,ax\n0,1,2\n", `^a.csv:2:\d+: wrong number of fields`},
		{"no rows", "a.csv", "ax\n", `a.csv: the trace has no samples`},
		{"backwards", "a.csv", "t,ax\n1,1\n0,1\n", `a.csv:3: time 0 goes backwards`},
		{"dup column", "a.csv", "ax,ax\n1,1\n", `a.csv:1: column "ax" appears twice`},
		{"json syntax", "a.json", "[{\"ax\": 1},\n {\"ax\": }]", `^a.json:2:\d+: invalid character`},
		{"json type", "a.json", `[{"ax": "x"}]`, `a.json: sample 0: ax: "x" is not a number`},
		{"json missing", "a.json", `[{"ax": 1}, {"ay": 1}]`, `a.json: sample 0 has no "ay"`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var err error
			if strings.HasSuffix(tt.file, ".csv") {
				_, err = ParseCSV(tt.file, strings.NewReader(tt.data), time.Second)
			} else {
				_, err = ParseJSON(tt.file, []byte(tt.data), time.Second)
			}
			if err == nil || !regexp.MustCompile(tt.want).MatchString(err.Error()) {
				t.Errorf("error = %v, want match %s", err, tt.want)
			}
		})
	}
}

func TestSensorSpecErrors(t *testing.T) {
	tests := []struct{ spec, want string }{
		{"", "empty sensor spec"},
		{"gyro", `unknown sensor "gyro"`},
		{"accelerometer:wobble=1", `unknown option "wobble"`},
		{"accelerometer:fault=melt@1s", `unknown kind "melt"`},
		{"accelerometer:fault=imbalance", `want KIND@TIME`},
		{"accelerometer:fault=imbalance@soon", `is not a duration`},
		{"accelerometer:noise=-1", `must be positive`},
		{"temperature:fault=imbalance@1s", `unknown kind "imbalance"`},
		{"trace:missing.csv", `no such file`},
		{"trace:", `trace needs a file`},
		{"data.txt", `unknown sensor`},
	}
	for _, tt := range tests {
		t.Run(tt.spec, func(t *testing.T) {
			_, err := ParseSensorSpec(tt.spec, t.TempDir(), 0)
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("ParseSensorSpec(%q) = %v, want %q", tt.spec, err, tt.want)
			}
		})
	}
}

// FuzzParseCSV: no trace file panics the loader; a loaded trace answers
// reads at any time.
func FuzzParseCSV(f *testing.F) {
	f.Add([]byte("t,ax,ay,az\n0,0.1,0,1\n0.2,0.2,0,1\n"))
	f.Add([]byte("temp\n20\n21\n"))
	f.Add([]byte("t,ax\n0,1\n0,2\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := ParseCSV("f.csv", strings.NewReader(string(data)), time.Second)
		if err != nil {
			return
		}
		for _, c := range tr.Channels() {
			for _, at := range []time.Duration{0, time.Millisecond, time.Hour, -time.Second} {
				if _, err := tr.Read(c, at); err != nil {
					t.Fatalf("Read(%s, %v): %v", c, at, err)
				}
			}
		}
	})
}

// FuzzParseJSONTrace: the same for JSON traces.
func FuzzParseJSONTrace(f *testing.F) {
	f.Add([]byte(`[{"t": 0, "temp": 20}, {"t": 1, "temp": 25}]`))
	f.Add([]byte(`{"samples": [{"ax": 1}]}`))
	f.Fuzz(func(t *testing.T, data []byte) {
		tr, err := ParseJSON("f.json", data, time.Second)
		if err != nil {
			return
		}
		for _, c := range tr.Channels() {
			if _, err := tr.Read(c, 3*time.Second); err != nil {
				t.Fatalf("Read(%s): %v", c, err)
			}
		}
	})
}

// FuzzParseSensorSpec: no spec panics; a source that parses answers reads
// on every channel it lists.
func FuzzParseSensorSpec(f *testing.F) {
	f.Add("accelerometer:seed=3,amp=0.1,fault=imbalance@20s*2+bearing@1m")
	f.Add("temperature:base=20,drift=-1,fault=overheat@10m")
	f.Add("accelerometer;temperature")
	f.Fuzz(func(t *testing.T, spec string) {
		if strings.Contains(spec, "trace") || strings.Contains(spec, ".csv") || strings.Contains(spec, ".json") {
			return // no file reads from fuzzing
		}
		src, err := ParseSensorSpec(spec, "", 1)
		if err != nil {
			return
		}
		for _, c := range src.Channels() {
			for _, at := range []time.Duration{0, time.Hour, -time.Second} {
				v, err := src.Read(c, at)
				if err != nil || math.IsNaN(v) {
					t.Fatalf("Read(%s, %v) = %v, %v", c, at, v, err)
				}
			}
		}
	})
}
