"""Independent numpy implementation of the v1 methodology (docs/methodology.md), for differential tests.

Reads a JSON list of cases {holdings, pricesDir, etfDir, asOf} on stdin and prints a JSON list of
results with the v1 fields. Shares no code with the TypeScript implementation.
"""
import csv
import json
import math
import os
import sys

import numpy as np

CORE = ["AMZN", "MSFT", "GOOGL", "NVDA"]
MARKET = "SPY"
DATA = os.path.join(os.path.dirname(__file__), "..", "..", "data")
WINDOWS = [(w["id"], w["start"], w["end"]) for w in json.load(open(os.path.join(DATA, "stress-windows.json")))]
THEME = json.load(open(os.path.join(DATA, "themes", "ai-infrastructure.json")))
SCENARIO = json.load(open(os.path.join(DATA, "scenarios.json")))
# Listing -> issuer and issuer -> industry, read from our instruments table directly; fund listings
# are fund data (data/funds.csv) and name the fund as their issuer.
with open(os.path.join(DATA, "instruments.csv"), newline="") as _f:
    _ROWS = list(csv.DictReader(_f))
ISSUER_OF = {r["symbol"]: r["issuer"] for r in _ROWS}
INDUSTRY_OF = {r["issuer"]: r["industry"] for r in _ROWS if r["industry"]}
FUND_ROWS = list(csv.DictReader(open(os.path.join(DATA, "funds.csv"))))
FUND_INDEX = {l.split(":")[0]: r["index_id"] for r in FUND_ROWS for l in r["listings"].split("|") if l}
FUNDS = set(FUND_INDEX)
ISSUER_OF.update({l.split(":")[0]: r["fund_id"] for r in FUND_ROWS for l in r["listings"].split("|") if l})
INDICES = {r["index_id"]: r for r in csv.DictReader(open(os.path.join(DATA, "indices.csv")))}


def read_list(path):
    """A constituents file: [(symbol, weight %)], its as_of (None when not a date)."""
    rows, as_of = [], None
    with open(path, newline="") as f:
        for r in csv.DictReader(f):
            as_of = as_of or (r.get("as_of") or None)
            sym = r["symbol"].strip().upper()
            if sym and sym != "-":
                rows.append((sym, float(r["weight"])))
    dated = as_of if as_of and len(as_of) == 10 and as_of[4] == "-" and as_of[7] == "-" else None
    return rows, dated


def fund_list(fund, etf_dir):
    """The fund's own list or its index's (the fresher; the own one wins a tie), or None."""
    own_path = os.path.join(etf_dir, fund + ".csv")
    own = read_list(own_path) if os.path.exists(own_path) else None
    index = INDICES.get(FUND_INDEX.get(fund, ""))
    via = None
    if index and index["constituents"] and index["constituents"] != fund:
        path = os.path.join(etf_dir, index["constituents"] + ".csv")
        if os.path.exists(path):
            rows, dated = read_list(path)
            assert index["filter"] == "", "the shared cases hold no fund with a filtered index"
            via = (rows, dated)
    if own is None or via is None:
        chosen = own or via
    elif via[1] is None:
        chosen = own
    else:
        chosen = via if own[1] is None or via[1] > own[1] else own
    return None if chosen is None else chosen[0]
STEP, HALF_LIFE = 2, 126
LOOKBACK = 756


def issuer_of(sym):
    """The issuer of a listing: our table's, US share classes written with a dot (BRK.B) as Yahoo's dash form."""
    if len(sym) >= 3 and sym[-2] == "." and sym[-1] not in "LTFV" and sym[:-2].isalpha():
        sym = sym[:-2] + "-" + sym[-1]
    return ISSUER_OF.get(sym, sym)


