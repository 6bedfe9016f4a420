package reports

import (
	"fmt"
	"strconv"
	"strings"
	"time"

	"proximite/internal/suppression"
)

func (b *builder) quality() []TableView {
	l, q := b.l, b.r.Quality
	none := l.t("Aucune", "None")
	loads := TableView{Title: l.t("Chargements", "Loads"), Empty: none,
		Header: []string{l.t("Chargement", "Load"), l.t("Lignes chargées", "Rows loaded"), l.t("Lignes rejetées", "Rows rejected"), l.t("Fichiers rejetés", "Files rejected")}}
	for _, ld := range q.Loads {
		loads.Rows = append(loads.Rows, []string{ld.Label, l.count(ld.RowsLoaded), l.count(ld.RowsRejected), l.count(ld.FilesRejected)})
	}
	rej := TableView{Title: l.t("Lignes rejetées par motif", "Rows rejected by reason"), Empty: none,
		Header: []string{l.t("Motif", "Reason"), l.t("Lignes", "Rows")}}
	for _, it := range q.Rejections {
		rej.Rows = append(rej.Rows, []string{l.text(it.Label), l.count(it.Count)})
	}
	comp := TableView{Title: l.t("Complétude", "Completeness"), Empty: none,
		Header: []string{l.t("Attribut", "Attribute"), l.t("Connu", "Known")}}
	for _, s := range q.Completeness {
		comp.Rows = append(comp.Rows, []string{l.text(s.Label), l.pct(s.Pct)})
	}
	return []TableView{loads, rej, comp, b.freshness(), b.outliers()}
}

func (b *builder) freshness() TableView {
	l := b.l
	t := TableView{Title: l.t("Fraîcheur", "Freshness"), Empty: l.t("Aucune", "None"),
		Header: []string{l.t("Quartier", "Neighbourhood"), l.t("Dernière activité", "Latest activity"), l.t("Dernier événement", "Latest event"), l.t("Mois sans données", "Months without data")}}
	for _, f := range b.r.Quality.Freshness {
		gap := l.t("non", "no")
		if f.Gap {
			gap = l.t("oui ⚠", "yes ⚠")
		}
		t.Rows = append(t.Rows, []string{f.Area.Name, b.optDate(f.LastActivity), b.optDate(f.LastEvent), gap})
	}
	return t
}

func (b *builder) optDate(t *time.Time) string {
	if t == nil {
		return "—"
	}
	return b.l.date(*t)
}

func cellStatus(n int64, thr int) suppression.Status { return suppression.Cell(n, thr) }

func (b *builder) outliers() TableView {
	l := b.l
	t := TableView{Title: l.t("Valeurs atypiques (score z modifié > 3,5)", "Outliers (modified z-score > 3.5)"), Empty: l.t("Aucune", "None"),
		Header: []string{l.t("Quartier", "Neighbourhood"), l.t("Indicateur", "Indicator"), l.t("Mois", "Month"), l.t("Nombre", "Count"), "z"}}
	for _, o := range b.r.Quality.Outliers {
		st := suppression.Shown
		if b.cat[o.Indicator].Suppressible {
			st = cellStatus(o.Count, b.thr)
		}
		t.Rows = append(t.Rows, []string{o.Area.Name, b.title(o.Indicator), l.month(o.Month), b.countText(o.Count, st), l.number(o.Z, 1)})
	}
	return t
}

func (b *builder) title(id string) string {
	if ind, ok := b.cat[id]; ok {
		return b.l.text(ind.Title)
	}
	return id
}

func (b *builder) revisions() (TableView, error) {
	l := b.l
	t := TableView{Title: b.labels().Revisions, Empty: l.t("Aucune valeur révisée", "No revised value"),
		Header: []string{l.t("Indicateur", "Indicator"), l.t("Territoire ou quartier", "Area"), l.t("Mois", "Month"), l.t("Ancienne valeur", "Old value"), l.t("Nouvelle valeur", "New value")}}
	j, err := newRevisionJudge(b)
	if err != nil {
		return TableView{}, err
	}
	revs := b.r.Revisions
	oldSt, newSt := make([]suppression.Status, len(revs)), make([]suppression.Status, len(revs))
	inds := make([]Indicator, len(revs))
	for i, rv := range revs {
		if inds[i], err = b.indicator(rv.Indicator); err != nil {
			return TableView{}, err
		}
		oldSt[i], newSt[i] = j.status(inds[i], rv)
	}
	j.complementOld(revs, oldSt)
	for i, rv := range revs {
		t.Rows = append(t.Rows, []string{l.text(inds[i].Title), rv.Area.Name, l.month(rv.Month),
			b.revised(inds[i], rv.Old, oldSt[i]), b.revised(inds[i], rv.New, newSt[i])})
	}
	return t, nil
}

