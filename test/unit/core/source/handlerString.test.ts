import { test } from 'node:test';
import assert from 'node:assert/strict';
import { handlerSpecs, javaSpec, languageOfRuntime, nodeSpec, pythonSpec } from '../../../../src/core/source/handlerString';

test('Node.js: path/file.export, sources before compiled output, a folder index too', () => {
  const spec = nodeSpec('src/index.handler');
  assert.equal(spec?.symbol, 'handler');
  assert.deepEqual(spec?.files.slice(0, 7), ['src/index.ts', 'src/index.mts', 'src/index.cts', 'src/index.tsx', 'src/index.js', 'src/index.mjs', 'src/index.cjs']);
  assert.ok(spec?.files.includes('src/index/index.js'));
  assert.deepEqual(nodeSpec('index.handler')?.files[0], 'index.ts');
  // The module is the basename up to its first dot; the rest may be nested.
  assert.equal(nodeSpec('lib/api.handlers.create')?.symbol, 'handlers');
  assert.equal(nodeSpec('lib/api.handlers.create')?.files[0], 'lib/api.ts');
  assert.equal(nodeSpec('./src/app.main')?.files[0], 'src/app.ts');
});

test('Node.js: what the runtime rejects or that is not workspace code', () => {
  assert.equal(nodeSpec('../outside.handler'), undefined);
  assert.equal(nodeSpec('src/../../x.handler'), undefined);
  assert.equal(nodeSpec('/opt/nodejs/node_modules/datadog-lambda-js/handler.handler'), undefined);
  assert.equal(nodeSpec('nodot'), undefined);
  assert.equal(nodeSpec('trailing.'), undefined);
});

test('Python: module.function, with slashes or dots in the module path', () => {
  assert.deepEqual(pythonSpec('app.handler'), { language: 'python', files: ['app.py', 'app/__init__.py'], symbol: 'handler' });
  assert.deepEqual(pythonSpec('pkg/sub/app.lambda_handler')?.files, ['pkg/sub/app.py', 'pkg/sub/app/__init__.py']);
  assert.deepEqual(pythonSpec('pkg.sub.app.lambda_handler')?.files, ['pkg/sub/app.py', 'pkg/sub/app/__init__.py']);
  assert.equal(pythonSpec('pkg.sub.app.lambda_handler')?.symbol, 'lambda_handler');
  assert.equal(pythonSpec('handler'), undefined);
  assert.equal(pythonSpec('../x.handler'), undefined);
});

test('Java: pkg.Class::method, and pkg.Class for handleRequest', () => {
  const spec = javaSpec('com.example.Handler::handleRequest');
  assert.equal(spec?.symbol, 'handleRequest');
  assert.equal(spec?.files[0], 'src/main/java/com/example/Handler.java');
  assert.ok(spec?.files.includes('src/main/kotlin/com/example/Handler.kt'));
  assert.equal(javaSpec('com.example.Handler')?.symbol, 'handleRequest');
  assert.equal(javaSpec('com.example.StreamHandlers$Orders::process')?.files[0], 'src/main/java/com/example/StreamHandlers.java');
  assert.equal(javaSpec('Handler::run')?.files[0], 'src/main/java/Handler.java');
  assert.equal(javaSpec('com.example.Handler::'), undefined);
});

test('runtimes: Go and custom runtimes run bootstrap, others are not mapped', () => {
  assert.equal(languageOfRuntime('nodejs20.x'), 'node');
  assert.equal(languageOfRuntime('python3.12'), 'python');
  assert.equal(languageOfRuntime('java21'), 'java');
  assert.equal(languageOfRuntime('provided.al2023'), 'go');
  assert.equal(languageOfRuntime('go1.x'), 'go');
  assert.deepEqual(handlerSpecs('provided.al2023', 'bootstrap'), [{ language: 'go', files: ['main.go'], symbol: 'main' }]);
  assert.deepEqual(handlerSpecs('dotnet8', 'Assembly::Namespace.Class::Method'), []);
  assert.deepEqual(handlerSpecs('ruby3.3', 'app.handler'), []);
  assert.deepEqual(handlerSpecs('nodejs20.x', undefined), []);
});

test('without a runtime: `::` is Java, anything else is tried as Node.js then Python', () => {
  assert.deepEqual(handlerSpecs(undefined, 'com.example.Handler::handleRequest').map((s) => s.language), ['java']);
  assert.deepEqual(handlerSpecs(undefined, 'app.handler').map((s) => s.language), ['node', 'python']);
  assert.deepEqual(handlerSpecs('nodejs22.x', 'app.handler').map((s) => s.language), ['node']);
});
