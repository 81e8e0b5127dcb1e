// Jest transformer for the mini-program project: TypeScript pages/services and TDesign's
// ES-module `.js` (miniprogram_npm) both become CommonJS, which is what WeChat DevTools'
// TypeScript plugin and "构建 npm" hand the mini-program runtime too. esbuild is used
// rather than ts-jest because it transforms one file at a time with no type program,
// like DevTools does, and is fast enough to re-evaluate TDesign after each jest.resetModules().
const { createHash } = require('node:crypto');
const { transformSync } = require('esbuild');

const loaderFor = (filename) => (filename.endsWith('.ts') ? 'ts' : 'js');

module.exports = {
  getCacheKey(source, filename) {
    return createHash('sha1').update('esbuild-transform-v1\0').update(filename).update('\0').update(source).digest('hex');
  },
  process(source, filename) {
    const result = transformSync(source, {
      loader: loaderFor(filename),
      format: 'cjs',
      // Node 20 runs the tests; keep modern syntax so stack traces stay readable.
      target: 'node20',
      sourcemap: 'inline',
      sourcefile: filename,
      // Mini-program TS (like DevTools) and the tests keep class fields/decorators simple.
      tsconfigRaw: { compilerOptions: { useDefineForClassFields: false } },
    });
    return { code: result.code };
  },
};
