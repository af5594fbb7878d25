export { GateLayout } from './GateLayout.tsx';
