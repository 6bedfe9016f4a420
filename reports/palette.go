package reports

import "fmt"

// rgb is a colour as 0xRRGGBB; the palette is shared by the PDF and the
// HTML charts.
type rgb uint32

func (c rgb) parts() (int, int, int) { return int(c >> 16 & 255), int(c >> 8 & 255), int(c & 255) }

func (c rgb) hex() string { return fmt.Sprintf("#%06x", uint32(c)) }

// The palette: Making Data Count's blue for improvement and orange for
// concern, grey for common cause, a dark slate for observed values.
const (
	colInk         rgb = 0x1f2933
	colMuted       rgb = 0x616e7c
	colGrid        rgb = 0xdee2e7
	colBand        rgb = 0x1b3a5c
	colObserved    rgb = 0x2c3e50
	colCI          rgb = 0xd6e2f0
	colFitted      rgb = 0x00897b
	colCounterfact rgb = 0x8e44ad
	colImprovement rgb = 0x289de0
	colConcern     rgb = 0xfab428
	colCommon      rgb = 0x7b7d7d
	colBar         rgb = 0x3d7eaa
	colProvisional rgb = 0xf1f3f6
	colRowAlt      rgb = 0xf6f8fa
	colMarker      rgb = 0xc0392b
)

// seriesColour returns the colour of a series by role; observed series
// take the observed colours in order.
func seriesColour(role Role, i int) rgb {
	switch role {
	case RoleFitted:
		return colFitted
	case RoleCounterfactual:
		return colCounterfact
	case RoleCentre, RoleLimit, RoleLimit95:
		return colCommon
	case RoleLimit998:
		return colMarker
	case RoleBar:
		return colBar
	}
	return [...]rgb{colObserved, colImprovement, colFitted, colConcern}[i%4]
}

func signalColour(s string) rgb {
	switch s {
	case "improvement":
		return colImprovement
	case "concern":
		return colConcern
	}
	return colCommon
}
