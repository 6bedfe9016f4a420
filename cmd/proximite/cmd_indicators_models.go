package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"proximite/pipeline"
)

// modelHeader is the CSV header of --models: one row per ITS (model its)
// and one for the DiD (model did). rr, ci_low, ci_high and p are the level
// change of an ITS and the ratio of rate ratios (quasi-Poisson) of the DiD.
func modelHeader() []string {
	return []string{"model", "area_level", "area_code", "placebo", "status", "reason", "t0", "months_before",
		"months_after", "months", "rr", "ci_low", "ci_high", "p", "slope_rr_year", "slope_ci_low", "slope_ci_high",
		"slope_p", "pretrend_rr_year", "phi", "cluster_ci_low", "cluster_ci_high", "cluster_p", "n_outreach",
		"n_comparison"}
}

// exact formats a nullable number exactly and compactly (p-values can be
// tiny); NULL is empty.
func exact(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'g', -1, 64)
}

// itsRecord is the CSV record of an ITS.
func itsRecord(m pipeline.ITSModel) []string {
	return []string{"its", m.AreaLevel, m.AreaCode, strconv.FormatBool(m.Placebo), m.Status, m.Reason,
		m.T0.Format(time.DateOnly), strconv.Itoa(m.MonthsBefore), strconv.Itoa(m.MonthsAfter),
		strconv.Itoa(m.MonthsBefore + m.MonthsAfter), exact(m.LevelRR), exact(m.LevelCILow), exact(m.LevelCIHigh), exact(m.LevelP),
		exact(m.SlopeRRYear), exact(m.SlopeCILow), exact(m.SlopeCIHigh), exact(m.SlopeP), exact(m.PreTrendRRYear), exact(m.Phi),
		"", "", "", "", ""}
}

// didRecord is the CSV record of the DiD.
func didRecord(d pipeline.DiDModel) []string {
	return []string{"did", "", "", "false", d.Status, d.Reason, "", "", "", strconv.Itoa(d.Months),
		exact(d.Ratio), exact(d.CILow), exact(d.CIHigh), exact(d.P), "", "", "", "", "", exact(d.Phi),
		exact(d.ClusterCILow), exact(d.ClusterCIHigh), exact(d.ClusterP), strconv.Itoa(d.NOutreach), strconv.Itoa(d.NComparison)}
}

// printModels prints the crisis models in format.
func printModels(w io.Writer, format string, m pipeline.Models) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(m)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(modelHeader())
		for _, r := range m.ITS {
			cw.Write(itsRecord(r))
		}
		for _, d := range m.DiD {
			cw.Write(didRecord(d))
		}
		cw.Flush()
		return cw.Error()
	}
	if err := printITSTable(w, m.ITS); err != nil || len(m.DiD) == 0 {
		return err
	}
	fmt.Fprintln(w)
	return printDiDTable(w, m.DiD)
}

func printITSTable(w io.Writer, its []pipeline.ITSModel) error {
	fmt.Fprintln(w, "Crisis interrupted time series (level change at t0; placebo = comparison neighbourhood, no outreach)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "area\tplacebo\tstatus\tt0\tbefore\tafter\tlevel RR\t95% CI\tp\tslope RR/year\t95% CI\tpre-trend/year\tphi")
	for _, m := range its {
		status := m.Status
		if m.Reason != "" {
			status += ": " + m.Reason
		}
		fmt.Fprintf(tw, "%s/%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.AreaLevel, m.AreaCode, yesNo(m.Placebo),
			status, m.T0.Format("2006-01"), m.MonthsBefore, m.MonthsAfter, est(m.LevelRR), interval(m.LevelCILow, m.LevelCIHigh),
			pval(m.LevelP), est(m.SlopeRRYear), interval(m.SlopeCILow, m.SlopeCIHigh), est(m.PreTrendRRYear), est(m.Phi))
	}
	return tw.Flush()
}

func printDiDTable(w io.Writer, did []pipeline.DiDModel) error {
	fmt.Fprintln(w, "Crisis difference in differences (outreach against comparison neighbourhoods)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "status\tratio of RRs\t95% CI quasi-Poisson\tp\t95% CI cluster-robust\tp cluster\tphi\toutreach\tcomparison\tmonths")
	for _, d := range did {
		status := d.Status
		if d.Reason != "" {
			status += ": " + d.Reason
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\n", status, est(d.Ratio), interval(d.CILow, d.CIHigh), pval(d.P),
			interval(d.ClusterCILow, d.ClusterCIHigh), pval(d.ClusterP), est(d.Phi), d.NOutreach, d.NComparison, d.Months)
	}
	return tw.Flush()
}

// est shows an estimate to 4 significant digits; NULL is a dash.
func est(f *float64) string {
	if f == nil {
		return "–"
	}
	return strconv.FormatFloat(*f, 'g', 4, 64)
}

// pval shows a p-value to 2 significant digits; NULL is a dash.
func pval(f *float64) string {
	if f == nil {
		return "–"
	}
	return strconv.FormatFloat(*f, 'g', 2, 64)
}

func interval(lo, hi *float64) string {
	if lo == nil || hi == nil {
		return "–"
	}
	return "[" + est(lo) + ", " + est(hi) + "]"
}

func yesNo(b bool) string {
	if b {
		return "yes"
	}
	return "no"
}
