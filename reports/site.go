package reports

import (
	"bytes"
	"encoding/csv"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strconv"
)

// RenderSite writes the static HTML site into dir (created if needed):
// index.html for the territory (mirroring the PDF, with data quality and
// the annex), one n_<code>.html per neighbourhood, comparison.html for the
// university centre, a <chart id>.csv beside every chart, and
// echarts.min.js, which every page loads by a relative path so the site
// works offline.
func RenderSite(dir string, s Site) error {
	v, err := Build(s.Report)
	if err != nil {
		return err
	}
	b, err := newBuilder(s.Report)
	if err != nil {
		return err
	}
	cmp, err := b.comparisonCharts(s.Comparison, v)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("render site: %w", err)
	}
	js, err := asset("echarts.min.js")
	if err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "echarts.min.js"), js, 0o644); err != nil {
		return fmt.Errorf("render site: %w", err)
	}
	for _, p := range sitePages(v, cmp) {
		if err := writePage(dir, p); err != nil {
			return err
		}
	}
	return nil
}

// htmlPage is one page of the site.
type htmlPage struct {
	File     string
	Title    string
	View     View
	Section  *SectionView
	Charts   []Chart
	Small    bool
	Home     bool
	Intro    []string
	Sections []SectionView
}

func sitePages(v View, cmp []Chart) []htmlPage {
	home := v.Sections[0]
	pages := []htmlPage{{File: "index.html", Title: v.Title, View: v, Section: &home, Charts: home.Charts, Home: true, Sections: v.Sections}}
	for i := range v.Sections[1:] {
		s := v.Sections[i+1]
		pages = append(pages, htmlPage{File: s.ID + ".html", Title: s.Title + " — " + v.Month, View: v, Section: &s, Charts: s.Charts, Sections: v.Sections})
	}
	pages = append(pages, htmlPage{File: "comparison.html", Title: v.Labels.Comparison + " — " + v.Territory, View: v, Charts: cmp, Sections: v.Sections})
	return pages
}

// chartBlock is what the page template needs to place one chart.
type chartBlock struct {
	ID      string
	Wide    bool
	Element template.HTML
	Script  template.HTML
	CSV     string
	Notes   []string
}

func writePage(dir string, p htmlPage) error {
	var blocks []chartBlock
	for _, c := range p.Charts {
		h := "380px"
		if !c.Wide {
			h = "320px"
		}
		if c.Kind == KindRanking {
			h = strconv.Itoa(120+22*len(c.Categories)) + "px"
		}
		sn := echart(c, "100%", h)
		blocks = append(blocks, chartBlock{ID: c.ID, Wide: c.Wide, Element: template.HTML(sn.Element), Script: template.HTML(sn.Script), CSV: c.ID + ".csv", Notes: c.Notes})
		if err := writeCSV(filepath.Join(dir, c.ID+".csv"), c); err != nil {
			return err
		}
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, struct {
		htmlPage
		Blocks []chartBlock
	}{p, blocks}); err != nil {
		return fmt.Errorf("render %s: %w", p.File, err)
	}
	if err := os.WriteFile(filepath.Join(dir, p.File), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("render site: %w", err)
	}
	return nil
}

// writeCSV writes a chart's data, suppressed values as printed ("<5",
// "x") and their value column empty.
func writeCSV(path string, c Chart) error {
	var buf bytes.Buffer
	w := csv.NewWriter(&buf)
	rows := [][]string{{"chart_id", "series", "label", "x", "value", "ci_low", "ci_high", "shown", "provisional", "unstable", "signal"}}
	for _, s := range c.Series {
		for _, p := range s.Points {
			rows = append(rows, []string{c.ID, s.Name, p.Label, num(p.X), num(p.Value), num(p.Lo), num(p.Hi), p.Shown,
				strconv.FormatBool(p.Provisional), strconv.FormatBool(p.Unstable), p.Signal})
		}
	}
	if err := w.WriteAll(rows); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("write %s: %w", path, err)
	}
	return nil
}

func num(v *float64) string {
	if v == nil {
		return ""
	}
	return strconv.FormatFloat(*v, 'f', -1, 64)
}
