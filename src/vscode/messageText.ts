import { visibleText } from '../core/health/figureText';

/**
 * Text from logs, files or servers as a notification may show it. VS Code turns `[label](target)`
 * in a notification's message into a link — `command:` targets run a command with any arguments
 * when clicked — so the bracket and the parenthesis are kept apart; bidi and control characters
 * are made visible (see visibleText).
 */
export function notificationText(text: string): string {
  return visibleText(text).replace(/\]\(/g, '] (');
}

/**
 * Text from logs in a label that draws `$(name)` as an icon (status bar, quick pick): shown as
 * written, with bidi and control characters made visible.
 */
export function labelText(text: string): string {
  return visibleText(text).replace(/\$\(/g, '\\$(');
}
