import type { Role } from '../../../shared/contract/index.ts';

/** One colour per role, the same in the header and the users table. */
export const roleColors: Record<Role, string> = { admin: 'grape', manager: 'blue', worker: 'teal' };

/** Who may manage accounts and districts; managers only read them. */
export const canManageUsers = (role: Role) => role === 'admin';
