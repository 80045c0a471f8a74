import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { plainToInstance } from 'class-transformer';
import { IsNumber, IsOptional, Matches, Min } from 'class-validator';
import { isJsonObject } from '../../common/json/is-json-object.js';

/** Models runtime_config.pricing may price; a run calls at most a handful. */
export const MAX_PRICED_MODELS = 64;

/** A price: a finite number, 0 or more. */
const IsPrice = (field: string) =>
  applyDecorators(
    IsNumber({ allowNaN: false, allowInfinity: false }, { message: `${field} must be a number` }),
    Min(0, { message: `${field} must be 0 or more` }),
  );

/** One model's prices per million tokens (OpenAI's pricing page states them so). */
export class ModelPriceDto {
  @ApiProperty({ example: 2.5 })
  @IsPrice('input_per_million')
  input_per_million: number;

  @ApiPropertyOptional({
    example: 1.25,
    description: 'Prompt tokens served from the provider cache; input_per_million when absent.',
  })
  @IsOptional()
  @IsPrice('cached_input_per_million')
  cached_input_per_million?: number;

  @ApiProperty({ example: 10, description: 'Completion tokens, reasoning tokens included.' })
  @IsPrice('output_per_million')
  output_per_million: number;

  @ApiProperty({ example: 'USD', description: 'ISO 4217 code; one currency per payload.' })
  @Matches(/^[A-Z]{3}$/, { message: 'currency must be an ISO 4217 code such as USD' })
  currency: string;
}

/** `pricing` as sent (model name → prices) as a Map of DTOs, so each entry is validated. */
export function modelPriceInstances(pricing: unknown): unknown {
  if (!isJsonObject(pricing)) return pricing;
  return new Map(
    Object.entries(pricing).map(([model, entry]) => [
      model,
      typeof entry === 'object' && entry !== null ? plainToInstance(ModelPriceDto, entry) : entry,
    ]),
  );
}
