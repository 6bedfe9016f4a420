package pipeline

import (
	"fmt"
	"strings"
	"time"

	"proximite/queries"
)

var frenchMonths = [...]string{"janvier", "février", "mars", "avril", "mai", "juin", "juillet",
	"août", "septembre", "octobre", "novembre", "décembre"}

// monthName writes month as "octobre 2026" (fr) or "October 2026" (en).
func monthName(lang string, month time.Time) string {
	if lang == "en" {
		return month.Format("January 2006")
	}
	return fmt.Sprintf("%s %d", frenchMonths[month.Month()-1], month.Year())
}

// ofMonth is "d'octobre 2026" or "de mars 2026" (French elision), "of October 2026" in English.
func ofMonth(lang string, month time.Time) string {
	name := monthName(lang, month)
	switch {
	case lang == "en":
		return "of " + name
	case strings.ContainsRune("aeiouéâ", []rune(name)[0]):
		return "d'" + name
	default:
		return "de " + name
	}
}

// reportMail is the subject and text of the monthly report e-mail.
func reportMail(lang string, month time.Time, territories []string) (string, string) {
	list := strings.Join(territories, ", ")
	if lang == "en" {
		return "Proximité — monthly report, " + monthName(lang, month),
			fmt.Sprintf("Hello,\n\nAttached is the Proximité monthly report %s for: %s.\n\nThis message is sent automatically.\n", ofMonth(lang, month), list)
	}
	return "Proximité — rapport mensuel, " + monthName(lang, month),
		fmt.Sprintf("Bonjour,\n\nVous trouverez ci-joint le rapport mensuel Proximité %s pour : %s.\n\nCe message est envoyé automatiquement.\n", ofMonth(lang, month), list)
}

// heldNotice is the subject and text telling the manager a month is held.
func heldNotice(lang string, month time.Time, missing []queries.Neighbourhood) (string, string) {
	var hoods strings.Builder
	for _, n := range missing {
		fmt.Fprintf(&hoods, "  - %s (%s)\n", n.Name, n.Code)
	}
	release := fmt.Sprintf("  proximite release --month %s --reason \"…\"\n", month.Format("2006-01"))
	if lang == "en" {
		return "Proximité — reports " + ofMonth(lang, month) + " held back",
			fmt.Sprintf("The reports %s were not sent: the data-quality check found no activity this month in these outreach neighbourhoods:\n%s\n"+
				"Check that the exports are complete; late data releases the month by itself. If the absence of activity is real, release the month:\n%s",
				ofMonth(lang, month), hoods.String(), release)
	}
	return "Proximité — rapports " + ofMonth(lang, month) + " retenus",
		fmt.Sprintf("Les rapports %s n'ont pas été envoyés : le contrôle de qualité des données n'a trouvé aucune activité ce mois-ci dans ces quartiers de proximité :\n%s\n"+
			"Vérifiez que les exportations sont complètes ; des données arrivées en retard libèrent le mois d'elles-mêmes. Si l'absence d'activité est réelle, libérez le mois :\n%s",
			ofMonth(lang, month), hoods.String(), release)
}

// gaveUpNotice is the subject and text telling the manager a delivery gave up.
func gaveUpNotice(lang string, month time.Time, d queries.Delivery, attempts int) (string, string) {
	resend := fmt.Sprintf("  proximite deliver --month %s --resend %s\n", month.Format("2006-01"), d.Recipient)
	if lang == "en" {
		return fmt.Sprintf("Proximité — delivery to %s failed", d.Recipient),
			fmt.Sprintf("The report %s could not be delivered to %s (%s) after %d attempts.\nLast error: %s\n\nOnce the cause is fixed, send it again:\n%s",
				ofMonth(lang, month), d.Recipient, d.Channel, attempts, d.Error, resend)
	}
	return fmt.Sprintf("Proximité — échec de la livraison à %s", d.Recipient),
		fmt.Sprintf("Le rapport %s n'a pas pu être livré à %s (%s) après %d tentatives.\nDernière erreur : %s\n\nUne fois la cause corrigée, renvoyez-le :\n%s",
			ofMonth(lang, month), d.Recipient, d.Channel, attempts, d.Error, resend)
}
