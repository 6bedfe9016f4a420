package pipeline

import (
	"strings"

	"proximite/internal/catalogue"
	"proximite/internal/exports"
	"proximite/reports"
)

// serviceLabel names a referral service from its breakdown "service=x".
func serviceLabel(breakdown string) reports.Text {
	_, s, _ := strings.Cut(breakdown, "=")
	return vocabularyLabel(catalogue.ReferralServices(), s)
}

// sectorLabel names a partner sector.
func sectorLabel(sector string) reports.Text {
	return vocabularyLabel(catalogue.PartnerSectors(), sector)
}

// vocabularyLabel is the catalogue's label of code, or "other"'s label when
// code is not in v (the exports refuse such codes, so it cannot happen).
func vocabularyLabel(v catalogue.Vocabulary, code string) reports.Text {
	if l, ok := v.Label(code); ok {
		return reports.Text(l)
	}
	l, _ := v.Label("other")
	return reports.Text(l)
}

// reasonLabel names a row reject reason in both languages, keeping the code
// (which is what rejected_rows stores) in parentheses.
func reasonLabel(code string) reports.Text {
	fr, en := code, code
	switch code {
	case exports.ReasonMissingValue:
		fr, en = "valeur obligatoire manquante", "required value missing"
	case exports.ReasonInvalidDate:
		fr, en = "date invalide", "invalid date"
	case exports.ReasonInvalidTimestamp:
		fr, en = "horodatage invalide", "invalid timestamp"
	case exports.ReasonInvalidFlag:
		fr, en = "indicateur O/N invalide", "invalid Y/N flag"
	case exports.ReasonInvalidValue:
		fr, en = "valeur hors de la liste permise", "value not in the allowed list"
	case exports.ReasonInvalidInteger:
		fr, en = "nombre entier invalide", "invalid integer"
	case exports.ReasonOutOfRange:
		fr, en = "valeur hors limites", "value out of range"
	case exports.ReasonUnknownNeighbourhood:
		fr, en = "quartier inconnu", "unknown neighbourhood"
	case exports.ReasonUnknownPartner:
		fr, en = "partenaire inconnu", "unknown partner"
	case exports.ReasonWrongFieldCount:
		fr, en = "nombre de champs incorrect", "wrong number of fields"
	case exports.ReasonMalformedQuotes:
		fr, en = "guillemets mal formés", "malformed quotes"
	default:
		return reports.Text{FR: code, EN: code}
	}
	return reports.Text{FR: fr + " (" + code + ")", EN: en + " (" + code + ")"}
}
