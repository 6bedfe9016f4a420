package main

import (
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"proximite/internal/stats"
	"proximite/pipeline"
)

// modelHeader is the CSV header of --models: one row per neighbourhood ITS
// or placebo (model its), per pooled aggregate model (model pooled) and
// one for the DiD (model did). rr, ci_low, ci_high and p are the level
// change of an ITS or pooled model (its inference says how they were
// computed, t_df on how many degrees of freedom) and the ratio of rate
// ratios (quasi-Poisson) of the DiD, whose cluster-robust columns use t on
// t_df = neighbourhoods − 1. A p-value below 1e-16 is written "<1e-16".
func modelHeader() []string {
	return []string{"model", "area_level", "area_code", "placebo", "status", "reason", "t0", "months_before",
		"months_after", "months", "rr", "ci_low", "ci_high", "p", "slope_rr_year", "slope_ci_low", "slope_ci_high",
		"slope_p", "pretrend_rr_year", "phi", "cluster_ci_low", "cluster_ci_high", "cluster_p", "n_outreach",
		"n_comparison", "inference", "clusters", "t_df"}
}

// exactP is exact for a p-value, never 0: below stats.PFloor it is
// "<1e-16".
func exactP(f *float64) string {
	if f != nil && *f < stats.PFloor {
		return "<1e-16"
	}
	return exact(f)
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
	return []string{m.Model, m.AreaLevel, m.AreaCode, strconv.FormatBool(m.Placebo), m.Status, m.Reason,
		m.T0.Format(time.DateOnly), strconv.Itoa(m.MonthsBefore), strconv.Itoa(m.MonthsAfter),
		strconv.Itoa(m.MonthsBefore + m.MonthsAfter), exact(m.LevelRR), exact(m.LevelCILow), exact(m.LevelCIHigh), exactP(m.LevelP),
		exact(m.SlopeRRYear), exact(m.SlopeCILow), exact(m.SlopeCIHigh), exactP(m.SlopeP), exact(m.PreTrendRRYear), exact(m.Phi),
		"", "", "", "", "", m.Inference, strconv.Itoa(m.Clusters), optInt(m.TDF)}
}

// didRecord is the CSV record of the DiD.
func didRecord(d pipeline.DiDModel) []string {
	return []string{"did", "", "", "false", d.Status, d.Reason, "", "", "", strconv.Itoa(d.Months),
		exact(d.Ratio), exact(d.CILow), exact(d.CIHigh), exactP(d.P), "", "", "", "", "", exact(d.Phi),
		exact(d.ClusterCILow), exact(d.ClusterCIHigh), exactP(d.ClusterP), strconv.Itoa(d.NOutreach), strconv.Itoa(d.NComparison),
		"cluster_t", strconv.Itoa(d.NOutreach + d.NComparison), optInt(d.ClusterDF)}
}

// optInt writes 0 as empty.
func optInt(n int) string {
	if n == 0 {
		return ""
	}
	return strconv.Itoa(n)
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
	fmt.Fprintln(w, "Crisis models: level change at t0 (its = one neighbourhood's interrupted time series; pooled = the area's")
	fmt.Fprintln(w, "outreach neighbourhoods in one model, each from its own start; placebo = comparison neighbourhoods, no outreach)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "area\tplacebo\tmodel\tstatus\tt0\tbefore\tafter\tlevel RR\t95% CI\tp\tinference\tslope RR/year\t95% CI\tpre-trend/year\tphi")
	for _, m := range its {
		status := m.Status
		if m.Reason != "" {
			status += ": " + m.Reason
		}
		fmt.Fprintf(tw, "%s/%s\t%s\t%s\t%s\t%s\t%d\t%d\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\n", m.AreaLevel, m.AreaCode, yesNo(m.Placebo),
			m.Model, status, m.T0.Format("2006-01"), m.MonthsBefore, m.MonthsAfter, est(m.LevelRR), interval(m.LevelCILow, m.LevelCIHigh),
			pval(m.LevelP), inference(m), est(m.SlopeRRYear), interval(m.SlopeCILow, m.SlopeCIHigh), est(m.PreTrendRRYear), est(m.Phi))
	}
	return tw.Flush()
}

func printDiDTable(w io.Writer, did []pipeline.DiDModel) error {
	fmt.Fprintln(w, "Crisis difference in differences (outreach against comparison neighbourhoods)")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "status\tratio of RRs\t95% CI quasi-Poisson\tp\t95% CI cluster-robust (t)\tp cluster\tt df\tphi\toutreach\tcomparison\tmonths")
	for _, d := range did {
		status := d.Status
		if d.Reason != "" {
			status += ": " + d.Reason
		}
		fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\t%s\t%s\t%s\t%d\t%d\t%d\n", status, est(d.Ratio), interval(d.CILow, d.CIHigh), pval(d.P),
			interval(d.ClusterCILow, d.ClusterCIHigh), pval(d.ClusterP), optInt(d.ClusterDF), est(d.Phi), d.NOutreach, d.NComparison, d.Months)
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

// pval shows a p-value to 2 significant digits, never as 0 (below 1e-16:
// "< 1e-16"); NULL is a dash.
func pval(f *float64) string {
	if f == nil {
		return "–"
	}
	return stats.FormatP(*f)
}

// inference says how a model's interval was computed.
func inference(m pipeline.ITSModel) string {
	if m.Inference == "cluster_t" {
		return fmt.Sprintf("cluster-robust, t(%d), %d neighbourhoods", m.TDF, m.Clusters)
	}
	if m.Model == "pooled" {
		return fmt.Sprintf("quasi-Poisson, %d neighbourhood(s)", m.Clusters)
	}
	return "quasi-Poisson"
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
