import { Controller, Get, Header } from '@nestjs/common';
import { ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { type GraphExample, graphExamples } from './graph-examples.js';
import { graphJsonSchema } from './graph-schema.js';
import { GraphNodeRegistry } from './graph-node.registry.js';

/**
 * Serves the graph definition's JSON Schema, so a control plane validates before it sends,
 * and the documented examples (the playground loads them).
 */
@ApiTags('workflows')
@Controller('v1/schemas')
export class GraphSchemaController {
  private schema?: object;
  private examples?: GraphExample[];

  constructor(private readonly registry: GraphNodeRegistry) {}

  @Get('graph')
  @Header('content-type', 'application/schema+json')
  @ApiOkResponse({ description: 'The JSON Schema (2020-12) of runtime_config.graph.' })
  graph(): object {
    return (this.schema ??= graphJsonSchema(this.registry));
  }

  @Get('graph/examples')
  @ApiOkResponse({
    description:
      'The complete examples of docs/graph-workflows.md: [{name, description, variables, graph}].',
  })
  graphExamples(): GraphExample[] {
    return (this.examples ??= graphExamples());
  }
}
