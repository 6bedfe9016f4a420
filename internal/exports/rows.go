package exports

import "strconv"

// builder fills p.v from one row of its kind and returns the record key.
type builder func(p *parser) string

func builderOf(k Kind) builder {
	switch k {
	case Activities:
		return buildActivity
	case Attendance:
		return buildAttendance
	case CrisisEvents:
		return buildCrisisEvent
	case Neighbourhoods:
		return buildNeighbourhood
	case Population:
		return buildPopulation
	}
	return buildPartner
}

// buildActivity applies the activities table, with the columns required
// by kind.
func buildActivity(p *parser) string {
	id := p.str(actActivityID)
	p.date(actDate)
	p.str(actWorkerID)
	p.neighbourhood(actNeighbourhood)
	kind := p.enum(actKind, activityKinds)
	p.enum(actSetting, settings)
	p.flag(actPlanned)
	p.enum(actInitiatedBy, initiators)
	p.integer(actDuration, 1, 1440)
	if kind == "individual" {
		p.person(actPersonKey)
	} else {
		p.ignorePerson(actPersonKey)
	}
	p.optFlag(actNewToServices)
	p.optFlag(actLivesAlone)
	p.optInt(actBirthYear, 1900, int64(p.opt.Year))
	p.optEnum(actSex, sexes)
	activityGroup(p, kind)
	if kind == "organizational" {
		p.partner(actPartnerID)
	} else {
		p.optPartner(actPartnerID)
	}
	p.optEnum(actReferralTo, referrals)
	p.enum(actStatus, statuses)
	p.timestamp(actExportedAt)
	return id
}

// activityGroup reads group_id, group_format and participants, required
// for group sessions (participants also for collective actions).
func activityGroup(p *parser, kind string) {
	if kind == "group" {
		p.str(actGroupID)
		p.enum(actGroupFormat, groupFormats)
	} else {
		p.optStr(actGroupID)
		p.optEnum(actGroupFormat, groupFormats)
	}
	if kind == "group" || kind == "collective" {
		p.integer(actParticipants, 0, 5000)
	} else {
		p.optInt(actParticipants, 0, 5000)
	}
}

// buildAttendance applies the attendance table; the key is activity_id
// and person_key joined by a NUL byte.
func buildAttendance(p *parser) string {
	id := p.str(attActivityID)
	pk := p.person(attPersonKey)
	p.optFlag(attNewToServices)
	p.optFlag(attLivesAlone)
	p.optInt(attBirthYear, 1900, int64(p.opt.Year))
	p.optEnum(attSex, sexes)
	p.enum(attStatus, statuses)
	p.timestamp(attExportedAt)
	if p.err != nil {
		return ""
	}
	return id + "\x00" + string(pk) // string(pk) in a concatenation makes no copy of its own
}

// buildCrisisEvent applies the crisis_events table.
func buildCrisisEvent(p *parser) string {
	id := p.str(criEventID)
	p.date(criDate)
	p.neighbourhood(criNeighbourhood)
	p.enum(criService, services)
	p.optPerson(criPersonKey)
	p.enum(criStatus, statuses)
	p.timestamp(criExportedAt)
	return id
}

// buildNeighbourhood applies the neighbourhoods table.
func buildNeighbourhood(p *parser) string {
	code := p.str(nbhCode)
	p.str(nbhName)
	p.str(nbhTerritory)
	p.optDate(nbhOutreachStart)
	return code
}

// buildPopulation applies the population table; the key is the
// neighbourhood code and the year joined by a NUL byte.
func buildPopulation(p *parser) string {
	code := p.neighbourhood(popNeighbourhood)
	year := p.integer(popYear, 1900, 2100)
	p.integer(popPopulation, 0, maxCount)
	p.integer(popLivingAlone, 0, maxCount)
	p.optInt(popLowIncome, 0, maxCount)
	p.optInt(popAge65Plus, 0, maxCount)
	p.optInt(popSocialQuintile, 1, 5)
	p.optInt(popMaterialQuintile, 1, 5)
	if p.err != nil {
		return ""
	}
	return code + "\x00" + strconv.FormatInt(year, 10)
}

// maxCount bounds population counts (no upper bound in the contract).
const maxCount = 1<<63 - 1

// buildPartner applies the partners table.
func buildPartner(p *parser) string {
	id := p.str(parPartnerID)
	p.str(parName)
	p.enum(parSector, sectors)
	return id
}
