import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { TOOL_TYPES, type ToolType } from '../common/run-events/run-event.types.js';
import { ToolSource } from './tool-source.js';

/**
 * Every ToolSource provider of the application, by type. The boot fails when two serve one
 * type or a member of TOOL_TYPES has none.
 */
@Injectable()
export class ToolSourceRegistry implements OnModuleInit {
  private readonly sources = new Map<ToolType, ToolSource>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const { instance } of this.discovery.getProviders()) {
      if (!(instance instanceof ToolSource)) continue;
      const source = instance as ToolSource;
      if (this.sources.has(source.type))
        throw new Error(`Two tool sources serve type '${source.type}'`);
      this.sources.set(source.type, source);
    }
    const missing = TOOL_TYPES.filter((type) => !this.sources.has(type));
    if (missing.length > 0) throw new Error(`No tool source serves: ${missing.join(', ')}`);
  }

  get(type: ToolType): ToolSource {
    return this.sources.get(type) as ToolSource;
  }
}
