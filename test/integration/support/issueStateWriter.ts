// A writer process for the issue-state store tests: updates the file `count` times, one new issue
// per update (and a transition on a shared issue), printing `done <k>` once each update is written.
import { IssueStateStore } from '../../../src/store/issueStateStore';
import { newIssueState, resolve } from '../../../src/core/issues/issueStates';

const [fileArg, writerArg, fromText, countText] = process.argv.slice(2);
if (!fileArg || !writerArg) throw new Error('usage: issueStateWriter <file> <writer> <from> <count>');
const file: string = fileArg;
const writer: string = writerArg;
const from = Number(fromText ?? 0);
const count = Number(countText ?? 100);
const store = new IssueStateStore(file, { staleLockMs: 2_000 });
const T0 = Date.UTC(2026, 10, 26, 9);

async function main(): Promise<void> {
  for (let k = from; k < from + count; k++) {
    const own = resolve(newIssueState(`acct/us-east-1/${writer}/${k}`, T0 + k), writer, T0 + k + 1);
    const shared = resolve(newIssueState('acct/us-east-1/shared/fp', T0), `${writer}-${k}`, T0 + 1000 + k);
    await store.update([own, shared]);
    process.stdout.write(`done ${k}\n`);
  }
}

void main();
