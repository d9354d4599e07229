"""How well could the overspending score rank portfolios, however its betas were estimated?

An independent numpy study behind docs/methodology.md ("How well it ranks"); not run by the tests
(it takes about two minutes). It scores random portfolios of the 29 shared symbols the day before
each of three AI drawdowns, with each holding's scenario loss from its market beta and net AI beta
(the shape the model issue prescribes) and its AI revenue share as a seller, and reports the
Spearman correlation with the loss each portfolio then took:

- the estimator we ship (two-day returns, three years, half-life 126 days), reproduced here and
  checked against `ai-exposure analyse` to 1e-9, and alternatives one would defend in advance
  (robust, downside, other windows and horizons);
- the noise of the test itself: 50 draws of 2,000 portfolios, and 200,000 portfolios as the
  population value;
- a grid of 336 estimators, and leave-one-window-out: choose the best on two windows, score it on
  the third.

Usage: python3 test/reference/ranking_study.py [PRICES_DIR]   (after `npm run build`)
"""
import csv
import itertools
import json
import os
import subprocess
import sys
import tempfile

import numpy as np
from scipy.stats import spearmanr

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PRICES = sys.argv[1] if len(sys.argv) > 1 else os.path.join(ROOT, '..', 'shared', 'datasets', 'prices')
ETFS = os.path.join(os.path.dirname(PRICES), 'etf-holdings')
SYMS = ('AMZN MSFT GOOGL GOOG NVDA AAPL META AVGO AMD ORCL EQIX DLR ANET MU INTC TSLA JPM JNJ XOM '
        'SPY QQQ SOXX GLD TSM SMH XLK VGT BND AGG').split()
BASKET = ['AMZN', 'MSFT', 'GOOGL', 'NVDA']
WINDOWS = [('2021-11-19', '2022-11-03'), ('2024-07-10', '2024-08-05'), ('2025-01-24', '2025-01-27')]
SCENARIO = json.load(open(os.path.join(ROOT, 'data', 'scenarios.json')))
M = SCENARIO['headline']['marketMove']
B = SCENARIO['headline']['basketMove']
X = SCENARIO['sellerExtraFall']['value']


def load(symbol):
    out = {}
    for row in csv.DictReader(open(os.path.join(PRICES, symbol + '.csv'))):
        v = row['adj_close'] or row['close']
        if v:
            out[row['date']] = float(v)
    return out


RAW = {s: load(s) for s in SYMS}
CAL = sorted(RAW['SPY'])


def forward_filled(symbol):
    days, last, out, j = sorted(RAW[symbol]), None, [], 0
    for t in CAL:
        while j < len(days) and days[j] <= t:
            last = RAW[symbol][days[j]]
            j += 1
        out.append(np.nan if last is None else last)
    return np.array(out)


PX = {s: forward_filled(s) for s in SYMS}
DAILY = {s: PX[s][1:] / PX[s][:-1] - 1 for s in SYMS}


def on_or_before(symbol, day):
    return RAW[symbol][max(d for d in RAW[symbol] if d <= day)]


def day_before(day):
    return max(t for t in CAL if t < day)


