package catalogue

// Units shared by several indicators.
var (
	unitCount   = Text{"nombre", "count"}
	unitPct     = Text{"%", "%"}
	unitHours   = Text{"heures", "hours"}
	unitPer1000 = Text{"pour 1 000 résidents", "per 1,000 residents"}
)

func all() []string       { return AllPeriodTypes() }
func monthOnly() []string { return []string{Month} }

// catalogue builds the list afresh on each call, so no caller can alter it.
func catalogue() []Indicator {
	var c []Indicator
	c = append(c, reach()...)
	c = append(c, practice()...)
	c = append(c, groups()...)
	c = append(c, partners()...)
	c = append(c, clinical()...)
	c = append(c, crisis()...)
	c = append(c, quality()...)
	return c
}

func reach() []Indicator {
	return []Indicator{
		{ID: "reach_persons", Section: 1,
			UnitCode: UnitCount, Shape: PersonCount, Rollup: RollupEmit, Suppressible: true,
			Title:      Text{"Personnes rejointes", "Persons reached"},
			Definition: Text{"Personnes distinctes (pseudonymes) rencontrées en intervention individuelle ou inscrites à une activité de groupe dans la période.", "Distinct persons (pseudonyms) met in an individual activity or registered in the attendance of a group activity dated in the period."},
			Numerator:  Text{"personnes distinctes rejointes", "distinct persons reached"},
			Unit:       unitCount, Direction: Up, Periods: all()},
		{ID: "reach_new_to_services_pct", Section: 1,
			UnitCode: UnitPct, Shape: PersonCount, Rollup: RollupEmit, AreaRatio: true, Suppressible: true,
			Title:       Text{"Personnes rejointes nouvelles aux services", "Persons reached new to services"},
			Definition:  Text{"Part des personnes rejointes sans dossier ouvert au CSSS dans les 24 mois précédents, parmi celles dont l'attribut est connu (valeur non vide la plus récente de la période).", "Share of persons reached with no open file at the CSSS in the previous 24 months, among those whose attribute is known (most recent non-empty value in the period)."},
			Numerator:   Text{"personnes rejointes nouvelles aux services", "persons reached new to services"},
			Denominator: Text{"personnes rejointes dont l'attribut est connu", "persons reached with the attribute known"},
			Unit:        unitPct, Direction: Up, Periods: all()},
		{ID: "reach_living_alone_pct", Section: 1,
			UnitCode: UnitPct, Shape: PersonCount, Rollup: RollupEmit, AreaRatio: true, Suppressible: true,
			Title:       Text{"Personnes rejointes vivant seules", "Persons reached living alone"},
			Definition:  Text{"Part des personnes rejointes vivant seules, parmi celles dont l'attribut est connu (valeur non vide la plus récente de la période).", "Share of persons reached living alone, among those whose attribute is known (most recent non-empty value in the period)."},
			Numerator:   Text{"personnes rejointes vivant seules", "persons reached living alone"},
			Denominator: Text{"personnes rejointes dont l'attribut est connu", "persons reached with the attribute known"},
			Unit:        unitPct, Direction: Up, Periods: all()},
		{ID: "reach_rate", Section: 1,
			UnitCode: UnitPer1000, Shape: PersonCount, Rollup: RollupRate, RateBase: "population", Suppressible: true,
			Title:       Text{"Taux de rejoint", "Reach rate"},
			Definition:  Text{"Personnes rejointes pour 1 000 résidents (profil de population de l'année où la période commence).", "Persons reached per 1,000 residents (population profile of the year the period starts)."},
			Numerator:   Text{"personnes rejointes", "persons reached"},
			Denominator: Text{"population", "population"},
			Unit:        unitPer1000, Direction: Up, Periods: all()},
		{ID: "reach_isolated_rate", Section: 1,
			UnitCode: UnitPer1000Alone, Shape: PersonCount, Rollup: RollupRate, RateBase: "living_alone", Suppressible: true,
			Title:       Text{"Rejoint de la population isolée", "Reach into the isolated population"},
			Definition:  Text{"Personnes rejointes vivant seules pour 1 000 résidents vivant seuls.", "Persons reached living alone per 1,000 residents living alone."},
			Numerator:   Text{"personnes rejointes vivant seules", "persons reached living alone"},
			Denominator: Text{"population vivant seule", "population living alone"},
			Unit:        Text{"pour 1 000 résidents vivant seuls", "per 1,000 residents living alone"}, Direction: Up, Periods: all()},
		{ID: "reach_cumulative", Section: 1,
			UnitCode: UnitCount, Shape: PersonCount, Rollup: RollupEmit, Suppressible: true,
			Title:      Text{"Personnes rejointes depuis le début", "Persons reached since the start"},
			Definition: Text{"Personnes distinctes rejointes depuis le début de l'intervention de proximité du quartier (ou les premières données) jusqu'à la fin de la période.", "Distinct persons reached from the neighbourhood's outreach start (or the first data) to the end of the period."},
			Numerator:  Text{"personnes distinctes rejointes depuis le début", "distinct persons reached since the start"},
			Unit:       unitCount, Direction: Up, Periods: all()},
		{ID: "reach_first_contacts", Section: 1,
			UnitCode: UnitCount, Shape: PersonCount, Rollup: RollupEmit, Suppressible: true,
			Title:      Text{"Premiers contacts", "First contacts"},
			Definition: Text{"Personnes dont le tout premier contact dans les données tombe dans la période (comptées dans la zone de ce premier contact).", "Persons whose first ever contact in the data falls in the period (counted in the area of that first contact)."},
			Numerator:  Text{"personnes au premier contact", "persons at first contact"},
			Unit:       unitCount, Direction: Up, Periods: all()},
	}
}

