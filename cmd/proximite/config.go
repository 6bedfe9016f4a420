package main

import (
	"bytes"
	"errors"
	"fmt"
	"io"
	"net/url"
	"os"
	"path"
	"path/filepath"
	"time"

	"gopkg.in/yaml.v3"

	"proximite/internal/exports"
)

// configVersion is the config.yaml format this program reads.
const configVersion = 1

// Config is config.yaml decoded. Only main sees it; each package gets its own
// options struct built from it.
type Config struct {
	Version              int               `yaml:"version"`
	Database             string            `yaml:"database"`
	Inputs               []string          `yaml:"inputs"`
	ReferenceData        string            `yaml:"reference_data"`
	Output               string            `yaml:"output"`
	TimeZone             string            `yaml:"time_zone"`
	PseudonymKey         KeySource         `yaml:"pseudonym_key"`
	SuppressionThreshold int               `yaml:"suppression_threshold"`
	ProvisionalMonths    int               `yaml:"provisional_months"`
	ITS                  ITSConfig         `yaml:"its"`
	SPC                  SPCConfig         `yaml:"spc"`
	Report               ReportConfig      `yaml:"report"`
	Serve                ServeConfig       `yaml:"serve"`
	Jobs                 JobsConfig        `yaml:"jobs"`
	Sources              SourceConfig      `yaml:"sources"`
	Recipients           []RecipientConfig `yaml:"recipients"`
	Manager              RecipientConfig   `yaml:"manager"`
	SMTP                 SMTPConfig        `yaml:"smtp"`
	Publish              PublishConfig     `yaml:"publish"`
	Ingest               IngestConfig      `yaml:"ingest"`
	// FileMode is who may read what the program writes: private (files
	// 0600, folders 0700) or group (0640, 0750).
	FileMode string       `yaml:"file_mode"`
	Centre   CentreConfig `yaml:"centre"`

	dir        string // folder of the config file: relative paths start there
	dbFromFlag bool   // Database came from --db: relative to the working directory
}

// KeySource says where the pseudonymization key comes from; never the key itself.
type KeySource struct {
	Env  string `yaml:"env"`
	File string `yaml:"file"`
}

// IngestConfig bounds what ingest accepts from one file.
type IngestConfig struct {
	MaxColumns    int `yaml:"max_columns"`     // header fields (too_many_columns)
	MaxFieldBytes int `yaml:"max_field_bytes"` // one field (field_too_long rejects the row)
	MaxLineBytes  int `yaml:"max_line_bytes"`  // one line, and one row with quoted newlines
	// DatesFrom is the earliest plausible date (YYYY-MM-DD) of an activity,
	// an event, an outreach start and an export time.
	DatesFrom string `yaml:"dates_from"`
	// DaysAhead is how far after today a date may lie.
	DaysAhead int `yaml:"days_ahead"`
}

// ITSConfig holds the interrupted-time-series options.
type ITSConfig struct {
	Seasonal    bool `yaml:"seasonal"`
	SlopeChange bool `yaml:"slope_change"`
	FloorPhi    bool `yaml:"floor_phi"`
}

// SPCConfig holds the XmR chart options.
type SPCConfig struct {
	Screen           bool `yaml:"screen"`
	FixAfter         int  `yaml:"fix_after"`
	RebaseAtOutreach bool `yaml:"rebase_at_outreach"`
}

// ReportConfig holds the report defaults.
type ReportConfig struct {
	Lang string `yaml:"lang"`
}

// ServeConfig configures `proximite serve`.
type ServeConfig struct {
	Listen string `yaml:"listen"` // loopback address of /healthz, /status and the site
	// Seconds makes the job schedules take a leading seconds field (tests, demos).
	Seconds    bool          `yaml:"seconds"`
	StableWait time.Duration `yaml:"stable_wait"` // pause between the two looks at an inbox file
	StableAge  time.Duration `yaml:"stable_age"`  // an inbox file must be unmodified this long before it is taken
	Recheck    time.Duration `yaml:"recheck"`     // how often the state-based jobs are asked whether they have work
	BusyWait   time.Duration `yaml:"busy_wait"`   // how long a job waits while another process holds the store
	// Month is the month the report, deliver and publish jobs work on:
	// previous (the calendar month before) or latest_data (demos replaying old exports).
	Month string `yaml:"month"`
}

