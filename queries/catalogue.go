package queries

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"proximite/internal/catalogue"
)

// WriteCatalogue replaces the indicators and vocabularies tables with the
// catalogue.
func (q *Queries) WriteCatalogue(ctx context.Context) error {
	for _, name := range []string{"delete_indicators", "delete_vocabularies"} {
		if _, err := q.db.ExecContext(ctx, catalogueSQL(name)); err != nil {
			return fmt.Errorf("write catalogue: %s: %w", name, err)
		}
	}
	for _, ind := range catalogue.All() {
		if _, err := q.db.ExecContext(ctx, catalogueSQL("insert_indicator"), indicatorArgs(ind)...); err != nil {
			return fmt.Errorf("write catalogue %s: %w", ind.ID, err)
		}
	}
	for _, v := range catalogue.Vocabularies() {
		for i, t := range v.Terms {
			if _, err := q.db.ExecContext(ctx, catalogueSQL("insert_vocabulary"), sql.Named("vocabulary", v.Name),
				sql.Named("position", i+1), sql.Named("code", t.Code),
				sql.Named("label_fr", t.Label.FR), sql.Named("label_en", t.Label.EN)); err != nil {
				return fmt.Errorf("write catalogue: vocabulary %s %s: %w", v.Name, t.Code, err)
			}
		}
	}
	return nil
}

// indicatorArgs are the parameters of insert_indicator.sql for ind.
func indicatorArgs(ind catalogue.Indicator) []any {
	voc := ""
	if ind.Split != nil {
		voc = ind.Split.Vocabulary
	}
	return []any{sql.Named("indicator", ind.ID), sql.Named("section", ind.Section),
		sql.Named("title_fr", ind.Title.FR), sql.Named("title_en", ind.Title.EN),
		sql.Named("definition_fr", ind.Definition.FR), sql.Named("definition_en", ind.Definition.EN),
		sql.Named("numerator_fr", ind.Numerator.FR), sql.Named("numerator_en", ind.Numerator.EN),
		sql.Named("denominator_fr", nullString(ind.Denominator.FR)), sql.Named("denominator_en", nullString(ind.Denominator.EN)),
		sql.Named("unit_fr", ind.Unit.FR), sql.Named("unit_en", ind.Unit.EN), sql.Named("direction", string(ind.Direction)),
		sql.Named("breakdowns", strings.Join(ind.Breakdowns(), ",")), sql.Named("period_types", strings.Join(ind.Periods, ",")),
		sql.Named("area_levels", strings.Join(ind.AreaLevels(), ",")), sql.Named("shape", string(ind.Shape)), sql.Named("rollup", string(ind.Rollup)),
		sql.Named("unit_code", ind.UnitCode), sql.Named("additive", ind.Additive), sql.Named("suppressible", ind.Suppressible),
		sql.Named("numerator_of", nullString(ind.NumeratorOf)), sql.Named("breakdown_vocabulary", nullString(voc))}
}
