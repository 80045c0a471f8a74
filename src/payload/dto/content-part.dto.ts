import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsBase64,
  IsIn,
  isDataURI,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateIf,
  isURL,
} from 'class-validator';
import { discriminatedInstance } from './discriminated-instance.js';
import { RequiredNested } from './required-nested.decorator.js';
import { rule } from './validation-rule.js';

/**
 * The content parts of OpenAI's Chat Completions messages that a platform sends (the API
 * reference's `ChatCompletionContentPart`: text, image_url, input_audio, file). Parts are
 * validated by type and passed to the model exactly as sent, fields we do not know included
 * (OpenRouter's `cache_control`, say); we never fetch an image ourselves.
 */
export const CONTENT_PART_TYPES = ['text', 'image_url', 'input_audio', 'file'] as const;
export type ContentPartType = (typeof CONTENT_PART_TYPES)[number];

/** `image_url.detail` (OpenAI's vision guide). */
export const IMAGE_DETAILS = ['auto', 'low', 'high'] as const;
/** `input_audio.format` (OpenAI's audio guide: Chat Completions takes wav and mp3). */
export const AUDIO_FORMATS = ['wav', 'mp3'] as const;

/** An http(s) URL or a `data:image/…` URL: what OpenAI's vision input accepts. */
const IsImageUrl = () =>
  rule(
    'isImageUrl',
    (value) =>
      typeof value === 'string' &&
      (value.startsWith('data:')
        ? value.startsWith('data:image/') && isDataURI(value)
        : isURL(value, {
            protocols: ['http', 'https'],
            require_protocol: true,
            require_tld: false,
          })),
    // Names the rule only: a signed URL is a credential.
    'url must be an http(s) URL or a data:image/… URL',
  );

/** What every part has; a part of an unknown `type` stays this and fails on `type`. */
export class BaseContentPartDto {
  @ApiProperty({ enum: CONTENT_PART_TYPES })
  @IsIn(CONTENT_PART_TYPES, {
    message: `type must be one of: ${CONTENT_PART_TYPES.join(', ')}`,
  })
  type: ContentPartType;
}

export class TextContentPartDto extends BaseContentPartDto {
  declare type: 'text';

  @ApiProperty({ example: 'What is in this image?' })
  @IsString()
  text: string;
}

export class ImageUrlDto {
  @ApiProperty({ example: 'https://example.com/cat.png', description: 'http(s) or data:image/…' })
  @IsImageUrl()
  url: string;

  @ApiPropertyOptional({ enum: IMAGE_DETAILS })
  @IsOptional()
  @IsIn(IMAGE_DETAILS, { message: `detail must be one of: ${IMAGE_DETAILS.join(', ')}` })
  detail?: (typeof IMAGE_DETAILS)[number];
}

export class ImageUrlContentPartDto extends BaseContentPartDto {
  declare type: 'image_url';

  @RequiredNested(() => ImageUrlDto)
  image_url: ImageUrlDto;
}

export class InputAudioDto {
  @ApiProperty({ description: 'Base64-encoded audio.', example: 'UklGRiQAAABXQVZF' })
  @IsBase64(undefined, { message: 'data must be base64' })
  data: string;

  @ApiProperty({ enum: AUDIO_FORMATS })
  @IsIn(AUDIO_FORMATS, { message: `format must be one of: ${AUDIO_FORMATS.join(', ')}` })
  format: (typeof AUDIO_FORMATS)[number];
}

export class InputAudioContentPartDto extends BaseContentPartDto {
  declare type: 'input_audio';

  @RequiredNested(() => InputAudioDto)
  input_audio: InputAudioDto;
}

/** A document: its bytes as a data URL with a file name, or the id of an uploaded file. */
export class FileDto {
  @ApiPropertyOptional({ example: 'data:application/pdf;base64,JVBERi0xLjQK' })
  @ValidateIf((file: FileDto) => file.file_id === undefined)
  @rule(
    'isFileData',
    (value) => typeof value === 'string' && isDataURI(value),
    'file_data must be a data: URL (or give file_id instead)',
  )
  file_data?: string;

  @ApiPropertyOptional({ example: 'report.pdf' })
  @IsOptional()
  @IsString()
  @MaxLength(256)
  filename?: string;

  @ApiPropertyOptional({ example: 'file-abc123' })
  // With neither given, file_data names what is missing.
  @ValidateIf((file: FileDto) => file.file_data === undefined && file.file_id !== undefined)
  @IsString({ message: 'file_id must be a string (or give file_data instead)' })
  @Length(1, 256)
  file_id?: string;
}

export class FileContentPartDto extends BaseContentPartDto {
  declare type: 'file';

  @RequiredNested(() => FileDto)
  file: FileDto;
}

/** A part DTO for each CONTENT_PART_TYPES member, told apart by `type`. */
export const CONTENT_PART_DTOS = {
  text: TextContentPartDto,
  image_url: ImageUrlContentPartDto,
  input_audio: InputAudioContentPartDto,
  file: FileContentPartDto,
} satisfies Record<ContentPartType, typeof BaseContentPartDto>;

export type ContentPartDto = InstanceType<(typeof CONTENT_PART_DTOS)[ContentPartType]>;

/**
 * A part as the instance of its type's DTO, for validation only: the run sends the part as
 * it came. A part of an unknown type becomes a BaseContentPartDto, so validation names it.
 */
export function contentPartInstance(part: object): BaseContentPartDto {
  return discriminatedInstance(part, CONTENT_PART_DTOS, BaseContentPartDto);
}
