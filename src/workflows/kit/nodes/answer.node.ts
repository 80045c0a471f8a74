import { Injectable } from '@nestjs/common';
import type { FieldIssue } from '../../../common/errors/execution-plane.error.js';
import { emitEvent } from '../graph-events.js';
import { parseTemplate, templateIssues } from '../template.js';
import {
  GraphNodeKind,
  GraphNodeType,
  type NodeCheckScope,
  type NodeDefinition,
  type NodeRun,
} from './graph-node.js';
import { renderIn } from './node-templates.js';

interface AnswerNode extends NodeDefinition {
  text: string;
}

/** Streams a rendered text to the client as `message_chunk`: `{"type": "answer", "text": "…"}`. */
@GraphNodeType('answer')
@Injectable()
export class AnswerNodeKind extends GraphNodeKind<AnswerNode> {
  // Per-item answers of a map would interleave in the client's text.
  override readonly inMap = false;
  readonly fields = {
    description: 'Streams `text` (Mustache over state and variables) to the client.',
    properties: {
      text: {
        type: 'string',
        minLength: 1,
        description: 'Mustache over {{state.x}} / {{variables.x}}.',
      },
    },
    required: ['text'],
  };

  writes() {
    return [];
  }

  issues(node: AnswerNode, scope: NodeCheckScope): FieldIssue[] {
    return templateIssues(node.text, `${scope.path}.text`, scope);
  }

  build(node: AnswerNode): NodeRun {
    const text = parseTemplate(node.text);
    return async (visit) => {
      const content = renderIn(visit, text);
      if (content) await emitEvent(visit.config, { type: 'message_chunk', content });
      return {};
    };
  }
}
