/**
 * Home: a person's own page (`homePage`), shown by platforms that have a place for it
 * (the Slack Home tab), with buttons to pause, resume or stop their weekly questions and
 * three quick starts. `changes.ts` says which commands and buttons change the page.
 */
import type { Feature } from '../declaration.js';
import { homeActions } from './actions.js';

export { homePage } from './page.js';
export type { HomeViewer } from './viewer.js';
export { changesHome } from './changes.js';

export const home: Feature = {
  name: 'home',
  actions: homeActions,
};
