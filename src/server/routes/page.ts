import { Router } from 'express';
import { langFromAcceptLanguage } from '../http/language';
import { APP_SCRIPT, uploadPage } from '../web-page';

/** The upload page and its script (no inline script: the CSP allows only 'self'). */
export function pageRoutes({ needsKey }: { needsKey: boolean }): Router {
  const routes = Router();
  routes.get('/', (req, res) => {
    res.type('html').send(uploadPage(langFromAcceptLanguage(req.headers['accept-language']), needsKey));
  });
  routes.get('/app.js', (_req, res) => {
    res.type('application/javascript').send(APP_SCRIPT);
  });
  return routes;
}
