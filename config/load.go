package config

import (
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"

	"github.com/BurntSushi/toml"
)

// ErrNotFound is returned by Find when no nanolambda.toml is above dir.
var ErrNotFound = errors.New("no " + FileName + " found")

// Find walks up from dir to the nearest nanolambda.toml and returns its path.
func Find(dir string) (string, error) {
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", fmt.Errorf("find %s: %w", FileName, err)
	}
	for d := abs; ; {
		p := filepath.Join(d, FileName)
		if st, err := os.Stat(p); err == nil && !st.IsDir() {
			return p, nil
		}
		parent := filepath.Dir(d)
		if parent == d {
			return "", fmt.Errorf("%w in %s or any parent directory; run `nl init` to create a project", ErrNotFound, abs)
		}
		d = parent
	}
}

// Load reads and checks a project file. Every problem is reported, as an
// ErrorList, with file, line and column.
func Load(path string) (*Project, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, fmt.Errorf("load project: %w; run `nl init` to create one", err)
		}
		return nil, fmt.Errorf("load project: %w", err)
	}
	abs, err := filepath.Abs(path)
	if err != nil {
		abs = path
	}
	return Parse(abs, data)
}

// Parse checks data as the project file at path (used for messages and to
// resolve relative paths; the file is not read).
func Parse(path string, data []byte) (p *Project, err error) {
	// A decoder panic must never take nl down; report it as a bad file.
	defer func() {
		if r := recover(); r != nil {
			p, err = nil, ErrorList{{File: path, Msg: fmt.Sprintf("cannot decode: %v", r)}}
		}
	}()
	p = &Project{Path: path, Dir: filepath.Dir(path)}
	src := string(data)
	p.pos = scanPositions(src)
	md, derr := toml.Decode(src, p)
	if derr != nil {
		return nil, ErrorList{decodeError(path, derr, p.pos)}
	}
	var errs ErrorList
	for _, k := range md.Undecoded() {
		key := k.String()
		kp, ok := p.pos.lookup(key)
		// A key inside an inline table has no line of its own: use the
		// nearest enclosing key's.
		for parent := k; !ok && len(parent) > 1; {
			parent = parent[:len(parent)-1]
			kp, ok = p.pos.lookup(parent.String())
		}
		errs = append(errs, &Error{File: path, Line: kp.line, Col: kp.col, Key: key,
			Msg: "unknown key" + suggest(key)})
	}
	p.fillLines()
	p.applyDefaults()
	errs = append(errs, p.validate()...)
	if len(errs) > 0 {
		errs.sort()
		return nil, errs
	}
	return p, nil
}

func (p *Project) fillLines() {
	for i := range p.Functions {
		p.Functions[i].Line = p.Line("function[" + strconv.Itoa(i) + "]")
	}
}

var lineRE = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// decodeError turns the decoder's messages into file:line:col errors.
func decodeError(path string, err error, pos positions) *Error {
	var pe toml.ParseError
	if errors.As(err, &pe) {
		return &Error{File: path, Line: pe.Position.Line, Col: pe.Position.Col, Key: pe.LastKey, Msg: pe.Message}
	}
	msg := err.Error()
	if m := lineRE.FindStringSubmatch(msg); m != nil {
		line, _ := strconv.Atoi(m[1])
		e := &Error{File: path, Line: line, Key: m[2], Msg: friendlyType(m[3])}
		if kp, ok := pos.lookup(m[2]); ok && kp.line == line {
			e.Col = kp.col
		}
		return e
	}
	if m := regexp.MustCompile(`^toml: \(last key "([^"]*)"\): (.*)$`).FindStringSubmatch(msg); m != nil {
		kp, _ := pos.lookup(m[1])
		return &Error{File: path, Line: kp.line, Col: kp.col, Key: m[1], Msg: friendlyType(m[2])}
	}
	return &Error{File: path, Msg: strings.TrimPrefix(msg, "toml: ")}
}

var typeRE = regexp.MustCompile(`incompatible types: TOML value has type ([^;]+); destination has type (.+)$`)

func friendlyType(msg string) string {
	if m := typeRE.FindStringSubmatch(msg); m != nil {
		return fmt.Sprintf("wrong type: this key takes %s, not %s", goTypeName(m[2]), tomlTypeName(m[1]))
	}
	return msg
}

