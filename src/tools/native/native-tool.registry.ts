import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { BaseNativeTool } from './base-native.tool.js';
import { NativeTool } from './native-tool.decorator.js';

export interface NativeToolInfo {
  name: string;
  description: string;
  parameter_schema: Record<string, unknown>;
}

/** Every `@NativeTool()` provider, by name. Duplicate names fail the boot. */
@Injectable()
export class NativeToolRegistry implements OnModuleInit {
  private readonly tools = new Map<string, BaseNativeTool>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: NativeTool.KEY })) {
      const tool: unknown = wrapper.instance;
      if (!(tool instanceof BaseNativeTool)) {
        throw new Error(`@NativeTool() provider ${wrapper.name} must extend BaseNativeTool`);
      }
      if (this.tools.has(tool.name)) throw new Error(`Two native tools are named '${tool.name}'`);
      this.tools.set(tool.name, tool);
    }
  }

  find(name: string): BaseNativeTool | undefined {
    return this.tools.get(name);
  }

  list(): NativeToolInfo[] {
    return [...this.tools.values()]
      .map((tool) => ({
        name: tool.name,
        description: tool.description,
        parameter_schema: tool.parameters,
      }))
      .sort((a, b) => a.name.localeCompare(b.name));
  }
}
