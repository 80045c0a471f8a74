import type { JsonSchema, ToolContext } from '../tool.types.js';

/**
 * A tool built into the service. Subclass it, decorate the class with `@NativeTool()` and
 * add it to ToolsModule's providers: GET / lists it and payloads may select it by name.
 */
export abstract class BaseNativeTool<
  Args extends Record<string, unknown> = Record<string, unknown>,
> {
  abstract readonly name: string;
  abstract readonly description: string;
  /** JSON Schema of the arguments, shown to the model. */
  abstract readonly parameters: JsonSchema;

  /** Runs the tool. Throw a ToolError for a failure the model should see and may correct. */
  abstract execute(args: Args, context: ToolContext): Promise<unknown>;
}
