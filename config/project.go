package config

import (
	"fmt"
	"path/filepath"
	"strings"
)

// FileName is the name of the project file nl looks for.
const FileName = "nanolambda.toml"

// Project is a loaded nanolambda.toml.
type Project struct {
	// Path is the file the project was loaded from; Dir is its directory,
	// against which relative paths in the file are resolved.
	Path string `toml:"-"`
	Dir  string `toml:"-"`

	Name        string            `toml:"name"`
	Description string            `toml:"description"`
	Functions   []Function        `toml:"function"`
	Devices     map[string]Device `toml:"device"`
	Dev         Dev               `toml:"dev"`
	Scheduler   Scheduler         `toml:"scheduler"`
	Fleet       []FleetMember     `toml:"fleet"`
	Serial      Serial            `toml:"serial"`
	Build       Build             `toml:"build"`

	pos positions
}

// Function is one [[function]] entry: a handler and the limits it must fit.
type Function struct {
	Name string `toml:"name"`
	// Handler is "module.func": the file module.py (unless Source says
	// otherwise) and the function called with (event, context).
	Handler string `toml:"handler"`
	Source  string `toml:"source"`
	// Memory (MB) and Timeout (seconds) are what Lambda calls MemorySize and
	// Timeout; they apply on the edge and cloud tiers.
	Memory  int `toml:"memory"`
	Timeout int `toml:"timeout"`
	// SizeBudget is the most bytes the compiled image may have; 0 means the
	// bytecode flash share of the smallest target.
	SizeBudget int64    `toml:"size_budget"`
	Targets    []string `toml:"targets"`

	// Line is where the [[function]] table starts, for diagnostics.
	Line int `toml:"-"`
}

// Module is the Python module part of Handler ("handler" in "handler.main").
func (f Function) Module() string {
	i := strings.LastIndexByte(f.Handler, '.')
	if i < 0 {
		return ""
	}
	return f.Handler[:i]
}

// Func is the function part of Handler ("main" in "handler.main").
func (f Function) Func() string {
	i := strings.LastIndexByte(f.Handler, '.')
	if i < 0 {
		return f.Handler
	}
	return f.Handler[i+1:]
}

// Device is a [device.NAME] table: it overrides fields of a built-in profile
// (when NAME is built in) or defines a new device based on Base. Nil fields
// keep the base value.
type Device struct {
	Base               string      `toml:"base"`
	Description        *string     `toml:"description"`
	ClockHz            *int64      `toml:"clock_hz"`
	CyclesPerInstr     *float64    `toml:"cycles_per_instr"`
	HeapBytes          *int64      `toml:"heap_bytes"`
	FlashBytes         *int64      `toml:"flash_bytes"`
	BytecodeFlashBytes *int64      `toml:"bytecode_flash_bytes"`
	MaxDepth           *int        `toml:"max_depth"`
	ActivePowerMW      *float64    `toml:"active_mw"`
	IdlePowerMW        *float64    `toml:"idle_mw"`
	Radio              DeviceRadio `toml:"radio"`
	// Policy overrides [scheduler] policy for invocations arriving at this
	// device.
	Policy string `toml:"policy"`
}

// DeviceRadio overrides fields of a profile's Radio.
type DeviceRadio struct {
	BytesPerSec *float64 `toml:"bytes_per_sec"`
	MJPerByte   *float64 `toml:"mj_per_byte"`
	RTTMillis   *float64 `toml:"rtt_ms"`
}

// Dev configures the local Lambda + S3 stack of `nl dev`.
type Dev struct {
	Addr        string `toml:"addr"`
	DataDir     string `toml:"data_dir"`
	AccessKey   string `toml:"access_key"`
	SecretKey   string `toml:"secret_key"`
	Concurrency int    `toml:"concurrency"`
}

// Scheduler configures where each invocation runs.
type Scheduler struct {
	// Policy is one of Policies.
	Policy string `toml:"policy"`
	// DeadlineMS > 0 puts the cost policy in deadline mode (the least
	// energy that meets the deadline); 0, the default, leaves it off.
	DeadlineMS int `toml:"deadline_ms"`
	// EWMAAlpha is the weight of the newest sample in every estimate.
	EWMAAlpha float64 `toml:"ewma_alpha"`
	// ExploreEvery re-tries an option not observed for this many decisions.
	ExploreEvery int `toml:"explore_every"`
}

