// The webview rule against markup APIs must really reject them (a config change cannot drop it silently).
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function messages(code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: 'webview/timeline/example.ts' });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-properties' || m.ruleId === 'no-restricted-syntax').map((m) => m.message);
}

test('webview code may not set markup', async () => {
  const code = [
    'const n = document.createElement("div");',
    'n.innerHTML = "x";',
    'n.outerHTML = "x";',
    'n.insertAdjacentHTML("beforeend", "x");',
    'n["innerHTML"] = "x";',
    'document.write("x");',
    'export const f = new Function("return 1");',
  ].join('\n');
  assert.equal((await messages(code)).length, 6);
});

test('webview code may set text', async () => {
  assert.deepEqual(await messages('const n = document.createElement("div");\nn.textContent = "<b>x</b>";\nexport { n };\n'), []);
});
