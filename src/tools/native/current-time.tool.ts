import { Injectable } from '@nestjs/common';
import { ToolError } from '../tool.error.js';
import { BaseNativeTool } from './base-native.tool.js';
import { NativeTool } from './native-tool.decorator.js';

interface CurrentTimeArgs extends Record<string, unknown> {
  timezone?: string;
}

/** `2026-11-25 14:03:07` in the given IANA zone. */
function localTime(now: Date, timeZone: string): string {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat('en-CA', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: '2-digit',
      day: '2-digit',
      hour: '2-digit',
      minute: '2-digit',
      second: '2-digit',
    })
      .formatToParts(now)
      .map((part) => [part.type, part.value]),
  );
  return `${parts.year}-${parts.month}-${parts.day} ${parts.hour}:${parts.minute}:${parts.second}`;
}

function utcOffset(now: Date, timeZone: string): string {
  const name = new Intl.DateTimeFormat('en-US', { timeZone, timeZoneName: 'longOffset' })
    .formatToParts(now)
    .find((part) => part.type === 'timeZoneName')?.value;
  return name === 'GMT' || !name ? '+00:00' : name.replace('GMT', '');
}

@NativeTool()
@Injectable()
export class CurrentTimeTool extends BaseNativeTool<CurrentTimeArgs> {
  readonly name = 'current_time';
  readonly description = 'The current date and time in an IANA time zone (default UTC).';
  readonly parameters = {
    type: 'object',
    properties: {
      timezone: {
        type: 'string',
        description: 'IANA time zone, e.g. Europe/Paris or Asia/Shanghai',
      },
    },
    additionalProperties: false,
  };

  async execute({ timezone = 'UTC' }: CurrentTimeArgs): Promise<unknown> {
    const now = new Date();
    try {
      return {
        timezone,
        local_time: localTime(now, timezone),
        utc_offset: utcOffset(now, timezone),
        iso_utc: now.toISOString(),
      };
    } catch {
      throw new ToolError('invalid_arguments', `Unknown IANA time zone: ${timezone}`);
    }
  }
}
