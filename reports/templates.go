package reports

import (
	"embed"
	"html/template"
)

//go:embed templates/page.html.tmpl templates/proximite.js
var templateFS embed.FS

// pageTemplate is parsed once and only read afterwards.
var pageTemplate = template.Must(template.ParseFS(templateFS, "templates/page.html.tmpl"))

// siteScript returns proximite.js: the fixed formatters and the code that
// reads each chart's JSON and draws it. It is the only script the pages
// run besides ECharts, and it is never built from data.
func siteScript() ([]byte, error) {
	return templateFS.ReadFile("templates/proximite.js")
}
