/**
 * Who may do what: one table in code. Every API route declares the permission it needs
 * (`config.permission`); members get permissions from their role in the shop's organization,
 * API keys from their scopes. The README's "Roles and permissions" table is this file.
 */
import type { ApiKeyScope } from '../metadata/api-keys.repo.js';
import type { Role } from '../metadata/schema.js';

export const PERMISSIONS = {
  'shop.view': 'see the shop, its dashboards and diagnostics',
  'analyses.read': 'run analyses and read their results',
  'exports.run': 'export results and raw data',
  'imports.manage': 'upload files, manage import sources, read import jobs and rejects',
  'ingest.write': 'send live events',
  'settings.manage': 'change shop settings and API keys',
  'members.manage': 'add members and change roles',
  'shop.delete': 'delete the shop and erase a customer’s data',
} as const;
export type Permission = keyof typeof PERMISSIONS;

/** Route-level markers besides real permissions. */
export type RouteAccess = Permission | 'public' | 'signed-in';

const ALL = Object.keys(PERMISSIONS) as Permission[];

export const ROLE_PERMISSIONS: Record<Role, readonly Permission[]> = {
  owner: ALL.filter((p) => p !== 'ingest.write'),
  admin: ALL.filter((p) => p !== 'ingest.write' && p !== 'shop.delete'),
  operator: ['shop.view', 'analyses.read', 'imports.manage', 'settings.manage'],
  analyst: ['shop.view', 'analyses.read', 'exports.run'],
  viewer: ['shop.view'],
};

export const SCOPE_PERMISSIONS: Record<ApiKeyScope, readonly Permission[]> = {
  ingest: ['ingest.write', 'imports.manage'],
  read: ['shop.view', 'analyses.read', 'exports.run'],
};

export function roleAllows(role: Role, permission: Permission): boolean {
  return ROLE_PERMISSIONS[role].includes(permission);
}

export function scopesAllow(scopes: readonly ApiKeyScope[], permission: Permission): boolean {
  return scopes.some((s) => SCOPE_PERMISSIONS[s].includes(permission));
}
