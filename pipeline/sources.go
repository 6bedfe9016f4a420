package pipeline

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"mime"
	"net/http"
	"os"
	"path"
	"path/filepath"
	"slices"
	"strings"
	"time"

	"proximite/internal/exports"
	"proximite/queries"
)

// HTTPSource is an export published at a URL.
type HTTPSource struct {
	URL string
	// Token, when set, is sent as a bearer token (main reads it from the environment).
	Token string
}

// PullOptions configures the pull job.
type PullOptions struct {
	Folders []string
	URLs    []HTTPSource
	// Staging receives downloaded files until they are ingested.
	Staging, Archive, Quarantine string
	// StableWait is the pause between the two looks at a file's size.
	StableWait time.Duration
	Client     *http.Client
	Ingest     IngestOptions
}

// readyFiles returns the complete files of the folders: those with a
// name.done marker, or whose size and modification time did not change
// across two looks StableWait apart. Markers and hidden files are skipped.
func readyFiles(ctx context.Context, folders []string, wait time.Duration) ([]string, error) {
	first, err := lookAt(folders)
	if err != nil || len(first) == 0 {
		return nil, err
	}
	select {
	case <-ctx.Done():
		return nil, ctx.Err()
	case <-time.After(wait):
	}
	second, err := lookAt(folders)
	if err != nil {
		return nil, err
	}
	var out []string
	for p, st := range second {
		if _, done := os.Stat(p + ".done"); done == nil || first[p] == st {
			out = append(out, p)
		}
	}
	slices.Sort(out)
	return out, nil
}

// fileLook is what one look at a file sees.
type fileLook struct {
	size, modNanos int64
}

func lookAt(folders []string) (map[string]fileLook, error) {
	out := map[string]fileLook{}
	for _, dir := range folders {
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), ".done") {
				return err
			}
			info, err := d.Info()
			if err != nil {
				return err
			}
			out[p] = fileLook{info.Size(), info.ModTime().UnixNano()}
			return nil
		})
		if err != nil && !errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
	}
	return out, nil
}

// fetch downloads src into dir with a conditional GET; it returns the file
// written, or "" when the source did not change since the last fetch.
func fetch(ctx context.Context, q *queries.Queries, client *http.Client, src HTTPSource, dir string, now time.Time) (string, error) {
	state, err := q.GetSourceState(ctx, src.URL)
	if err != nil && !errors.Is(err, queries.ErrNotFound) {
		return "", err
	}
	resp, err := conditionalGet(ctx, client, src, state)
	if err != nil {
		return "", recordFetch(ctx, q, state, "failed", now, err)
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusNotModified:
		return "", recordFetch(ctx, q, state, "not_modified", now, nil)
	case http.StatusOK:
	default:
		return "", recordFetch(ctx, q, state, "failed", now, fmt.Errorf("GET %s: %s", src.URL, resp.Status))
	}
	p, err := saveBody(resp, src.URL, dir)
	if err != nil {
		return "", recordFetch(ctx, q, state, "failed", now, err)
	}
	state.ETag, state.LastModified = resp.Header.Get("ETag"), resp.Header.Get("Last-Modified")
	return p, recordFetch(ctx, q, state, "fetched", now, nil)
}

func conditionalGet(ctx context.Context, client *http.Client, src HTTPSource, state queries.SourceState) (*http.Response, error) {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, src.URL, nil)
	if err != nil {
		return nil, err
	}
	if src.Token != "" {
		req.Header.Set("Authorization", "Bearer "+src.Token)
	}
	if state.ETag != "" {
		req.Header.Set("If-None-Match", state.ETag)
	}
	if state.LastModified != "" {
		req.Header.Set("If-Modified-Since", state.LastModified)
	}
	return client.Do(req)
}

func recordFetch(ctx context.Context, q *queries.Queries, s queries.SourceState, status string, now time.Time, err error) error {
	s.Status, s.CheckedAt = status, now
	if perr := q.PutSourceState(ctx, s); perr != nil && err == nil {
		err = perr
	}
	return err
}

// saveBody writes the response to dir under the name the server gives
// (Content-Disposition) or the URL's last path element; it lands under a
// temporary name first so a half download is never taken.
func saveBody(resp *http.Response, url, dir string) (string, error) {
	name := path.Base(strings.SplitN(url, "?", 2)[0])
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
		name = filepath.Base(params["filename"])
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	final := filepath.Join(dir, name)
	tmp, err := os.CreateTemp(dir, ".download-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	if _, err := io.Copy(tmp, resp.Body); err != nil {
		tmp.Close()
		return "", fmt.Errorf("download %s: %w", url, err)
	}
	if err := tmp.Close(); err != nil {
		return "", err
	}
	return final, os.Rename(tmp.Name(), final)
}

// archive moves a taken file to dir/YYYY-MM-DD/, never overwriting.
func archive(p, dir string, now time.Time) error {
	day := filepath.Join(dir, now.Format("2006-01-02"))
	if err := os.MkdirAll(day, 0o755); err != nil {
		return err
	}
	os.Remove(p + ".done")
	return move(p, freeName(filepath.Join(day, filepath.Base(p))))
}

// quarantine moves a refused file to dir with a .reason.txt beside it.
func quarantine(p, dir, reason string) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	dst := freeName(filepath.Join(dir, filepath.Base(p)))
	os.Remove(p + ".done")
	if err := move(p, dst); err != nil {
		return err
	}
	return os.WriteFile(dst+".reason.txt", []byte(reason+"\n"), 0o644)
}

// freeName returns p, or p with a counter before the extension if p exists.
func freeName(p string) string {
	ext := filepath.Ext(p)
	base := strings.TrimSuffix(p, ext)
	for i := 2; ; i++ {
		if _, err := os.Stat(p); errors.Is(err, fs.ErrNotExist) {
			return p
		}
		p = fmt.Sprintf("%s.%d%s", base, i, ext)
	}
}

// move renames src to dst, copying when they are on different file systems.
func move(src, dst string) error {
	if err := os.Rename(src, dst); err == nil {
		return nil
	}
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.Create(dst)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	if err := out.Close(); err != nil {
		return err
	}
	return os.Remove(src)
}

// isExport reports whether the file name is one of the contract's export kinds.
func isExport(p string) bool {
	_, ok := exports.KindOf(p)
	return ok
}
