package main

import (
	"fmt"
	"regexp"
	"slices"

	"proximite/pipeline"
)

// safeConfigName is what a centre id or re-keyed recipient may look like:
// it becomes part of a file name.
var safeConfigName = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9_-]{0,62}$`)

// validatePublish checks the centre and the re-keyed recipients.
func (c Config) validatePublish(path string) error {
	if c.Centre.ID != "" && !safeConfigName.MatchString(c.Centre.ID) {
		return fmt.Errorf("config %s: centre.id %q: letters, digits, - and _ only", path, c.Centre.ID)
	}
	for _, r := range c.Publish.Rekey {
		if !safeConfigName.MatchString(r) {
			return fmt.Errorf("config %s: publish.rekey %q: letters, digits, - and _ only", path, r)
		}
	}
	for _, r := range c.Publish.Coarse {
		if !slices.Contains(c.Publish.Rekey, r) {
			return fmt.Errorf("config %s: publish.coarse %q is not in publish.rekey", path, r)
		}
	}
	return nil
}

// publishOptionsFrom builds the snapshot options from the configuration:
// centre, recipients, the compute and suppression settings it records.
func publishOptionsFrom(a *app, cfg Config) pipeline.PublishOptions {
	opt := pipeline.PublishOptions{Dir: cfg.path(cfg.Publish.Dir), Version: version, Now: a.now,
		Centre:     pipeline.Centre{ID: cfg.Centre.ID, Name: cfg.Centre.Name},
		Recipients: cfg.Publish.Rekey, Coarse: cfg.Publish.Coarse,
		Compute: computeOptions(cfg, a), SuppressionThreshold: cfg.SuppressionThreshold,
		Location: cfg.location()}
	if cfg.Publish.SecretEnv != "" {
		opt.RekeySecret = []byte(a.getenv(cfg.Publish.SecretEnv))
	}
	return opt
}
