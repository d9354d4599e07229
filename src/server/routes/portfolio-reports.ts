import { Router, type Request } from 'express';
import { AnalysisOptionsSchema } from '../../analysis';
import { AppError } from '../../errors';
import type { PortfolioRecord, Store } from '../../store';
import type { AnalysisRunner } from '../analysis-runner';
import { requestOptions } from '../http/params';

const RENDER_OPTIONS = AnalysisOptionsSchema.pick({ lang: true, paper: true });
/** Points drawn in the trend: two years of daily runs. */
const TREND_POINTS = 520;

/**
 * A saved portfolio's latest report with its trend (score and AI share over time, the alert
 * thresholds drawn), rendered on request: the trend changes with every run, so it is not kept.
 */
export function portfolioReportRoutes(deps: {
  store: Store;
  runner: AnalysisRunner;
  find: (req: Request) => Promise<PortfolioRecord>;
}): Router {
  const routes = Router({ mergeParams: true });
  const latest = async (req: Request) => {
    const p = await deps.find(req);
    const stored = p.latestAnalysisId === null ? null : await deps.store.analyses.get(p.latestAnalysisId, p.owner);
    if (stored === null)
      throw new AppError('not_found', 'not_found', {
        params: { reason: { code: 'notfound.portfolio_report', params: { id: p.id } } },
      });
    const trend = { points: await deps.store.history.recent(p.id, TREND_POINTS), alerts: p.alerts };
    return { p, stored, trend };
  };

  routes.get('/report.html', async (req, res) => {
    const { stored, trend } = await latest(req);
    const { lang } = requestOptions(req, RENDER_OPTIONS);
    res
      .type('html')
      .send(await deps.runner.render({ reportJson: stored.reportJson, format: 'html', lang, paper: 'A4', trend }));
  });

  routes.get('/report.pdf', async (req, res) => {
    const { p, stored, trend } = await latest(req);
    const { lang, paper } = requestOptions(req, RENDER_OPTIONS);
    const pdf = await deps.runner.render({ reportJson: stored.reportJson, format: 'pdf', lang, paper, trend });
    res
      .type('application/pdf')
      .setHeader('Content-Disposition', `inline; filename="ai-exposure-${p.id.slice(0, 8)}.pdf"`)
      .send(pdf);
  });
  return routes;
}
