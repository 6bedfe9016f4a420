"""Independent reference values for internal/stats, computed with statsmodels.

Run with Debian's interpreter (apt-get install python3-statsmodels):

    /usr/bin/python3 make_reference.py

It writes the synthetic datasets (its_short.csv, its_overdispersed.csv,
did_panel.csv, pooled_panel.csv) and the fitted values statsmodels gives
for them (its_short_expected.json, its_overdispersed_expected.json,
did_expected.json, pooled_expected.json). The Go tests only read these
files.

Conventions reproduced from the Go side:
- ITS: log E[Y] = log(pt) + b0 + b1*t + b2*post + b3*(t - t0 + 1)*post
  [+ sin/cos(2*pi*k*month/12), k = 1, 2]; quasi-Poisson SE from
  GLM(Poisson).fit(scale="X2"); 95% CI with the normal quantile; p-values
  from the t distribution on the residual df (as R's summary.glm for
  quasipoisson).
- DiD: area and month fixed effects, offset log(pt), a treated*post term;
  quasi-Poisson (scale="X2") and cluster-robust by area
  (cov_type="cluster", statsmodels' default use_correction=True, i.e.
  G/(G-1)*(N-1)/(N-K)); the cluster-robust interval and p-value also
  with Student's t on G - 1 degrees of freedom (scipy's t quantile).
- Pooled staggered model: area fixed effects (first area as reference), a
  common month trend t, post_i = (t >= t0_i), post_time = (t - t0_i + 1) *
  post_i, Fourier terms of the calendar month, offset log(pt); cluster-
  robust by area (statsmodels' default correction) with Student's t on
  G - 1 df when G >= 3 areas, else quasi-Poisson (scale="X2", normal
  interval, t-test p on the residual df).
"""
import json
import numpy as np
import pandas as pd
import scipy
import statsmodels
import statsmodels.api as sm
from scipy import stats

rng = np.random.default_rng(20240401)


def its_design(df, t0, seasonal, slope):
    X = pd.DataFrame({"(Intercept)": 1.0, "time": df["t"].astype(float)})
    post = (df["t"] >= t0).astype(float)
    X["post"] = post
    if slope:
        X["post_time"] = (df["t"] - t0 + 1) * post
    if seasonal:
        a = 2 * np.pi * df["month"] / 12
        X["sin1"], X["cos1"] = np.sin(a), np.cos(a)
        X["sin2"], X["cos2"] = np.sin(2 * a), np.cos(2 * a)
    return X


def glm_summary(res_poisson, res_quasi, names):
    df_resid = int(res_quasi.df_resid)
    coef = {}
    z = stats.norm.ppf(0.975)
    for i, n in enumerate(names):
        b, se = float(res_quasi.params.iloc[i]), float(res_quasi.bse.iloc[i])
        coef[n] = {
            "beta": b,
            "se": se,
            "model_se": float(res_poisson.bse.iloc[i]),
            "rr": float(np.exp(b)),
            "rr_lo95": float(np.exp(b - z * se)),
            "rr_hi95": float(np.exp(b + z * se)),
            "p_t": float(2 * stats.t.sf(abs(b / se), df_resid)),
        }
    return {
        "dispersion": float(res_quasi.scale),
        "pearson_chi2": float(res_poisson.pearson_chi2),
        "deviance": float(res_poisson.deviance),
        "df_residual": df_resid,
        "coef": coef,
    }


def fit_its(df, t0, seasonal, slope):
    X = its_design(df, t0, seasonal, slope)
    off = np.log(df["person_time"].to_numpy())
    model = sm.GLM(df["count"].to_numpy(), X, family=sm.families.Poisson(), offset=off)
    res_p = model.fit(tol=1e-12)
    res_q = model.fit(scale="X2", tol=1e-12)
    out = glm_summary(res_p, res_q, list(X.columns))
    out["t0"] = t0
    out["seasonal"] = seasonal
    out["slope_change"] = slope
    out["fitted"] = [float(v) for v in res_q.fittedvalues]
    return out


def make_its_short():
    # 12 months before, 12 after: the shortest series ITS accepts.
    n, t0 = 24, 13
    t = np.arange(1, n + 1)
    month = (t + 2) % 12 + 1  # the series starts in April
    pt = np.round(rng.uniform(900, 1100, n), 2)
    mu = pt * 0.02 * np.exp(0.01 * t - 0.25 * (t >= t0))
    return pd.DataFrame({"t": t, "month": month, "count": rng.poisson(mu), "person_time": pt}), t0


