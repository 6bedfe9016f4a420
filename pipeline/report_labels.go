package pipeline

import (
	"strings"

	"proximite/internal/catalogue"
	"proximite/internal/exports"
	"proximite/reports"
)

// unitOf maps a catalogue unit to the reports' unit codes (which set the
// decimals and which counts suppression sees); days, z-scores and plain
// counts print as whole numbers.
func unitOf(u catalogue.Text) string {
	switch u.EN {
	case "%":
		return "pct"
	case "per 1,000 residents":
		return "per_1000"
	case "per 1,000 residents living alone":
		return "per_1000_alone"
	case "per 1,000 person-years":
		return "per_1000_py"
	case "ratio":
		return "ratio"
	case "hours", "hours per worker":
		return "hours"
	}
	return "count"
}

// catalogueUnit is an indicator's unit in the catalogue; count for an id
// the catalogue does not know.
func catalogueUnit(id string) catalogue.Text {
	if ind, ok := catalogue.Lookup(id); ok {
		return ind.Unit
	}
	return catalogue.Text{FR: "nombre", EN: "count"}
}

// additive reports whether an area's value is the sum of its
// neighbourhoods' (events and activities, not de-duplicated persons).
func additive(id string) bool {
	switch id {
	case "crisis_events", "activities_by_kind", "group_sessions", "group_attendance", "collective_events",
		"joint_actions", "referrals_from_partners", "referrals_to_services":
		return true
	}
	return false
}

// numeratorOf names the additive count a rate is computed from.
func numeratorOf(id string) string {
	if id == "crisis_rate" {
		return "crisis_events"
	}
	return ""
}

// serviceLabel names a referral service from its breakdown "service=x".
func serviceLabel(breakdown string) reports.Text {
	_, s, _ := strings.Cut(breakdown, "=")
	switch s {
	case "mental_health":
		return reports.Text{FR: "Santé mentale", EN: "Mental health"}
	case "addiction":
		return reports.Text{FR: "Dépendances", EN: "Addiction"}
	case "youth_protection":
		return reports.Text{FR: "Protection de la jeunesse", EN: "Youth protection"}
	case "home_care":
		return reports.Text{FR: "Soutien à domicile", EN: "Home care"}
	case "housing":
		return reports.Text{FR: "Logement", EN: "Housing"}
	case "food_security":
		return reports.Text{FR: "Sécurité alimentaire", EN: "Food security"}
	case "employment":
		return reports.Text{FR: "Emploi", EN: "Employment"}
	case "medical":
		return reports.Text{FR: "Médical", EN: "Medical"}
	case "legal":
		return reports.Text{FR: "Juridique", EN: "Legal"}
	}
	return reports.Text{FR: "Autre", EN: "Other"}
}

// sectorLabel names a partner sector.
func sectorLabel(sector string) reports.Text {
	switch sector {
	case "community":
		return reports.Text{FR: "Communautaire", EN: "Community"}
	case "school":
		return reports.Text{FR: "Scolaire", EN: "School"}
	case "municipal":
		return reports.Text{FR: "Municipal", EN: "Municipal"}
	case "medical":
		return reports.Text{FR: "Médical", EN: "Medical"}
	case "institutional":
		return reports.Text{FR: "Institutionnel", EN: "Institutional"}
	case "housing":
		return reports.Text{FR: "Logement", EN: "Housing"}
	case "police":
		return reports.Text{FR: "Police", EN: "Police"}
	}
	return reports.Text{FR: "Autre", EN: "Other"}
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
