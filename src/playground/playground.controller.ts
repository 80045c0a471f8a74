import { fileURLToPath } from 'node:url';
import { Controller, Get, Header, Param, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { PublicRoute } from '../common/auth/public-route.decorator.js';
import { RequestError } from '../common/errors/execution-plane.error.js';
import { ORIGINAL_EXAMPLE_PAYLOAD } from '../payload/example-payload.js';

/** The page's files: index.html and styles.css as written, the scripts compiled by the build. */
const WEB_DIR = fileURLToPath(new URL('./web/', import.meta.url));
const ASSET_TYPES: Record<string, string> = {
  'app.js': 'text/javascript; charset=utf-8',
  'approval-panel.js': 'text/javascript; charset=utf-8',
  'graph-examples.js': 'text/javascript; charset=utf-8',
  'image-attachment.js': 'text/javascript; charset=utf-8',
  'run-view.js': 'text/javascript; charset=utf-8',
  'sse-stream.js': 'text/javascript; charset=utf-8',
  'styles.css': 'text/css; charset=utf-8',
};
/** The page talks to this service only and runs only its own scripts. */
const CONTENT_SECURITY_POLICY =
  "default-src 'self'; img-src 'self' data:; style-src 'self'; script-src 'self'; connect-src 'self'; frame-ancestors 'none'";

/**
 * GET /playground: a page to try workflows and watch a run's events (docs/playground.md).
 * Public like Swagger UI: the page holds no data; what it calls (GET /, /v1) needs the
 * service token when SERVICE_API_KEYS is set, which the page asks for.
 */
@ApiExcludeController()
@PublicRoute()
@Controller('playground')
export class PlaygroundController {
  @Get()
  @Header('Content-Security-Policy', CONTENT_SECURITY_POLICY)
  @Header('X-Content-Type-Options', 'nosniff')
  page(@Res() response: Response): void {
    response.type('text/html; charset=utf-8').sendFile('index.html', { root: WEB_DIR });
  }

  /** The original README's example, the page's starting point. */
  @Get('example-payload.json')
  examplePayload(): typeof ORIGINAL_EXAMPLE_PAYLOAD {
    return ORIGINAL_EXAMPLE_PAYLOAD;
  }

  @Get(':asset')
  @Header('X-Content-Type-Options', 'nosniff')
  asset(@Param('asset') name: string, @Res() response: Response): void {
    const type = Object.hasOwn(ASSET_TYPES, name) ? ASSET_TYPES[name] : undefined;
    if (!type) throw new RequestError('not_found', `No playground file '${name.slice(0, 64)}'`);
    response.type(type).sendFile(name, { root: WEB_DIR });
  }
}
