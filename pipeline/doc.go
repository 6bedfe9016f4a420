// Package pipeline owns the stages of Proximité (ingest, compute, render,
// deliver, publish) and the jobs that chain them. It adapts database rows into
// the plain values the reports package draws; it never parses YAML.
package pipeline
