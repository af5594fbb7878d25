export { HouseholdFileScreen } from './HouseholdFileScreen.tsx';
