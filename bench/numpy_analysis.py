"""numpy timing of one in-process analysis on warm market data, for `npm run bench -- analysis`.

The figures of test/reference/analyse_reference.py (v1: valuation, look-through onto issuers, core
four, concentration, risk with contributions, rolling beta, correlation of the 15 largest, past
episodes, theme exposure, two-factor model, scenario), written vectorised over price arrays already
in memory, and a two-regime lognormal Monte Carlo of the 20 largest holdings (10,000 paths), as a
numpy programmer would write them. Files are read before the clock starts (warm market data).

Usage: numpy_analysis.py HOLDINGS_CSV PRICES_DIR ETF_DIR REPS [PATHS]
Prints {"analysis": ms, "monteCarlo": ms, "withMonteCarlo": ms} (medians). Run with one BLAS thread.
"""
import csv
import datetime
import json
import math
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "test", "reference"))
import analyse_reference as ref  # noqa: E402  (its theme, issuer and fund tables)
from numpy_kernels import median_ms  # noqa: E402  (this folder is on the path: the script is run from it)

CORE, MARKET, LOOKBACK = ref.CORE, ref.MARKET, ref.LOOKBACK
EPOCH = datetime.date(1970, 1, 1)


def day(iso):
    return (datetime.date.fromisoformat(iso) - EPOCH).days


def load_prices(path):
    days, close, adj = [], [], []
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            days.append(day(r["date"]))
            close.append(float(r["close"]) if r.get("close") else math.nan)
            adj.append(float(r["adj_close"]) if r.get("adj_close") else math.nan)
    return np.array(days), np.array(close), np.array(adj)


def load(holdings_file, prices_dir, etf_dir):
    qty = {}
    with open(holdings_file, newline="") as f:
        for r in csv.DictReader(f):
            s = r["symbol"].strip().upper()
            qty[s] = qty.get(s, 0.0) + float(r["quantity"])
    symbols = list(dict.fromkeys(list(qty) + CORE + [MARKET]))
    prices = {s: load_prices(os.path.join(prices_dir, s + ".csv")) for s in symbols}
    funds = {s: ref.fund_list(s, etf_dir) for s in qty if s in ref.FUNDS}
    return qty, symbols, prices, funds


def analyse(qty, symbols, prices, funds):
    order = list(qty)
    dates = None
    for s in symbols:
        d, _, a = prices[s]
        have = d[~np.isnan(a)]
        dates = have if dates is None else np.intersect1d(dates, have, assume_unique=True)
    window = dates[-(LOOKBACK + 1):]
    idx = {s: np.searchsorted(prices[s][0], window) for s in symbols}
    adj = np.array([prices[s][2][idx[s]] for s in symbols])
    last = np.array([prices[s][1][idx[s][-1]] for s in order])
    px = np.where(np.isnan(last), adj[: len(order), -1], last)
    w = np.array([qty[s] for s in order]) * px
    w = w / w.sum()
    rets = adj[:, 1:] / adj[:, :-1] - 1.0
    held, basket, market = rets[: len(order)], rets[[symbols.index(s) for s in CORE]].mean(axis=0), rets[symbols.index(MARKET)]
    rp = w @ held
    out = risk(rp, held, basket, market, w)
    out["historical"] = episodes(dates, symbols, prices, w, order)
    issuers, core = look_through(order, w, funds)
    out["theme"] = theme(issuers)
    out["factors"] = factors(adj, symbols, order, w)
    iw = np.sort(np.array(list(issuers.values())))[::-1]
    iw = iw / iw.sum()
    out["concentration"] = (float(np.sum(w * w)), float(np.sum(iw * iw)), core)
    return out, rets, w


def risk(rp, held, basket, market, w):
    var_p, var_b = np.var(rp, ddof=1), np.var(basket, ddof=1)
    rc, bc = rp - rp.mean(), basket - basket.mean()
    hc = held - held.mean(axis=1, keepdims=True)
    t = len(rp)
    q = np.percentile(rp, 5)
    value = np.cumprod(1 + rp)
    cx, cy = np.concatenate([[0], np.cumsum(basket)]), np.concatenate([[0], np.cumsum(rp)])
    cxx, cxy = np.concatenate([[0], np.cumsum(basket * basket)]), np.concatenate([[0], np.cumsum(basket * rp)])
    k = 63
    sx, sy, sxx, sxy = cx[k:] - cx[:-k], cy[k:] - cy[:-k], cxx[k:] - cxx[:-k], cxy[k:] - cxy[:-k]
    top = np.argsort(-w)[:15]
    return {
        "volatility": math.sqrt(var_p * 252),
        "beta": float(rc @ bc / (t - 1) / var_b),
        "var95": -q,
        "es95": -rp[rp <= q].mean(),
        "maxDrawdown": float(np.max(1 - value / np.maximum.accumulate(np.concatenate([[1.0], value]))[1:])),
        "betaMarket": float(rc @ (market - market.mean()) / (t - 1) / np.var(market, ddof=1)),
        "contributions": w * (hc @ rc) / (t - 1) / var_p,
        "betas": (hc @ bc) / (t - 1) / var_b,
        "rolling": (sxy - sx * sy / k) / (sxx - sx * sx / k),
        "correlation": np.corrcoef(held[top]) if len(top) > 1 else np.ones((1, 1)),
    }


