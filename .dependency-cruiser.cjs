// The direction of dependencies, checked by `npm run lint:deps` (part of `npm test`). The README's
// "Project layout" section says the same in words:
//   server/wire/        contracts shared with the browser: imports nothing but itself
//   the capture engine  server/{common,smtp,sessions,mailbox,live,http,accounts}, server/engine.ts:
//                       imports only itself and server/wire — never lab/, the CLI or the composition
//   server/cli/kit/     the CLI toolkit: the engine's pieces, never a command
//   lab/                the practical work's features: the engine, the wire, the kit — never the
//                       composition (server/lab-server.ts, server/index.ts, server/cli commands)
//   composition         server/lab-server.ts, server/index.ts, server/cli/*.ts: anything
//   client/             the browser: itself, server/wire/ and lab/ modules that reach no Node module
const ENGINE = '^server/(common|smtp|sessions|mailbox|live|http|accounts|faults)/|^server/engine\\.ts$';
const NODE_BUILTINS = `^(node:)?(${require('node:module').builtinModules.join('|')})$`;
const COMPOSITION = '^server/(lab-server|index)\\.ts$|^server/cli/[^/]+\\.ts$';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'wire-is-a-leaf',
      comment: 'server/wire/ is shared with the browser: it may import only itself (no Node, no packages).',
      severity: 'error',
      from: { path: '^server/wire/' },
      to: { pathNot: '^server/wire/' },
    },
    {
      name: 'engine-knows-no-feature',
      comment: 'The capture engine knows nothing of lab/, the CLI or the composition root: features plug into it (server/engine.ts mount()).',
      severity: 'error',
      from: { path: ENGINE },
      to: { path: `^lab/|^client/|^test/|^bench/|${COMPOSITION}|^server/cli/` },
    },
    {
      name: 'kit-is-not-a-command',
      comment: 'The CLI toolkit is used by commands, not the other way round.',
      severity: 'error',
      from: { path: '^server/cli/kit/' },
      to: { path: `^lab/|^client/|${COMPOSITION}` },
    },
    {
      name: 'features-stay-off-the-composition',
      comment: 'lab/ builds on the engine; only the composition root (server/lab-server.ts, server/cli) puts the two together.',
      severity: 'error',
      from: { path: '^lab/' },
      to: { path: `^client/|^test/|^bench/|${COMPOSITION}` },
    },
    {
      name: 'client-imports-only-shared-code',
      comment:
        'The browser imports itself, server/wire/ and lab/ — and of the engine only the fault rules as data (presets, explanations, checks, the one-line form), which the next rule keeps free of Node.',
      severity: 'error',
      from: { path: '^client/src/' },
      to: {
        dependencyTypesNot: ['npm', 'npm-dev', 'npm-no-pkg', 'npm-unknown'],
        pathNot: '^client/src/|^server/wire/|^lab/|^server/faults/fault-(presets|explanations|rule-check|spec)\\.ts$',
      },
    },
    {
      name: 'client-reaches-no-node-module',
      comment: 'Nothing the browser imports may pull in a Node built-in, however indirectly.',
      severity: 'error',
      from: { path: '^client/src/' },
      to: { path: NODE_BUILTINS, reachable: true },
    },
    {
      name: 'client-reaches-only-browser-packages',
      comment: 'The packages the browser bundle may contain.',
      severity: 'error',
      from: { path: '^client/src/' },
      to: { path: 'node_modules/', pathNot: 'node_modules/(preact|@preact|@dagrejs|uplot)/', reachable: true },
    },
    {
      name: 'no-circular',
      comment: 'A cycle makes the order of module initialisation matter and the code hard to follow.',
      severity: 'error',
      from: { path: '^(server|lab|client)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js'] },
    exclude: { path: '^dist/' },
  },
};
