/** What a trace id may be (task_meta.trace_id, X-Trace-Id): it goes into logs and headers as is. */
export const TRACE_ID_PATTERN = /^[A-Za-z0-9._:-]{1,128}$/;
