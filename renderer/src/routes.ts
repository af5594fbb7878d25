import {
  IconBuildingCommunity,
  IconClipboardList,
  IconHome2,
  IconListCheck,
  IconRefresh,
  IconSettings,
  IconUsers,
  type Icon,
} from '@tabler/icons-react';
import type { Role } from '../../shared/contract/index.ts';

export type ScreenKey = 'queue' | 'households' | 'plans' | 'branch' | 'sync' | 'settings' | 'users';

export interface ScreenRoute {
  key: ScreenKey;
  path: `/${ScreenKey}`;
  icon: Icon;
  /** Alt + this digit opens the screen. */
  digit: number;
  /** Only these roles see the screen (the core enforces roles anyway); every role when absent. */
  roles?: readonly Role[];
}

/** The product's screens in navigation order. */
export const screenRoutes: ScreenRoute[] = [
  { key: 'queue', path: '/queue', icon: IconListCheck, digit: 1 },
  { key: 'households', path: '/households', icon: IconHome2, digit: 2 },
  { key: 'plans', path: '/plans', icon: IconClipboardList, digit: 3 },
  { key: 'branch', path: '/branch', icon: IconBuildingCommunity, digit: 4 },
  { key: 'sync', path: '/sync', icon: IconRefresh, digit: 5 },
  { key: 'settings', path: '/settings', icon: IconSettings, digit: 6 },
  { key: 'users', path: '/users', icon: IconUsers, digit: 7, roles: ['admin', 'manager'] },
];

/** The screens a user with this role may open. */
export const routesFor = (role: Role): ScreenRoute[] => screenRoutes.filter((route) => !route.roles || route.roles.includes(role));
