import { DiscoveryService } from '@nestjs/core';

/** Marks a BaseNativeTool provider for the NativeToolRegistry. */
export const NativeTool = DiscoveryService.createDecorator<void>();
