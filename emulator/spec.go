package emulator

import (
	"fmt"
	"math"
	"path/filepath"
	"strconv"
	"strings"
	"time"
)

// ParseSensorSpec builds a sensor source from the text of --sensor or a
// [[fleet]] sensor key:
//
//	accelerometer[:key=value,...]   keys: seed, amp, noise, fault
//	temperature[:key=value,...]     keys: seed, base, drift, noise, fault
//	trace:FILE[:period=DURATION]    or just FILE.csv / FILE.json
//
// Several sources are joined with ";" (an accelerometer and a temperature
// sensor on one board). fault is KIND@TIME[*GAIN], several joined by "+":
// imbalance, bearing, stuck for the accelerometer; overheat for temperature.
// seed defaults to the seed argument; relative trace paths resolve against
// dir.
func ParseSensorSpec(spec, dir string, seed int64) (SensorSource, error) {
	var sources []SensorSource
	for _, part := range strings.Split(spec, ";") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		s, err := parseOneSensor(part, dir, seed)
		if err != nil {
			return nil, fmt.Errorf("sensor %q: %w", part, err)
		}
		sources = append(sources, s)
	}
	if len(sources) == 0 {
		return nil, fmt.Errorf("empty sensor spec; use accelerometer, temperature or a trace file")
	}
	return Multi(sources...), nil
}

func parseOneSensor(part, dir string, seed int64) (SensorSource, error) {
	kind, args, _ := strings.Cut(part, ":")
	ext := strings.ToLower(filepath.Ext(kind))
	if kind != "trace" && (ext == ".csv" || ext == ".json") {
		args = kind + ":" + args
		args = strings.TrimSuffix(args, ":")
		kind = "trace"
	}
	switch kind {
	case "accelerometer", "accel":
		o := AccelOptions{Seed: seed}
		err := eachOption(args, func(k, v string) error {
			var err error
			switch k {
			case "seed":
				o.Seed, err = strconv.ParseInt(v, 10, 64)
			case "amp":
				o.Amplitude, err = positive(v)
			case "noise":
				o.Noise, err = positive(v)
			case "fault":
				o.Faults, err = parseFaults(v, FaultImbalance, FaultBearing, FaultStuck)
			default:
				return fmt.Errorf("unknown option %q (seed, amp, noise, fault)", k)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return NewAccelerometer(o), nil
	case "temperature", "temp":
		o := TempOptions{Seed: seed}
		err := eachOption(args, func(k, v string) error {
			var err error
			switch k {
			case "seed":
				o.Seed, err = strconv.ParseInt(v, 10, 64)
			case "base":
				o.Base, err = number(v)
			case "drift":
				o.Drift, err = number(v)
			case "noise":
				o.Noise, err = positive(v)
			case "fault":
				o.Faults, err = parseFaults(v, FaultOverheat)
			default:
				return fmt.Errorf("unknown option %q (seed, base, drift, noise, fault)", k)
			}
			return err
		})
		if err != nil {
			return nil, err
		}
		return NewTemperature(o), nil
	case "trace":
		file, opts, _ := strings.Cut(args, ":")
		if file == "" {
			return nil, fmt.Errorf("trace needs a file: trace:FILE.csv")
		}
		period := DefaultTracePeriod
		err := eachOption(opts, func(k, v string) error {
			if k != "period" {
				return fmt.Errorf("unknown option %q (period)", k)
			}
			d, err := time.ParseDuration(v)
			if err != nil || d <= 0 {
				return fmt.Errorf("period %q is not a positive duration like 200ms", v)
			}
			period = d
			return nil
		})
		if err != nil {
			return nil, err
		}
		if !filepath.IsAbs(file) && dir != "" {
			file = filepath.Join(dir, file)
		}
		return LoadTrace(file, period)
	}
	return nil, fmt.Errorf("unknown sensor %q; use accelerometer, temperature, trace:FILE or a .csv/.json file", kind)
}

func eachOption(args string, fn func(k, v string) error) error {
	if args == "" {
		return nil
	}
	for _, kv := range strings.Split(args, ",") {
		k, v, ok := strings.Cut(kv, "=")
		if !ok {
			return fmt.Errorf("option %q: want key=value", kv)
		}
		if err := fn(strings.TrimSpace(k), strings.TrimSpace(v)); err != nil {
			return fmt.Errorf("%s: %w", k, err)
		}
	}
	return nil
}

func number(v string) (float64, error) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || math.IsNaN(f) || math.IsInf(f, 0) {
		return 0, fmt.Errorf("%q is not a number", v)
	}
	return f, nil
}

func positive(v string) (float64, error) {
	f, err := number(v)
	if err == nil && f <= 0 {
		err = fmt.Errorf("%q must be positive", v)
	}
	return f, err
}
