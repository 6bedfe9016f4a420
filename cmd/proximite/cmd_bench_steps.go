package main

// benchCommand is a verb run and timed after the ingest by `proximite bench`.
type benchCommand struct {
	name string
	args []string
}

// benchAfterIngest lists the stages timed after ingest; it grows as compute
// and report land.
func benchAfterIngest(db string) []benchCommand {
	return nil
}
