package catalogue

// Term is one value of a vocabulary: the code the exports and the store use
// and its label in both languages.
type Term struct {
	Code  string
	Label Text
}

// Vocabulary is a closed list of codes of the export contract.
type Vocabulary struct {
	// Name identifies the vocabulary, e.g. "activity_kind".
	Name  string
	Terms []Term
}

// Codes returns the codes of v in their declared order.
func (v Vocabulary) Codes() []string {
	out := make([]string, len(v.Terms))
	for i, t := range v.Terms {
		out[i] = t.Code
	}
	return out
}

// Label returns the label of code, and false when code is not in v.
func (v Vocabulary) Label(code string) (Text, bool) {
	for _, t := range v.Terms {
		if t.Code == code {
			return t.Label, true
		}
	}
	return Text{}, false
}

// Vocabulary names.
const (
	VocActivityKind  = "activity_kind"
	VocGroupFormat   = "group_format"
	VocReferral      = "referral_service"
	VocCrisisService = "crisis_service"
	VocPartnerSector = "partner_sector"
	VocMeasure       = "collective_measure"
	VocOutlierSeries = "outlier_series"
	VocSetting       = "setting"
	VocInitiator     = "initiator"
)

// ActivityKinds is the kind column of activities.
func ActivityKinds() Vocabulary {
	return Vocabulary{VocActivityKind, []Term{
		{"individual", Text{"Individuelle", "Individual"}},
		{"group", Text{"Groupe", "Group"}},
		{"collective", Text{"Collective", "Collective"}},
		{"organizational", Text{"Organisationnelle", "Organizational"}},
		{"clinical_support", Text{"Soutien clinique", "Clinical support"}},
	}}
}

// GroupFormats is the group_format column of group activities.
func GroupFormats() Vocabulary {
	return Vocabulary{VocGroupFormat, []Term{
		{"open", Text{"Ouvert", "Open"}},
		{"closed", Text{"Fermé", "Closed"}},
		{"event", Text{"Événement", "Event"}},
	}}
}

// ReferralServices is the referral_to column of activities.
func ReferralServices() Vocabulary {
	return Vocabulary{VocReferral, []Term{
		{"mental_health", Text{"Santé mentale", "Mental health"}},
		{"addiction", Text{"Dépendances", "Addiction"}},
		{"youth_protection", Text{"Protection de la jeunesse", "Youth protection"}},
		{"home_care", Text{"Soutien à domicile", "Home care"}},
		{"housing", Text{"Logement", "Housing"}},
		{"food_security", Text{"Sécurité alimentaire", "Food security"}},
		{"employment", Text{"Emploi", "Employment"}},
		{"medical", Text{"Médical", "Medical"}},
		{"legal", Text{"Juridique", "Legal"}},
		{"other", Text{"Autre", "Other"}},
	}}
}

// CrisisServices is the service column of crisis events.
func CrisisServices() Vocabulary {
	return Vocabulary{VocCrisisService, []Term{
		{"crisis_intervention", Text{"Intervention de crise", "Crisis intervention"}},
		{"crisis_line", Text{"Ligne de crise", "Crisis line"}},
		{"ed_psychosocial", Text{"Urgence psychosociale", "Psychosocial emergency"}},
		{"police_mental_health", Text{"Police et santé mentale", "Police mental health"}},
		{"other", Text{"Autre", "Other"}},
	}}
}

// PartnerSectors is the sector column of partners.
func PartnerSectors() Vocabulary {
	return Vocabulary{VocPartnerSector, []Term{
		{"community", Text{"Communautaire", "Community"}},
		{"school", Text{"Scolaire", "School"}},
		{"municipal", Text{"Municipal", "Municipal"}},
		{"medical", Text{"Médical", "Medical"}},
		{"institutional", Text{"Institutionnel", "Institutional"}},
		{"housing", Text{"Logement", "Housing"}},
		{"police", Text{"Police", "Police"}},
		{"other", Text{"Autre", "Other"}},
	}}
}

// Settings is the setting column of activities.
func Settings() Vocabulary {
	return Vocabulary{VocSetting, []Term{
		{"home", Text{"Domicile", "Home"}},
		{"public_space", Text{"Espace public", "Public space"}},
		{"commercial", Text{"Commerce", "Business"}},
		{"community_facility", Text{"Installation communautaire", "Community facility"}},
		{"partner_premises", Text{"Chez un partenaire", "Partner premises"}},
		{"clsc", Text{"CLSC", "CLSC"}},
		{"phone", Text{"Téléphone", "Phone"}},
		{"virtual", Text{"Virtuel", "Virtual"}},
	}}
}

// Initiators is the initiated_by column of activities.
func Initiators() Vocabulary {
	return Vocabulary{VocInitiator, []Term{
		{"worker", Text{"Intervenant", "Worker"}},
		{"neighbour", Text{"Voisin", "Neighbour"}},
		{"partner", Text{"Partenaire", "Partner"}},
		{"self", Text{"La personne elle-même", "Self"}},
		{"family", Text{"Famille", "Family"}},
		{"other", Text{"Autre", "Other"}},
	}}
}

// collectiveMeasures are the breakdown cells of collective_events besides
// its total (the count of events).
func collectiveMeasures() Vocabulary {
	return Vocabulary{VocMeasure, []Term{{"participants", Text{"Participants", "Participants"}}}}
}

// outlierSeries are the monthly counts dq_outliers scores.
func outlierSeries() Vocabulary {
	return Vocabulary{VocOutlierSeries, []Term{
		{"activities", Text{"Activités", "Activities"}},
		{"crisis_events", Text{"Événements de crise", "Crisis events"}},
	}}
}

// Vocabularies returns every vocabulary of the contract and of the
// breakdowns, in a fixed order.
func Vocabularies() []Vocabulary {
	return []Vocabulary{ActivityKinds(), GroupFormats(), ReferralServices(), CrisisServices(), PartnerSectors(),
		Settings(), Initiators(), collectiveMeasures(), outlierSeries()}
}

// LookupVocabulary returns the vocabulary named name.
func LookupVocabulary(name string) (Vocabulary, bool) {
	for _, v := range Vocabularies() {
		if v.Name == name {
			return v, true
		}
	}
	return Vocabulary{}, false
}
