import { createSpotlight } from '@mantine/spotlight';

/** The household search's own spotlight, so the header button and Ctrl+K open the same one. */
export const [searchSpotlightStore, searchSpotlight] = createSpotlight();

/** The shortcut that opens the search, by physical key so it works on an Arabic keyboard layout too. */
export const searchHotkey = 'mod+K';