def read_prices(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    out = {}
    for r in rows:
        adj = r.get("adj_close") or ""
        close = r.get("close") or ""
        out[r["date"]] = (float(close) if close else math.nan, float(adj) if adj else math.nan)
    return out


def analyse(holdings_file, prices_dir, etf_dir, as_of, shrink=False):
    qty = {}
    order = []
    with open(holdings_file, newline="") as f:
        for r in csv.DictReader(f):
            s = r["symbol"].strip().upper()
            if s not in qty:
                order.append(s)
                qty[s] = 0.0
            qty[s] += float(r["quantity"])

    symbols = list(dict.fromkeys(order + CORE + [MARKET]))
    prices = {s: read_prices(os.path.join(prices_dir, s + ".csv")) for s in symbols}
    dates = None
    for s in symbols:
        have = {d for d, (_, a) in prices[s].items() if not math.isnan(a)}
        dates = have if dates is None else dates & have
    dates = sorted(d for d in dates if as_of is None or d <= as_of)
    all_dates = dates
    window = dates[-(LOOKBACK + 1):]
    asof = window[-1]

    px = np.array([[prices[s][d][0] if not math.isnan(prices[s][d][0]) else prices[s][d][1] for s in order] for d in [asof]])[0]
    mv = np.array([qty[s] for s in order]) * px
    total = mv.sum()
    w = mv / total

    adj = np.array([[prices[s][d][1] for d in window] for s in symbols])  # symbols x days
    rets = adj[:, 1:] / adj[:, :-1] - 1.0
    held = rets[[symbols.index(s) for s in order]]
    rp = w @ held
    basket = rets[[symbols.index(s) for s in CORE]].mean(axis=0)

    vol = np.std(rp, ddof=1) * math.sqrt(252)
    beta = np.cov(rp, basket, ddof=1)[0, 1] / np.var(basket, ddof=1)
    q = np.percentile(rp, 5)
    es = -rp[rp <= q].mean()
    value = np.cumprod(1 + rp)
    peak = np.maximum.accumulate(np.concatenate([[1.0], value]))[1:]
    mdd = max(0.0, float(np.max(1 - value / peak)))

    ws = np.sort(w)[::-1]
    hhi = float(np.sum(w ** 2))

    core = {k: 0.0 for k in CORE}
    for s, wi in zip(order, w):
        key = "GOOGL" if s == "GOOG" else s
        if key in core:
            core[key] += wi
    for s, wi in zip(order, w):
        rows = fund_list(s, etf_dir) if s in FUNDS else None
        for sym, wt in rows or []:
            key = "GOOGL" if sym == "GOOG" else sym
            if key in core:
                core[key] += wi * wt / 100.0
    core["total"] = sum(core[k] for k in CORE)

    # Extended risk.
    market = rets[symbols.index(MARKET)]
    beta_market = np.cov(rp, market, ddof=1)[0, 1] / np.var(market, ddof=1)
    r2 = np.corrcoef(rp, basket)[0, 1] ** 2
    var_p = np.var(rp, ddof=1)
    contrib = {s: float(w[i] * np.cov(held[i], rp, ddof=1)[0, 1] / var_p) for i, s in enumerate(order)}
    betas = {s: float(np.cov(held[i], basket, ddof=1)[0, 1] / np.var(basket, ddof=1)) for i, s in enumerate(order)}
    rolling = []
    for t in range(62, len(rp)):
        y, x = rp[t - 62:t + 1], basket[t - 62:t + 1]
        rolling.append(float(np.cov(y, x, ddof=1)[0, 1] / np.var(x, ddof=1)))
    top = sorted(range(len(order)), key=lambda i: -w[i])[:15]
    X = held[top].T
    corr = np.corrcoef(X, rowvar=False) if len(top) > 1 else np.ones((1, 1))
    # Ledoit-Wolf (2004) toward mu*I, written from the paper's formulas.
    Xc = X - X.mean(axis=0)
    T_, n_ = Xc.shape
    S = Xc.T @ Xc / T_
    mu = np.trace(S) / n_
    d2 = np.sum((S - mu * np.eye(n_)) ** 2) / n_
    b2 = sum(np.sum((np.outer(x, x) - S) ** 2) for x in Xc) / n_ / T_ ** 2
    shrink_k = min(b2, d2) / d2 if d2 > 0 else 0.0
    Sk = shrink_k * mu * np.eye(n_) + (1 - shrink_k) * S
    dk = np.sqrt(np.diag(Sk))
    corr_lw = Sk / np.outer(dk, dk)

    # Historical replay on every common date up to asOf.
    hist = []
    for wid, wstart, wend in WINDOWS:
        ds = [d for d in all_dates if d <= wstart]
        de = [d for d in all_dates if d <= wend]
        if not ds or not de or de[-1] <= ds[-1] or wend > all_dates[-1]:
            hist.append({"id": wid, "portfolioReturn": None})
            continue
        a, b = ds[-1], de[-1]
        hist.append({"id": wid, "start": a, "end": b, "portfolioReturn": float(sum(w[i] * (prices[s][b][1] / prices[s][a][1] - 1) for i, s in enumerate(order)))})

    # Look-through onto issuers and the theme.
    issuers = {}
    def add(sym, wt):
        key = issuer_of(sym)
        issuers[key] = issuers.get(key, 0.0) + wt
    remainder_hhi, unlisted = 0.0, 0.0
    for s, wi in zip(order, w):
        rows = fund_list(s, etf_dir) if s in FUNDS else None
        if rows is not None:
            for sym, wt in rows:
                add(sym, wi * wt / 100.0)
            rest = wi * (1 - sum(wt for _, wt in rows) / 100.0)
            if rest > 1e-12:
                # No unlisted name is larger than the smallest listed one: the most the rest adds to the HHI.
                piece = min([wi * wt / 100.0 for _, wt in rows if wt > 0] + [rest])
                unlisted += rest
                remainder_hhi += rest * piece
        elif s not in FUNDS:
            add(s, wi)
    # Issuer concentration on the non-cash value: a fund without a constituents file is one opaque
    # issuer; the unlisted remainder of a listed fund adds its largest possible HHI.
    opaque = [wi for s, wi in zip(order, w) if s in FUNDS and fund_list(s, etf_dir) is None]
    iw = np.array(sorted(list(issuers.values()) + opaque, reverse=True))
    itotal = iw.sum() + unlisted
    iw = iw / itotal
    ihhi = float(np.sum(iw ** 2)) + remainder_hhi / itotal ** 2
    companies = {c["issuer"]: c for c in THEME["companies"]}

    def default_of(iss):
        # Outside the model: the default of the industry our table gives, unless the issuer is excluded.
        d = next((d for d in THEME["industryDefaults"] if d["industry"] == INDUSTRY_OF.get(iss)
                  and iss not in [x["issuer"] for x in d.get("exclude", [])]), None)
        if d is None:
            return None
        return {"relevance": {"value": d["relevance"]}, "roles": d["roles"], "segments": {d["segment"]: d["relevance"]}}

    relevance = lambda c: c["relevance"]["value"]
    theme_total, buyers, sellers, members, member_buyers = 0.0, 0.0, 0.0, 0.0, 0.0
    segs = {k: 0.0 for k in THEME["segments"]}
    for iss, wt in issuers.items():
        c = companies.get(iss) or default_of(iss)
        if c is None or not c["roles"]:
            continue
        theme_total += wt * relevance(c)
        members += wt
        if "capexBuyer" in c["roles"]:
            buyers += wt * relevance(c)
            member_buyers += wt
        else:
            sellers += wt * relevance(c)
        for k, v in c["segments"].items():
            segs[k] += wt * v

    # Seller revenue share of each holding (look-through), for the scenario.
    def seller_share(sym):
        c = companies.get(issuer_of(sym)) or default_of(issuer_of(sym))
        return relevance(c) if c is not None and c["roles"] == ["capexSeller"] else 0.0
    held_seller = {}
    for s in order:
        rows = fund_list(s, etf_dir) if s in FUNDS else None
        if rows is not None:
            held_seller[s] = sum(wt / 100.0 * seller_share(sym) for sym, wt in rows)
        else:
            held_seller[s] = 0.0 if s in FUNDS else seller_share(s)

    # Two-factor model on two-day returns with exponential weights (half-life 126 trading days).
    T = adj.shape[1]
    pts = list(range(T - 1 - ((T - 1) // STEP) * STEP, T, STEP))
    r2d = adj[:, pts[1:]] / adj[:, pts[:-1]] - 1.0
    n2 = r2d.shape[1]
    wt2 = 0.5 ** ((n2 - 1 - np.arange(n2)) / (HALF_LIFE / STEP))
    wt2 = wt2 / wt2.sum()
    cen = lambda x: x - np.sum(wt2 * x)
    m2 = cen(r2d[symbols.index(MARKET)])
    b2_ = cen(r2d[[symbols.index(s) for s in CORE]].mean(axis=0))
    beta_bm = np.sum(wt2 * b2_ * m2) / np.sum(wt2 * m2 * m2)
    eps = b2_ - beta_bm * m2
    bm = {s: float(np.sum(wt2 * r2d[symbols.index(s)] * m2) / np.sum(wt2 * m2 * m2)) for s in order}
    bai = {s: float(np.sum(wt2 * r2d[symbols.index(s)] * eps) / np.sum(wt2 * eps * eps)) for s in order}
    port2 = cen(sum(w[i] * r2d[symbols.index(s)] for i, s in enumerate(order)))
    var2 = np.sum(wt2 * port2 * port2)
    pbm = float(sum(w[i] * bm[s] for i, s in enumerate(order)))
    pbai = float(sum(w[i] * bai[s] for i, s in enumerate(order)))

    def scenario_loss(basket_move, market_move):
        lm = math.log1p(market_move)
        lr = math.log1p(basket_move) - beta_bm * lm
        extra = SCENARIO["sellerExtraFall"]["value"]
        ret = {s: max(-1.0, math.expm1(bm[s] * lm + bai[s] * lr) + extra * held_seller[s]) for s in order}
        return float(-sum(w[i] * ret[s] for i, s in enumerate(order))), ret
    head = SCENARIO["headline"]
    loss, scen_ret = scenario_loss(head["basketMove"], head["marketMove"])
    ref = SCENARIO["reference2000"]
    loss2000, _ = scenario_loss(ref["basketMove"], ref["marketMove"])

    return {
        "asOf": asof,
        "holdings": [{"symbol": s, "price": float(px[i]), "marketValue": float(mv[i]), "weight": float(w[i])} for i, s in enumerate(order)],
        "totals": {"marketValue": float(total)},
        "exposure": {"coreFour": core},
        "concentration": {"hhi": hhi, "effectiveN": 1 / hhi, "top1": float(ws[:1].sum()), "top5": float(ws[:5].sum()), "top10": float(ws[:10].sum())},
        "risk": {"lookbackDays": int(rets.shape[1]), "volatility": float(vol), "betaToAiBasket": float(beta), "var95": float(-q), "es95": float(es), "maxDrawdown": mdd,
                 "betaToMarket": float(beta_market), "aiBasketRSquared": float(r2), "riskContributions": contrib, "rollingBeta": rolling,
                 "correlation": {"symbols": [order[i] for i in top], "matrix": corr.tolist(), "lw": corr_lw.tolist(), "shrinkage": float(shrink_k)}},
        "shockBeta": float(sum(w[i] * betas[s] for i, s in enumerate(order))),
        "historical": hist,
        "issuerConcentration": {"hhi": ihhi, "effectiveN": 1 / ihhi, "top1": float(iw[:1].sum()), "top5": float(iw[:5].sum()), "top10": float(iw[:10].sum())},
        "theme": {"aiInfrastructure": theme_total, "capexBuyers": buyers, "capexSellers": sellers, "bySegment": segs,
                  "themeHoldings": members, "themeHoldingsBuyers": member_buyers},
        "factors": {"marketBeta": pbm, "netAiBeta": pbai, "marketR2": float(pbm ** 2 * np.sum(wt2 * m2 * m2) / var2),
                    "netAiR2": float(pbai ** 2 * np.sum(wt2 * eps * eps) / var2)},
        "scenario": {"loss": loss, "loss2000": loss2000, "returns": scen_ret,
                     "score": min(100.0, max(0.0, 100 * loss / SCENARIO["scoreScale"]["lossAtScore100"]))},
    }


if __name__ == "__main__":
    cases = json.load(sys.stdin)
    print(json.dumps([analyse(c["holdings"], c["pricesDir"], c["etfDir"], c.get("asOf")) for c in cases]))