def step_returns(as_of, days, step):
    """Non-overlapping `step`-day returns over the last `days` daily returns up to as_of; the basket
    is rebalanced each step (the mean of its four names' step returns), as the analysis does."""
    i = CAL.index(as_of)
    n = (min(days, i) // step) * step
    out = {s: np.prod(1 + DAILY[s][i - n:i].reshape(-1, step), axis=1) - 1 for s in SYMS}
    out['_B'] = np.mean([out[s] for s in BASKET], axis=0)
    return out


def decay(T, half_life_steps):
    w = np.ones(T) if half_life_steps is None else 0.5 ** (np.arange(T)[::-1] / half_life_steps)
    return w / w.sum()


def regress(y, columns, w):
    Xm = np.column_stack([np.ones(len(y))] + columns)
    return np.linalg.solve((Xm * w[:, None]).T @ Xm, (Xm * w[:, None]).T @ y)


def huber(y, columns, w0, c=1.345):
    """Iteratively reweighted least squares with Huber weights on the MAD scale of the residuals."""
    Xm = np.column_stack([np.ones(len(y))] + columns)
    w = w0.copy()
    for _ in range(50):
        coef = np.linalg.solve((Xm * w[:, None]).T @ Xm, (Xm * w[:, None]).T @ y)
        res = y - Xm @ coef
        u = np.abs(res) / (c * (1.4826 * np.median(np.abs(res - np.median(res))) + 1e-12))
        wn = w0 * np.where(u <= 1, 1, 1 / np.maximum(u, 1e-12))
        if np.allclose(wn, w, rtol=1e-8, atol=1e-14):
            break
        w = wn
    return coef


def betas(as_of, method='ols', step=2, days=756, half_life=126):
    """Each symbol's market beta and net AI beta (on the basket's residual on SPY), and the basket's
    market beta. `lpm`: a no-intercept fit on the steps where the basket fell (Bawa-Lindenberg)."""
    R = step_returns(as_of, days, step)
    m, b = R['SPY'], R['_B']
    w = decay(len(m), None if half_life is None else half_life / step)
    if method == 'lpm':
        w = w * (b < 0)
        bb = np.sum(w * b * m) / np.sum(w * m * m)
        Xm = np.column_stack([m, b - bb * m])
        A = (Xm * w[:, None]).T @ Xm
        fit = np.array([np.linalg.solve(A, (Xm * w[:, None]).T @ R[s]) for s in SYMS])
        return fit[:, 0], fit[:, 1], bb
    fit = huber if method == 'huber' else regress
    bb = fit(b, [m], w)[1]
    e = b - bb * m
    coef = np.array([fit(R[s], [m, e], w)[1:] for s in SYMS])
    return coef[:, 0], coef[:, 1], bb


def scenario_returns(market_beta, net_ai_beta, basket_beta, seller_share):
    lm = np.log1p(M)
    return np.maximum(-1, np.expm1(market_beta * lm + net_ai_beta * (np.log1p(B) - basket_beta * lm)) + X * seller_share)


def plain_ai_beta(as_of):
    R = step_returns(as_of, 756, 1)
    b = R['_B']
    return np.array([np.cov(R[s], b)[0, 1] / np.var(b, ddof=1) for s in SYMS])


def portfolios(seed, n=2000):
    """n portfolios of 1-8 distinct symbols, weights uniform on the simplex (as test/model.test.ts)."""
    rng = np.random.default_rng(seed)
    k = rng.integers(1, 9, size=n)
    order = np.argsort(rng.random((n, len(SYMS))), axis=1)
    chosen = np.zeros((n, len(SYMS)), bool)
    chosen[np.arange(n)[:, None], order] = np.arange(len(SYMS))[None, :] < k[:, None]
    W = rng.exponential(size=(n, len(SYMS))) * chosen
    return W / W.sum(1, keepdims=True)


def analysed(as_of):
    """Our analysis of the 29 names as of the day: its betas and seller shares, by symbol."""
    with tempfile.NamedTemporaryFile('w', suffix='.csv', delete=False) as f:
        f.write('symbol,weight\n' + ''.join(f'{s},{100 / len(SYMS):.6f}%\n' for s in SYMS))
    cli = os.path.join(ROOT, 'dist', 'src', 'cli', 'main.js')
    args = ['node', cli, 'analyse', f.name, '--prices-dir', PRICES, '--etf-holdings-dir', ETFS,
            '--as-of', as_of, '--mc-paths', '1000', '--format', 'json']
    report = json.loads(subprocess.run(args, check=True, capture_output=True).stdout)
    os.unlink(f.name)
    return {c['symbol']: c for c in report['overspending']['contributions']}


def main():
    as_ofs = [day_before(start) for start, _ in WINDOWS]
    ours = [analysed(a) for a in as_ofs]
    shares = [np.array([o[s]['sellerRevenueShare'] for s in SYMS]) for o in ours]
    for o, a in zip(ours, as_ofs):
        bm, ba, _ = betas(a)
        gap = max(np.max(np.abs(bm - [o[s]['marketBeta'] for s in SYMS])),
                  np.max(np.abs(ba - [o[s]['netAiBeta'] for s in SYMS])))
        print(f'as of {a}: our betas reproduced to {gap:.1e}')
        assert gap < 1e-9
    losses = [np.array([1 - on_or_before(s, end) / on_or_before(s, start) for s in SYMS]) for start, end in WINDOWS]
    draws = [portfolios(100 + i) for i in range(50)]
    population = portfolios(7, 200_000)

    def rho(scores, W):
        return [spearmanr(W @ scores[k], W @ losses[k])[0] for k in range(3)]

    def report(name, scores):
        pop = rho(scores, population)
        means = np.array([np.mean(rho(scores, W)) for W in draws])
        print(f'{name:36s} population {" ".join(f"{v:.3f}" for v in pop)} | {np.mean(pop):.3f}   '
              f'2,000 portfolios: mean {means.mean():.3f} sd {means.std():.4f}, at least 0.75 in {np.mean(means >= 0.75):.0%}')

    def loss_scores(**kw):
        return [-scenario_returns(*betas(a, **kw), shares[k]) for k, a in enumerate(as_ofs)]

    print('\nSpearman of score vs realised loss (windows 1-3 | mean)')
    report('plain AI beta (daily, 3 years)', [plain_ai_beta(a) for a in as_ofs])
    report('ours: OLS, 2 days, 3 years, hl 126', loss_scores())
    report('Huber, 2 days, 3 years, hl 126', loss_scores(method='huber'))
    report('downside (basket fell), 3 y, hl 126', loss_scores(method='lpm'))
    report('OLS, 2 days, 1 year, flat', loss_scores(days=252, half_life=None))
    report('downside, 2 days, 1 year, flat', loss_scores(method='lpm', days=252, half_life=None))

    print('\nGrid: method × step × window × half-life, population means')
    W = portfolios(7, 100_000)
    grid = []
    for method, step, days, hl in itertools.product(['ols', 'huber', 'lpm'], [1, 2, 3, 5], [252, 504, 756], [63, 126, 252, None]):
        grid.append(((method, step, days, hl), rho(loss_scores(method=method, step=step, days=days, half_life=hl), W)))
    means = np.array([np.mean(v) for _, v in grid])
    print(f'{len(grid)} estimators: median {np.median(means):.3f}, best {means.max():.3f} {grid[int(means.argmax())][0]}, '
          f'at least 0.75: {np.mean(means >= 0.75):.0%}')
    base = rho(loss_scores(), W)
    for held in range(3):
        best = max(grid, key=lambda g: np.mean([v for k, v in enumerate(g[1]) if k != held]))
        print(f'leave window {held + 1} out: best on the other two {best[0]} scores {best[1][held]:.3f} on it, ours {base[held]:.3f}')


if __name__ == '__main__':
    main()
