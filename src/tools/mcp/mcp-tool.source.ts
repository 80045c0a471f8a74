import { Inject, Injectable } from '@nestjs/common';
import type { ConfigType } from '@nestjs/config';
import { errorCauses } from '../../common/errors/error-causes.js';
import { RequestError } from '../../common/errors/execution-plane.error.js';
import { toolsConfig } from '../../config/tools.config.js';
import type { FieldIssue } from '../../common/errors/execution-plane.error.js';
import type { McpToolSpecDto } from '../../payload/dto/tool-spec.dto.js';
import { checkedTools } from '../argument-checks.js';
import { egressTargetIssues } from '../egress/egress-target.checks.js';
import { type OpenedTools, type SpecPlace, ToolSource } from '../tool-source.js';
import { ForbiddenDestinationError } from '../egress/forbidden-destination.error.js';
import { renderHeaders } from '../egress/request-template.js';
import { ToolError } from '../tool.error.js';
import { McpAnswerTooLargeError } from './capped-response.js';
import type { RunTool, ToolContext } from '../tool.types.js';
import {
  MAX_MCP_TOOLS_PER_SERVER,
  type McpCallResult,
  McpConnector,
  McpHttpStatusError,
  McpProtocolError,
  type McpSession,
  type McpToolInfo,
} from './mcp-connector.js';

/** Longest part of an MCP tool's own error text passed on to the model. */
const MAX_TOOL_ERROR_CHARS = 500;

/** `<spec name>__<server tool name>`, in the characters and length model APIs accept. */
export function mcpToolName(specName: string, toolName: string): string {
  return `${specName}__${toolName.replace(/[^A-Za-z0-9_-]/g, '_')}`.slice(0, 64);
}

const isForbidden = (error: unknown) =>
  errorCauses(error).some((link) => link instanceof ForbiddenDestinationError);