// JobConfig is one scheduled job: a cron spec, a job it follows, or both.
type JobConfig struct {
	Schedule       string `yaml:"schedule"`
	After          string `yaml:"after"`
	CatchUp        bool   `yaml:"catch_up"`         // run at start-up if the last scheduled run was missed
	AllowDSTWindow bool   `yaml:"allow_dst_window"` // allow firing between 02:00 and 03:00
}

// JobsConfig lists the jobs of `proximite serve`.
type JobsConfig struct {
	Pull    JobConfig `yaml:"pull"`
	Compute JobConfig `yaml:"compute"`
	Report  JobConfig `yaml:"report"`
	Deliver JobConfig `yaml:"deliver"`
	Publish JobConfig `yaml:"publish"`
}

// SourceConfig says where the pull job takes exports from and where they go after.
type SourceConfig struct {
	URLs        []URLSource   `yaml:"urls"` // besides the inputs folders
	Staging     string        `yaml:"staging"`
	Archive     string        `yaml:"archive"`
	Quarantine  string        `yaml:"quarantine"`
	Timeout     time.Duration `yaml:"timeout"`
	MaxBytes    int64         `yaml:"max_bytes"`    // a larger download is refused
	ArchiveDays int           `yaml:"archive_days"` // taken files are kept this many days in archive
}

// URLSource is an export published over HTTP(S).
type URLSource struct {
	URL string `yaml:"url"`
	// Name is the file name the download is saved under (e.g.
	// activities_cisss.csv); default: the URL's last path element.
	Name     string `yaml:"name"`
	TokenEnv string `yaml:"token_env"` // environment variable holding the bearer token
}

// fileName is the name a source's download is saved under.
func (u URLSource) fileName() string {
	if u.Name != "" {
		return u.Name
	}
	if p, err := url.Parse(u.URL); err == nil && path.Base(p.Path) != "/" && path.Base(p.Path) != "." {
		return path.Base(p.Path)
	}
	return ""
}

// RecipientConfig is who receives which territories' reports, and how.
type RecipientConfig struct {
	Name        string   `yaml:"name"`
	Territories []string `yaml:"territories"`
	Folder      string   `yaml:"folder"`
	Email       []string `yaml:"email"`
}

// SMTPConfig is the mail server; the password comes from the environment.
type SMTPConfig struct {
	Host        string `yaml:"host"`
	Port        int    `yaml:"port"`
	User        string `yaml:"user"`
	PasswordEnv string `yaml:"password_env"`
	From        string `yaml:"from"`
	// CAFile is a PEM file of the CA that signed the server's certificate
	// (an internal CA); empty = the system's roots.
	CAFile      string        `yaml:"ca_file"`
	MaxAttempts int           `yaml:"max_attempts"` // attempts per delivery before the manager is told
	Backoff     time.Duration `yaml:"backoff"`      // wait after the first failed attempt, doubled after each
}

// PublishConfig configures the research snapshots.
type PublishConfig struct {
	Dir string `yaml:"dir"`
	// Rekey lists the recipients who get their own re-keyed snapshot.
	Rekey     []string `yaml:"rekey"`
	SecretEnv string   `yaml:"secret_env"` // environment variable holding the re-keying secret
	// Coarse lists the recipients (among Rekey) who get age bands instead of birth years.
	Coarse []string `yaml:"coarse"`
}

// CentreConfig identifies the centre whose store this is: the id goes into
// snapshot file names and qualifies area codes when centres are compared.
type CentreConfig struct {
	ID   string `yaml:"id"`
	Name string `yaml:"name"`
}

