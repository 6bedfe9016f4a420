package reports

import (
	"bytes"
	"fmt"
	"html/template"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// RenderSite writes the static HTML site into dir (created if needed):
// index.html for the territory (mirroring the PDF, with data quality and
// the annex), one n_<code>.html per neighbourhood, comparison.html for the
// university centre, a readable CSV beside every chart, echarts.min.js and
// proximite.js (our fixed formatters), which every page loads by a
// relative path so the site works offline.
//
// Names from the data reach the page only through html/template (text and
// attributes) and through JSON that JSON.parse reads from a
// <script type="application/json"> element, with '<', '>' and '&'
// escaped and ECharts' template and go-echarts' function syntax broken
// (inert); no page holds a script built from data.
func RenderSite(dir string, s Site) error {
	v, err := Build(s.Report)
	if err != nil {
		return err
	}
	b, err := newBuilder(s.Report)
	if err != nil {
		return err
	}
	cmp, err := b.comparisonPage(s.Comparison, v)
	if err != nil {
		return err
	}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("render site: %w", err)
	}
	if err := writeScripts(dir); err != nil {
		return err
	}
	names := csvNames{}
	for _, p := range sitePages(v, cmp, s.OtherLang) {
		if err := writePage(dir, p, b.l, names); err != nil {
			return err
		}
	}
	return nil
}

func writeScripts(dir string) error {
	js, err := asset("echarts.min.js")
	if err != nil {
		return err
	}
	own, err := siteScript()
	if err != nil {
		return fmt.Errorf("render site: %w", err)
	}
	for name, b := range map[string][]byte{"echarts.min.js": js, "proximite.js": own} {
		if err := os.WriteFile(filepath.Join(dir, name), b, 0o644); err != nil {
			return fmt.Errorf("render site: %w", err)
		}
	}
	return nil
}

// htmlPage is one page of the site.
type htmlPage struct {
	File     string
	Title    string
	Heading  string
	View     View
	Section  *SectionView
	Charts   []Chart
	Home     bool
	Sections []SectionView
	// Compare is set on the comparison page.
	Compare *comparisonView
	// Other is the same page in the other language ("" for none), and
	// OtherName that language's name in itself.
	Other, OtherLang, OtherName string
}

func sitePages(v View, cmp comparisonView, other string) []htmlPage {
	home := v.Sections[0]
	pages := []htmlPage{{File: "index.html", Title: v.Title, Heading: home.Title, View: v, Section: &home, Charts: home.Charts, Home: true, Sections: v.Sections}}
	for i := range v.Sections[1:] {
		s := v.Sections[i+1]
		pages = append(pages, htmlPage{File: s.ID + ".html", Title: s.Title + " — " + v.Month, Heading: s.Title, View: v, Section: &s, Charts: s.Charts, Sections: v.Sections})
	}
	pages = append(pages, htmlPage{File: "comparison.html", Title: v.Labels.Comparison + " — " + v.Territory, Heading: v.Labels.Comparison,
		View: v, Charts: cmp.Charts, Compare: &cmp, Sections: v.Sections})
	if other != "" {
		lang, name := "en", "English"
		if v.Lang == "en" {
			lang, name = "fr", "Français"
		}
		for i := range pages {
			pages[i].Other, pages[i].OtherLang, pages[i].OtherName = strings.TrimSuffix(other, "/")+"/"+pages[i].File, lang, name
		}
	}
	return pages
}

// chartBlock is what the page template needs to place one chart.
type chartBlock struct {
	ID      string
	Title   string
	Unit    string
	Wide    bool
	Height  string
	Summary string
	Spec    template.JS
	CSV     string
	Notes   []string
	Table   dataTable
}

func writePage(dir string, p htmlPage, l locale, names csvNames) error {
	var blocks []chartBlock
	for _, c := range p.Charts {
		blk, err := chartBlockOf(c, l, p, names)
		if err != nil {
			return fmt.Errorf("render %s: %w", p.File, err)
		}
		if err := writeCSVFile(filepath.Join(dir, blk.CSV), blk.Table, l); err != nil {
			return err
		}
		blocks = append(blocks, blk)
	}
	var buf bytes.Buffer
	if err := pageTemplate.Execute(&buf, struct {
		htmlPage
		Blocks []chartBlock
		Style  template.CSS
		T      siteText
	}{p, blocks, siteColours(), newSiteText(l)}); err != nil {
		return fmt.Errorf("render %s: %w", p.File, err)
	}
	if err := os.WriteFile(filepath.Join(dir, p.File), buf.Bytes(), 0o644); err != nil {
		return fmt.Errorf("render site: %w", err)
	}
	return nil
}

func chartBlockOf(c Chart, l locale, p htmlPage, names csvNames) (chartBlock, error) {
	h := 380
	if !c.Wide {
		h = 320
	}
	if c.Kind == KindRanking || c.Kind == KindBar {
		h = 110 + 24*len(c.Categories)
	}
	so := specOptions{}
	if p.Compare != nil {
		so = p.Compare.options[c.ID]
	}
	spec, err := chartSpecJSON(c, l, so)
	if err != nil {
		return chartBlock{}, err
	}
	prefix := p.Heading
	if p.Compare != nil {
		prefix = l.t("comparaison", "comparison")
	}
	return chartBlock{ID: c.ID, Title: c.Title, Unit: c.Unit, Wide: c.Wide, Height: strconv.Itoa(h) + "px",
		Summary: chartSummary(c, l), Spec: template.JS(spec), CSV: names.name(prefix, c.Title), Notes: c.Notes,
		Table: chartTable(c, l)}, nil
}

// siteColours are the palette's colours as CSS custom properties, so the
// page and the charts share one palette.
func siteColours() template.CSS {
	return template.CSS(fmt.Sprintf("--improve:%s; --concern:%s; --common:%s; --comparison:%s; --observed:%s; --provisional:%s;",
		colImprovementSite.hex(), colConcernSite.hex(), colCommonSite.hex(), colComparison.hex(), colObserved.hex(), colProvisionalSite.hex()))
}

// siteText are the site's own fixed strings in the page's language.
type siteText struct {
	Colon, Nav, Charts, Table, Method, Effects, NoEffect, Shapes string
}

func newSiteText(l locale) siteText {
	return siteText{
		Colon:    l.t(" : ", ": "),
		Nav:      l.t("Pages du rapport", "Report pages"),
		Charts:   l.t("Graphiques", "Charts"),
		Table:    l.t("Tableau des données du graphique", "Chart data table"),
		Method:   l.t("Méthode", "Method"),
		Effects:  l.t("Effet estimé sur les interventions de crise", "Estimated effect on crisis interventions"),
		NoEffect: l.t("Aucun modèle calculé.", "No model computed."),
		Shapes:   l.t("Signaux : ▲ amélioration, ◆ préoccupation, ● aucun (mêmes formes dans les graphiques).", "Signals: ▲ improvement, ◆ concern, ● none (same shapes in the charts)."),
	}
}
