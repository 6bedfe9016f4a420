package main

import "context"

// demoCompute runs the steps after ingest; it grows as compute and report land.
func demoCompute(ctx context.Context, a *app, cfg Config, out string) error {
	return nil
}