func practice() []Indicator {
	return []Indicator{
		{ID: "activities_by_kind", Section: 2,
			UnitCode: UnitCount, Shape: Count, Rollup: RollupSum, Additive: true, Suppressible: true, Split: &Breakdown{Dimension: "kind", Vocabulary: VocActivityKind},
			Title:      Text{"Activités par type", "Activities by kind"},
			Definition: Text{"Nombre d'activités, au total et par type.", "Count of activities, in total and per kind."},
			Numerator:  Text{"activités", "activities"},
			Unit:       unitCount, Direction: None, Periods: all()},
		{ID: "outreach_hours", Section: 2,
			UnitCode: UnitHours, Shape: Count, Rollup: RollupSum, Additive: true, Divisor: 60, Split: &Breakdown{Dimension: "kind", Vocabulary: VocActivityKind},
			Title:      Text{"Heures d'intervention", "Outreach hours"},
			Definition: Text{"Somme des durées des activités ÷ 60, au total et par type.", "Sum of activity durations ÷ 60, in total and per kind."},
			Numerator:  Text{"minutes ÷ 60", "minutes ÷ 60"},
			Unit:       unitHours, Direction: None, Periods: all()},
		{ID: "proactive_pct", Section: 2,
			UnitCode: UnitPct, Shape: Ratio, Rollup: RollupSum, Suppressible: true,
			Title:       Text{"Interventions proactives", "Proactive interventions"},
			Definition:  Text{"Part des interventions individuelles initiées par l'intervenant ou par un voisin.", "Share of individual activities initiated by the worker or a neighbour."},
			Numerator:   Text{"interventions individuelles initiées par l'intervenant ou un voisin", "individual activities initiated by worker or neighbour"},
			Denominator: Text{"interventions individuelles", "individual activities"},
			Unit:        unitPct, Direction: Up, Periods: all()},
		{ID: "unplanned_pct", Section: 2,
			UnitCode: UnitPct, Shape: Ratio, Rollup: RollupSum, Suppressible: true,
			Title:       Text{"Interventions sans rendez-vous", "Unplanned interventions"},
			Definition:  Text{"Part des interventions individuelles sans rendez-vous.", "Share of individual activities without appointment (planned = N)."},
			Numerator:   Text{"interventions individuelles sans rendez-vous", "unplanned individual activities"},
			Denominator: Text{"interventions individuelles", "individual activities"},
			Unit:        unitPct, Direction: Up, Periods: all()},
		{ID: "living_environment_pct", Section: 2,
			UnitCode: UnitPct, Shape: Ratio, Rollup: RollupSum, Suppressible: true,
			Title:       Text{"Interventions dans le milieu de vie", "Activities in the living environment"},
			Definition:  Text{"Part des activités individuelles, de groupe et collectives tenues au domicile, dans l'espace public, un commerce, une installation communautaire ou chez un partenaire.", "Share of individual, group and collective activities held at home, in public space, a business, a community facility or partner premises."},
			Numerator:   Text{"activités dans le milieu de vie", "activities in the living environment"},
			Denominator: Text{"activités individuelles, de groupe et collectives", "individual, group and collective activities"},
			Unit:        unitPct, Direction: Up, Periods: all()},
	}
}

