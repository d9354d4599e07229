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
LOOKBACK = 756


def read_prices(path):
    with open(path, newline="") as f:
        rows = list(csv.DictReader(f))
    out = {}
    for r in rows:
        adj = r.get("adj_close") or ""
        close = r.get("close") or ""
        out[r["date"]] = (float(close) if close else math.nan, float(adj) if adj else math.nan)
    return out


def analyse(holdings_file, prices_dir, etf_dir, as_of):
    qty = {}
    order = []
    with open(holdings_file, newline="") as f:
        for r in csv.DictReader(f):
            s = r["symbol"].strip().upper()
            if s not in qty:
                order.append(s)
                qty[s] = 0.0
            qty[s] += float(r["quantity"])

    symbols = list(dict.fromkeys(order + CORE))
    prices = {s: read_prices(os.path.join(prices_dir, s + ".csv")) for s in symbols}
    dates = None
    for s in symbols:
        have = {d for d, (_, a) in prices[s].items() if not math.isnan(a)}
        dates = have if dates is None else dates & have
    dates = sorted(d for d in dates if as_of is None or d <= as_of)
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
        path = os.path.join(etf_dir, s + ".csv")
        if not os.path.exists(path):
            continue
        with open(path, newline="") as f:
            for r in csv.DictReader(f):
                key = r["symbol"].strip().upper()
                key = "GOOGL" if key == "GOOG" else key
                if key in core:
                    core[key] += wi * float(r["weight"]) / 100.0
    core["total"] = sum(core[k] for k in CORE)

    return {
        "asOf": asof,
        "holdings": [{"symbol": s, "price": float(px[i]), "marketValue": float(mv[i]), "weight": float(w[i])} for i, s in enumerate(order)],
        "totals": {"marketValue": float(total)},
        "exposure": {"coreFour": core},
        "concentration": {"hhi": hhi, "effectiveN": 1 / hhi, "top1": float(ws[:1].sum()), "top5": float(ws[:5].sum()), "top10": float(ws[:10].sum())},
        "risk": {"lookbackDays": int(rets.shape[1]), "volatility": float(vol), "betaToAiBasket": float(beta), "var95": float(-q), "es95": float(es), "maxDrawdown": mdd},
    }


if __name__ == "__main__":
    cases = json.load(sys.stdin)
    print(json.dumps([analyse(c["holdings"], c["pricesDir"], c["etfDir"], c.get("asOf")) for c in cases]))
