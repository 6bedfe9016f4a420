package pipeline

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"proximite/queries"
)

// Models are the stored crisis models as plain data.
type Models struct {
	ITS []ITSModel `json:"its"`
	// DiD spans every neighbourhood: it is read only when no area is asked for.
	DiD []DiDModel `json:"did"`
}

// ITSModel is one stored crisis model (crisis_its): a neighbourhood's
// interrupted time series or placebo test (Model "its"), or the pooled
// staggered-start model of a territory, group or all (Model "pooled");
// nil means NULL.
type ITSModel struct {
	Model          string    `json:"model"`
	Inference      string    `json:"inference"`
	Clusters       int       `json:"clusters"`
	TDF            int       `json:"t_df,omitempty"`
	AreaLevel      string    `json:"area_level"`
	AreaCode       string    `json:"area_code"`
	Placebo        bool      `json:"placebo"`
	Status         string    `json:"status"`
	Reason         string    `json:"reason,omitempty"`
	T0             time.Time `json:"t0"`
	MonthsBefore   int       `json:"months_before"`
	MonthsAfter    int       `json:"months_after"`
	Seasonal       bool      `json:"seasonal"`
	SlopeChange    bool      `json:"slope_change"`
	LevelRR        *float64  `json:"level_rr"`
	LevelCILow     *float64  `json:"level_ci_low"`
	LevelCIHigh    *float64  `json:"level_ci_high"`
	LevelP         *float64  `json:"level_p"`
	SlopeRRYear    *float64  `json:"slope_rr_year"`
	SlopeCILow     *float64  `json:"slope_ci_low"`
	SlopeCIHigh    *float64  `json:"slope_ci_high"`
	SlopeP         *float64  `json:"slope_p"`
	PreTrendRRYear *float64  `json:"pretrend_rr_year"`
	Phi            *float64  `json:"phi"`
}

// DiDModel is the stored difference in differences (crisis_did); nil means NULL.
type DiDModel struct {
	Status        string   `json:"status"`
	Reason        string   `json:"reason,omitempty"`
	Ratio         *float64 `json:"ratio"`
	CILow         *float64 `json:"ci_low"`
	CIHigh        *float64 `json:"ci_high"`
	P             *float64 `json:"p"`
	ClusterCILow  *float64 `json:"cluster_ci_low"`
	ClusterCIHigh *float64 `json:"cluster_ci_high"`
	ClusterP      *float64 `json:"cluster_p"`
	ClusterDF     int      `json:"cluster_df,omitempty"`
	Phi           *float64 `json:"phi"`
	NOutreach     int      `json:"n_outreach"`
	NComparison   int      `json:"n_comparison"`
	Months        int      `json:"months"`
}

// ReadModels returns the stored ITS rows of areaCode ("" for every area)
// and, when areaCode is "", the DiD.
func ReadModels(ctx context.Context, db *queries.DB, areaCode string) (Models, error) {
	m := Models{ITS: []ITSModel{}, DiD: []DiDModel{}}
	q := queries.New(db)
	its, err := q.ReadITS(ctx, areaCode)
	if err != nil {
		return m, fmt.Errorf("read models: %w", err)
	}
	for _, r := range its {
		m.ITS = append(m.ITS, itsModel(r))
	}
	if areaCode != "" {
		return m, nil
	}
	did, err := q.ReadDiD(ctx)
	if err != nil {
		return m, fmt.Errorf("read models: %w", err)
	}
	for _, r := range did {
		m.DiD = append(m.DiD, DiDModel{Status: r.Status, Reason: r.Reason, Ratio: nptr(r.Ratio), CILow: nptr(r.Lo),
			CIHigh: nptr(r.Hi), P: nptr(r.P), ClusterCILow: nptr(r.ClusterLo), ClusterCIHigh: nptr(r.ClusterHi),
			ClusterP: nptr(r.ClusterP), ClusterDF: r.ClusterDF, Phi: nptr(r.Phi), NOutreach: r.NOutreach, NComparison: r.NComparison, Months: r.Months})
	}
	return m, nil
}

func itsModel(r queries.ITSRow) ITSModel {
	return ITSModel{Model: r.Model, Inference: r.Inference, Clusters: r.Clusters, TDF: r.TDF, AreaLevel: r.AreaLevel, AreaCode: r.AreaCode, Placebo: r.Placebo, Status: r.Status, Reason: r.Reason,
		T0: r.OutreachStart, MonthsBefore: r.MonthsBefore, MonthsAfter: r.MonthsAfter, Seasonal: r.Seasonal,
		SlopeChange: r.SlopeChange, LevelRR: nptr(r.LevelRR), LevelCILow: nptr(r.LevelLo), LevelCIHigh: nptr(r.LevelHi),
		LevelP: nptr(r.LevelP), SlopeRRYear: nptr(r.SlopeRR), SlopeCILow: nptr(r.SlopeLo), SlopeCIHigh: nptr(r.SlopeHi),
		SlopeP: nptr(r.SlopeP), PreTrendRRYear: nptr(r.PreTrendRR), Phi: nptr(r.Phi)}
}

func nptr(f sql.NullFloat64) *float64 { return ptr(f.Float64, f.Valid) }
