import type { RunErrorCode } from '../common/errors/error-code.js';
import type { RunEventBody } from '../common/run-events/run-event.types.js';
import type { RunRecord } from '../run-control/run-record.js';

/**
 * A run's end as a webhook delivers it, in the Standard Webhooks payload shape (`type`,
 * `timestamp`, `data`): the final record, with cost, output and models when `done` had them,
 * and the error code of a run that failed.
 */
export function runEndPayload(
  record: RunRecord,
  done: RunEventBody<'done'>,
  errorCode: RunErrorCode | undefined,
) {
  const { cost, output, model, models_tried: modelsTried } = done;
  return {
    type: 'run.done',
    timestamp: record.ended_at ?? new Date().toISOString(),
    data: {
      ...record,
      usage: done.usage,
      duration_ms: done.duration_ms,
      ...(cost && { cost }),
      ...(output !== undefined && { output }),
      ...(model && { model }),
      ...(modelsTried && { models_tried: modelsTried }),
      ...(errorCode && { error_code: errorCode }),
    },
  };
}
