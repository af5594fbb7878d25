export { SearchButton } from './SearchButton.tsx';
export { SearchSpotlight } from './SearchSpotlight.tsx';
