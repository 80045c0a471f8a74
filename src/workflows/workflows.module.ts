import { Module, type OnModuleInit } from '@nestjs/common';
import { DiscoveryModule } from '@nestjs/core';
import { AgentChatWorkflow } from './agent-chat/agent-chat.workflow.js';
import { EchoWorkflow } from './echo/echo.workflow.js';
import { RouterWorkflow } from './router/router.workflow.js';
import { GraphWorkflow } from './graph/graph.workflow.js';
import { GraphNodeRegistry } from './graph/graph-node.registry.js';
import { GraphSchemaController } from './graph/graph-schema.controller.js';
import { AnswerNodeKind } from './kit/nodes/answer.node.js';
import { ConditionNodeKind } from './kit/nodes/condition.node.js';
import { LlmNodeKind } from './kit/nodes/llm.node.js';
import { MapNodeKind } from './kit/nodes/map.node.js';
import { TemplateNodeKind } from './kit/nodes/template.node.js';
import { ToolNodeKind } from './kit/nodes/tool.node.js';
import { installLeanRunContext } from './kit/lean-run-context.js';
import { WorkflowRegistry } from './workflow.registry.js';

/** The node types of `graph` workflows, found by `@GraphNodeType()`: a new one is one file and one line. */
const GRAPH_NODE_KINDS = [
  LlmNodeKind,
  ToolNodeKind,
  ConditionNodeKind,
  TemplateNodeKind,
  MapNodeKind,
  AnswerNodeKind,
];

/** Workflows, found by `@Workflow()`. A new workflow is one file and one line below. */
@Module({
  imports: [DiscoveryModule],
  controllers: [GraphSchemaController],
  providers: [
    WorkflowRegistry,
    EchoWorkflow,
    AgentChatWorkflow,
    RouterWorkflow,
    GraphWorkflow,
    GraphNodeRegistry,
    ...GRAPH_NODE_KINDS,
  ],
  exports: [WorkflowRegistry],
})
export class WorkflowsModule implements OnModuleInit {
  /** Before any graph runs: LangChain's run context without a LangSmith run tree per call. */
  onModuleInit(): void {
    installLeanRunContext();
  }
}
