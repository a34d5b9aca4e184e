import { CanActivate, ExecutionContext, ForbiddenException, HttpException, Injectable, UnauthorizedException } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { IncomingHttpHeaders } from 'node:http';
import { requestPath } from '../common/http/streaming';
import { AppConfig } from '../config/app-config';
import { ApiKeyRegistry } from './api-key-registry';
import { AuthFailureLimiter } from './auth-failure-limiter';
import { StoredApiKeys } from './keys/stored-api-keys';
import { REQUIRED_ROLE } from './require-role.decorator';
import { ApiPrincipal, Role, roleAllows } from './roles';

/** The request as every HTTP adapter has it (Fastify's and Express's), with the principal the guard found. */
export interface AuthenticatedRequest {
  headers: IncomingHttpHeaders;
  ip?: string;
  principal?: ApiPrincipal;
}

/**
 * Writes need `Authorization: Bearer <key>` of a sufficient role — a key of API_KEYS or one an
 * admin created; reads are open unless READ_REQUIRES_KEY. A valid key is never locked out by the
 * failure limiter: the key is checked (in memory) before the limit applies.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  private readonly readRequiresKey: boolean;

  constructor(
    private readonly reflector: Reflector,
    private readonly keys: ApiKeyRegistry,
    private readonly limiter: AuthFailureLimiter,
    private readonly stored: StoredApiKeys,
    config: AppConfig,
  ) {
    this.readRequiresKey = config.READ_REQUIRES_KEY;
  }

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<AuthenticatedRequest>();
    const needed = this.reflector.getAllAndOverride<Role | undefined>(REQUIRED_ROLE, [context.getHandler(), context.getClass()]);
    const header = request.headers.authorization;
    if (needed === undefined && !this.readRequiresKey) return true;
    if (needed === undefined && isOperational(requestPath(request))) return true;

    const secret = typeof header === 'string' ? /^Bearer\s+(\S+)\s*$/i.exec(header)?.[1] : undefined;
    const address = request.ip ?? 'unknown';
    const wait = this.limiter.retryAfter(address);
    // A client locked out gets no database read: only the keys already in memory are checked,
    // so a valid key still passes and a flood of guesses costs nothing but the refusal.
    const principal = secret ? (this.keys.find(secret) ?? (await this.stored.find(secret, { cachedOnly: wait > 0 }))) : null;
    if (!principal) {
      if (wait > 0) {
        throw new HttpException(
          { message: 'Too many failed authentications from this address; try again later.', code: 'AUTH.RATE_LIMITED', retryAfter: wait },
          429,
        );
      }
      this.limiter.recordFailure(address);
      throw new UnauthorizedException({
        message: secret ? 'The API key is not valid.' : 'This request needs an API key: Authorization: Bearer <key>.',
        code: 'AUTH.UNAUTHENTICATED',
      });
    }
    if (needed !== undefined && !roleAllows(principal.role, needed)) {
      throw new ForbiddenException({ message: `This request needs the ${needed} role; the key has ${principal.role}.`, code: 'AUTH.FORBIDDEN' });
    }
    request.principal = principal;
    return true;
  }
}

/** Probes and metrics stay open so orchestrators can use them without a key. */
function isOperational(path: string): boolean {
  return path.startsWith('/health') || path === '/metrics';
}
