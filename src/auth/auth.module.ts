import { Global, Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyRegistry } from './api-key-registry';
import { AuthFailureLimiter } from './auth-failure-limiter';

@Global()
@Module({
  providers: [ApiKeyRegistry, AuthFailureLimiter, { provide: APP_GUARD, useClass: ApiKeyGuard }],
  exports: [ApiKeyRegistry],
})
export class AuthModule {}