// Policies are the scheduler policies nl knows.
var Policies = []string{"local", "remote", "history", "cost"}

// FleetMember is one emulated device of `nl dev`/`nl top`: a profile running a
// function on events from a sensor.
type FleetMember struct {
	Name     string  `toml:"name"`
	Profile  string  `toml:"profile"`
	Function string  `toml:"function"`
	Sensor   string  `toml:"sensor"`
	RateHz   float64 `toml:"rate_hz"`
	// BatteryMJ is the battery's capacity in millijoules; the fleet drains
	// it by the energy each event costs the device. 0 means mains powered.
	BatteryMJ float64 `toml:"battery_mj"`
	// Policy overrides [scheduler] policy and the profile's policy for this
	// one device; empty means inherit.
	Policy string `toml:"policy"`
}

// Serial is the default board connection.
type Serial struct {
	Port string `toml:"port"`
	Baud int    `toml:"baud"`
}

// Build configures `nl build`.
type Build struct {
	// Dir is where images go, relative to the project.
	Dir string `toml:"dir"`
	// Strip drops line tables and local names from images.
	Strip bool `toml:"strip"`
}

// Defaults applied by Load to keys left out.
const (
	DefaultMemoryMB    = 128
	DefaultTimeoutSec  = 3
	DefaultTarget      = "esp8266"
	DefaultDevAddr     = "127.0.0.1:4566"
	DefaultDevDataDir  = ".nl/data"
	DefaultAccessKey   = "test"
	DefaultSecretKey   = "test"
	DefaultConcurrency = 4
	// The scheduler defaults are the figures package scheduler is tuned
	// for: nl's own cost policy (history is the paper's), no deadline.
	DefaultPolicy       = "cost"
	DefaultDeadlineMS   = 0
	DefaultEWMAAlpha    = 0.3
	DefaultExploreEvery = 10
	DefaultBaud         = 115200
	DefaultBuildDir     = "build"
)

func (p *Project) applyDefaults() {
	if p.Name == "" && p.Dir != "" {
		p.Name = filepath.Base(p.Dir)
	}
	for i := range p.Functions {
		f := &p.Functions[i]
		if f.Source == "" && f.Module() != "" {
			f.Source = strings.ReplaceAll(f.Module(), ".", "/") + ".py"
		}
		if f.Memory == 0 {
			f.Memory = DefaultMemoryMB
		}
		if f.Timeout == 0 {
			f.Timeout = DefaultTimeoutSec
		}
		if len(f.Targets) == 0 {
			f.Targets = []string{DefaultTarget}
		}
	}
	d := &p.Dev
	if d.Addr == "" {
		d.Addr = DefaultDevAddr
	}
	if d.DataDir == "" {
		d.DataDir = DefaultDevDataDir
	}
	if d.AccessKey == "" {
		d.AccessKey = DefaultAccessKey
	}
	if d.SecretKey == "" {
		d.SecretKey = DefaultSecretKey
	}
	if d.Concurrency == 0 {
		d.Concurrency = DefaultConcurrency
	}
	s := &p.Scheduler
	if s.Policy == "" {
		s.Policy = DefaultPolicy
	}
	if s.EWMAAlpha == 0 {
		s.EWMAAlpha = DefaultEWMAAlpha
	}
	if s.ExploreEvery == 0 {
		s.ExploreEvery = DefaultExploreEvery
	}
	if p.Serial.Baud == 0 {
		p.Serial.Baud = DefaultBaud
	}
	if p.Build.Dir == "" {
		p.Build.Dir = DefaultBuildDir
	}
}

// Function returns the function called name.
func (p *Project) Function(name string) (*Function, error) {
	for i := range p.Functions {
		if p.Functions[i].Name == name {
			return &p.Functions[i], nil
		}
	}
	names := make([]string, len(p.Functions))
	for i, f := range p.Functions {
		names[i] = f.Name
	}
	if len(names) == 0 {
		return nil, fmt.Errorf("%s has no [[function]] entries; add one naming %q", p.displayPath(), name)
	}
	return nil, fmt.Errorf("no function %q in %s (functions: %s)", name, p.displayPath(), joinNames(names))
}

