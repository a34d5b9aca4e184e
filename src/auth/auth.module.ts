import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRegistry } from './api-key-registry';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { ApiKeysController } from './keys/api-keys.controller';
import { StoredApiKeys } from './keys/stored-api-keys';
import { WritePathModule } from '../write-path/write-path.module';

@Global()
@Module({
  imports: [WritePathModule],
  controllers: [ApiKeysController],
  providers: [ApiKeyRegistry, StoredApiKeys, AuthFailureLimiter, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeyRegistry],
})
export class AuthModule {}