def make_its_overdispersed():
    # 30 + 26 months, negative binomial counts (size 8): phi well above 1.
    n, t0 = 56, 31
    t = np.arange(1, n + 1)
    month = (t - 1) % 12 + 1
    pt = np.round(np.linspace(5000, 5600, n), 1)
    season = 0.15 * np.sin(2 * np.pi * month / 12) + 0.1 * np.cos(4 * np.pi * month / 12)
    post = (t >= t0).astype(float)
    mu = pt * 0.01 * np.exp(0.004 * t + season - 0.2 * post + 0.01 * (t - t0 + 1) * post)
    size = 8.0
    count = rng.negative_binomial(size, size / (size + mu))
    return pd.DataFrame({"t": t, "month": month, "count": count, "person_time": pt}), t0


def make_did():
    # 9 areas x 36 months; areas A1-A3 treated from months 18, 18 and 24
    # (0-based), A4-A9 comparison. True ratio of rate ratios 0.8,
    # gamma-Poisson noise.
    months, areas = 36, 9
    rows = []
    month_eff = rng.normal(0, 0.1, months)
    for a in range(areas):
        treated = a < 3
        start = [18, 18, 24][a] if treated else -1
        pop = rng.uniform(2000, 9000)
        area_eff = rng.normal(0, 0.3)
        for m in range(months):
            pt = round(pop / 12 * (1 + 0.002 * m), 3)
            post = treated and m >= start
            mu = pt * 0.03 * np.exp(area_eff + month_eff[m] + (np.log(0.8) if post else 0))
            lam = rng.gamma(20, mu / 20)
            rows.append({"area": f"A{a + 1}", "treated": int(treated), "start": start,
                         "month_index": m, "count": int(rng.poisson(lam)), "person_time": pt})
    return pd.DataFrame(rows)


def fit_did(df):
    post = ((df["treated"] == 1) & (df["month_index"] >= df["start"])).astype(float)
    X = pd.get_dummies(df[["area", "month_index"]].astype(str), drop_first=True, dtype=float)
    X.insert(0, "(Intercept)", 1.0)
    X["treated_post"] = post
    off = np.log(df["person_time"].to_numpy())
    y = df["count"].to_numpy()
    model = sm.GLM(y, X, family=sm.families.Poisson(), offset=off)
    res_p = model.fit(tol=1e-12)
    res_q = model.fit(scale="X2", tol=1e-12)
    groups = pd.factorize(df["area"])[0]
    res_c = model.fit(cov_type="cluster", cov_kwds={"groups": groups}, tol=1e-12)
    j = list(X.columns).index("treated_post")
    z = stats.norm.ppf(0.975)
    b = float(res_q.params.iloc[j])
    se_q, se_c = float(res_q.bse.iloc[j]), float(res_c.bse.iloc[j])
    return {
        "beta": b,
        "ratio": float(np.exp(b)),
        "model_se": float(res_p.bse.iloc[j]),
        "quasi_se": se_q,
        "quasi_lo95": float(np.exp(b - z * se_q)),
        "quasi_hi95": float(np.exp(b + z * se_q)),
        "cluster_se": se_c,
        "cluster_lo95": float(np.exp(b - z * se_c)),
        "cluster_hi95": float(np.exp(b + z * se_c)),
        "cluster_p_normal": float(res_c.pvalues.iloc[j]),
        "cluster_df": int(groups.max()),
        "cluster_lo95_t": float(np.exp(b - stats.t.ppf(0.975, groups.max()) * se_c)),
        "cluster_hi95_t": float(np.exp(b + stats.t.ppf(0.975, groups.max()) * se_c)),
        "cluster_p_t": float(2 * stats.t.sf(abs(b / se_c), groups.max())),
        "dispersion": float(res_q.scale),
        "pearson_chi2": float(res_p.pearson_chi2),
        "deviance": float(res_p.deviance),
        "df_residual": int(res_q.df_resid),
        "n_params": int(X.shape[1]),
        "n_obs": int(X.shape[0]),
        "treated_areas": int(df.loc[df["treated"] == 1, "area"].nunique()),
        "comparison_areas": int(df.loc[df["treated"] == 0, "area"].nunique()),
    }


