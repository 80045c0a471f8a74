import { isRunErrorCode, type RunErrorCode } from '../common/errors/error-code.js';
import type { RunError } from '../common/errors/execution-plane.error.js';
import type {
  RunCost,
  RunEventBody,
  RunUsage,
  TokenUsage,
  TriedModel,
} from '../common/run-events/run-event.types.js';
import type { TurnPiece } from '../model-gateway/dialects/completion-stream.reader.js';
import type {
  ModelCallEnd,
  ModelCallListener,
  ModelCallTracker,
} from '../model-gateway/model-call.listener.js';
import type { ModelPriceDto } from '../payload/dto/model-price.dto.js';
import type { RunBudget, RunSpend } from './run-budget.js';
import { runCost } from './run-cost.js';
import { addUsage, estimatedUsage, NO_USAGE, usageOfRaw } from './token-usage.js';

export interface RunAccountSettings {
  budget: RunBudget;
  pricing?: ReadonlyMap<string, ModelPriceDto>;
  /** With fallback models: `done` names the model that answered and those that failed. */
  namesModels: boolean;
  /** Stops the run with this `budget_exceeded` error. */
  stop: (error: RunError) => void;
}

/** A call under way: what it sent and has streamed, for its estimate until its usage comes. */
class OpenCall {
  private answerChars = 0;

  constructor(
    readonly model: string,
    private readonly requestChars: number,
  ) {}

  add(piece: TurnPiece): void {
    this.answerChars += piece.text.length + piece.reasoning.length;
    for (const call of piece.toolCalls) this.answerChars += call.args?.length ?? 0;
  }

  estimate(): TokenUsage {
    return estimatedUsage(this.requestChars, this.answerChars);
  }
}

/** What `done` reports of a run's spend. */
export type RunSpendReport = Pick<
  RunEventBody<'done'>,
  'usage' | 'cost' | 'model' | 'models_tried'
>;

/**
 * One run's spend, told by every call of its model (ModelCallListener) and its tool calls:
 * usage by model (the provider's, or an estimate for a call that stopped before it came),
 * cost at the payload's prices, the models that failed, and the budget checked before each
 * call and as tokens arrive.
 */
export class RunAccount implements ModelCallListener {
  private readonly settled = new Map<string, TokenUsage>();
  private readonly open = new Set<OpenCall>();
  private readonly tried: TriedModel[] = [];
  private answeredBy?: string;
  /** The limit a refused tool call hit: the run stops before its next model call. */
  private toolRefusal?: RunError;
  private modelCalls = 0;
  private toolCalls = 0;

  constructor(private readonly settings: RunAccountSettings) {}

  call(model: string, body: string): ModelCallTracker {
    const refusal = this.toolRefusal ?? this.settings.budget.beforeModelCall(this.spend());
    if (refusal) {
      this.settings.stop(refusal);
      throw refusal;
    }
    this.modelCalls += 1;
    const call = new OpenCall(model, body.length);
    this.open.add(call);
    return {
      piece: (piece) => {
        call.add(piece);
        if (!this.settings.budget.watchesTokens) return;
        const exceeded = this.settings.budget.whileAnswering(this.spend());
        if (exceeded) this.settings.stop(exceeded);
      },
      end: (end) => this.settle(call, end),
    };
  }

  /**
   * Whether one more tool call may start. A refused one does not stop the run at once: its
   * sibling calls already started finish and are reported; the run stops before its next
   * model call (call) or, when there is none, at its end (pendingStop).
   */
  admitToolCall(): boolean {
    this.toolRefusal ??= this.settings.budget.beforeToolCall(this.spend());
    if (this.toolRefusal) return false;
    this.toolCalls += 1;
    return true;
  }

  /** The budget limit a tool call hit, for a run that ended without another model call. */
  get pendingStop(): RunError | undefined {
    return this.toolRefusal;
  }

  /** The spend so far, calls under way included at their estimate. */
  report(): RunSpendReport {
    const byModel = this.usageByModel();
    const usage: RunUsage = [...byModel.values()].reduce(addUsage, NO_USAGE);
    if (byModel.size > 1) usage.by_model = Object.fromEntries(byModel);
    const cost: RunCost | undefined = runCost(byModel, this.settings.pricing);
    return {
      usage,
      ...(cost && { cost }),
      ...(this.settings.namesModels && this.answeredBy && { model: this.answeredBy }),
      ...(this.settings.namesModels && this.tried.length > 0 && { models_tried: [...this.tried] }),
    };
  }

  private settle(call: OpenCall, end: ModelCallEnd): void {
    this.open.delete(call);
    if (end.outcome !== 'answered' && isRunErrorCode(end.code))
      this.triedAndFailed(call.model, end.code);
    // A refused call cost nothing: the endpoint answered with an error, not a completion.
    if (end.outcome === 'refused') return;
    const usage = end.outcome === 'answered' && end.usage ? usageOfRaw(end.usage) : call.estimate();
    this.settled.set(call.model, addUsage(this.settled.get(call.model) ?? NO_USAGE, usage));
    if (end.outcome === 'answered') this.answeredBy = call.model;
  }

  /** Each model and failure once, however many of the run's calls it failed. */
  private triedAndFailed(model: string, code: RunErrorCode): void {
    if (!this.tried.some((tried) => tried.model === model && tried.code === code))
      this.tried.push({ model, code });
  }

  private usageByModel(): Map<string, TokenUsage> {
    const byModel = new Map(this.settled);
    for (const call of this.open)
      byModel.set(call.model, addUsage(byModel.get(call.model) ?? NO_USAGE, call.estimate()));
    return byModel;
  }

  private spend(): RunSpend {
    const byModel = this.usageByModel();
    let totalTokens = 0;
    for (const usage of byModel.values()) totalTokens += usage.total_tokens;
    const cost = runCost(byModel, this.settings.pricing)?.total ?? 0;
    return { modelCalls: this.modelCalls, toolCalls: this.toolCalls, totalTokens, cost };
  }
}
