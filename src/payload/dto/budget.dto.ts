import { applyDecorators } from '@nestjs/common';
import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, IsPositive, Min } from 'class-validator';

/** The names of the limits of runtime_config.budget, as `budget_exceeded` errors name them. */
export const BUDGET_LIMITS = [
  'max_total_tokens',
  'max_cost',
  'max_model_calls',
  'max_tool_calls',
  'max_duration_ms',
] as const;
export type BudgetLimit = (typeof BUDGET_LIMITS)[number];

/** A count limit: a whole number of at least 1. */
const IsCount = (field: BudgetLimit) => {
  const message = `${field} must be a whole number of at least 1`;
  return applyDecorators(IsInt({ message }), Min(1, { message }));
};

/**
 * What a run may spend; it stops with `budget_exceeded` as soon as one limit is reached
 * (docs/execution-payload.md, "Cost and budgets").
 */
export class BudgetDto implements Partial<Record<BudgetLimit, number>> {
  @ApiPropertyOptional({ example: 20000, description: 'Prompt plus completion tokens.' })
  @IsOptional()
  @IsCount('max_total_tokens')
  max_total_tokens?: number;

  @ApiPropertyOptional({ example: 0.5, description: 'In the currency of runtime_config.pricing.' })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false }, { message: 'max_cost must be a number' })
  @IsPositive({ message: 'max_cost must be above 0' })
  max_cost?: number;

  @ApiPropertyOptional({ example: 8, description: 'Requests to a model, fallbacks included.' })
  @IsOptional()
  @IsCount('max_model_calls')
  max_model_calls?: number;

  @ApiPropertyOptional({ example: 10 })
  @IsOptional()
  @IsCount('max_tool_calls')
  max_tool_calls?: number;

  @ApiPropertyOptional({ example: 60000, description: "The run's wall time." })
  @IsOptional()
  @IsCount('max_duration_ms')
  max_duration_ms?: number;
}
