import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';

/** OpenAI's rule for the names it takes (functions, JSON schemas): A-Z a-z 0-9 _ -, 1 to 64. */
export const OPENAI_NAME_PATTERN = /^[A-Za-z0-9_-]{1,64}$/;

/** A required `name` under OpenAI's naming rule. */
export const IsOpenAiName = (example: string) =>
  applyDecorators(
    ApiProperty({ example, pattern: OPENAI_NAME_PATTERN.source }),
    IsString(),
    Matches(OPENAI_NAME_PATTERN, { message: 'name must be 1 to 64 of A-Z a-z 0-9 _ -' }),
  );
