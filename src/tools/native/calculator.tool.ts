import { Injectable } from '@nestjs/common';
import { ToolError } from '../tool.error.js';
import { BaseNativeTool } from './base-native.tool.js';
import { NativeTool } from './native-tool.decorator.js';
import { evaluateArithmetic, MAX_EXPRESSION_CHARS } from './safe-math.js';

interface CalculatorArgs extends Record<string, unknown> {
  expression: string;
}

@NativeTool()
@Injectable()
export class CalculatorTool extends BaseNativeTool<CalculatorArgs> {
  readonly name = 'calculator';
  readonly description =
    'Evaluates an arithmetic expression: + - * / ^ %, parentheses, comparisons, and functions such as sqrt, pow, log, sin, round, min, max, mean.';
  readonly parameters = {
    type: 'object',
    properties: {
      expression: {
        type: 'string',
        maxLength: MAX_EXPRESSION_CHARS,
        description: 'e.g. (2 + 3) * sqrt(16) / 4',
      },
    },
    required: ['expression'],
    additionalProperties: false,
  };

  async execute({ expression }: CalculatorArgs): Promise<unknown> {
    try {
      return { expression, result: await evaluateArithmetic(expression) };
    } catch (error) {
      const reason = error instanceof Error ? error.message : 'invalid expression';
      throw new ToolError('invalid_arguments', `Cannot evaluate the expression: ${reason}`);
    }
  }
}
