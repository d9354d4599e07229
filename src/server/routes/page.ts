import { readFileSync } from 'node:fs';
import path from 'node:path';
import { Router } from 'express';
import { LANGUAGES, type Lang } from '../../i18n';
import { PROJECT_ROOT } from '../../shared/project-root';
import { langFromAcceptLanguage } from '../http/language';
import { PORTFOLIOS_SCRIPT, withPortfolios } from '../page-portfolios';
import { uploadPage } from './page-html';

/** The page's scripts: files of their own, read once (from src/, also when the service runs compiled from dist/). */
const APP_SCRIPT = readFileSync(path.join(PROJECT_ROOT, 'src/server/routes/page-app.js'), 'utf8');
/** The what-if panel's module, which /app.js imports. */
const WHATIF_SCRIPT = readFileSync(path.join(PROJECT_ROOT, 'src/server/routes/page-whatif-app.js'), 'utf8');

/** `?lang=it` when the reader chose it, else what the browser asks for (Accept-Language), else English. */
function pageLang(query: unknown, accept: string | undefined): Lang {
  return typeof query === 'string' && (LANGUAGES as readonly string[]).includes(query)
    ? (query as Lang)
    : langFromAcceptLanguage(accept);
}

/** The upload page and its script (no inline script: the CSP allows only 'self'). */
export function pageRoutes({ needsKey }: { needsKey: boolean }): Router {
  const routes = Router();
  routes.get('/', (req, res) => {
    const lang = pageLang(req.query.lang, req.headers['accept-language']);
    res
      .type('html')
      .setHeader('Vary', 'Accept-Language')
      .send(withPortfolios(uploadPage(lang, needsKey), lang));
  });
  routes.get('/app.js', (_req, res) => {
    res.type('application/javascript').send(APP_SCRIPT);
  });
  routes.get('/whatif.js', (_req, res) => {
    res.type('application/javascript').send(WHATIF_SCRIPT);
  });
  routes.get('/portfolios.js', (_req, res) => {
    res.type('application/javascript').send(PORTFOLIOS_SCRIPT);
  });
  return routes;
}