def episodes(dates, symbols, prices, w, order):
    out = []
    for _, start, end in ref.WINDOWS:
        a, b = np.searchsorted(dates, [day(start), day(end)], side="right") - 1
        if a < 0 or b <= a or day(end) > dates[-1]:
            out.append(None)
            continue
        moves = np.array([prices[s][2][np.searchsorted(prices[s][0], dates[[a, b]])] for s in order])
        out.append(float(w @ (moves[:, 1] / moves[:, 0] - 1)))
    return out


def look_through(order, w, funds):
    issuers, core = {}, dict.fromkeys(CORE, 0.0)
    for s, wi in zip(order, w):
        rows = funds.get(s)
        for sym, wt in rows if rows is not None else ([] if s in ref.FUNDS else [(s, 100.0)]):
            key = ref.issuer_of(sym)
            issuers[key] = issuers.get(key, 0.0) + wi * wt / 100.0
            c = "GOOGL" if sym == "GOOG" else sym
            if c in core:
                core[c] += wi * wt / 100.0
    return issuers, core


def theme(issuers):
    companies = {c["issuer"]: c for c in ref.THEME["companies"]}
    total, buyers = 0.0, 0.0
    for iss, wt in issuers.items():
        c = companies.get(iss)
        if c is None or not c["roles"]:
            continue
        total += wt * c["relevance"]["value"]
        if "capexBuyer" in c["roles"]:
            buyers += wt * c["relevance"]["value"]
    return total, buyers


def factors(adj, symbols, order, w):
    t = adj.shape[1]
    pts = np.arange(t - 1 - ((t - 1) // ref.STEP) * ref.STEP, t, ref.STEP)
    r2 = adj[:, pts[1:]] / adj[:, pts[:-1]] - 1.0
    n2 = r2.shape[1]
    wt = 0.5 ** ((n2 - 1 - np.arange(n2)) / (ref.HALF_LIFE / ref.STEP))
    wt = wt / wt.sum()
    m = r2[symbols.index(MARKET)] - wt @ r2[symbols.index(MARKET)]
    b = r2[[symbols.index(s) for s in CORE]].mean(axis=0)
    b = b - wt @ b
    eps = b - (wt @ (b * m)) / (wt @ (m * m)) * m
    held = r2[: len(order)]
    return float(w @ (held @ (wt * m)) / (wt @ (m * m))), float(w @ (held @ (wt * eps)) / (wt @ (eps * eps)))


def monte_carlo(rets, w, paths, seed=1):
    """Two lognormal regimes over the 19 largest holdings and the rest as a 20th asset, antithetic pairs."""
    top = np.argsort(-w)[:19]
    rest = np.setdiff1d(np.arange(len(w)), top)
    cols = [np.log1p(rets[i]) for i in top]
    weights = list(w[top])
    if len(rest) > 0:
        cols.append(np.log1p(w[rest] @ rets[rest] / w[rest].sum()))
        weights.append(w[rest].sum())
    x, weights = np.array(cols), np.array(weights)
    cov = np.cov(x) * 252 * (1 + 1e-10 * np.eye(len(x)))
    vol = np.sqrt(np.diag(cov)) * 1.29
    corr = cov / np.outer(vol, vol) * 1.29 * 1.29
    bust_cov = ((1 - 0.37) * corr + 0.37) * np.outer(vol, vol) + np.eye(len(x)) * 1e-10
    rng = np.random.default_rng(seed)
    z = rng.standard_normal((paths // 2, len(x)))
    z = np.concatenate([z, -z])
    bust = (np.arange(paths) + rng.random(paths)) / paths < 0.15
    normal = np.exp(z @ np.linalg.cholesky(cov).T - np.diag(cov) / 2)
    shocked = np.exp(z[bust] @ np.linalg.cholesky(bust_cov).T - np.diag(bust_cov) / 2) * 0.6
    r = (normal - 1) @ weights
    r[bust] = (shocked - 1) @ weights
    q = np.percentile(r, 5)
    return -q, -r[r <= q].mean(), np.histogram(r, 40)


def main():
    holdings, prices_dir, etf_dir, reps = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    paths = int(sys.argv[5]) if len(sys.argv) > 5 else 10_000
    data = load(holdings, prices_dir, etf_dir)
    _, rets, w = analyse(*data)
    held = rets[: len(data[0])]
    analysis = median_ms(lambda: analyse(*data), reps)
    mc = median_ms(lambda: monte_carlo(held, w, paths), reps)
    both = median_ms(lambda: monte_carlo(analyse(*data)[1][: len(data[0])], w, paths), reps)
    print(json.dumps({"analysis": analysis, "monteCarlo": mc, "withMonteCarlo": both}))


if __name__ == "__main__":
    main()
