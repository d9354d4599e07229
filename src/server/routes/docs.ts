import { type RequestHandler, Router } from 'express';
import swaggerUi from 'swagger-ui-express';
import { openApiDocument } from '../openapi';

/**
 * Swagger UI's page names its scripts and styles relative to itself ("./swagger-ui-bundle.js"):
 * they resolve under /docs/ only, so /docs is sent there.
 */
const withSlash: RequestHandler = (req, res, next) => {
  if (req.originalUrl.split('?')[0] === '/docs') res.redirect(301, '/docs/');
  else next();
};

/**
 * The API reference to browse and try (public): Swagger UI from node_modules, on the generated
 * OpenAPI document, which its init script carries (so the page needs no key to read it); its
 * scripts are files, so the CSP's `script-src 'self'` holds. The document itself is under
 * /api/v1, behind the keys.
 */
export function docsRoutes(): { page: Router; api: Router } {
  const document = openApiDocument();
  const options = {
    customSiteTitle: 'ai-exposure API',
    // No validator badge: it would send the document to validator.swagger.io.
    swaggerOptions: { validatorUrl: null, persistAuthorization: false, tryItOutEnabled: false },
  };
  const page = Router();
  page.use('/docs', withSlash, swaggerUi.serveFiles(document, options), swaggerUi.setup(document, options));
  const api = Router();
  api.get('/openapi.json', (_req, res) => {
    res.json(document);
  });
  return { page, api };
}