// defaultConfig is what an empty config.yaml means.
func defaultConfig() Config {
	return Config{
		Version:              configVersion,
		Database:             "out/proximite.duckdb",
		Inputs:               []string{"inbox"},
		ReferenceData:        "reference",
		Output:               "out",
		TimeZone:             "America/Montreal",
		PseudonymKey:         KeySource{Env: "PROXIMITE_PSEUDONYM_KEY"},
		SuppressionThreshold: 5,
		ProvisionalMonths:    2,
		ITS:                  ITSConfig{Seasonal: true, SlopeChange: true},
		SPC:                  SPCConfig{RebaseAtOutreach: true},
		Report:               ReportConfig{Lang: "fr"},
		Serve: ServeConfig{Listen: "127.0.0.1:8787", StableWait: 2 * time.Second, StableAge: 30 * time.Second,
			Recheck: time.Minute, BusyWait: 30 * time.Second, Month: "previous"},
		Jobs: JobsConfig{
			Pull:    JobConfig{Schedule: "5 0-1,3-23 * * *"},
			Compute: JobConfig{After: "pull"},
			Report:  JobConfig{Schedule: "0 6 2 * *", After: "compute", CatchUp: true},
			Deliver: JobConfig{Schedule: "30 0-1,3-23 * * *", After: "report"},
			Publish: JobConfig{Schedule: "0 7 2 * *", CatchUp: true},
		},
		Sources: SourceConfig{Staging: "out/staging", Archive: "archive", Quarantine: "quarantine", Timeout: time.Minute,
			MaxBytes: 1 << 30, ArchiveDays: 90},
		Manager:  RecipientConfig{Name: "manager", Folder: "out/manager"},
		SMTP:     SMTPConfig{Port: 587, PasswordEnv: "PROXIMITE_SMTP_PASSWORD", MaxAttempts: 5, Backoff: 10 * time.Minute},
		Publish:  PublishConfig{Dir: "out/snapshots", SecretEnv: "PROXIMITE_REKEY_SECRET"},
		Ingest:   defaultIngest(),
		FileMode: "private",
		dir:      ".",
	}
}

// defaultIngest bounds ingest as the exports package does by default, with
// dates from 2000-01-01 to a year ahead.
func defaultIngest() IngestConfig {
	l := exports.DefaultLimits()
	return IngestConfig{MaxColumns: l.MaxColumns, MaxFieldBytes: l.MaxFieldBytes, MaxLineBytes: l.MaxLineBytes,
		DatesFrom: "2000-01-01", DaysAhead: 366}
}

// loadConfig reads path strictly: an unknown key is an error naming it and
// its line. A missing file is an error unless allowMissing (then defaults).
func loadConfig(path string, allowMissing bool) (Config, error) {
	c := defaultConfig()
	b, err := os.ReadFile(path)
	if errors.Is(err, os.ErrNotExist) && allowMissing {
		return c, nil
	}
	if err != nil {
		return c, fmt.Errorf("config: %w", err)
	}
	if err := decodeStrict(b, &c); err != nil {
		return c, fmt.Errorf("config %s: %w", path, err)
	}
	c.dir = filepath.Dir(path)
	return c, c.validate(path)
}

func decodeStrict(b []byte, c *Config) error {
	dec := yaml.NewDecoder(bytes.NewReader(b))
	dec.KnownFields(true)
	if err := dec.Decode(c); err != nil && !errors.Is(err, io.EOF) {
		return err
	}
	return nil
}

func (c Config) validate(path string) error {
	switch {
	case c.Version != configVersion:
		return fmt.Errorf("config %s: version %d, this program reads version %d", path, c.Version, configVersion)
	case c.SuppressionThreshold < 1:
		return fmt.Errorf("config %s: suppression_threshold must be at least 1", path)
	case c.ProvisionalMonths < 0:
		return fmt.Errorf("config %s: provisional_months must be 0 or more", path)
	case c.Report.Lang != "fr" && c.Report.Lang != "en":
		return fmt.Errorf("config %s: report.lang must be fr or en", path)
	case c.Serve.Month != "previous" && c.Serve.Month != "latest_data":
		return fmt.Errorf("config %s: serve.month must be previous or latest_data", path)
	}
	if err := c.validatePublish(path); err != nil {
		return err
	}
	if _, err := time.LoadLocation(c.TimeZone); err != nil {
		return fmt.Errorf("config %s: time_zone: %w", path, err)
	}
	if err := c.validateIngest(path); err != nil {
		return err
	}
	return c.validateServe(path)
}

// validateIngest checks the ingest bounds and the file mode.
func (c Config) validateIngest(path string) error {
	in := c.Ingest
	switch {
	case in.MaxColumns < 1 || in.MaxFieldBytes < 1 || in.MaxLineBytes < 1:
		return fmt.Errorf("config %s: ingest.max_columns, max_field_bytes and max_line_bytes must be at least 1", path)
	case in.DaysAhead < 0:
		return fmt.Errorf("config %s: ingest.days_ahead must be 0 or more", path)
	case c.FileMode != "private" && c.FileMode != "group":
		return fmt.Errorf("config %s: file_mode must be private or group", path)
	}
	if _, err := time.Parse(time.DateOnly, in.DatesFrom); err != nil {
		return fmt.Errorf("config %s: ingest.dates_from must be a date YYYY-MM-DD: %w", path, err)
	}
	return nil
}

