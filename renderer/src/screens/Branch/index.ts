export { BranchScreen } from './BranchScreen.tsx';