/** Why a server could not be listed, without its own words (they may quote a header). */
function unreachableReason(error: unknown): string {
  if (isForbidden(error)) return 'its address is not allowed by the network policy';
  if (error instanceof McpHttpStatusError)
    return error.status === 401 || error.status === 403
      ? `authentication failed (HTTP ${error.status})`
      : `it answered HTTP ${error.status}`;
  if (error instanceof McpAnswerTooLargeError)
    return error.message.replace(/^the MCP server's/, 'its');
  if (error instanceof McpProtocolError && error.timedOut) return 'it did not answer in time';
  if (error instanceof McpProtocolError) return `it answered with MCP error ${error.code}`;
  return 'it could not be reached';
}

function callFailure(error: unknown, signal: AbortSignal, timeoutMs: number): ToolError {
  if (signal.aborted) return new ToolError('cancelled', 'The run was stopped', { cause: error });
  if (isForbidden(error))
    return new ToolError('forbidden_destination', 'Destination not allowed', { cause: error });
  if (error instanceof McpAnswerTooLargeError)
    return new ToolError('execution_failed', `The tool failed: ${error.message}`);
  if (error instanceof McpProtocolError && error.timedOut)
    return new ToolError('timeout', `The MCP server did not answer within ${timeoutMs} ms`);
  return new ToolError('execution_failed', 'The MCP server could not be reached or broke off', {
    cause: error,
  });
}

/** The value the model sees: structured content, else the text parts, else the parts. */
/**
 * The offered tools named by `approval_required_tools`; 400 invalid_tool for a name the
 * server does not offer (a typo would silently let the call run unapproved).
 */
function approvalList(offered: readonly McpToolInfo[], names: string[] | undefined, path: string) {
  const unknown = (names ?? []).filter((name) => !offered.some((tool) => tool.name === name));
  if (unknown.length > 0) {
    const message = `approval_required_tools names tools the server does not offer: ${unknown.join(', ')}`;
    throw new RequestError('invalid_tool', `Invalid tools: ${message}`, [
      { path: `${path}.execution_config.approval_required_tools`, message },
    ]);
  }
  return new Set(names);
}

function resultOf(result: McpCallResult): unknown {
  if (result.structuredContent !== undefined) return result.structuredContent;
  const texts = result.content.filter((part) => part.type === 'text').map((part) => part.text);
  return texts.length === result.content.length ? texts.join('\n') : result.content;
}

/**
 * MCP tools (`type: "MCP"`): connects to the spec's Streamable HTTP server when the run is
 * created, lists its tools (narrowed by `allowed_tools`) and offers them to the model under
 * prefixed names; calls carry the run's signal and the spec's timeout. Headers may hold
 * `{{vault.KEY}}` templates.
 */
@Injectable()
export class McpToolSource extends ToolSource<'MCP'> {
  readonly type = 'MCP';

  constructor(
    private readonly connector: McpConnector,
    @Inject(toolsConfig.KEY) private readonly config: ConfigType<typeof toolsConfig>,
  ) {
    super();
  }

  issues(spec: McpToolSpecDto, place: SpecPlace): FieldIssue[] {
    const { url, headers } = spec.execution_config;
    return egressTargetIssues(url, [headers], place);
  }

  async open(spec: McpToolSpecDto, place: SpecPlace, signal: AbortSignal): Promise<OpenedTools> {
    const { path, vault } = place;
    const execution = spec.execution_config;
    const timeoutMs = execution.timeout_ms ?? this.config.httpToolTimeoutMs;
    const headers = renderHeaders(execution.headers, { vault, args: {} }, new Set());
    let session: McpSession;
    try {
      const maxResponseBytes = execution.max_response_bytes ?? this.config.maxResponseBytes;
      session = await this.connector.connect(
        { url: execution.url, headers, timeoutMs, maxResponseBytes },
        signal,
      );
    } catch (error) {
      const message = `the MCP server could not be listed: ${unreachableReason(error)}`;
      throw new RequestError('tool_unavailable', `Tool ${path}: ${message}`, [
        { path: `${path}.execution_config.url`, message },
      ]);
    }
    try {
      const offered = this.offered(session.tools, execution.allowed_tools, path);
      const approving = approvalList(offered, execution.approval_required_tools, path);
      const tools = offered.map((tool) => ({
        tool: {
          ...this.runTool(spec.name, tool, session, timeoutMs),
          ...(approving.has(tool.name) && { requiresApproval: true }),
        },
        schemas: [tool.inputSchema],
        path: `${path} (${tool.name})`,
      }));
      return { tools: checkedTools(tools), close: () => session.close() };
    } catch (error) {
      await session.close();
      throw error;
    }
  }

  private offered(
    tools: readonly McpToolInfo[],
    allowed: string[] | undefined,
    path: string,
  ): McpToolInfo[] {
    const missing = (allowed ?? []).filter((name) => !tools.some((tool) => tool.name === name));
    const offered = allowed ? tools.filter((tool) => allowed.includes(tool.name)) : [...tools];
    const problem =
      missing.length > 0
        ? `allowed_tools names tools the server does not list: ${missing.join(', ')}`
        : offered.length > MAX_MCP_TOOLS_PER_SERVER
          ? `the server lists more than ${MAX_MCP_TOOLS_PER_SERVER} tools; choose some with allowed_tools`
          : undefined;
    if (problem) {
      throw new RequestError('invalid_tool', `Invalid tools: ${problem}`, [
        { path: `${path}.execution_config.allowed_tools`, message: problem },
      ]);
    }
    return offered;
  }

  private runTool(
    specName: string,
    tool: McpToolInfo,
    session: McpSession,
    timeoutMs: number,
  ): RunTool {
    return {
      name: mcpToolName(specName, tool.name),
      description: tool.description ?? tool.name,
      type: 'MCP',
      parameters: tool.inputSchema,
      logTarget: `mcp:${specName}/${tool.name}`,
      execute: async (args: Record<string, unknown>, context: ToolContext) => {
        let result: McpCallResult;
        try {
          result = await session.call(tool.name, args, { signal: context.signal, timeoutMs });
        } catch (error) {
          throw callFailure(error, context.signal, timeoutMs);
        }
        if (!result.isError) return resultOf(result);
        const text = JSON.stringify(resultOf(result)).slice(0, MAX_TOOL_ERROR_CHARS);
        throw new ToolError('execution_failed', `The MCP tool reported an error: ${text}`);
      },
    };
  }
}