// tomlTypeName names the decoder's Go type of a TOML value as TOML does.
func tomlTypeName(t string) string {
	switch {
	case t == "int64":
		return "an integer"
	case t == "float64":
		return "a float"
	case t == "string":
		return "a string"
	case t == "bool":
		return "a boolean"
	case strings.HasPrefix(t, "[]"):
		return "an array"
	case strings.HasPrefix(t, "map"):
		return "a table"
	case strings.Contains(t, "time"):
		return "a date-time"
	}
	return t
}

func goTypeName(t string) string {
	switch {
	case strings.Contains(t, "int"):
		return "an integer"
	case strings.Contains(t, "float"):
		return "a number"
	case strings.Contains(t, "string"):
		return "a string"
	case strings.Contains(t, "bool"):
		return "true or false"
	case strings.HasPrefix(t, "slice") || strings.HasPrefix(t, "[]"):
		return "an array"
	case strings.Contains(t, "struct") || strings.Contains(t, "map"):
		return "a table"
	}
	return t
}

// knownKeys are the keys of each table, for "did you mean" hints.
var knownKeys = map[string][]string{
	"":          {"name", "description", "function", "device", "dev", "scheduler", "fleet", "serial", "build"},
	"function":  {"name", "handler", "source", "memory", "timeout", "size_budget", "targets"},
	"device":    {"base", "description", "clock_hz", "cycles_per_instr", "heap_bytes", "flash_bytes", "bytecode_flash_bytes", "max_depth", "active_mw", "idle_mw", "radio", "policy"},
	"radio":     {"bytes_per_sec", "mj_per_byte", "rtt_ms"},
	"dev":       {"addr", "data_dir", "access_key", "secret_key", "concurrency"},
	"scheduler": {"policy", "deadline_ms", "ewma_alpha", "explore_every"},
	"fleet":     {"name", "profile", "function", "sensor", "rate_hz", "battery_mj", "policy"},
	"serial":    {"port", "baud"},
	"build":     {"dir", "strip"},
}

func suggest(key string) string {
	parts := strings.Split(key, ".")
	last := parts[len(parts)-1]
	table := ""
	switch {
	case len(parts) == 1:
	case parts[0] == "device" && len(parts) == 3:
		table = "device"
	case parts[0] == "device" && len(parts) == 4 && parts[2] == "radio":
		table = "radio"
	case len(parts) == 2:
		table = parts[0]
	}
	cands, ok := knownKeys[table]
	if !ok {
		return ""
	}
	best, bestD := "", 3
	for _, c := range cands {
		d := editDistance(last, c)
		if strings.HasPrefix(c, last) || strings.HasPrefix(last, c) {
			d = min(d, 1)
		}
		if d < bestD {
			best, bestD = c, d
		}
	}
	if best != "" {
		return fmt.Sprintf(" (did you mean %q?)", best)
	}
	where := "the top level"
	if table != "" {
		where = "[" + table + "]"
	}
	return fmt.Sprintf("; keys of %s are: %s", where, joinNames(cands))
}

func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}

