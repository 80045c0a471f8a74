import { Inject, Injectable, type PipeTransform } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { fieldIssuesError, RequestError } from '../common/errors/execution-plane.error.js';
import { limitsConfig } from '../config/limits.config.js';
import { RunWorkflowDto } from './dto/run-workflow.dto.js';
import { messageContentIssues } from './message-content.js';
import { countLimitIssues } from './payload-limits.js';
import { toFieldIssues } from './validation-issues.js';
import { isJsonObject } from '../common/json/is-json-object.js';

/**
 * Turns a parsed JSON body into a validated RunWorkflowDto or a 400 invalid_payload that
 * lists every bad field. Unknown fields are dropped (whitelist), never fatal.
 */
@Injectable()
export class RunPayloadPipe implements PipeTransform<unknown, Promise<RunWorkflowDto>> {
  constructor(@Inject(limitsConfig.KEY) private readonly limits: ConfigType<typeof limitsConfig>) {}

  async transform(body: unknown): Promise<RunWorkflowDto> {
    if (!isJsonObject(body)) {
      throw new RequestError('invalid_payload', 'The request body must be a JSON object', [
        { path: '', message: 'body must be a JSON object' },
      ]);
    }
    // The body's shape was bounded before it was parsed (json-body.verifier.ts); its counts
    // are checked before anything maps or validates it.
    const overLimit = countLimitIssues(body, this.limits);
    if (overLimit.length > 0) {
      throw new RequestError(
        'invalid_payload',
        overLimit.map((issue) => issue.message).join('; '),
        overLimit,
      );
    }
    const payload = plainToInstance(RunWorkflowDto, body);
    const [errors, contentIssues] = await Promise.all([
      validate(payload, {
        whitelist: true,
        forbidNonWhitelisted: false,
        stopAtFirstError: true,
        // `value` is kept only to tell arrays from objects when building paths.
        validationError: { target: false, value: true },
      }),
      messageContentIssues((body as { input?: { messages?: unknown } }).input?.messages),
    ]);
    if (errors.length > 0 || contentIssues.length > 0) {
      const details = [...toFieldIssues(errors), ...contentIssues];
      throw fieldIssuesError('invalid_payload', 'Invalid execution payload', details);
    }
    return payload;
  }
}
