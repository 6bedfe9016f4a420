package main

import (
	"context"
	"encoding/csv"
	"encoding/json"
	"fmt"
	"io"
	"strconv"
	"text/tabwriter"
	"time"

	"proximite/internal/catalogue"
	"proximite/pipeline"
)

func runIndicators(ctx context.Context, a *app, args []string) error {
	fs, c := newFlags(a, "indicators",
		"[--area CODE] [--period 2024-03] [--period-type month|quarter|fiscal_year|rolling_12m] [--indicator ID] [--format table|csv|json] [--list | --models]",
		"Prints computed indicator values (exact, for the team: no suppression), or the catalogue\n"+
			"with --list. --period names a month (YYYY-MM: the month, or the quarter, fiscal year or\n"+
			"12 months containing or ending with it), a quarter (2024-Q1) or a fiscal year (2024-2025).\n"+
			"--models prints the crisis models instead: the interrupted time series of each outreach area\n"+
			"and the placebo test of each comparison neighbourhood (crisis_its), and the difference in\n"+
			"differences (crisis_did, shown only without --area, as it spans every neighbourhood).")
	var f pipeline.IndicatorFilter
	fs.StringVar(&f.AreaCode, "area", "", "area `CODE` (neighbourhood code, territory, outreach, comparison or all)")
	fs.StringVar(&f.Period, "period", "", "`PERIOD` to show")
	fs.StringVar(&f.PeriodType, "period-type", "", "`TYPE`: month, quarter, fiscal_year or rolling_12m")
	fs.StringVar(&f.Indicator, "indicator", "", "indicator `ID`")
	format := fs.String("format", "table", "output `FORMAT`: table, csv or json")
	list := fs.Bool("list", false, "print the catalogue instead of values")
	models := fs.Bool("models", false, "print the crisis models (ITS, placebo tests, DiD) instead of values")
	if err := parse(fs, args); err != nil {
		return err
	}
	if err := checkIndicatorFlags(f, *format); err != nil {
		return err
	}
	if *models && (*list || f.Period != "" || f.PeriodType != "" || f.Indicator != "") {
		return fmt.Errorf("%w: --models takes only --area and --format", errUsage)
	}
	if *list {
		return printCatalogue(a.stdout, *format)
	}
	if f.Period != "" && f.PeriodType == "" {
		f.PeriodType = catalogue.Month
	}
	cfg, err := c.load()
	if err != nil {
		return err
	}
	db, err := openForReading(ctx, a, cfg)
	if err != nil {
		return err
	}
	defer db.Close()
	if *models {
		m, err := pipeline.ReadModels(ctx, db, f.AreaCode)
		if err != nil {
			return err
		}
		return printModels(a.stdout, *format, m)
	}
	vals, err := pipeline.ReadIndicators(ctx, db, f)
	if err != nil {
		return err
	}
	return printValues(a.stdout, *format, vals)
}

// checkIndicatorFlags refuses unknown formats, period types and ids.
func checkIndicatorFlags(f pipeline.IndicatorFilter, format string) error {
	switch format {
	case "table", "csv", "json":
	default:
		return fmt.Errorf("%w: --format %q: want table, csv or json", errUsage, format)
	}
	if f.PeriodType != "" {
		ok := false
		for _, p := range catalogue.AllPeriodTypes() {
			ok = ok || p == f.PeriodType
		}
		if !ok {
			return fmt.Errorf("%w: --period-type %q: want month, quarter, fiscal_year or rolling_12m", errUsage, f.PeriodType)
		}
	}
	if _, ok := catalogue.Lookup(f.Indicator); f.Indicator != "" && !ok {
		return fmt.Errorf("%w: --indicator %q is not in the catalogue (see --list)", errUsage, f.Indicator)
	}
	if f.Period != "" {
		if _, err := pipeline.PeriodStart(f.PeriodType, f.Period); err != nil {
			return fmt.Errorf("%w: --period: %w", errUsage, err)
		}
	}
	return nil
}

