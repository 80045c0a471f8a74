import { Global, Module } from '@nestjs/common';
import { SecretMasker } from './secret-masker.js';

@Global()
@Module({ providers: [SecretMasker], exports: [SecretMasker] })
export class RedactionModule {}
