/**
 * Import boundaries, checked by dependency-cruiser (`npm run boundaries`, part of `npm run check`,
 * and test/static/boundaries.test.ts). Each rule says why it exists; docs/architecture.md has the layers.
 *
 * Paths are relative to the project root. `$1` in a `to.path` refers to the first capture group of
 * the `from.path` of the same rule (dependency-cruiser's group matching).
 */

/** Shared plumbing every function may use: the kit, repositories helpers, members, … */
const SHARED = '^cloudfunctions/shared/';
/** What a context's domain must not know about: I/O and entry points. */
const OUTER_LAYERS = '^cloudfunctions/[^/]+/src/(repositories|gateways|adapters|handlers|outbox)/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-function-import',
      comment:
        'A cloud function is deployed as its own bundle and owns its own collections: it never imports another function. ' +
        'What two functions share lives in cloudfunctions/shared/ (or is a contract in typings/api/).',
      severity: 'error',
      from: { path: '^cloudfunctions/([^/]+)/', pathNot: SHARED },
      to: { path: '^cloudfunctions/[^/]+/', pathNot: ['^cloudfunctions/$1/', SHARED] },
    },
    {
      name: 'shared-imports-no-function',
      comment: 'cloudfunctions/shared/ is bundled into every function, so it cannot depend on any one of them.',
      severity: 'error',
      from: { path: SHARED },
      to: { path: '^cloudfunctions/[^/]+/', pathNot: SHARED },
    },
    {
      name: 'domain-is-pure',
      comment:
        "A context's domain (src/domain/) holds the business decisions as pure functions: it imports no repositories, " +
        'gateways, adapters, handlers or outbox (those call the domain, not the other way round).',
      severity: 'error',
      from: { path: '^cloudfunctions/[^/]+/src/domain/' },
      to: { path: OUTER_LAYERS },
    },
    {
      name: 'shared-domain-is-pure',
      comment: 'The same for the shared domain (cloudfunctions/shared/domain/): no repositories or kit I/O.',
      severity: 'error',
      from: { path: '^cloudfunctions/shared/domain/' },
      to: { path: ['^cloudfunctions/shared/repositories/', OUTER_LAYERS] },
    },
    {
      name: 'product-code-not-on-emulator-or-tests',
      comment:
        'Product code (cloudfunctions/, miniprogram/, typings/) runs in CloudBase and WeChat, where neither the emulator ' +
        'nor the test helpers exist: it never imports emulator/ or test/.',
      severity: 'error',
      from: { path: '^(cloudfunctions|miniprogram|typings)/', pathNot: '\\.test\\.ts$' },
      to: { path: '^(emulator|test|bench|scripts)/' },
    },
    {
      name: 'backend-uses-runtime-dependencies-only',
      comment:
        'Cloud functions and typings/ bundle only `dependencies` of package.json: a devDependency (test, build or ' +
        'emulator tooling) in product code would ship tooling or break when the tooling changes. Types are exempt.',
      severity: 'error',
      from: { path: '^(cloudfunctions|typings)/', pathNot: '\\.test\\.ts$' },
      to: { dependencyTypes: ['npm-dev'], dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'miniprogram-imports-typings-as-types-only',
      comment:
        'typings/api/ holds zod schemas next to the types; the mini-program uses the types (import type) so no zod ' +
        'reaches the package. A page that needs client-side validation must say so here first.',
      severity: 'error',
      from: { path: '^miniprogram/' },
      to: { path: '^typings/', dependencyTypesNot: ['type-only'] },
    },
    {
      name: 'miniprogram-imports-no-backend',
      comment: 'The mini-program talks to the backend through callFunction only, never by importing its code.',
      severity: 'error',
      from: { path: '^miniprogram/' },
      to: { path: '^cloudfunctions/' },
    },
    {
      name: 'typings-import-only-zod-and-typings',
      comment: 'typings/ is the contract both sides build on: it imports nothing but zod and itself.',
      severity: 'error',
      from: { path: '^typings/' },
      to: { pathNot: ['^typings/', '^node_modules/zod/'] },
    },
    {
      name: 'no-circular',
      comment:
        'No import circles. Type-only cycles count too: they are erased at run time, but a cycle of types is still ' +
        'two modules that cannot be understood (or moved) one without the other, which is what this rule is about; ' +
        'and a type-only import easily turns into a value import later.',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'An import that resolves to nothing fails at run time (or in the bundle). tdesign-miniprogram/* is resolved by ' +
        'WeChat DevTools from miniprogram_npm (miniprogram/tsconfig.json paths), which this cruise does not read.',
      severity: 'error',
      from: {},
      to: { couldNotResolve: true, pathNot: '^tdesign-miniprogram/' },
    },
  ],
  options: {
    // Sources only: what node_modules does inside is not ours to police (but an import *of* it is still seen).
    // node_modules is not excluded (an import of a package must stay visible to the typings rule), only not followed.
    doNotFollow: { path: ['node_modules'] },
    exclude: { path: ['^build/', '^coverage/', '^\\.emulator-data/', 'miniprogram_npm/'] },
    // Type-only imports are part of the graph (rules above tell them apart with dependencyTypes 'type-only').
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
    },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