// revised formats a revised value with its suppression status (see
// revisionJudge).
func (b *builder) revised(ind Indicator, v *float64, st suppression.Status) string {
	if st.Suppressed() {
		return suppression.Symbol(st, b.thr)
	}
	if v == nil {
		return "—"
	}
	return b.l.value(*v, ind.Unit)
}

func (b *builder) method() []string {
	l, t := b.l, strconv.Itoa(b.thr)
	return []string{
		l.t(fmt.Sprintf("Suppression des petits nombres : les comptes de 1 à %d sont affichés « <%s » ; zéro est affiché. Un taux ou un pourcentage est supprimé (« x ») quand son numérateur ou son dénominateur l’est. Dans un tableau avec total, et entre le territoire et ses quartiers pour les comptes additifs, quand une seule valeur d’un total est supprimée, la plus petite valeur suivante l’est aussi (« x »), en itérant lignes, colonnes et niveaux jusqu’à stabilité, pour qu’aucune valeur supprimée ne puisse être retrouvée par soustraction ; un total inférieur à %s est supprimé.", b.thr-1, t, t),
			fmt.Sprintf("Small-cell suppression: counts from 1 to %d are shown as “<%s”; zero is shown. A rate or percentage is suppressed (“x”) when its numerator or denominator is. In a table with a total, and between the territory and its neighbourhoods for additive counts, when exactly one value of a total is suppressed, the next smallest value is suppressed too (“x”), iterating rows, columns and levels until stable, so that no suppressed value can be recovered by subtraction; a total below %s is suppressed.", b.thr-1, t, t)),
		b.unsuppressed(),
		l.t("Les taux dont le numérateur est inférieur à 10 sont marqués † : à interpréter avec prudence.",
			"Rates whose numerator is under 10 are marked †: interpret with caution."),
		l.t("Les cartes de contrôle XmR suivent la méthode « Making Data Count » du NHS England : moyenne, limites à ±2,66 fois l’étendue mobile moyenne ; un signal est une amélioration (bleu) ou une préoccupation (orange) selon le sens de l’indicateur.",
			"XmR charts follow NHS England’s “Making Data Count”: mean, limits at ±2.66 times the mean moving range; a signal is an improvement (blue) or a concern (orange) according to the indicator’s direction."),
		l.t("Les mois provisoires, marqués (p), peuvent encore changer ; les valeurs révisées sont listées au rapport suivant.",
			"Provisional months, marked (p), may still change; revised values are listed in the next report."),
	}
}

// unsuppressed says which indicators suppression never touches: those that
// count no person (partners, joint actions, hours, days, data quality).
func (b *builder) unsuppressed() string {
	var titles []string
	for _, ind := range b.r.Catalogue {
		if !ind.Suppressible {
			titles = append(titles, b.l.text(ind.Title))
		}
	}
	return b.l.t("La suppression s’applique aux comptes de personnes et d’événements touchant des personnes, et aux taux qui en découlent. Ne sont jamais supprimés, car ils ne comptent aucune personne : ",
		"Suppression applies to counts of persons and of events about persons, and to the rates derived from them. Never suppressed, as they count no person: ") +
		strings.Join(titles, b.l.t(" ; ", "; ")) + "."
}

func (b *builder) annex() []AnnexEntry {
	l := b.l
	out := make([]AnnexEntry, 0, len(b.r.Catalogue))
	for _, ind := range b.r.Catalogue {
		other := ind.Title.EN
		if !l.fr() {
			other = ind.Title.FR
		}
		out = append(out, AnnexEntry{ID: ind.ID, Title: l.text(ind.Title), Other: other,
			Definition: l.text(ind.Definition), Unit: b.unitWords(ind), Direction: b.direction(ind.Direction),
			Suppressible: ind.Suppressible})
	}
	return out
}

func (b *builder) direction(d string) string {
	switch d {
	case "up":
		return b.l.t("hausse = amélioration", "higher is better")
	case "down":
		return b.l.t("baisse = amélioration", "lower is better")
	}
	return b.l.t("aucun sens", "no direction")
}
