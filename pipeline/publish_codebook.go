package pipeline

import (
	"context"
	_ "embed"
	"strings"
	"text/template"

	"proximite/queries"
)

//go:embed publish_codebook.md.tmpl
var codebookText string

// codebookTemplate renders the codebook; cell escapes a table cell.
var codebookTemplate = template.Must(template.New("codebook").
	Funcs(template.FuncMap{"cell": func(s string) string { return strings.ReplaceAll(s, "|", `\|`) }}).
	Parse(codebookText))

// codebookData is what the codebook says.
type codebookData struct {
	Facts                         []fact
	AsOf, Cutoff, TimeZone        string
	Recipient                     string
	Coarse                        bool
	Threshold, Below, Provisional int
	Indicators                    []queries.CodebookIndicator
	Tables                        []queries.SnapshotTable
}

// renderCodebook writes the codebook of the snapshot attached as snap:
// duties and caveats, every indicator of the catalogue, every table and
// column with its comment. It returns the text and the number of tables.
func renderCodebook(ctx context.Context, q *queries.Queries, opt PublishOptions, facts []fact) (string, int, error) {
	inds, err := q.CodebookIndicators(ctx)
	if err != nil {
		return "", 0, err
	}
	tables, err := q.CodebookTables(ctx)
	if err != nil {
		return "", 0, err
	}
	d := codebookData{Facts: facts, AsOf: opt.Month.Format("2006-01"), TimeZone: opt.Location.String(),
		Recipient: opt.Recipient, Coarse: isCoarse(opt), Threshold: opt.SuppressionThreshold,
		Below: opt.SuppressionThreshold - 1, Provisional: opt.Compute.ProvisionalMonths,
		Indicators: inds, Tables: tables}
	for _, f := range facts {
		if f.Key == "exports_before" {
			d.Cutoff = f.Value
		}
	}
	var b strings.Builder
	if err := codebookTemplate.Execute(&b, d); err != nil {
		return "", 0, err
	}
	return b.String(), len(tables), nil
}
