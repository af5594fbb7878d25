export { RecoveryCodeStep } from './RecoveryCodeStep.tsx';
export { SetupScreen } from './SetupScreen.tsx';
