package pipeline

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// Report outputs are written under a temporary name first: hidden, and
// ending in ".tmp-" and a random suffix, so that no consumer's pattern
// (deliver's *.pdf, the served site's folder) ever matches a file being
// written. tempMarker is what removeStaleTemps looks for.
const tempMarker = ".tmp-"

// tempName is a fresh temporary name beside path.
func tempName(path string) string {
	b := make([]byte, 6)
	rand.Read(b)
	return filepath.Join(filepath.Dir(path), "."+filepath.Base(path)+tempMarker+hex.EncodeToString(b))
}

// createTemp creates a temporary file beside path; its mode is 0666 less
// the umask (the configured file mode), as for any file the program writes.
func createTemp(path string) (*os.File, error) {
	for {
		f, err := os.OpenFile(tempName(path), os.O_RDWR|os.O_CREATE|os.O_EXCL, 0o666)
		if !errors.Is(err, fs.ErrExist) {
			return f, err
		}
	}
}

// mkdirTemp creates a temporary folder beside path.
func mkdirTemp(path string) (string, error) {
	if err := os.MkdirAll(filepath.Dir(path), 0o777); err != nil {
		return "", err
	}
	for {
		p := tempName(path)
		err := os.Mkdir(p, 0o777)
		if !errors.Is(err, fs.ErrExist) {
			return p, err
		}
	}
}

// replaceDir puts the folder tmp in place of dir: the old folder is moved
// aside under a temporary name, the new one renamed in, the old removed.
// A kill in between leaves no folder at dir (the next run writes it) and
// never a partial one.
func replaceDir(tmp, dir string) error {
	old := tempName(dir)
	if err := os.Rename(dir, old); err != nil && !errors.Is(err, fs.ErrNotExist) {
		return err
	}
	if err := os.Rename(tmp, dir); err != nil {
		return err
	}
	return os.RemoveAll(old)
}

// removeStaleTemps removes the temporary files and folders a killed report
// run left in dirs.
func removeStaleTemps(dirs ...string) error {
	var errs []error
	for _, dir := range dirs {
		entries, err := os.ReadDir(dir)
		if errors.Is(err, fs.ErrNotExist) {
			continue
		}
		if err != nil {
			return err
		}
		for _, e := range entries {
			if strings.HasPrefix(e.Name(), ".") && strings.Contains(e.Name(), tempMarker) {
				errs = append(errs, os.RemoveAll(filepath.Join(dir, e.Name())))
			}
		}
	}
	return errors.Join(errs...)
}
