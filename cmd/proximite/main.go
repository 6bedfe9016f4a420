// Command proximite pulls the outreach teams' activity exports into DuckDB,
// computes outcome indicators per neighbourhood and period, and renders the
// monthly reports. Run `proximite --help` for the verbs.
package main

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"os"
	"os/signal"
	"sort"
	"strings"
	"syscall"
	"time"

	"proximite/pipeline"
)

// version is set at build time with -ldflags "-X main.version=...".
var version = "dev"

// app is what every verb receives: the streams, the logger and the clock.
type app struct {
	stdout, stderr io.Writer
	log            *slog.Logger
	getenv         func(string) string
	now            func() time.Time
	isTerminal     bool
}

// command is one verb of the program.
type command struct {
	summary string
	run     func(ctx context.Context, a *app, args []string) error
}

// commands lists the verbs; each lives in its own cmd_<verb>.go.
func commands() map[string]command {
	return map[string]command{
		"report":     {"render the monthly PDF reports and the HTML site", runReport},
		"compute":    {"compute every indicator for every area and period", runCompute},
		"indicators": {"print computed indicator values or the catalogue", runIndicators},
		"ingest":     {"load export files and folders into the store", runIngest},
		"config":     {"print the effective configuration (secrets masked)", runConfig},
		"fixtures":   {"write a synthetic territory in the export format", runFixtures},
		"bench":      {"for maintainers: time ingest, compute and report on a large fixture", runBench},
		"demo":       {"generate the demo territory, load it, compute and render into out/", runDemo},
		"serve":      {"run the scheduled jobs (pull, compute, report, deliver, publish) until SIGTERM", runServe},
		"status":     {"print the last job runs, the next scheduled times and the deliveries", runStatus},
		"publish":    {"write the read-only research snapshot of a month (DuckDB, Parquet, codebook)", runPublish},
		"deliver":    {"deliver a month's report PDFs to the recipients (folders, e-mail)", runDeliver},
		"compare":    {"compare several centres' research snapshots (comparison store and table)", runCompare},
		"release":    {"release a month held by the data-quality gate, with a recorded reason", runRelease},
	}
}

func main() {
	if code, ok := pipeline.SnapshotWriterMain(); ok { // a child of publish: see pipeline/publish_writer.go
		os.Exit(code)
	}
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt, syscall.SIGTERM)
	defer stop()
	setUmask(defaultConfig().umask()) // private until a configuration says otherwise
	a := &app{
		stdout:     os.Stdout,
		stderr:     os.Stderr,
		log:        newLogger(os.Stderr, os.Getenv("PROXIMITE_LOG")),
		getenv:     os.Getenv,
		now:        time.Now,
		isTerminal: isTerminal(os.Stderr),
	}
	os.Exit(run(ctx, a, os.Args[1:]))
}

// newLogger is the one place logging is configured.
func newLogger(w io.Writer, level string) *slog.Logger {
	var l slog.Level
	if err := l.UnmarshalText([]byte(level)); err != nil {
		l = slog.LevelInfo
	}
	return slog.New(slog.NewTextHandler(w, &slog.HandlerOptions{Level: l}))
}

func isTerminal(f *os.File) bool {
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// run dispatches to a verb and maps its error to the exit code.
func run(ctx context.Context, a *app, args []string) int {
	if len(args) == 0 || isHelp(args[0]) {
		usage(a.stdout)
		if len(args) == 0 {
			return exitUsage
		}
		return exitOK
	}
	if args[0] == "version" || args[0] == "--version" {
		fmt.Fprintln(a.stdout, "proximite", version)
		return exitOK
	}
	cmd, ok := commands()[args[0]]
	if !ok {
		fmt.Fprintf(a.stderr, "proximite: unknown command %q (see proximite --help)\n", args[0])
		return exitUsage
	}
	err := cmd.run(ctx, a, args[1:])
	code := exitCode(err)
	if err != nil && code != exitOK {
		fmt.Fprintf(a.stderr, "proximite %s: %v\n", args[0], err)
	}
	return code
}

func isHelp(s string) bool { return s == "-h" || s == "--help" || s == "-help" || s == "help" }

func usage(w io.Writer) {
	fmt.Fprintln(w, "Proximité: indicators and reports for community outreach teams.")
	fmt.Fprintln(w, "\nUsage: proximite <command> [flags]   (proximite <command> --help for its flags)")
	fmt.Fprintln(w, "\nCommands:")
	cmds := commands()
	names := make([]string, 0, len(cmds))
	for n := range cmds {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		fmt.Fprintf(w, "  %-11s %s\n", n, cmds[n].summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --config FILE (default ./config.yaml) and --db FILE.")
	fmt.Fprintln(w, "Set PROXIMITE_LOG=debug for detailed logs.")
	fmt.Fprint(w, "\n"+exitCodeHelp())
}

// exitCodeHelp lists the exit codes, for --help.
func exitCodeHelp() string {
	var b strings.Builder
	b.WriteString("Exit codes:\n")
	for _, e := range exitCodes {
		fmt.Fprintf(&b, "  %-3d %s\n", e.code, e.meaning)
	}
	return b.String()
}