// Resolve makes a path from the project file absolute.
func (p *Project) Resolve(path string) string {
	if filepath.IsAbs(path) || p.Dir == "" {
		return path
	}
	return filepath.Join(p.Dir, path)
}

// SourcePath is the absolute path of f's Python source.
func (p *Project) SourcePath(f *Function) string { return p.Resolve(f.Source) }

// ImagePath is where `nl build` writes f's image.
func (p *Project) ImagePath(f *Function) string {
	return filepath.Join(p.Resolve(p.Build.Dir), f.Name+".nlb")
}

// Line returns the line of key in the project file, 0 if unknown. Keys are
// dotted with array indices, e.g. "function[1].size_budget", "device.esp8266.heap_bytes".
func (p *Project) Line(key string) int {
	if ps, ok := p.pos[key]; ok {
		return ps.line
	}
	return 0
}

// Profile returns the named device profile: a built-in, with the fields of
// a [device.NAME] table of the same name applied, or a project device based
// on a built-in.
func (p *Project) Profile(name string) (Profile, error) {
	d, ok := p.Devices[name]
	if !ok {
		prof, err := BuiltinProfile(name)
		if err != nil {
			return Profile{}, fmt.Errorf("unknown device profile %q (built in: %s%s)", name,
				joinNames(BuiltinProfileNames()), p.projectDeviceList())
		}
		return prof, nil
	}
	base := name
	if d.Base != "" {
		base = d.Base
	}
	prof, err := BuiltinProfile(base)
	if err != nil {
		if d.Base == "" {
			return Profile{}, fmt.Errorf("%s: [device.%s] is not a built-in profile, so it needs base = one of %s",
				p.displayPath(), name, joinNames(BuiltinProfileNames()))
		}
		return Profile{}, fmt.Errorf("%s: [device.%s] base: %w", p.displayPath(), name, err)
	}
	prof.Name = name
	d.apply(&prof)
	if err := prof.Validate(); err != nil {
		return Profile{}, fmt.Errorf("%s: [device.%s]: %w", p.displayPath(), name, err)
	}
	return prof, nil
}

// ProfileNames lists every profile the project can name: built-ins, then the
// project's own devices.
func (p *Project) ProfileNames() []string {
	names := BuiltinProfileNames()
	builtin := BuiltinProfiles()
	for _, n := range sortedKeys(p.Devices) {
		if _, ok := builtin[n]; !ok {
			names = append(names, n)
		}
	}
	return names
}

func (p *Project) projectDeviceList() string {
	s := ""
	builtin := BuiltinProfiles()
	for _, n := range sortedKeys(p.Devices) {
		if _, ok := builtin[n]; !ok {
			s += ", " + n
		}
	}
	if s != "" {
		return "; in this project" + s[1:]
	}
	return ""
}

func (p *Project) displayPath() string {
	if p.Path == "" {
		return FileName
	}
	return p.Path
}

func (d Device) apply(p *Profile) {
	if d.Description != nil {
		p.Description = *d.Description
	}
	if d.ClockHz != nil {
		p.ClockHz = *d.ClockHz
	}
	if d.CyclesPerInstr != nil {
		p.CyclesPerInstr = *d.CyclesPerInstr
	}
	if d.HeapBytes != nil {
		p.HeapBytes = *d.HeapBytes
	}
	if d.FlashBytes != nil {
		p.FlashBytes = *d.FlashBytes
	}
	if d.BytecodeFlashBytes != nil {
		p.BytecodeFlashBytes = *d.BytecodeFlashBytes
	}
	if d.MaxDepth != nil {
		p.MaxDepth = *d.MaxDepth
	}
	if d.ActivePowerMW != nil {
		p.ActivePowerMW = *d.ActivePowerMW
	}
	if d.IdlePowerMW != nil {
		p.IdlePowerMW = *d.IdlePowerMW
	}
	if d.Radio.BytesPerSec != nil {
		p.Radio.BytesPerSec = *d.Radio.BytesPerSec
	}
	if d.Radio.MJPerByte != nil {
		p.Radio.MJPerByte = *d.Radio.MJPerByte
	}
	if d.Radio.RTTMillis != nil {
		p.Radio.RTTMillis = *d.Radio.RTTMillis
	}
}
