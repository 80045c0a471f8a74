import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import {
  IsIn,
  IsObject,
  IsOptional,
  IsString,
  Length,
  MaxLength,
  ValidateIf,
} from 'class-validator';
import { FreeForm } from './free-form.decorator.js';

/** What a person decided about a tool call that waited for approval. */
export const APPROVAL_DECISIONS = ['approve', 'deny', 'edit'] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** Longest reason a denial may give the model. */
export const MAX_DENIAL_REASON_CHARS = 2000;
/** Approval tokens are about 100 characters; anything far longer is not one. */
const MAX_TOKEN_CHARS = 512;

/** `runtime_config.approval`: whether tools need approval unless their spec says. */
export class ApprovalSettingsDto {
  @ApiPropertyOptional({ default: false, example: true })
  @IsOptional()
  @IsIn([true, false], { message: 'required_by_default must be true or false' })
  required_by_default?: boolean;
}

/**
 * One decision on a call of a paused run (`input.tool_approvals`), with the token of its
 * `tool_approval_required` event (docs/human-in-the-loop.md).
 */
export class ToolApprovalDto {
  @ApiProperty({ example: 'call_1' })
  @IsString()
  @Length(1, 256)
  tool_call_id: string;

  @ApiProperty({ example: 'ap1.0b6c…', description: "The event's approval_token, as it came." })
  @IsString({ message: 'approval_token must be a string' })
  @Length(1, MAX_TOKEN_CHARS, { message: 'approval_token is not an approval token' })
  approval_token: string;

  @ApiProperty({ enum: APPROVAL_DECISIONS, example: 'approve' })
  @IsIn(APPROVAL_DECISIONS, {
    message: `decision must be one of: ${APPROVAL_DECISIONS.join(', ')}`,
  })
  decision: ApprovalDecision;

  @ApiPropertyOptional({
    type: 'object',
    additionalProperties: true,
    example: { city: 'Lyon' },
    description:
      "Required for edit, refused otherwise: the arguments to run the call with (checked against the tool's schema).",
  })
  @ValidateIf(
    (approval: ToolApprovalDto) => approval.decision === 'edit' || approval.arguments !== undefined,
  )
  @IsObject({ message: 'arguments must be an object, given with decision edit only' })
  @FreeForm()
  arguments?: Record<string, unknown>;

  @ApiPropertyOptional({
    example: 'Not this city',
    description: 'Shown to the model with a denial.',
  })
  @IsOptional()
  @IsString()
  @MaxLength(MAX_DENIAL_REASON_CHARS)
  reason?: string;
}
