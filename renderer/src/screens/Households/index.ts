export { HouseholdsScreen } from './HouseholdsScreen.tsx';
export { FlagBadges } from './FlagBadges.tsx';
export { StatusBadge } from './StatusBadge.tsx';
