import { registerAs } from '@nestjs/config';
import { loadEnvironment } from './load-environment.js';

export const telemetryConfig = registerAs('telemetry', () => {
  const env = loadEnvironment();
  const endpoint = env.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? env.OTEL_EXPORTER_OTLP_ENDPOINT;
  return {
    /** Off unless an OTLP endpoint is set (and OTEL_SDK_DISABLED is not). */
    tracingEnabled: endpoint !== undefined && !env.OTEL_SDK_DISABLED,
    captureContent: env.OTEL_INSTRUMENTATION_GENAI_CAPTURE_MESSAGE_CONTENT,
    serviceName: env.OTEL_SERVICE_NAME,
  };
});