func groups() []Indicator {
	return []Indicator{
		{ID: "group_sessions", Section: 3,
			UnitCode: UnitCount, Shape: Count, Rollup: RollupSum, Additive: true, Suppressible: true, Split: &Breakdown{Dimension: "group_format", Vocabulary: VocGroupFormat},
			Title:      Text{"Séances de groupe", "Group sessions"},
			Definition: Text{"Activités de groupe, au total et par format (ouvert, fermé, événement).", "Group activities, in total and per format (open, closed, event)."},
			Numerator:  Text{"activités de groupe", "group activities"},
			Unit:       unitCount, Direction: Up, Periods: all()},
		{ID: "group_attendance", Section: 3,
			UnitCode: UnitCount, Shape: Count, Rollup: RollupSum, Additive: true, Suppressible: true,
			Title:      Text{"Présences aux groupes", "Group attendance"},
			Definition: Text{"Somme des participants (nommés ou non) des activités de groupe.", "Sum of participants (named or not) of group activities."},
			Numerator:  Text{"participants", "participants"},
			Unit:       unitCount, Direction: Up, Periods: all()},
		{ID: "group_persons", Section: 3,
			UnitCode: UnitCount, Shape: PersonCount, Rollup: RollupEmit, Suppressible: true,
			Title:      Text{"Personnes inscrites aux groupes", "Persons registered in groups"},
			Definition: Text{"Participants inscrits distincts des activités de groupe.", "Distinct registered attendees of group activities."},
			Numerator:  Text{"participants inscrits distincts", "distinct registered attendees"},
			Unit:       unitCount, Direction: Up, Periods: all()},
		{ID: "group_retention_pct", Section: 3,
			UnitCode: UnitPct, Shape: PersonCount, Suppressible: true,
			Title:       Text{"Rétention aux groupes", "Group retention"},
			Definition:  Text{"Part des participants inscrits présents à 3 séances ou plus dans la période (trimestre et périodes plus longues).", "Share of registered attendees present at 3 or more sessions in the period (quarter and longer periods)."},
			Numerator:   Text{"participants inscrits à 3 séances ou plus", "registered attendees with 3 or more sessions"},
			Denominator: Text{"participants inscrits", "registered attendees"},
			Unit:        unitPct, Direction: Up, Periods: []string{Quarter, FiscalYear, Rolling12m}},
		{ID: "collective_events", Section: 3,
			UnitCode: UnitCount, Shape: Count, Rollup: RollupSum, Additive: true, Suppressible: true, Split: &Breakdown{Dimension: "measure", Vocabulary: VocMeasure, OwnTotal: true},
			Title:      Text{"Activités collectives", "Collective events"},
			Definition: Text{"Nombre d'activités collectives (ventilation measure=participants : somme de leurs participants).", "Count of collective activities (breakdown measure=participants: sum of their participants)."},
			Numerator:  Text{"activités collectives", "collective activities"},
			Unit:       unitCount, Direction: Up, Periods: all()},
	}
}

