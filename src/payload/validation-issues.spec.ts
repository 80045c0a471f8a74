import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import { RunWorkflowDto } from './dto/run-workflow.dto.js';
import { HttpToolSpecDto } from './dto/tool-spec.dto.js';
import { toFieldIssues } from './validation-issues.js';

function issuesOf(body: unknown) {
  const errors = validateSync(plainToInstance(RunWorkflowDto, body) as object, {
    stopAtFirstError: true,
    validationError: { target: false, value: true },
  });
  return toFieldIssues(errors);
}

describe('toFieldIssues', () => {
  it('builds dotted paths with array indexes', () => {
    const issues = issuesOf({
      task_meta: { workflow_id: 'echo' },
      input: {
        messages: [
          { role: 'user', content: 'ok' },
          { role: 'user', content: 5 },
        ],
      },
      runtime_config: {
        model: { model_name: 'm', base_url: 'http://h/v1' },
        tools: [{ type: 'X', name: 'n' }],
      },
    });
    expect(issues).toEqual([
      {
        path: 'input.messages[1].content',
        message: 'content must be a string or a list of content parts',
      },
      {
        path: 'runtime_config.tools[0].type',
        message: expect.stringContaining('type must be one of'),
      },
    ]);
  });

  it('refuses tool specs that are not objects, or of no known type, by path (never a throw)', () => {
    const issues = issuesOf({
      task_meta: { workflow_id: 'echo' },
      input: { messages: [{ role: 'user', content: 'ok' }] },
      runtime_config: {
        model: { model_name: 'm', base_url: 'http://h/v1' },
        tools: [null, 'x', []],
      },
    });
    expect(issues).toEqual([
      { path: 'runtime_config.tools', message: 'each tool must be an object' },
    ]);
    const typed = issuesOf({
      task_meta: { workflow_id: 'echo' },
      input: { messages: [{ role: 'user', content: 'ok' }] },
      runtime_config: {
        model: { model_name: 'm', base_url: 'http://h/v1' },
        tools: [{ type: 'constructor', name: 'a' }, { name: 'b' }],
      },
    });
    expect(typed.map((issue) => issue.path)).toEqual([
      'runtime_config.tools[0].type',
      'runtime_config.tools[1].type',
    ]);
  });

  it('keeps free-form objects untouched', () => {
    const schema = {
      type: 'object',
      properties: { city: { type: 'string', enum: ['a'] } },
      required: ['city'],
    };
    const body = {
      task_meta: { workflow_id: 'echo' },
      input: {
        messages: [{ role: 'user', content: 'ok' }],
        variables: { nested: { list: [1, { x: null }] } },
      },
      runtime_config: {
        model: { model_name: 'm', base_url: 'http://h/v1' },
        tools: [
          {
            type: 'HTTP',
            name: 'w',
            parameter_schema: schema,
            execution_config: { url: 'http://x', body: [1] },
          },
        ],
        vault: { k: 'v' },
      },
    };
    const dto = plainToInstance(RunWorkflowDto, body);
    expect(dto.input.variables).toBe(body.input.variables);
    expect(dto.runtime_config.tools?.[0].parameter_schema).toBe(schema);
    const spec = dto.runtime_config.tools?.[0];
    // Each spec becomes the DTO of its type (the discriminated union of tool-spec.dto.ts).
    expect(spec).toBeInstanceOf(HttpToolSpecDto);
    expect((spec as HttpToolSpecDto).execution_config.body).toBe(
      body.runtime_config.tools[0].execution_config.body,
    );
    expect(dto.runtime_config.vault).toBe(body.runtime_config.vault);
  });
});
