import { type CanActivate, type ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { RequestError } from '../common/errors/execution-plane.error.js';

export const JSON_MEDIA_TYPES = ['application/json', 'application/*+json'];

/**
 * 415 for a body that is not JSON. The JSON parser skips other media types silently, which
 * would otherwise surface as a confusing invalid_payload. (JSON in another charset than UTF-8
 * is refused before parsing, by payload/json-body.verifier.ts.)
 */
@Injectable()
export class JsonContentTypeGuard implements CanActivate {
  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    // `is()` answers null for a request without a body: the payload pipe reports that one.
    if (request.is(JSON_MEDIA_TYPES) === false) {
      throw new RequestError('unsupported_media_type', 'Content-Type must be application/json');
    }
    return true;
  }
}