func partners() []Indicator {
	return []Indicator{
		{ID: "active_partners", Section: 4,
			UnitCode: UnitCount, Shape: Custom, Rollup: RollupDistinct,
			Title:      Text{"Partenaires actifs", "Active partners"},
			Definition: Text{"Partenaires distincts associés à une activité, tous types confondus.", "Distinct partner_id across all activities."},
			Numerator:  Text{"partenaires distincts", "distinct partners"},
			Unit:       unitCount, Direction: Up, Periods: all()},
		{ID: "partner_sectors", Section: 4,
			UnitCode: UnitCount, Shape: Custom, Rollup: RollupDistinct,
			Title:      Text{"Secteurs partenaires", "Partner sectors"},
			Definition: Text{"Secteurs distincts des partenaires actifs.", "Distinct sectors of the active partners."},
			Numerator:  Text{"secteurs distincts", "distinct sectors"},
			Unit:       unitCount, Direction: Up, Periods: all()},
		{ID: "joint_actions", Section: 4,
			UnitCode: UnitCount, Shape: Count, Rollup: RollupSum, Additive: true,
			Title:      Text{"Actions concertées", "Joint actions"},
			Definition: Text{"Activités organisationnelles et collectives avec un partenaire.", "Organizational and collective activities with a partner_id."},
			Numerator:  Text{"activités avec partenaire", "activities with a partner"},
			Unit:       unitCount, Direction: Up, Periods: all()},
		{ID: "referrals_from_partners", Section: 4,
			UnitCode: UnitCount, Shape: Count, Rollup: RollupSum, Additive: true, Suppressible: true,
			Title:      Text{"Références par les partenaires", "Referrals from partners"},
			Definition: Text{"Interventions individuelles initiées par un partenaire.", "Individual activities initiated by a partner."},
			Numerator:  Text{"interventions individuelles initiées par un partenaire", "individual activities initiated by a partner"},
			Unit:       unitCount, Direction: Up, Periods: all()},
		{ID: "referrals_to_services", Section: 4,
			UnitCode: UnitCount, Shape: Count, Rollup: RollupSum, Additive: true, Suppressible: true, Split: &Breakdown{Dimension: "service", Vocabulary: VocReferral},
			Title:      Text{"Orientations vers les services", "Referrals to services"},
			Definition: Text{"Activités avec une orientation vers un service spécialisé, au total et par service.", "Activities with a referral to a specialized service, in total and per service."},
			Numerator:  Text{"activités avec orientation", "activities with a referral"},
			Unit:       unitCount, Direction: Up, Periods: all()},
	}
}

func clinical() []Indicator {
	return []Indicator{
		{ID: "clinical_support_hours_per_worker", Section: 5,
			UnitCode: UnitHours, Shape: Custom,
			Title:       Text{"Soutien clinique par intervenant", "Clinical support per worker"},
			Definition:  Text{"Heures de soutien clinique ÷ intervenants distincts ayant au moins une activité dans la période.", "Hours of clinical_support activities ÷ distinct workers with any activity in the period."},
			Numerator:   Text{"heures de soutien clinique", "clinical support hours"},
			Denominator: Text{"intervenants actifs", "active workers"},
			Unit:        Text{"heures par intervenant", "hours per worker"}, Direction: None, Periods: all()},
	}
}

