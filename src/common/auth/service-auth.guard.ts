import { createHash, timingSafeEqual } from 'node:crypto';
import {
  type CanActivate,
  type ExecutionContext,
  Inject,
  Injectable,
  Logger,
  type OnApplicationBootstrap,
} from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { Reflector } from '@nestjs/core';
import type { Request, Response } from 'express';
import { authConfig } from '../../config/auth.config.js';
import { RequestError } from '../errors/execution-plane.error.js';
import { PUBLIC_ROUTE } from './public-route.decorator.js';

/** Hashing first gives equal lengths, so timingSafeEqual can compare any two tokens. */
const digest = (token: string) => createHash('sha256').update(token).digest();

/**
 * Optional service authentication: with SERVICE_API_KEYS set, every route but the public
 * ones needs `Authorization: Bearer <key>`, compared in constant time against every key.
 */
@Injectable()
export class ServiceAuthGuard implements CanActivate, OnApplicationBootstrap {
  private readonly logger = new Logger(ServiceAuthGuard.name);
  private readonly keyDigests: Buffer[];

  constructor(
    @Inject(authConfig.KEY) config: ConfigType<typeof authConfig>,
    private readonly reflector: Reflector,
  ) {
    this.keyDigests = config.apiKeys.map(digest);
  }

  onApplicationBootstrap(): void {
    if (this.keyDigests.length === 0) {
      this.logger.warn('SERVICE_API_KEYS is not set: the service accepts unauthenticated requests');
    }
  }

  canActivate(context: ExecutionContext): boolean {
    if (this.keyDigests.length === 0) return true;
    const isPublic = this.reflector.getAllAndOverride<boolean>(PUBLIC_ROUTE, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (isPublic) return true;
    const header = context.switchToHttp().getRequest<Request>().headers.authorization ?? '';
    const [scheme, token] = header.split(' ', 2);
    const presented = digest(token ?? '');
    // Every key is compared, whatever matches, so timing says nothing about which one did.
    const matches = this.keyDigests.filter((key) => timingSafeEqual(key, presented)).length;
    if (scheme?.toLowerCase() === 'bearer' && token && matches > 0) return true;
    context.switchToHttp().getResponse<Response>().setHeader('WWW-Authenticate', 'Bearer');
    throw new RequestError('unauthorized', 'A valid bearer token is required');
  }
}
