package reports

import (
	"embed"
	"html/template"
)

//go:embed templates/page.html.tmpl
var templateFS embed.FS

// pageTemplate is parsed once and only read afterwards.
var pageTemplate = template.Must(template.ParseFS(templateFS, "templates/page.html.tmpl"))
