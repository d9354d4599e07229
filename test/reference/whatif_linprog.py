"""The what-if's least-turnover program, solved independently with scipy's linprog.

Reads on stdin a JSON problem whose coefficients the test read off an AnalysisReport (not the
what-if's own model): per holding its weight, whether it may be bought, and per unit of value its AI
revenue, weight in the chain, core four, covered share, scenario loss and issuer weights; the base
cash; the targets. Prints {"turnover": fraction of the portfolio, "status": ...}.

Variables: s_j in [0, w_j] (sell), b_j >= 0 for buyable holdings (buy). x_j = w_j - s_j + b_j.
  sum(b) - sum(s) <= base cash                      (buys paid by sales and cash)
  sum(c_j x_j) <= limit                             (each linear target; the score in points)
  sum((A_kj - X cov_j) x_j) <= 0 for every issuer k (issuer cap X on the non-cash value)
  sum(cov_j x_j) >= 0.001 * sum(cov_j w_j)          (a cap does not sell everything; only with caps)
Minimise sum(s) + sum(b).
"""

import json
import sys

import numpy as np
from scipy.optimize import linprog

INVESTED_FLOOR = 1e-3


def main():
    p = json.load(sys.stdin)
    h = p["holdings"]
    n = len(h)
    w = np.array([x["weight"] for x in h])
    buyable = [j for j in range(n) if h[j]["buyable"]]
    # Columns: s_0..s_{n-1}, then b for each buyable holding.
    m = n + len(buyable)

    def delta(coef):
        """Row of the change sum(coef_j (b_j - s_j)) over the columns."""
        row = np.zeros(m)
        row[:n] = -coef
        for k, j in enumerate(buyable):
            row[n + k] = coef[j]
        return row

    rows, rhs = [], []
    if buyable:
        rows.append(delta(np.ones(n)))
        rhs.append(p["baseCash"])
    per = {name: np.array([x[name] for x in h]) for name in ("aiRevenueShare", "themeHoldings", "coreFour", "loss")}
    linear = {
        "maxAiRevenueShare": per["aiRevenueShare"],
        "maxThemeHoldings": per["themeHoldings"],
        "maxCoreFour": per["coreFour"],
        "maxScore": 100 * per["loss"],
    }
    for name, coef in linear.items():
        limit = p["targets"].get(name)
        if limit is None or (name == "maxScore" and limit >= 100):
            continue
        rows.append(delta(coef))
        rhs.append(limit - coef @ w)
    cap = p["targets"].get("maxIssuer")
    if cap is not None:
        cov = np.array([x["covered"] for x in h])
        issuers = sorted({k for x in h for k in x["issuers"]})
        for k in issuers:
            d = np.array([x["issuers"].get(k, 0.0) for x in h]) - cap * cov
            rows.append(delta(d))
            rhs.append(-(d @ w))
        rows.append(-delta(cov))
        rhs.append(-(INVESTED_FLOOR * (cov @ w) - cov @ w))
    bounds = [(0, w[j]) for j in range(n)] + [(0, None) for _ in buyable]
    res = linprog(
        np.ones(m),
        A_ub=np.array(rows) if rows else None,
        b_ub=np.array(rhs) if rhs else None,
        bounds=bounds,
        method="highs",
        options={"primal_feasibility_tolerance": 1e-10, "dual_feasibility_tolerance": 1e-10},
    )
    print(json.dumps({"status": int(res.status), "turnover": float(res.fun) if res.status == 0 else None}))


main()
