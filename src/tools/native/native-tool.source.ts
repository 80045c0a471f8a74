import { Injectable } from '@nestjs/common';
import type { FieldIssue } from '../../common/errors/execution-plane.error.js';
import type { NativeToolSpecDto } from '../../payload/dto/tool-spec.dto.js';
import { checkedTools, schemaIssues } from '../argument-checks.js';
import { NOTHING_TO_CLOSE, type OpenedTools, type SpecPlace, ToolSource } from '../tool-source.js';
import { NativeToolRegistry } from './native-tool.registry.js';

/**
 * Native tools (`type: "NATIVE"`), by name. A payload may override the description and the
 * schema the model sees; the tool's own schema is checked too, so an override cannot let
 * arguments through that its code does not expect.
 */
@Injectable()
export class NativeToolSource extends ToolSource<'NATIVE'> {
  readonly type = 'NATIVE';

  constructor(private readonly natives: NativeToolRegistry) {
    super();
  }

  issues(spec: NativeToolSpecDto, place: SpecPlace): FieldIssue[] {
    if (!this.natives.find(spec.name)) {
      const known = this.natives
        .list()
        .map((info) => info.name)
        .join(', ');
      return [{ path: `${place.path}.name`, message: `unknown native tool (known: ${known})` }];
    }
    if (!spec.parameter_schema) return [];
    return schemaIssues(spec.parameter_schema, `${place.path}.parameter_schema`);
  }

  open(spec: NativeToolSpecDto, place: SpecPlace): Promise<OpenedTools> {
    const native = this.natives.find(spec.name);
    if (!native) throw new Error(`native tool ${spec.name} was not checked`);
    const tool = {
      name: native.name,
      description: spec.description ?? native.description,
      type: 'NATIVE' as const,
      parameters: spec.parameter_schema ?? native.parameters,
      execute: native.execute.bind(native),
    };
    const schemas = [tool.parameters, native.parameters];
    const tools = checkedTools([{ tool, schemas, path: `${place.path}.parameter_schema` }]);
    return Promise.resolve({ tools, close: NOTHING_TO_CLOSE });
  }
}
