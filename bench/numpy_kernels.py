"""numpy timings of the same kernels the TypeScript bench runs, on data of the same shape.

Usage: numpy_kernels.py N T REPS  → prints one JSON object {kernel: median_ms}.
Run with OPENBLAS_NUM_THREADS=1 (the bench does) so both sides use one core.
"""
import json
import sys
import time

import numpy as np


def median_ms(fn, reps):
    times = []
    for _ in range(reps):
        t = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t) * 1000)
    return float(np.median(times))


def main():
    n, t, reps = int(sys.argv[1]), int(sys.argv[2]), int(sys.argv[3])
    rng = np.random.default_rng(1)
    prices = np.exp(np.cumsum(rng.standard_normal((t + 1, n)) * 0.02, axis=0)) * 100
    w = rng.random(n)
    w /= w.sum()
    r = prices[1:] / prices[:-1] - 1
    rp = r @ w
    basket = r[:, :4].mean(axis=1)
    out = {}
    out["returns"] = median_ms(lambda: prices[1:] / prices[:-1] - 1, reps)
    out["portfolioSeries"] = median_ms(lambda: r @ w, reps)

    def cov_with(y):
        rc = r - r.mean(axis=0)
        return (rc.T @ (y - y.mean())) / (t - 1)

    out["covarianceWithSeries"] = median_ms(lambda: cov_with(rp), reps)

    def var_es():
        q = np.percentile(rp, 5)
        return -q, -rp[rp <= q].mean()

    out["varEs"] = median_ms(var_es, reps)

    def drawdown():
        v = np.cumprod(1 + rp)
        return np.max(1 - v / np.maximum.accumulate(v))

    out["maxDrawdown"] = median_ms(drawdown, reps)

    def rolling(window=63):
        cx = np.concatenate([[0], np.cumsum(basket)])
        cy = np.concatenate([[0], np.cumsum(rp)])
        cxx = np.concatenate([[0], np.cumsum(basket * basket)])
        cxy = np.concatenate([[0], np.cumsum(basket * rp)])
        sx, sy = cx[window:] - cx[:-window], cy[window:] - cy[:-window]
        sxx, sxy = cxx[window:] - cxx[:-window], cxy[window:] - cxy[:-window]
        return (sxy - sx * sy / window) / (sxx - sx * sx / window)

    out["rollingBeta"] = median_ms(rolling, reps)
    top = np.argsort(-w)[:15]
    out["correlation15"] = median_ms(lambda: np.corrcoef(r[:, top], rowvar=False), reps)

    def ledoit_wolf():
        x = r[:, top] - r[:, top].mean(axis=0)
        s = x.T @ x / t
        mu = np.trace(s) / s.shape[0]
        d2 = np.sum((s - mu * np.eye(s.shape[0])) ** 2) / s.shape[0]
        b2 = np.sum((np.einsum("ti,tj->tij", x, x) - s) ** 2) / s.shape[0] / t / t
        k = min(b2, d2) / d2
        return k * mu * np.eye(s.shape[0]) + (1 - k) * s

    out["ledoitWolf15"] = median_ms(ledoit_wolf, reps)
    print(json.dumps(out))


def monte_carlo(paths, k=20):
    rng = np.random.default_rng(1)
    cov = np.full((k, k), 0.5 * 0.09) + np.eye(k) * 0.5 * 0.09
    chol = np.linalg.cholesky(cov)
    w = np.full(k, 1 / k)
    t = time.perf_counter()
    z = rng.standard_normal((paths, k))
    chi2 = rng.chisquare(5, paths)
    bust = rng.random(paths) < 0.15
    x = (z @ chol.T) * np.sqrt(3 / chi2)[:, None] - 0.045
    x[bust] += np.log(0.6)
    r = np.expm1(x) @ w
    q = np.percentile(r, 5)
    _ = (-q, -r[r <= q].mean(), (r < -0.2).mean())
    return (time.perf_counter() - t) * 1000


if __name__ == "__main__":
    if sys.argv[1] == "mc":
        print(json.dumps({"monteCarlo": monte_carlo(int(sys.argv[2]))}))
    else:
        main()
