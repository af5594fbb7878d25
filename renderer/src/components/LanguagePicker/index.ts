export { LanguagePicker } from './LanguagePicker.tsx';
