package main

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"fmt"
	"net/http"
	"os"
	"path/filepath"
	"sort"
	"time"

	"proximite/pipeline"
	"proximite/queries"
)

// serveJobs builds the jobs of `proximite serve` from the configuration.
func serveJobs(a *app, cfg Config, key []byte) []pipeline.Job {
	j := cfg.Jobs
	month := pipeline.CalendarMonth(func() time.Time { return a.now().In(cfg.location()) })
	if cfg.Serve.Month == "latest_data" {
		month = pipeline.DataMonth
	}
	job := func(name string, jc JobConfig, due pipeline.DueFunc, run pipeline.JobFunc) pipeline.Job {
		return pipeline.Job{Name: name, Spec: jc.Schedule, After: jc.After, CatchUp: jc.CatchUp,
			AllowDSTWindow: jc.AllowDSTWindow, Due: due, Run: run}
	}
	deliver := deliverOptions(a, cfg)
	report := pipeline.ReportJobOptions{Render: renderReport(a, cfg), Month: month, Territories: territories(cfg),
		Dir: reportsDir(cfg), Now: a.now}
	return []pipeline.Job{
		job("pull", j.Pull, nil, pipeline.PullJob(pullOptions(a, cfg, key))),
		job("compute", j.Compute, pipeline.ComputeDue, pipeline.ComputeJob(serveComputeOptions(cfg))),
		job("report", j.Report, pipeline.OutputDue("report", month, true), pipeline.ReportJob(report)),
		job("deliver", j.Deliver, pipeline.DeliverDue(deliver), pipeline.DeliverJob(deliver, month)),
		job("publish", j.Publish, pipeline.OutputDue("publish", month, false), pipeline.PublishJob(publishOptions(a, cfg), month, cfg.Publish.Rekey)),
	}
}

func pullOptions(a *app, cfg Config, key []byte) pipeline.PullOptions {
	opt := pipeline.PullOptions{
		Folders: cfg.defaultInputs()[1:], Staging: cfg.path(cfg.Sources.Staging),
		Archive: cfg.path(cfg.Sources.Archive), Quarantine: cfg.path(cfg.Sources.Quarantine),
		StableWait: cfg.Serve.StableWait, StableAge: cfg.Serve.StableAge, Client: &http.Client{Timeout: cfg.Sources.Timeout},
		MaxBytes: cfg.Sources.MaxBytes, ArchiveDays: cfg.Sources.ArchiveDays,
		Ingest: cfg.ingestOptions(a, key),
	}
	for _, u := range cfg.Sources.URLs {
		src := pipeline.HTTPSource{URL: u.URL, Name: u.fileName()}
		if u.TokenEnv != "" {
			src.Token = a.getenv(u.TokenEnv)
		}
		opt.URLs = append(opt.URLs, src)
	}
	return opt
}

// serveComputeOptions are the compute job's options (as `proximite compute` without progress).
func serveComputeOptions(cfg Config) pipeline.ComputeOptions {
	opt := pipeline.DefaultComputeOptions()
	opt.ProvisionalMonths = cfg.ProvisionalMonths
	opt.ITS = pipeline.ITSOptions{Seasonal: cfg.ITS.Seasonal, SlopeChange: cfg.ITS.SlopeChange, FloorPhi: cfg.ITS.FloorPhi}
	opt.SPC = pipeline.SPCOptions{Screen: cfg.SPC.Screen, FixAfter: cfg.SPC.FixAfter, RebaseAtOutreach: cfg.SPC.RebaseAtOutreach}
	return opt
}

// renderReport renders a territory's monthly PDF and its HTML site.
func renderReport(a *app, cfg Config) pipeline.ReportFunc {
	return func(ctx context.Context, db *queries.DB, month time.Time, territory, outDir string) ([]string, error) {
		return pipeline.Report(ctx, db, pipeline.ReportOptions{Month: month, Lang: cfg.Report.Lang, Territory: territory,
			HTML: true, OutDir: outDir, Threshold: cfg.SuppressionThreshold, Now: a.now})
	}
}

// reportsDir is where the report job writes YYYY-MM/<territory>/*.pdf.
func reportsDir(cfg Config) string { return filepath.Join(cfg.path(cfg.Output), "reports") }

// territories is every territory some recipient receives, sorted.
func territories(cfg Config) []string {
	seen := map[string]bool{}
	for _, r := range cfg.Recipients {
		for _, t := range r.Territories {
			seen[t] = true
		}
	}
	out := make([]string, 0, len(seen))
	for t := range seen {
		out = append(out, t)
	}
	sort.Strings(out)
	return out
}

func deliverOptions(a *app, cfg Config) pipeline.DeliverOptions {
	opt := pipeline.DeliverOptions{Now: a.now, Manager: recipient(cfg, cfg.Manager), Lang: cfg.Report.Lang,
		MaxAttempts: cfg.SMTP.MaxAttempts, Backoff: cfg.SMTP.Backoff}
	for _, r := range cfg.Recipients {
		opt.Recipients = append(opt.Recipients, recipient(cfg, r))
	}
	if s := cfg.SMTP; s.Host != "" {
		opt.SMTP = &pipeline.SMTPOptions{Host: s.Host, Port: s.Port, User: s.User, From: s.From, Password: a.getenv(s.PasswordEnv)}
		// checkStartUp already refused an unreadable CA file.
		opt.SMTP.TLS, _ = smtpTLS(cfg)
	}
	return opt
}

// smtpTLS is the TLS configuration of the SMTP connection: the system's
// roots, or only the CA of smtp.ca_file (an internal CA).
func smtpTLS(cfg Config) (*tls.Config, error) {
	conf := &tls.Config{ServerName: cfg.SMTP.Host, MinVersion: tls.VersionTLS12}
	if cfg.SMTP.CAFile == "" {
		return conf, nil
	}
	pem, err := os.ReadFile(cfg.path(cfg.SMTP.CAFile))
	if err != nil {
		return nil, fmt.Errorf("smtp.ca_file: %w", err)
	}
	conf.RootCAs = x509.NewCertPool()
	if !conf.RootCAs.AppendCertsFromPEM(pem) {
		return nil, fmt.Errorf("smtp.ca_file %s: no PEM certificate in it", cfg.path(cfg.SMTP.CAFile))
	}
	return conf, nil
}

func recipient(cfg Config, r RecipientConfig) pipeline.Recipient {
	return pipeline.Recipient{Name: r.Name, Territories: r.Territories, Folder: cfg.path(r.Folder), Email: r.Email}
}

func publishOptions(a *app, cfg Config) pipeline.PublishOptions { return publishOptionsFrom(a, cfg) }

// checkRekey refuses re-keyed snapshots without a secret.
func checkRekey(a *app, cfg Config) error {
	if len(cfg.Publish.Rekey) > 0 && a.getenv(cfg.Publish.SecretEnv) == "" {
		return fmt.Errorf("%w: publish.rekey lists recipients but $%s is empty", errConfig, cfg.Publish.SecretEnv)
	}
	return nil
}
