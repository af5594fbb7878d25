export { UnlockScreen } from './UnlockScreen.tsx';
