export { SyncStatus } from './SyncStatus.tsx';
