import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import { FreeForm } from './free-form.decorator.js';
import { IsStringRecord } from './string-record.validator.js';

/** What a webhook may be told of a run; `done` is its end. */
export const WEBHOOK_EVENTS = ['done'] as const;
export type WebhookEvent = (typeof WEBHOOK_EVENTS)[number];

/** `runtime_config.webhook`: where the run's end is POSTed, signed (docs/observability.md). */
export class WebhookDto {
  @ApiProperty({ example: 'https://control-plane.example/hooks/runs' })
  @IsString({ message: 'url must be an absolute http or https URL' })
  @MaxLength(2048)
  url: string;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: { type: 'string' },
    example: { Authorization: 'Bearer {{vault.hook_token}}' },
    description:
      'Sent with each delivery; values may use {{vault.KEY}} and are masked like credentials.',
  })
  @IsOptional()
  @IsStringRecord()
  @FreeForm()
  headers?: Record<string, string>;

  @ApiPropertyOptional({
    enum: WEBHOOK_EVENTS,
    isArray: true,
    default: ['done'],
    example: ['done'],
  })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(WEBHOOK_EVENTS.length)
  @IsIn(WEBHOOK_EVENTS, { each: true, message: `events may be: ${WEBHOOK_EVENTS.join(', ')}` })
  events?: WebhookEvent[];
}
