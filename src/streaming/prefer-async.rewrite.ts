import type { NextFunction, Request, Response } from 'express';

/** RFC 7240's preference for an asynchronous answer: 202 at once, the work going on. */
const RESPOND_ASYNC = /(^|[\s,;])respond-async([\s,;]|$)/i;
const STREAMED_START = '/v1/run_workflow';
const BACKGROUND_START = '/v1/runs';

/**
 * `POST /v1/run_workflow` with `Prefer: respond-async` is a background start: rewritten to
 * `POST /v1/runs` before routing, so both are one handler (a streaming route cannot answer
 * 202 once Nest has chosen it) and every guard of /v1 applies as usual.
 */
export function preferAsyncRewrite(request: Request, _response: Response, next: NextFunction) {
  const prefer = request.headers.prefer;
  if (
    request.method === 'POST' &&
    typeof prefer === 'string' &&
    RESPOND_ASYNC.test(prefer) &&
    request.path === STREAMED_START
  )
    request.url = BACKGROUND_START + request.url.slice(STREAMED_START.length);
  next();
}
