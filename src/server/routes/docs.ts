import { Router } from 'express';
import { openApiDocument } from '../openapi';
import { docsPage } from '../web-page';

/** The browsable API reference (public) and the OpenAPI document (under /api/v1, behind its keys). */
export function docsRoutes(): { page: Router; api: Router } {
  const page = Router();
  page.get('/docs', (_req, res) => {
    res.type('html').send(docsPage(openApiDocument()));
  });
  const api = Router();
  api.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  return { page, api };
}
