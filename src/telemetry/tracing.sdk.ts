import { Inject, Injectable, type OnApplicationShutdown, type OnModuleInit } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import type { NodeSDK } from '@opentelemetry/sdk-node';
import { telemetryConfig } from '../config/telemetry.config.js';
import { SERVICE_NAME } from '../health/service-version.js';

/**
 * The OpenTelemetry SDK for Node, started when an OTLP endpoint is set: it reads the standard
 * variables itself (OTEL_EXPORTER_OTLP_*, OTEL_SERVICE_NAME, OTEL_TRACES_SAMPLER, …), exports
 * traces only (the metrics stay Prometheus'), and flushes on shutdown. Without it the API's
 * no-op tracer makes every span call free.
 */
@Injectable()
export class TracingSdk implements OnModuleInit, OnApplicationShutdown {
  private sdk?: NodeSDK;

  constructor(
    @Inject(telemetryConfig.KEY) private readonly config: ConfigType<typeof telemetryConfig>,
  ) {}

  async onModuleInit(): Promise<void> {
    if (!this.config.tracingEnabled) return;
    // Loaded only when tracing is on: the SDK and its exporters cost tens of MB at boot.
    const { NodeSDK } = await import('@opentelemetry/sdk-node');
    this.sdk = new NodeSDK({
      serviceName: this.config.serviceName ?? SERVICE_NAME,
      metricReaders: [],
      logRecordProcessors: [],
      instrumentations: [],
    });
    this.sdk.start();
  }

  async onApplicationShutdown(): Promise<void> {
    await this.sdk?.shutdown().catch(() => undefined);
  }
}
