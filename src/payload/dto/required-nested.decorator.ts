import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsDefined, IsObject, IsOptional, ValidateNested } from 'class-validator';

/** A required nested section of the payload, validated with its own DTO class. */
export function RequiredNested(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    // Written out as `type: () => …`: Swagger knows a lazy type only by the function's name
    // being `type` (SchemaObjectFactory.isLazyTypeFunc); the caller's arrow has another.
    ApiProperty({ type: () => type() }),
    IsDefined(),
    IsObject(),
    ValidateNested(),
    Type(type),
  );
}

/** An optional nested section, validated with its own DTO class when given. */
export function OptionalNested(type: () => new () => object): PropertyDecorator {
  return applyDecorators(
    ApiPropertyOptional({ type: () => type() }),
    IsOptional(),
    IsObject(),
    ValidateNested(),
    Type(type),
  );
}
