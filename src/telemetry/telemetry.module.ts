import { Module } from '@nestjs/common';
import { TracingSdk } from './tracing.sdk.js';

/**
 * OpenTelemetry traces (docs/observability.md): the SDK, started only with an OTLP endpoint.
 * The spans themselves are made where the work is (run, model call, tool call, request),
 * through the API's global tracer (tracer.ts), which is a no-op until the SDK starts.
 */
@Module({ providers: [TracingSdk] })
export class TelemetryModule {}
