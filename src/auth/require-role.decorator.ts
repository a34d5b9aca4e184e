import { applyDecorators, SetMetadata } from '@nestjs/common';
import { ApiBearerAuth, ApiForbiddenResponse, ApiUnauthorizedResponse } from '@nestjs/swagger';
import { Role } from './roles';

export const REQUIRED_ROLE = 'requiredRole';

/** The least role a route needs; routes without it are reads. */
export const RequireRole = (role: Role) =>
  applyDecorators(
    SetMetadata(REQUIRED_ROLE, role),
    ApiBearerAuth(),
    ApiUnauthorizedResponse({ description: 'No valid API key' }),
    ApiForbiddenResponse({ description: `Needs the ${role} role` }),
  );
