package pipeline

import (
	"bytes"
	"context"
	"crypto/sha256"
	"encoding/base64"
	"encoding/hex"
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
	// Name is the file name the download is saved under (it says which
	// export kind it is); each source has its own.
	Name string
	// Token, when set, is sent as a bearer token (main reads it from the environment).
	Token string
}

// label names the source in messages: its name, or its URL.
func (s HTTPSource) label() string {
	if s.Name != "" {
		return s.Name
	}
	return s.URL
}

// PullOptions configures the pull job.
type PullOptions struct {
	// Folders are the inboxes; each must exist (a missing one fails the pull).
	Folders []string
	URLs    []HTTPSource
	// Staging receives downloaded files until they are ingested.
	Staging, Archive, Quarantine string
	// StableWait is the pause between the two looks at a file's size.
	StableWait time.Duration
	// StableAge is how long a file must have been left unmodified before it
	// is taken (a copy that stalls for less is not taken half-written).
	StableAge time.Duration
	// MaxBytes caps a download (0 = 1 GiB).
	MaxBytes int64
	// ArchiveDays is how long taken files are kept in Archive (0 = 90 days).
	ArchiveDays int
	Client      *http.Client
	Ingest      IngestOptions
}

// candidate is an inbox file and what the looks at it saw.
type candidate struct {
	path string
	look fileLook
}

// oddFile is an inbox entry that is not a regular file, with the reason it
// is quarantined unopened.
type oddFile struct{ path, reason string }

// readyFiles returns the complete regular files of the folders: those with
// a name.done marker, or whose size and modification time did not change
// across two looks StableWait apart and are older than age. Entries that
// are not regular files (pipes, devices, sockets, dangling links) are
// returned apart, never opened. Markers and hidden files are skipped; a
// missing folder is an error that does not stop the others.
func readyFiles(ctx context.Context, folders []string, wait, age time.Duration) ([]candidate, []oddFile, error) {
	first, odd, lookErr := lookAt(folders)
	if len(first) == 0 {
		return nil, odd, lookErr
	}
	select {
	case <-ctx.Done():
		return nil, nil, ctx.Err()
	case <-time.After(wait):
	}
	second, _, _ := lookAt(folders)
	now := time.Now()
	var out []candidate
	for p, st := range second {
		_, done := os.Stat(p + ".done")
		stable := first[p] == st && now.Sub(time.Unix(0, st.modNanos)) >= age
		if done == nil || stable {
			out = append(out, candidate{p, st})
		}
	}
	slices.SortFunc(out, func(a, b candidate) int { return strings.Compare(a.path, b.path) })
	return out, odd, lookErr
}

// fileLook is what one look at a file sees.
type fileLook struct {
	size, modNanos int64
}

func lookAt(folders []string) (map[string]fileLook, []oddFile, error) {
	out := map[string]fileLook{}
	var odd []oddFile
	var errs []error
	for _, dir := range folders {
		if st, err := os.Stat(dir); err != nil || !st.IsDir() {
			errs = append(errs, fmt.Errorf("inbox %s is missing or not a folder (unmounted?): %w", dir, errors.Join(err, fs.ErrNotExist)))
			continue
		}
		err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
			if err != nil || d.IsDir() || strings.HasPrefix(d.Name(), ".") || strings.HasSuffix(d.Name(), ".done") {
				return err
			}
			info, reason := regular(p)
			if reason != "" {
				odd = append(odd, oddFile{p, reason})
				return nil
			}
			out[p] = fileLook{info.Size(), info.ModTime().UnixNano()}
			return nil
		})
		if err != nil {
			errs = append(errs, fmt.Errorf("inbox %s: %w", dir, err))
		}
	}
	return out, odd, errors.Join(errs...)
}

// regular stats p, following a symbolic link, and says why it is not a
// regular file ("" when it is) without ever opening it.
func regular(p string) (fs.FileInfo, string) {
	info, err := os.Stat(p)
	switch {
	case err != nil:
		return nil, "dangling or unreadable link: " + err.Error()
	case info.Mode()&fs.ModeNamedPipe != 0:
		return nil, "named pipe (FIFO), not a regular file: never opened"
	case info.Mode()&(fs.ModeDevice|fs.ModeCharDevice) != 0:
		return nil, "device, not a regular file: never opened"
	case info.Mode()&fs.ModeSocket != 0:
		return nil, "socket, not a regular file: never opened"
	case !info.Mode().IsRegular():
		return nil, "not a regular file (" + info.Mode().Type().String() + "): never opened"
	}
	return info, ""
}

