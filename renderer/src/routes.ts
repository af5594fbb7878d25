import {
  IconBuildingCommunity,
  IconClipboardList,
  IconFileImport,
  IconHome2,
  IconListCheck,
  IconRefresh,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { Role } from '../../shared/contract/index.ts';

export type ScreenKey = 'queue' | 'households' | 'plans' | 'branch' | 'sync' | 'settings' | 'users' | 'import';

export interface ScreenRoute {
  key: ScreenKey;
  path: `/${ScreenKey}`;
  icon: Icon;
  /** Alt + this digit opens the screen. */
  digit: number;
  /** Only these roles see the screen (the core enforces roles anyway); every role when absent. */
  roles?: readonly Role[];
  /** The navigation label's i18n key, when it is not `nav.<key>`. */
  label?: string;
}

/** The product's screens in navigation order. */
export const screenRoutes: ScreenRoute[] = [
  { key: 'queue', path: '/queue', icon: IconListCheck, digit: 1 },
  { key: 'households', path: '/households', icon: IconHome2, digit: 2 },
  { key: 'plans', path: '/plans', icon: IconClipboardList, digit: 3 },
  { key: 'branch', path: '/branch', icon: IconBuildingCommunity, digit: 4, roles: ['manager', 'admin'] },
  { key: 'sync', path: '/sync', icon: IconRefresh, digit: 5 },
  { key: 'settings', path: '/settings', icon: IconSettings, digit: 6 },
  { key: 'users', path: '/users', icon: IconUsers, digit: 7, roles: ['admin', 'manager'] },
  { key: 'import', path: '/import', icon: IconFileImport, digit: 8, roles: ['admin'], label: 'import.nav' },
];

/** The screens a user with this role may open. */
export const routesFor = (role: Role): ScreenRoute[] => screenRoutes.filter((route) => !route.roles || route.roles.includes(role));

/** Where one household file opens (the list, the search and the queue link to it). */
export const householdFilePath = (id: string) => `/households/${encodeURIComponent(id)}`;
