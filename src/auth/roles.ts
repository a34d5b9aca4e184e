export const ROLES = ['reporter', 'verifier', 'admin'] as const;
export type Role = (typeof ROLES)[number];

/** Each role may do all that the roles before it may (API.md, "Auth"). */
export function roleAllows(held: Role, needed: Role): boolean {
  return ROLES.indexOf(held) >= ROLES.indexOf(needed);
}

export interface ApiPrincipal {
  name: string;
  role: Role;
}
