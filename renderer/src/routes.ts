import {
  IconBuildingCommunity,
  IconClipboardList,
  IconHome2,
  IconListCheck,
  IconRefresh,
  IconSettings,
  type Icon,
} from '@tabler/icons-react';

export type ScreenKey = 'queue' | 'households' | 'plans' | 'branch' | 'sync' | 'settings';

export interface ScreenRoute {
  key: ScreenKey;
  path: `/${ScreenKey}`;
  icon: Icon;
  /** Alt + this digit opens the screen. */
  digit: number;
}

/** The product's screens in navigation order. */
export const screenRoutes: ScreenRoute[] = [
  { key: 'queue', path: '/queue', icon: IconListCheck, digit: 1 },
  { key: 'households', path: '/households', icon: IconHome2, digit: 2 },
  { key: 'plans', path: '/plans', icon: IconClipboardList, digit: 3 },
  { key: 'branch', path: '/branch', icon: IconBuildingCommunity, digit: 4 },
  { key: 'sync', path: '/sync', icon: IconRefresh, digit: 5 },
  { key: 'settings', path: '/settings', icon: IconSettings, digit: 6 },
];
