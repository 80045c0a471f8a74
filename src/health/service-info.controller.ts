import { Controller, Get } from '@nestjs/common';
import { ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { type NativeToolInfo, NativeToolRegistry } from '../tools/native/native-tool.registry.js';
import type { WorkflowMetadata } from '../workflows/workflow.decorator.js';
import { WorkflowRegistry } from '../workflows/workflow.registry.js';
import { PROTOCOL_VERSION, SERVICE_NAME, SERVICE_VERSION } from './service-version.js';

export interface ServiceInfo {
  service: string;
  version: string;
  protocol_version: string;
  workflows: WorkflowMetadata[];
  native_tools: NativeToolInfo[];
}

@ApiTags('service')
@Controller()
export class ServiceInfoController {
  constructor(
    private readonly workflows: WorkflowRegistry,
    private readonly nativeTools: NativeToolRegistry,
  ) {}

  @Get()
  @ApiOperation({ summary: 'Service info, workflows and native tools' })
  @ApiOkResponse({
    schema: {
      example: {
        service: SERVICE_NAME,
        version: SERVICE_VERSION,
        protocol_version: PROTOCOL_VERSION,
        workflows: [
          { id: 'echo', description: 'Echoes the last user message back word by word (no model).' },
        ],
        native_tools: [],
      },
    },
  })
  info(): ServiceInfo {
    return {
      service: SERVICE_NAME,
      version: SERVICE_VERSION,
      protocol_version: PROTOCOL_VERSION,
      workflows: this.workflows.list(),
      native_tools: this.nativeTools.list(),
    };
  }
}
