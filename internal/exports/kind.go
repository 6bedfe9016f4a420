package exports

import (
	"path/filepath"
	"slices"
	"strings"

	"proximite/internal/catalogue"
)

// Kind is the export kind of a file, named as in the contract.
type Kind string

// The six export kinds.
const (
	Activities     Kind = "activities"
	Attendance     Kind = "attendance"
	CrisisEvents   Kind = "crisis_events"
	Neighbourhoods Kind = "neighbourhoods"
	Population     Kind = "population"
	Partners       Kind = "partners"
)

// kinds lists the kinds in the order KindOf tries their prefixes.
var kinds = [...]Kind{Activities, Attendance, CrisisEvents, Neighbourhoods, Population, Partners}

// KindOf returns the kind of a file from its base name (activities*.csv,
// attendance*.csv, ...; case-insensitive), and false when the name fits
// none.
func KindOf(path string) (Kind, bool) {
	base := strings.ToLower(filepath.Base(path))
	if !strings.HasSuffix(base, ".csv") {
		return "", false
	}
	for _, k := range kinds {
		if strings.HasPrefix(base, string(k)) {
			return k, true
		}
	}
	return "", false
}

// Columns returns the canonical output columns of a kind, in order: the
// database columns, which Record.Values follows. It returns nil for an
// unknown kind. The caller may modify the returned slice.
func Columns(k Kind) []string {
	s, ok := schemaOf(k)
	if !ok {
		return nil
	}
	return append([]string(nil), s.out...)
}

// schema describes one kind: its output columns, the input column names
// (person_key is read from client_id) and which input columns the file must
// have.
type schema struct {
	out      []string
	in       []string
	required []bool
}

func schemaOf(k Kind) (schema, bool) {
	switch k {
	case Activities:
		return activitiesSchema, true
	case Attendance:
		return attendanceSchema, true
	case CrisisEvents:
		return crisisSchema, true
	case Neighbourhoods:
		return neighbourhoodsSchema, true
	case Population:
		return populationSchema, true
	case Partners:
		return partnersSchema, true
	}
	return schema{}, false
}

// newSchema builds a schema from output names; a name ending in '*' is a
// required column.
func newSchema(cols ...string) schema {
	s := schema{}
	for _, c := range cols {
		name, req := strings.CutSuffix(c, "*")
		s.out = append(s.out, name)
		s.required = append(s.required, req)
		if name == "person_key" {
			name = "client_id"
		}
		s.in = append(s.in, name)
	}
	return s
}

// The schemas are read-only after package initialization.
var (
	activitiesSchema = newSchema("activity_id*", "activity_date*", "worker_id*", "neighbourhood*",
		"kind*", "setting*", "planned*", "initiated_by*", "duration_min*", "person_key",
		"new_to_services", "lives_alone", "birth_year", "sex", "group_id", "group_format",
		"participants", "partner_id", "referral_to", "status*", "exported_at*")
	attendanceSchema = newSchema("activity_id*", "person_key*", "new_to_services", "lives_alone",
		"birth_year", "sex", "status*", "exported_at*")
	crisisSchema = newSchema("event_id*", "event_date*", "neighbourhood*", "service*",
		"person_key", "status*", "exported_at*")
	neighbourhoodsSchema = newSchema("code*", "name*", "territory*", "outreach_start")
	populationSchema     = newSchema("neighbourhood*", "year*", "population*", "living_alone*",
		"low_income", "age_65_plus", "social_deprivation_quintile", "material_deprivation_quintile")
	partnersSchema = newSchema("partner_id*", "name*", "sector*")
)

// Output column positions per kind; they follow the newSchema calls above
// (TestColumnIndexes checks them).
const (
	actActivityID = iota
	actDate
	actWorkerID
	actNeighbourhood
	actKind
	actSetting
	actPlanned
	actInitiatedBy
	actDuration
	actPersonKey
	actNewToServices
	actLivesAlone
	actBirthYear
	actSex
	actGroupID
	actGroupFormat
	actParticipants
	actPartnerID
	actReferralTo
	actStatus
	actExportedAt
)

const (
	attActivityID = iota
	attPersonKey
	attNewToServices
	attLivesAlone
	attBirthYear
	attSex
	attStatus
	attExportedAt
)

const (
	criEventID = iota
	criDate
	criNeighbourhood
	criService
	criPersonKey
	criStatus
	criExportedAt
)

const (
	nbhCode = iota
	nbhName
	nbhTerritory
	nbhOutreachStart
)

const (
	popNeighbourhood = iota
	popYear
	popPopulation
	popLivingAlone
	popLowIncome
	popAge65Plus
	popSocialQuintile
	popMaterialQuintile
)

const (
	parPartnerID = iota
	parName
	parSector
)

// enum is a set of enumerated values in their canonical spelling, each
// also boxed once so that storing it in Values does not allocate.
type enum struct {
	names []string
	boxed []any
}

func newEnum(names ...string) enum {
	e := enum{names: names}
	for _, n := range names {
		e.boxed = append(e.boxed, n)
	}
	return e
}

// Enumerated values of the contract.
var (
	activityKinds = newEnum(catalogue.ActivityKinds().Codes()...)
	settings      = newEnum(catalogue.Settings().Codes()...)
	initiators    = newEnum(catalogue.Initiators().Codes()...)
	sexes         = newEnum("F", "M", "X", "U")
	groupFormats  = newEnum(catalogue.GroupFormats().Codes()...)
	referrals     = newEnum(catalogue.ReferralServices().Codes()...)
	statuses      = newEnum("active", "cancelled")
	services      = newEnum(catalogue.CrisisServices().Codes()...)
	sectors       = newEnum(catalogue.PartnerSectors().Codes()...)
)

// Codes returns the values the contract allows in a coded column of k, in
// their canonical spelling, or nil when the column is not coded.
func Codes(k Kind, column string) []string {
	coded := map[Kind]map[string]enum{
		Activities: {"kind": activityKinds, "setting": settings, "initiated_by": initiators, "sex": sexes,
			"group_format": groupFormats, "referral_to": referrals, "status": statuses},
		Attendance:   {"sex": sexes, "status": statuses},
		CrisisEvents: {"service": services, "status": statuses},
		Partners:     {"sector": sectors},
	}
	e, ok := coded[k][column]
	if !ok {
		return nil
	}
	return slices.Clone(e.names)
}