// fetch downloads src into dir with a conditional GET; it returns the file
// written, or "" when the source did not change since the last fetch.
// Every outcome is recorded in source_state, a failure with its reason.
func fetch(ctx context.Context, q *queries.Queries, client *http.Client, src HTTPSource, dir string, maxBytes int64, now time.Time) (string, error) {
	state, err := q.GetSourceState(ctx, src.URL)
	if err != nil && !errors.Is(err, queries.ErrNotFound) {
		return "", err
	}
	state.Error = ""
	resp, err := conditionalGet(ctx, client, src, state)
	if err != nil {
		return "", recordFetch(ctx, q, state, "failed", now, fmt.Errorf("source %s: %w", src.label(), err))
	}
	defer resp.Body.Close()
	switch resp.StatusCode {
	case http.StatusNotModified:
		return "", recordFetch(ctx, q, state, "not_modified", now, nil)
	case http.StatusOK:
	default:
		return "", recordFetch(ctx, q, state, "failed", now, fmt.Errorf("source %s: GET %s: %s", src.label(), src.URL, resp.Status))
	}
	p, err := saveBody(resp, src, dir, maxBytes)
	if err != nil {
		return "", recordFetch(ctx, q, state, "failed", now, fmt.Errorf("source %s: %w", src.label(), err))
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
	if err != nil {
		s.Error = err.Error()
	}
	if perr := q.PutSourceState(ctx, s); perr != nil && err == nil {
		err = perr
	}
	return err
}

// saveBody writes the response to dir under the source's name; it lands
// under a temporary name first so a half download is never taken. The body
// must be complete: its length must match Content-Length, or its SHA-256
// the digest the server declares; a body with neither (delimited only by
// the connection closing) is refused, as is one over maxBytes.
func saveBody(resp *http.Response, src HTTPSource, dir string, maxBytes int64) (string, error) {
	if resp.ContentLength > maxBytes {
		return "", fmt.Errorf("download of %d bytes is over the %d-byte limit", resp.ContentLength, maxBytes)
	}
	digest, hasDigest, err := declaredSHA256(resp.Header)
	if err != nil {
		return "", err
	}
	if resp.ContentLength < 0 && len(resp.TransferEncoding) == 0 && !hasDigest {
		return "", errors.New("the server gives neither Content-Length nor a checksum: a cut download could not be told from a complete one")
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return "", err
	}
	tmp, err := os.CreateTemp(dir, ".download-*")
	if err != nil {
		return "", err
	}
	defer os.Remove(tmp.Name())
	h := sha256.New()
	n, err := io.Copy(io.MultiWriter(tmp, h), io.LimitReader(resp.Body, maxBytes+1))
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	switch {
	case err != nil:
		return "", fmt.Errorf("download cut short after %d bytes: %w", n, err)
	case n > maxBytes:
		return "", fmt.Errorf("download over the %d-byte limit", maxBytes)
	case resp.ContentLength >= 0 && n != resp.ContentLength:
		return "", fmt.Errorf("download cut short: %d of %d bytes", n, resp.ContentLength)
	case hasDigest && !bytes.Equal(h.Sum(nil), digest):
		return "", fmt.Errorf("download does not match the SHA-256 the server declares")
	}
	final := filepath.Join(dir, sourceName(src, resp))
	return final, os.Rename(tmp.Name(), final)
}

// sourceName is the configured name of a source; without one, the name the
// server gives (Content-Disposition) or the URL's last path element.
func sourceName(src HTTPSource, resp *http.Response) string {
	if src.Name != "" {
		return filepath.Base(src.Name)
	}
	if _, params, err := mime.ParseMediaType(resp.Header.Get("Content-Disposition")); err == nil && params["filename"] != "" {
		return filepath.Base(params["filename"])
	}
	return path.Base(strings.SplitN(src.URL, "?", 2)[0])
}

// declaredSHA256 reads the SHA-256 a server declares for the body:
// Repr-Digest (RFC 9530), Digest (RFC 3230) or X-Checksum-SHA256 (hex).
func declaredSHA256(h http.Header) ([]byte, bool, error) {
	for _, name := range []string{"Repr-Digest", "Content-Digest", "Digest"} {
		for _, part := range strings.Split(h.Get(name), ",") {
			alg, val, ok := strings.Cut(strings.TrimSpace(part), "=")
			if !ok || !strings.EqualFold(alg, "sha-256") {
				continue
			}
			b, err := base64.StdEncoding.DecodeString(strings.Trim(val, ":"))
			if err != nil || len(b) != sha256.Size {
				return nil, false, fmt.Errorf("%s header: malformed sha-256 digest", name)
			}
			return b, true, nil
		}
	}
	if v := h.Get("X-Checksum-SHA256"); v != "" {
		b, err := hex.DecodeString(strings.TrimSpace(v))
		if err != nil || len(b) != sha256.Size {
			return nil, false, errors.New("X-Checksum-SHA256 header: malformed")
		}
		return b, true, nil
	}
	return nil, false, nil
}

// pruneArchive removes the archive's day folders older than days.
func pruneArchive(dir string, days int, now time.Time) error {
	entries, err := os.ReadDir(dir)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	cutoff := now.AddDate(0, 0, -days).Format("2006-01-02")
	var errs []error
	for _, e := range entries {
		if _, perr := time.Parse("2006-01-02", e.Name()); perr == nil && e.IsDir() && e.Name() < cutoff {
			errs = append(errs, os.RemoveAll(filepath.Join(dir, e.Name())))
		}
	}
	return errors.Join(errs...)
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
