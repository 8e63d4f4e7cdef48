// The one direction of dependency (vscode → aws/demo → core) is enforced by ESLint; this checks
// that the rules really reject what they must, so a config change cannot silently drop them.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { ESLint } from 'eslint';

const eslint = new ESLint({ cwd: process.cwd() });

async function restrictedImports(filePath: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath });
  return (result?.messages ?? []).filter((m) => m.ruleId === 'no-restricted-imports').map((m) => m.message);
}

test('src/core may not import vscode, the AWS SDK, node built-ins or outer layers', async () => {
  const code = [
    "import * as vscode from 'vscode';",
    "import { LambdaClient } from '@aws-sdk/client-lambda';",
    "import { readFileSync } from 'node:fs';",
    "import { join } from 'path';",
    "import { x } from '../aws/clients';",
    "import { lookup } from 'dns';",
    "import { format } from '../../../cli/formatReport';",
    'export const y = [vscode, LambdaClient, readFileSync, join, x, lookup, format];',
  ].join('\n');
  const messages = await restrictedImports('src/core/analysis/deeper/example.ts', code);
  assert.equal(messages.length, 7, messages.join('\n'));
});

test('src/core may import its own modules and the quantile sketch library', async () => {
  const code = "import { DDSketch } from '@datadog/sketches-js';\nimport { hash53 } from '../hash';\nexport const z = [DDSketch, hash53];\n";
  assert.deepEqual(await restrictedImports('src/core/analysis/example.ts', code), []);
});

test('src/aws and src/demo may not import vscode; the demo may not import the AWS SDK', async () => {
  assert.equal((await restrictedImports('src/aws/example.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n")).length, 1);
  assert.equal((await restrictedImports('src/demo/example.ts', "import * as vscode from 'vscode';\nexport const v = vscode;\n")).length, 1);
  assert.equal((await restrictedImports('src/demo/example.ts', "import { S3Client } from '@aws-sdk/client-s3';\nexport const v = S3Client;\n")).length, 1);
});

test('webview code may import only src/shared', async () => {
  const messages = await restrictedImports('webview/timeline/main.ts', "import { Analyzer } from '../../src/core/analysis/analyzer';\nexport const a = Analyzer;\n");
  assert.equal(messages.length, 1);
  assert.deepEqual(await restrictedImports('webview/timeline/main.ts', "import { isReadyMessage } from '../../src/shared/protocol';\nexport const r = isReadyMessage;\n"), []);
});
