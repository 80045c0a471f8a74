import { Injectable } from '@nestjs/common';
import type { FieldIssue } from '../../../common/errors/execution-plane.error.js';
import { parseTemplate, templateIssues } from '../template.js';
import {
  GraphNodeKind,
  GraphNodeType,
  type NodeCheckScope,
  type NodeDefinition,
  type NodeRun,
} from './graph-node.js';
import { renderIn } from './node-templates.js';

interface TemplateNode extends NodeDefinition {
  template: string;
  into: string;
}

/** Renders a template into a state key: `{"type": "template", "template": "…", "into": "key"}`. */
@GraphNodeType('template')
@Injectable()
export class TemplateNodeKind extends GraphNodeKind<TemplateNode> {
  readonly fields = {
    description:
      'Renders `template` (Mustache over state and variables) into the state key `into`.',
    properties: {
      template: {
        type: 'string',
        minLength: 1,
        description: 'Mustache over {{state.x}} / {{variables.x}}.',
      },
      into: { type: 'string', description: 'The state key that receives the text.' },
    },
    required: ['template', 'into'],
  };

  writes(node: TemplateNode) {
    return [{ field: 'into', key: node.into }];
  }

  issues(node: TemplateNode, scope: NodeCheckScope): FieldIssue[] {
    return templateIssues(node.template, `${scope.path}.template`, scope);
  }

  build(node: TemplateNode): NodeRun {
    const template = parseTemplate(node.template);
    return (visit) => Promise.resolve({ values: { [node.into]: renderIn(visit, template) } });
  }
}
