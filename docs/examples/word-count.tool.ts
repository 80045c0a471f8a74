// Worked example of docs/extending.md: a native tool in one file.
// test/docs-examples.e2e-spec.ts registers it and calls it through a full agent run.
import { Injectable } from '@nestjs/common';
import { BaseNativeTool } from '../../src/tools/native/base-native.tool.js';
import { NativeTool } from '../../src/tools/native/native-tool.decorator.js';
import { ToolError } from '../../src/tools/tool.error.js';
import type { ToolContext } from '../../src/tools/tool.types.js';

interface WordCountArgs extends Record<string, unknown> {
  text: string;
  unique?: boolean;
}

@NativeTool()
@Injectable()
export class WordCountTool extends BaseNativeTool<WordCountArgs> {
  readonly name = 'word_count';
  readonly description = 'Counts the words of a text (optionally only distinct words).';
  // Arguments are checked against this schema before execute() runs; the model sees it too.
  readonly parameters = {
    type: 'object',
    properties: {
      text: { type: 'string', maxLength: 100_000 },
      unique: { type: 'boolean', description: 'Count each distinct word once' },
    },
    required: ['text'],
    additionalProperties: false,
  };

  async execute({ text, unique = false }: WordCountArgs, context: ToolContext): Promise<unknown> {
    if (context.signal.aborted) throw new ToolError('cancelled', 'The run was stopped');
    const words = text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
    const count = unique ? new Set(words).size : words.length;
    context.logger.debug({ count }, 'words counted'); // never log the text itself
    return { words: count, unique };
  }
}
