package queries

import (
	"io/fs"
	"reflect"
	"regexp"
	"strings"
	"testing"
)

// TestNameHeadersAreTrue checks that every "-- name: X :kind" header of an
// embedded SQL file names the Queries method that runs it, as sqlc's do.
func TestNameHeadersAreTrue(t *testing.T) {
	header := regexp.MustCompile(`(?m)^-- name: (\w+) :(one|many|exec)\s*$`)
	typ := reflect.TypeOf(&Queries{})
	checked := 0
	for _, fsys := range []fs.FS{sqlFS, indicatorFS} {
		err := fs.WalkDir(fsys, ".", func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || !strings.HasSuffix(p, ".sql") {
				return err
			}
			b, err := fs.ReadFile(fsys, p)
			if err != nil {
				return err
			}
			for _, m := range header.FindAllStringSubmatch(string(b), -1) {
				checked++
				if _, ok := typ.MethodByName(m[1]); !ok {
					t.Errorf("%s: header names %s, but Queries has no such method", p, m[1])
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
	}
	if checked == 0 {
		t.Fatal("no header found: the pattern is broken")
	}
}
