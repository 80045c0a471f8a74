import 'reflect-metadata';
import { Injectable } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { Test } from '@nestjs/testing';
import { type FieldIssue, RequestError } from '../common/errors/execution-plane.error.js';
import type { ToolType } from '../common/run-events/run-event.types.js';
import type { RuntimeConfigDto } from '../payload/dto/runtime-config.dto.js';
import type { ToolSpecDto } from '../payload/dto/tool-spec.dto.js';
import { type OpenedTools, type SpecPlace, ToolSource } from './tool-source.js';
import { ToolSourceRegistry } from './tool-source.registry.js';
import { ToolsetFactory } from './toolset.factory.js';

/**
 * A tool source that records what the factory asked of it. A spec named `bad…` has an
 * issue, `down…` fails to open, `many…` opens two tools (`<name>_a`, `<name>_b`), and `x`
 * opens one named `many_a`.
 */
class RecordingSource extends ToolSource {
  readonly opened: string[] = [];
  readonly closed: string[] = [];

  constructor(readonly type: ToolType) {
    super();
  }

  issues(spec: ToolSpecDto, place: SpecPlace): FieldIssue[] {
    return spec.name.startsWith('bad') ? [{ path: `${place.path}.name`, message: 'bad' }] : [];
  }

  async open(spec: ToolSpecDto): Promise<OpenedTools> {
    await Promise.resolve();
    if (spec.name.startsWith('down'))
      throw new RequestError('tool_unavailable', `${spec.name} is down`);
    this.opened.push(spec.name);
    const names = spec.name.startsWith('many')
      ? [`${spec.name}_a`, `${spec.name}_b`]
      : [spec.name === 'x' ? 'many_a' : spec.name];
    return {
      tools: names.map((name) => ({
        name,
        description: name,
        type: this.type,
        parameters: {},
        execute: () => Promise.resolve(name),
      })),
      close: () => {
        this.closed.push(spec.name);
        return Promise.resolve();
      },
    };
  }
}

function factoryWith(sources: Record<ToolType, RecordingSource>): ToolsetFactory {
  const registry = { get: (type: ToolType) => sources[type] } as unknown as ToolSourceRegistry;
  return new ToolsetFactory(registry);
}

const spec = (type: ToolType, name: string) => ({ type, name }) as ToolSpecDto;
const runtime = (...tools: ToolSpecDto[]) => ({ tools, vault: {} }) as unknown as RuntimeConfigDto;
const signal = new AbortController().signal;

describe('ToolsetFactory', () => {
  let sources: Record<ToolType, RecordingSource>;
  let factory: ToolsetFactory;

  beforeEach(() => {
    sources = {
      NATIVE: new RecordingSource('NATIVE'),
      HTTP: new RecordingSource('HTTP'),
      MCP: new RecordingSource('MCP'),
    };
    factory = factoryWith(sources);
  });

  it('offers every source’s tools in spec order and closes them all at the end', async () => {
    const toolset = await factory.resolve(
      runtime(spec('MCP', 'many'), spec('NATIVE', 'clock'), spec('HTTP', 'web')),
      signal,
    );
    expect(toolset.tools.map((tool) => [tool.name, tool.type])).toEqual([
      ['many_a', 'MCP'],
      ['many_b', 'MCP'],
      ['clock', 'NATIVE'],
      ['web', 'HTTP'],
    ]);
    await toolset.close();
    expect([...sources.MCP.closed, ...sources.NATIVE.closed, ...sources.HTTP.closed]).toEqual([
      'many',
      'clock',
      'web',
    ]);
  });

  it('reports every spec’s issues and duplicate names at once, before opening any', async () => {
    const resolving = factory.resolve(
      runtime(
        spec('MCP', 'srv'),
        spec('HTTP', 'bad_a'),
        spec('NATIVE', 'srv'),
        spec('HTTP', 'bad_b'),
      ),
      signal,
    );
    await expect(resolving).rejects.toMatchObject({
      code: 'invalid_tool',
      details: [
        { path: 'runtime_config.tools[1].name', message: 'bad' },
        { path: 'runtime_config.tools[2].name', message: 'duplicate tool name' },
        { path: 'runtime_config.tools[3].name', message: 'bad' },
      ],
    });
    expect(sources.MCP.opened).toEqual([]);
  });

  it('closes what the others opened when one source fails, and passes its error on', async () => {
    const resolving = factory.resolve(
      runtime(spec('NATIVE', 'clock'), spec('MCP', 'down'), spec('HTTP', 'web')),
      signal,
    );
    await expect(resolving).rejects.toMatchObject({ code: 'tool_unavailable' });
    expect([...sources.NATIVE.closed, ...sources.HTTP.closed].sort()).toEqual(['clock', 'web']);
  });

  it('refuses two tools offered under one name (e.g. an MCP tool and a spec), closing all', async () => {
    const resolving = factory.resolve(runtime(spec('MCP', 'many'), spec('HTTP', 'x')), signal);
    await expect(resolving).rejects.toMatchObject({
      code: 'invalid_tool',
      details: [
        {
          path: 'runtime_config.tools',
          message: 'two tools would be offered to the model under the same name',
        },
      ],
    });
    expect([...sources.MCP.closed, ...sources.HTTP.closed]).toEqual(['many', 'x']);
  });

  it('resolves no tools to an empty toolset', async () => {
    const toolset = await factory.resolve(runtime(), signal);
    expect(toolset.tools).toEqual([]);
    await expect(toolset.close()).resolves.toBeUndefined();
  });
});

describe('ToolSourceRegistry', () => {
  const sourceFor = (type: ToolType) => {
    @Injectable()
    class FakeSource extends RecordingSource {
      constructor() {
        super(type);
      }
    }
    return FakeSource;
  };

  const boot = async (types: ToolType[]) => {
    const module = await Test.createTestingModule({
      imports: [DiscoveryModule],
      providers: [ToolSourceRegistry, ...types.map(sourceFor)],
    }).compile();
    await module.init();
    return module.get(ToolSourceRegistry);
  };

  it('finds one source per tool type', async () => {
    const registry = await boot(['NATIVE', 'HTTP', 'MCP']);
    expect(registry.get('MCP').type).toBe('MCP');
  });

  it('fails the boot on two sources for one type, or a type without one', async () => {
    await expect(boot(['NATIVE', 'HTTP', 'MCP', 'HTTP'])).rejects.toThrow(
      "Two tool sources serve type 'HTTP'",
    );
    await expect(boot(['NATIVE', 'HTTP'])).rejects.toThrow('No tool source serves: MCP');
  });
});
