export { registerConsole, CONSOLE_DIR, type ConsoleOptions } from './plugin.js';
