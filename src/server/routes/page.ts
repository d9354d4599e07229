import { Router } from 'express';
import { langFromAcceptLanguage } from '../http/language';
import { PORTFOLIOS_SCRIPT, withPortfolios } from '../page-portfolios';
import { APP_SCRIPT, uploadPage } from '../web-page';

/** The upload page and its script (no inline script: the CSP allows only 'self'). */
export function pageRoutes({ needsKey }: { needsKey: boolean }): Router {
  const routes = Router();
  routes.get('/', (req, res) => {
    const lang = langFromAcceptLanguage(req.headers['accept-language']);
    res.type('html').send(withPortfolios(uploadPage(lang, needsKey), lang));
  });
  routes.get('/app.js', (_req, res) => {
    res.type('application/javascript').send(APP_SCRIPT);
  });
  routes.get('/portfolios.js', (_req, res) => {
    res.type('application/javascript').send(PORTFOLIOS_SCRIPT);
  });
  return routes;
}
