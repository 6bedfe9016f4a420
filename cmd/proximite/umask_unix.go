//go:build unix

package main

import "syscall"

// setUmask sets the process's file-creation mask, so that what the program
// and DuckDB create gets the configured modes whatever the caller's umask.
func setUmask(mask int) { syscall.Umask(mask) }
