"""Independent reference values for internal/stats, computed with statsmodels.

Run with Debian's interpreter (apt-get install python3-statsmodels):

    /usr/bin/python3 make_reference.py

It writes the synthetic datasets (its_short.csv, its_overdispersed.csv,
did_panel.csv) and the fitted values statsmodels gives for them
(its_short_expected.json, its_overdispersed_expected.json,
did_expected.json). The Go tests only read these files.

Conventions reproduced from the Go side:
- ITS: log E[Y] = log(pt) + b0 + b1*t + b2*post + b3*(t - t0 + 1)*post
  [+ sin/cos(2*pi*k*month/12), k = 1, 2]; quasi-Poisson SE from
  GLM(Poisson).fit(scale="X2"); 95% CI with the normal quantile; p-values
  from the t distribution on the residual df (as R's summary.glm for
  quasipoisson).
- DiD: area and month fixed effects, offset log(pt), a treated*post term;
  quasi-Poisson (scale="X2") and cluster-robust by area
  (cov_type="cluster", statsmodels' default use_correction=True, i.e.
  G/(G-1)*(N-1)/(N-K)).
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
        "dispersion": float(res_q.scale),
        "pearson_chi2": float(res_p.pearson_chi2),
        "deviance": float(res_p.deviance),
        "df_residual": int(res_q.df_resid),
        "n_params": int(X.shape[1]),
        "n_obs": int(X.shape[0]),
        "treated_areas": int(df.loc[df["treated"] == 1, "area"].nunique()),
        "comparison_areas": int(df.loc[df["treated"] == 0, "area"].nunique()),
    }


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


if __name__ == "__main__":
    main()
