import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsNumber, IsOptional, IsString, IsUrl, Length, Max, Min } from 'class-validator';

export class ModelConfigDto {
  @ApiProperty({ example: 'gpt-4' })
  @IsString()
  @Length(1, 256)
  model_name: string;

  @ApiProperty({
    example: 'https://api.openai.com/v1',
    description: 'Any OpenAI-compatible endpoint.',
  })
  @IsUrl(
    { protocols: ['http', 'https'], require_protocol: true, require_tld: false },
    { message: 'base_url must be an http or https URL' },
  )
  base_url: string;

  @ApiPropertyOptional({ example: 'sk-xxx', description: 'Never logged nor echoed.' })
  @IsOptional()
  @IsString()
  @Length(0, 4096)
  api_key?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 2, example: 0.7 })
  @IsOptional()
  @IsNumber({ allowNaN: false, allowInfinity: false })
  @Min(0)
  @Max(2)
  temperature?: number;

  @ApiPropertyOptional({ minimum: 1, example: 2000 })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(10_000_000)
  max_tokens?: number;
}