// validateServe checks the serve, sources and smtp sections.
func (c Config) validateServe(path string) error {
	names := map[string]string{}
	for _, u := range c.Sources.URLs {
		n := u.fileName()
		if n == "" {
			return fmt.Errorf("config %s: sources.urls: %s: give it a name (the file name it is saved under)", path, u.URL)
		}
		if prev, dup := names[n]; dup {
			return fmt.Errorf("config %s: sources.urls: %s and %s are both saved as %q: give each its own name", path, prev, u.URL, n)
		}
		names[n] = u.URL
	}
	switch {
	case c.Sources.MaxBytes < 1:
		return fmt.Errorf("config %s: sources.max_bytes must be at least 1", path)
	case c.Sources.ArchiveDays < 1:
		return fmt.Errorf("config %s: sources.archive_days must be at least 1", path)
	case c.SMTP.MaxAttempts < 1:
		return fmt.Errorf("config %s: smtp.max_attempts must be at least 1", path)
	case c.SMTP.Backoff <= 0:
		return fmt.Errorf("config %s: smtp.backoff must be positive", path)
	case c.Serve.Recheck < 0 || c.Serve.StableAge < 0:
		return fmt.Errorf("config %s: serve.recheck and serve.stable_age cannot be negative", path)
	}
	return nil
}

// dateWindow is the plausible span of dates on the day now.
func (c Config) dateWindow(now time.Time) exports.DateWindow {
	from, _ := time.Parse(time.DateOnly, c.Ingest.DatesFrom)
	y, m, d := now.In(c.location()).AddDate(0, 0, c.Ingest.DaysAhead).Date()
	return exports.DateWindow{From: from, To: time.Date(y, m, d, 0, 0, 0, 0, time.UTC)}
}

// limits are the per-file bounds of ingest.
func (c Config) limits() exports.Limits {
	return exports.Limits{MaxColumns: c.Ingest.MaxColumns, MaxFieldBytes: c.Ingest.MaxFieldBytes, MaxLineBytes: c.Ingest.MaxLineBytes}
}

// umask is the file-creation mask file_mode asks for: every file and
// folder the program (and DuckDB) creates gets at most 0600/0700, or
// 0640/0750 for group.
func (c Config) umask() int {
	if c.FileMode == "group" {
		return 0o027
	}
	return 0o077
}

// storeMode is the mode the store's files are set to after opening.
func (c Config) storeMode() os.FileMode {
	return os.FileMode(0o666 &^ c.umask())
}

// path resolves p against the config file's folder.
func (c Config) path(p string) string {
	if p == "" || filepath.IsAbs(p) {
		return p
	}
	return filepath.Join(c.dir, p)
}

// location returns the configured time zone (validated on load).
func (c Config) location() *time.Location {
	loc, err := time.LoadLocation(c.TimeZone)
	if err != nil {
		return time.UTC
	}
	return loc
}

// printable is the effective configuration with secrets masked.
func (c Config) printable(getenv func(string) string) ([]byte, error) {
	shown := c
	shown.Database = c.dbPath()
	shown.ReferenceData = c.path(c.ReferenceData)
	shown.Output = c.path(c.Output)
	shown.Inputs = nil
	for _, in := range c.Inputs {
		shown.Inputs = append(shown.Inputs, c.path(in))
	}
	out, err := yaml.Marshal(shown)
	if err != nil {
		return nil, err
	}
	return append(out, []byte(keyStatus(c.PseudonymKey, getenv))...), nil
}

// keyStatus says whether a key is available without ever showing it.
func keyStatus(k KeySource, getenv func(string) string) string {
	switch {
	case k.Env != "" && getenv(k.Env) != "":
		return fmt.Sprintf("# pseudonym key: set from $%s (******)\n", k.Env)
	case k.File != "":
		return fmt.Sprintf("# pseudonym key: read from file %s (******)\n", k.File)
	default:
		return "# pseudonym key: NOT CONFIGURED (ingest will refuse to start)\n"
	}
}
