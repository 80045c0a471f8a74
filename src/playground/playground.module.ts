import { Module } from '@nestjs/common';
import { PlaygroundController } from './playground.controller.js';

/** GET /playground: try a workflow in the browser and watch its event stream. */
@Module({ controllers: [PlaygroundController] })
export class PlaygroundModule {}
