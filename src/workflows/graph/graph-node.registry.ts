import { Injectable, type OnModuleInit } from '@nestjs/common';
import { DiscoveryService } from '@nestjs/core';
import { GraphNodeKind, GraphNodeType } from '../kit/nodes/graph-node.js';

/** Every `@GraphNodeType()` provider, by type. Duplicate types fail the boot. */
@Injectable()
export class GraphNodeRegistry implements OnModuleInit {
  private readonly kinds = new Map<string, GraphNodeKind>();

  constructor(private readonly discovery: DiscoveryService) {}

  onModuleInit(): void {
    for (const wrapper of this.discovery.getProviders({ metadataKey: GraphNodeType.KEY })) {
      const type = this.discovery.getMetadataByDecorator(GraphNodeType, wrapper);
      if (!type) continue;
      if (!(wrapper.instance instanceof GraphNodeKind))
        throw new Error(`@GraphNodeType('${type}') must extend GraphNodeKind`);
      if (this.kinds.has(type)) throw new Error(`Two graph node types are registered as '${type}'`);
      this.kinds.set(type, wrapper.instance);
    }
  }

  get(type: string): GraphNodeKind | undefined {
    return this.kinds.get(type);
  }

  types(): string[] {
    return [...this.kinds.keys()].sort();
  }
}
