import { validate } from 'class-validator';
import type { FieldIssue } from '../common/errors/execution-plane.error.js';
import {
  CONTENT_PART_TYPES,
  type ContentPartDto,
  contentPartInstance,
} from './dto/content-part.dto.js';
import type { ChatMessageDto, MessageRole } from './dto/chat-message.dto.js';
import { toFieldIssues } from './validation-issues.js';
import { isJsonObject } from '../common/json/is-json-object.js';

/** A message's `content`: text, or OpenAI content parts (dto/content-part.dto.ts). */
export type MessageContent = string | ContentPartDto[] | null;

/**
 * Parts one message may have. The body's size and MAX_PAYLOAD_KEYS bound them too; this
 * keeps one message from being a thousand images.
 */
export const MAX_CONTENT_PARTS_PER_MESSAGE = 100;

/**
 * The part types each role may send, as OpenAI's API reference has them: only a user speaks
 * in images, audio and files; the others' parts are text.
 */
const PART_TYPES_BY_ROLE: Record<MessageRole, readonly string[]> = {
  system: ['text'],
  user: CONTENT_PART_TYPES,
  assistant: ['text'],
  tool: ['text'],
};

async function partIssues(part: unknown, path: string, role: MessageRole): Promise<FieldIssue[]> {
  if (!isJsonObject(part)) return [{ path, message: 'each content part must be an object' }];
  const errors = await validate(contentPartInstance(part), {
    stopAtFirstError: true,
    forbidUnknownValues: false,
    validationError: { target: false, value: true },
  });
  if (errors.length > 0) return toFieldIssues(errors, path);
  const { type } = part as { type: string };
  return PART_TYPES_BY_ROLE[role].includes(type)
    ? []
    : [{ path: `${path}.type`, message: `a ${role} message may only have text parts` }];
}

/**
 * Why the content parts of `messages` are invalid, with paths like
 * `input.messages[0].content[1].image_url.url`. Checked on the parts as sent (their DTO
 * instances are copies), so what reaches the model is the client's own JSON.
 */
export async function messageContentIssues(messages: unknown): Promise<FieldIssue[]> {
  if (!Array.isArray(messages)) return [];
  const perMessage = await Promise.all(
    messages.map(async (message: Partial<ChatMessageDto> | null, index) => {
      const content: unknown = message?.content;
      const role = message?.role as MessageRole;
      if (!Array.isArray(content) || !Object.hasOwn(PART_TYPES_BY_ROLE, role)) return [];
      const path = `input.messages[${index}].content`;
      if (content.length === 0) return [{ path, message: 'content must have at least one part' }];
      if (content.length > MAX_CONTENT_PARTS_PER_MESSAGE)
        return [
          {
            path,
            message: `a message may have at most ${MAX_CONTENT_PARTS_PER_MESSAGE} content parts`,
          },
        ];
      const issues = await Promise.all(
        content.map((part: unknown, at) => partIssues(part, `${path}[${at}]`, role)),
      );
      return issues.flat();
    }),
  );
  return perMessage.flat();
}

/** The text of a content: itself, or its text parts joined (what a text-only step reads). */
export function contentText(content: MessageContent): string {
  if (content === null) return '';
  if (typeof content === 'string') return content;
  return content.flatMap((part) => (part.type === 'text' ? [part.text] : [])).join('\n');
}

/** The values of a part a log must never show: its text, URL, data and file fields. */
function partValues(part: ContentPartDto): unknown[] {
  switch (part.type) {
    case 'text':
      return [part.text];
    case 'image_url':
      return [part.image_url.url];
    case 'input_audio':
      return [part.input_audio.data];
    case 'file':
      return [part.file.file_data, part.file.filename, part.file.file_id];
  }
}

/** Every value a content holds (text, URLs, base64 data, file names): none may be logged. */
export function contentStrings(content: MessageContent): string[] {
  if (typeof content === 'string') return content ? [content] : [];
  const values = (content ?? []).flatMap(partValues);
  return values.filter((value): value is string => typeof value === 'string' && value !== '');
}