func crisis() []Indicator {
	return []Indicator{
		{ID: "crisis_events", Section: 6,
			UnitCode: UnitCount, Shape: Count, Rollup: RollupSum, Additive: true, Suppressible: true, Split: &Breakdown{Dimension: "service", Vocabulary: VocCrisisService},
			Title:      Text{"Événements de crise", "Crisis events"},
			Definition: Text{"Services de crise reçus par les résidents, quel que soit le dispensateur, au total et par service.", "Crisis services received by residents, whoever delivered them, in total and per service."},
			Numerator:  Text{"événements de crise", "crisis events"},
			Unit:       unitCount, Direction: Down, Periods: all()},
		{ID: "crisis_rate", Section: 6,
			UnitCode: UnitPer1000PY, Shape: Custom, Suppressible: true, NumeratorOf: "crisis_events",
			Title:       Text{"Taux d'événements de crise", "Crisis event rate"},
			Definition:  Text{"Événements de crise ÷ personnes-temps × 1 000, intervalle de Poisson exact à 95 % (Garwood). Personnes-temps : somme, jour par jour, de la population applicable ÷ 365,25.", "Crisis events ÷ person-time × 1,000, exact Poisson 95% interval (Garwood). Person-time: sum, day by day, of the applicable population ÷ 365.25."},
			Numerator:   Text{"événements de crise", "crisis events"},
			Denominator: Text{"personnes-années", "person-years"},
			Unit:        Text{"pour 1 000 personnes-années", "per 1,000 person-years"}, Direction: Down, Periods: all()},
		{ID: "crisis_rate_ratio_baseline", Section: 6,
			UnitCode: UnitRatio, Shape: Custom, Suppressible: true,
			Title:       Text{"Rapport de taux de crise à la période de référence", "Crisis rate ratio to baseline"},
			Definition:  Text{"Taux de crise des 12 mois se terminant avec le mois ÷ taux des 12 mois précédant le début de l'intervention de proximité; IC 95 % par la méthode logarithmique. Quartiers avec intervention (agrégats : leurs quartiers avec intervention, début le plus précoce), à partir du début.", "Crisis rate of the 12 months ending with the month ÷ rate of the 12 months before outreach_start; 95% CI by the log method. Outreach neighbourhoods (aggregates: their outreach neighbourhoods, earliest start), from the start on."},
			Numerator:   Text{"taux des 12 derniers mois", "rate of the last 12 months"},
			Denominator: Text{"taux des 12 mois avant le début", "rate of the 12 months before the start"},
			Unit:        Text{"rapport", "ratio"}, Direction: Down, Periods: monthOnly(),
			Levels: []string{"neighbourhood", "territory", "group"}},
	}
}