var (
	funcNameRE = regexp.MustCompile(`^[A-Za-z0-9_-]{1,64}$`)
	identRE    = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*$`)
)

// validate checks values the decoder cannot: names, references between
// tables, ranges.
func (p *Project) validate() ErrorList {
	var errs ErrorList
	add := func(key, format string, args ...any) {
		kp, ok := p.pos[key]
		if !ok {
			// Fall back to the enclosing table.
			if i := strings.LastIndexByte(key, '.'); i > 0 {
				kp = p.pos[key[:i]]
			}
		}
		errs = append(errs, &Error{File: p.Path, Line: kp.line, Col: kp.col, Key: stripIndices(key), Msg: fmt.Sprintf(format, args...)})
	}
	profiles := map[string]bool{}
	for _, n := range p.ProfileNames() {
		profiles[n] = true
	}
	seen := map[string]bool{}
	for i, f := range p.Functions {
		k := "function[" + strconv.Itoa(i) + "]"
		switch {
		case f.Name == "":
			add(k+".name", "missing: every [[function]] needs a name")
		case !funcNameRE.MatchString(f.Name):
			add(k+".name", "%q is not a valid function name (letters, digits, - and _, at most 64)", f.Name)
		case seen[f.Name]:
			add(k+".name", "function %q is defined twice", f.Name)
		}
		seen[f.Name] = true
		if f.Handler == "" {
			add(k+".handler", "missing: set handler = \"module.function\", e.g. \"handler.handler\"")
		} else if !validHandler(f.Handler) {
			add(k+".handler", "%q is not module.function (e.g. \"handler.handler\")", f.Handler)
		}
		if f.Memory < 0 || f.Memory > 10240 {
			add(k+".memory", "%d MB is out of range (1–10240)", f.Memory)
		}
		if f.Timeout < 0 || f.Timeout > 900 {
			add(k+".timeout", "%d s is out of range (1–900)", f.Timeout)
		}
		if f.SizeBudget < 0 {
			add(k+".size_budget", "must not be negative, got %d", f.SizeBudget)
		}
		for _, t := range f.Targets {
			if !profiles[t] {
				add(k+".targets", "unknown device %q (known: %s)", t, joinNames(p.ProfileNames()))
			}
		}
	}
	builtin := BuiltinProfiles()
	for _, name := range sortedKeys(p.Devices) {
		d := p.Devices[name]
		k := "device." + name
		if _, isBuiltin := builtin[name]; !isBuiltin && d.Base == "" {
			add(k, "device %q is not built in, so it needs base = one of %s", name, joinNames(BuiltinProfileNames()))
			continue
		}
		if d.Base != "" {
			if _, ok := builtin[d.Base]; !ok {
				add(k+".base", "unknown built-in profile %q (built in: %s)", d.Base, joinNames(BuiltinProfileNames()))
				continue
			}
		}
		if d.Policy != "" && !contains(Policies, d.Policy) {
			add(k+".policy", "unknown policy %q (one of %s)", d.Policy, joinNames(Policies))
		}
		if _, err := p.Profile(name); err != nil {
			msg := err.Error()
			if i := strings.Index(msg, "profile "+name+": "); i >= 0 {
				msg = msg[i+len("profile "+name+": "):]
			}
			add(k, "%s", msg)
		}
	}
	s := p.Scheduler
	if !contains(Policies, s.Policy) {
		add("scheduler.policy", "unknown policy %q (one of %s)", s.Policy, joinNames(Policies))
	}
	if s.DeadlineMS < 0 {
		add("scheduler.deadline_ms", "must be positive (or 0 for no deadline), got %d", s.DeadlineMS)
	}
	if !(s.EWMAAlpha > 0 && s.EWMAAlpha <= 1) || math.IsNaN(s.EWMAAlpha) {
		add("scheduler.ewma_alpha", "must be in (0, 1], got %g", s.EWMAAlpha)
	}
	if s.ExploreEvery < 0 {
		add("scheduler.explore_every", "must not be negative, got %d", s.ExploreEvery)
	}
	fleetNames := map[string]bool{}
	for i, m := range p.Fleet {
		k := "fleet[" + strconv.Itoa(i) + "]"
		if m.Name == "" {
			add(k+".name", "missing: every [[fleet]] member needs a name")
		} else if fleetNames[m.Name] {
			add(k+".name", "fleet member %q is defined twice", m.Name)
		}
		fleetNames[m.Name] = true
		if m.Profile == "" {
			add(k+".profile", "missing: name a device profile (%s)", joinNames(p.ProfileNames()))
		} else if !profiles[m.Profile] {
			add(k+".profile", "unknown device %q (known: %s)", m.Profile, joinNames(p.ProfileNames()))
		}
		if m.Function == "" {
			add(k+".function", "missing: name a [[function]]")
		} else if !seen[m.Function] {
			add(k+".function", "no [[function]] named %q", m.Function)
		}
		if m.RateHz < 0 || math.IsNaN(m.RateHz) || math.IsInf(m.RateHz, 0) {
			add(k+".rate_hz", "must be a positive rate, got %g", m.RateHz)
		}
		if m.BatteryMJ < 0 || math.IsNaN(m.BatteryMJ) || math.IsInf(m.BatteryMJ, 0) {
			add(k+".battery_mj", "must be a capacity in millijoules (0 for mains power), got %g", m.BatteryMJ)
		}
		if m.Policy != "" && !contains(Policies, m.Policy) {
			add(k+".policy", "unknown policy %q (one of %s)", m.Policy, joinNames(Policies))
		}
	}
	if p.Dev.Concurrency < 0 {
		add("dev.concurrency", "must be at least 1, got %d", p.Dev.Concurrency)
	}
	if p.Serial.Baud < 0 {
		add("serial.baud", "must be positive, got %d", p.Serial.Baud)
	}
	return errs
}

func validHandler(h string) bool {
	parts := strings.Split(h, ".")
	if len(parts) < 2 {
		return false
	}
	for _, p := range parts {
		if !identRE.MatchString(p) {
			return false
		}
	}
	return true
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}