def make_pooled():
    # 5 outreach areas x 48 months (the series starts in April), starts at
    # months 13, 19, 25, 31 and 37 (1-based), true level change 0.75,
    # a slope change of +0.005 per month, seasonality, gamma-Poisson noise.
    # Its own generator, so the files above do not change.
    g = np.random.default_rng(20261203)
    months, starts = 48, [13, 19, 25, 31, 37]
    rows = []
    for a, t0 in enumerate(starts):
        pop = g.uniform(3000, 9000)
        area_eff = g.normal(0, 0.3)
        for t in range(1, months + 1):
            month = (t + 2) % 12 + 1
            pt = round(pop / 12 * (1 + 0.001 * t), 3)
            post = 1.0 if t >= t0 else 0.0
            season = 0.12 * np.sin(2 * np.pi * month / 12)
            mu = pt * 0.03 * np.exp(area_eff + 0.003 * t + season + np.log(0.75) * post
                                    + 0.005 * (t - t0 + 1) * post)
            lam = g.gamma(15, mu / 15)
            rows.append({"area": f"P{a + 1}", "t0": t0, "t": t, "month": month,
                         "count": int(g.poisson(lam)), "person_time": pt})
    return pd.DataFrame(rows)


def fit_pooled(df, seasonal=True, slope=True):
    areas = list(dict.fromkeys(df["area"]))
    X = pd.DataFrame({"(Intercept)": 1.0}, index=df.index)
    for a in areas[1:]:
        X["area_" + a] = (df["area"] == a).astype(float)
    X["time"] = df["t"].astype(float)
    post = (df["t"] >= df["t0"]).astype(float)
    X["post"] = post
    if slope:
        X["post_time"] = (df["t"] - df["t0"] + 1) * post
    if seasonal:
        a = 2 * np.pi * df["month"] / 12
        X["sin1"], X["cos1"] = np.sin(a), np.cos(a)
        X["sin2"], X["cos2"] = np.sin(2 * a), np.cos(2 * a)
    off = np.log(df["person_time"].to_numpy())
    model = sm.GLM(df["count"].to_numpy(), X, family=sm.families.Poisson(), offset=off)
    res_q = model.fit(scale="X2", tol=1e-12)
    groups = pd.factorize(df["area"])[0]
    res_c = model.fit(cov_type="cluster", cov_kwds={"groups": groups}, tol=1e-12)
    n_areas = len(areas)
    out = {"areas": n_areas, "dispersion": float(res_q.scale), "df_residual": int(res_q.df_resid),
           "fitted": [float(v) for v in res_q.fittedvalues]}
    for name, scale in (("post", 1), ("post_time", 12)):
        if name not in X.columns:
            continue
        j = list(X.columns).index(name)
        b = float(res_q.params.iloc[j])
        if n_areas >= 3:
            se, df_t = float(res_c.bse.iloc[j]), n_areas - 1
            q = stats.t.ppf(0.975, df_t)
            out["inference"] = "cluster_t"
        else:
            se, df_t = float(res_q.bse.iloc[j]), int(res_q.df_resid)
            q = stats.norm.ppf(0.975)
            out["inference"] = "quasi_poisson"
        out["df_t"] = df_t
        out[name] = {"beta": b, "se": se, "rr": float(np.exp(scale * b)),
                     "rr_lo95": float(np.exp(scale * (b - q * se))),
                     "rr_hi95": float(np.exp(scale * (b + q * se))),
                     "p": float(2 * stats.t.sf(abs(b / se), df_t))}
    return out


def dump(name, obj):
    obj["generator"] = (f"make_reference.py; statsmodels {statsmodels.__version__}, "
                        f"numpy {np.__version__}, scipy {scipy.__version__}")
    with open(name, "w") as f:
        json.dump(obj, f, indent=2, sort_keys=True)
        f.write("\n")


def main():
    short, t0s = make_its_short()
    short.to_csv("its_short.csv", index=False)
    dump("its_short_expected.json", fit_its(short, t0s, seasonal=False, slope=True))

    od, t0o = make_its_overdispersed()
    od.to_csv("its_overdispersed.csv", index=False)
    dump("its_overdispersed_expected.json", fit_its(od, t0o, seasonal=True, slope=True))

    did = make_did()
    did.to_csv("did_panel.csv", index=False)
    dump("did_expected.json", fit_did(did))

    pooled = make_pooled()
    pooled.to_csv("pooled_panel.csv", index=False)
    two = pooled[pooled["area"].isin(["P1", "P2"])].reset_index(drop=True)
    dump("pooled_expected.json", {"five_areas": fit_pooled(pooled), "two_areas": fit_pooled(two)})


if __name__ == "__main__":
    main()