func quality() []Indicator {
	return []Indicator{
		{ID: "dq_rows_loaded", Section: 8,
			UnitCode: UnitCount, Shape: Custom, Rollup: RollupEmit,
			Title:      Text{"Lignes chargées", "Rows loaded"},
			Definition: Text{"Lignes stockées par les chargements commencés dans le mois.", "Rows stored by the loads started in the month."},
			Numerator:  Text{"lignes chargées", "rows loaded"},
			Unit:       unitCount, Direction: None, Periods: monthOnly(), Levels: []string{"all"}},
		{ID: "dq_rows_rejected", Section: 8,
			UnitCode: UnitCount, Shape: Custom, Split: &Breakdown{Dimension: "reason", Vocabulary: ""},
			Title:      Text{"Lignes rejetées", "Rows rejected"},
			Definition: Text{"Lignes refusées par les chargements commencés dans le mois, au total et par motif.", "Rows refused by the loads started in the month, in total and per reason."},
			Numerator:  Text{"lignes rejetées", "rows rejected"},
			Unit:       unitCount, Direction: Down, Periods: monthOnly(), Levels: []string{"all"}},
		{ID: "dq_files_rejected", Section: 8,
			UnitCode: UnitCount, Shape: Custom, Rollup: RollupEmit,
			Title:      Text{"Fichiers rejetés", "Files rejected"},
			Definition: Text{"Fichiers refusés en entier par les chargements commencés dans le mois.", "Whole files refused by the loads started in the month."},
			Numerator:  Text{"fichiers rejetés", "files rejected"},
			Unit:       unitCount, Direction: Down, Periods: monthOnly(), Levels: []string{"all"}},
		{ID: "dq_lives_alone_known_pct", Section: 8,
			UnitCode: UnitPct, Shape: Ratio, Rollup: RollupSum, Suppressible: true,
			Title:       Text{"Complétude : vit seul", "Completeness: lives alone"},
			Definition:  Text{"Part des interventions individuelles où « vit seul » est connu.", "Share of individual activities with lives_alone known."},
			Numerator:   Text{"interventions individuelles avec l'attribut connu", "individual activities with the attribute known"},
			Denominator: Text{"interventions individuelles", "individual activities"},
			Unit:        unitPct, Direction: Up, Periods: all()},
		{ID: "dq_new_to_services_known_pct", Section: 8,
			UnitCode: UnitPct, Shape: Ratio, Rollup: RollupSum, Suppressible: true,
			Title:       Text{"Complétude : nouveau aux services", "Completeness: new to services"},
			Definition:  Text{"Part des interventions individuelles où « nouveau aux services » est connu.", "Share of individual activities with new_to_services known."},
			Numerator:   Text{"interventions individuelles avec l'attribut connu", "individual activities with the attribute known"},
			Denominator: Text{"interventions individuelles", "individual activities"},
			Unit:        unitPct, Direction: Up, Periods: all()},
		{ID: "dq_days_since_activity", Section: 8,
			UnitCode: UnitDays, Shape: Custom, Rollup: RollupLatest,
			Title:      Text{"Fraîcheur : dernière activité", "Freshness: latest activity"},
			Definition: Text{"Jours entre la dernière date d'activité (au plus tard la fin de la période) et la fin de la période; vide si aucune activité.", "Days from the latest activity_date (not after the period end) to the period end; empty when there is none."},
			Numerator:  Text{"jours", "days"},
			Unit:       Text{"jours", "days"}, Direction: Down, Periods: monthOnly()},
		{ID: "dq_days_since_crisis_event", Section: 8,
			UnitCode: UnitDays, Shape: Custom, Rollup: RollupLatest,
			Title:      Text{"Fraîcheur : dernier événement de crise", "Freshness: latest crisis event"},
			Definition: Text{"Jours entre la dernière date d'événement de crise (au plus tard la fin de la période) et la fin de la période; vide si aucun.", "Days from the latest event_date (not after the period end) to the period end; empty when there is none."},
			Numerator:  Text{"jours", "days"},
			Unit:       Text{"jours", "days"}, Direction: Down, Periods: monthOnly()},
		{ID: "dq_gap_neighbourhoods", Section: 8,
			UnitCode: UnitCount, Shape: Custom,
			Title:      Text{"Quartiers sans données", "Neighbourhoods without data"},
			Definition: Text{"Quartiers sans aucune activité ni événement de crise dans le mois alors qu'ils en avaient avant (signalés).", "Neighbourhoods with no activity and no crisis event in the month although they had data before (flagged)."},
			Numerator:  Text{"quartiers en rupture", "neighbourhoods with a gap"},
			Unit:       unitCount, Direction: Down, Periods: monthOnly()},
		{ID: "dq_outliers", Section: 8,
			UnitCode: UnitZScore, Shape: Custom, Split: &Breakdown{Dimension: "series", Vocabulary: VocOutlierSeries, NoTotal: true},
			Title:      Text{"Valeurs aberrantes", "Outliers"},
			Definition: Text{"Score z modifié du compte mensuel (series=activities ou series=crisis_events) par rapport aux 24 mois précédents du même quartier; signalé au-delà de 3,5.", "Modified z-score of the monthly count (series=activities or series=crisis_events) against the same neighbourhood's previous 24 months; flagged above 3.5."},
			Numerator:  Text{"compte du mois", "count of the month"},
			Unit:       Text{"score z modifié", "modified z-score"}, Direction: None,
			Periods: monthOnly(), Levels: []string{"neighbourhood"}},
	}
}