// valueHeader is the CSV header of value rows.
func valueHeader() []string {
	return []string{"indicator", "breakdown", "area_level", "area_code", "period_type", "period_start",
		"period_end", "numerator", "denominator", "value", "ci_low", "ci_high", "provisional", "unstable", "flagged"}
}

// valueRecord is the CSV record of v.
func valueRecord(v pipeline.IndicatorValue) []string {
	return []string{v.Indicator, v.Breakdown, v.AreaLevel, v.AreaCode, v.PeriodType,
		v.PeriodStart.Format(time.DateOnly), v.PeriodEnd.Format(time.DateOnly), num(v.Numerator), num(v.Denominator),
		num(v.Value), num(v.CILow), num(v.CIHigh), strconv.FormatBool(v.Provisional), strconv.FormatBool(v.Unstable),
		strconv.FormatBool(v.Flagged)}
}

// num formats a nullable number exactly; NULL is empty.
func num(f *float64) string {
	if f == nil {
		return ""
	}
	return strconv.FormatFloat(*f, 'f', -1, 64)
}

func printValues(w io.Writer, format string, vals []pipeline.IndicatorValue) error {
	switch format {
	case "json":
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		if vals == nil {
			vals = []pipeline.IndicatorValue{}
		}
		return enc.Encode(vals)
	case "csv":
		cw := csv.NewWriter(w)
		cw.Write(valueHeader())
		for _, v := range vals {
			cw.Write(valueRecord(v))
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "indicator\tbreakdown\tarea\tperiod\tvalue\tci\tnumerator\tdenominator\tflags")
	for _, v := range vals {
		fmt.Fprintf(tw, "%s\t%s\t%s/%s\t%s %s\t%s\t%s\t%s\t%s\t%s\n", v.Indicator, v.Breakdown, v.AreaLevel, v.AreaCode,
			v.PeriodType, v.PeriodStart.Format("2006-01"), short(v.Value), ci(v), short(v.Numerator), short(v.Denominator), flags(v))
	}
	return tw.Flush()
}

func short(f *float64) string {
	if f == nil {
		return "–"
	}
	return strconv.FormatFloat(*f, 'g', 6, 64)
}

func ci(v pipeline.IndicatorValue) string {
	if v.CILow == nil || v.CIHigh == nil {
		return ""
	}
	return "[" + short(v.CILow) + ", " + short(v.CIHigh) + "]"
}

func flags(v pipeline.IndicatorValue) string {
	s := ""
	for _, f := range []struct {
		on   bool
		name string
	}{{v.Provisional, "provisional"}, {v.Unstable, "unstable"}, {v.Flagged, "flagged"}} {
		if f.on {
			s += f.name + " "
		}
	}
	return s
}

// printCatalogue prints the catalogue.
func printCatalogue(w io.Writer, format string) error {
	all := catalogue.All()
	if format == "json" {
		enc := json.NewEncoder(w)
		enc.SetIndent("", "  ")
		return enc.Encode(all)
	}
	if format == "csv" {
		cw := csv.NewWriter(w)
		cw.Write([]string{"id", "section", "title_en", "title_fr", "unit_en", "direction", "period_types"})
		for _, ind := range all {
			cw.Write([]string{ind.ID, strconv.Itoa(ind.Section), ind.Title.EN, ind.Title.FR, ind.Unit.EN,
				string(ind.Direction), fmt.Sprint(ind.Periods)})
		}
		cw.Flush()
		return cw.Error()
	}
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	fmt.Fprintln(tw, "id\tsection\ttitle\tunit\tbetter")
	for _, ind := range all {
		fmt.Fprintf(tw, "%s\t%d\t%s\t%s\t%s\n", ind.ID, ind.Section, ind.Title.EN, ind.Unit.EN, ind.Direction)
	}
	return tw.Flush()
}
