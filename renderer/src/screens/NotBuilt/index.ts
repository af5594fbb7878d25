export { NotBuiltScreen } from './NotBuiltScreen.tsx';
