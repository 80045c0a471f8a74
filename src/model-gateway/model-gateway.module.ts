import { Module } from '@nestjs/common';
import { ChatModelProvider } from './chat-model.provider.js';
import { OpenAiChatModelProvider } from './openai-chat-model.provider.js';

/** The unified model gateway: any OpenAI-compatible endpoint, per run. */
@Module({
  providers: [{ provide: ChatModelProvider, useClass: OpenAiChatModelProvider }],
  exports: [ChatModelProvider],
})
export class ModelGatewayModule {}
