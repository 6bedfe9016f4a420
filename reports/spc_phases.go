package reports

// phaseLimits replaces the constant centre and limits of an XmR chart with
// each point's own (re-based charts: one set per phase) and says so in the
// notes, with what each signal means.
func (b *builder) phaseLimits(c *Chart, spc SPC, unit string) {
	l := b.l
	phased := false
	centre, lower, upper := make([]*float64, len(spc.Points)), make([]*float64, len(spc.Points)), make([]*float64, len(spc.Points))
	for i, p := range spc.Points {
		centre[i], lower[i], upper[i] = p.Centre, p.Lower, p.Upper
		phased = phased || (p.Centre != nil && *p.Centre != spc.Centre)
	}
	if phased && len(c.Series) == 4 {
		c.Series[1] = b.model(c.Series[1].Name, RoleCentre, centre, c.Categories, unit)
		c.Series[2] = b.model(c.Series[2].Name, RoleLimit, lower, c.Categories, unit)
		c.Series[3] = b.model(c.Series[3].Name, RoleLimit, upper, c.Categories, unit)
		c.Notes = append(c.Notes, l.t("Limites recalculées au début de l’approche : chaque phase a sa moyenne et ses limites ; un signal compare un mois à sa phase.",
			"Limits recalculated at the outreach start: each phase has its own mean and limits; a signal compares a month with its own phase."))
	}
	c.Notes = append(c.Notes, l.t("Signaux : hors limites ; déplacement = 7 mois d’un côté de la moyenne ; tendance = 7 mois en hausse ou en baisse ; 2 sur 3 = 2 de 3 mois près d’une limite.",
		"Signals: beyond a limit; shift = 7 months on one side of the mean; trend = 7 months rising or falling; 2 of 3 = 2 of 3 months near a limit."))
}
