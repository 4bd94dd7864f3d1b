// The layering of the code, checked by `npm run lint:deps` (part of `npm test`):
// shared → db → server, client → shared, nothing runs back up, and no import cycles.
//
// Type-only imports count (tsPreCompilationDeps: true). They vanish from the compiled code, but a
// type cycle ties two modules together for the reader just as much (the old context.ts ↔
// collab/socket-server.ts cycle was type-only).

/** Route files: server/<feature>/routes.ts and routes-*.ts (server/http/app.ts mounts them). */
const ROUTE_FILES = ['^server/.+/routes[.]ts$', '^server/.+/routes-[^/]+[.]ts$'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'shared-imports-nothing-of-ours',
      severity: 'error',
      comment:
        'shared/ is code for both sides: it may import other shared modules and npm packages, nothing else ' +
        '(no server, db, client, scripts or tests; no Node built-ins either, the browser bundle includes it).',
      from: { path: '^shared/' },
      to: { pathNot: ['^shared/', '^node_modules/'] },
    },
    {
      name: 'db-imports-only-shared',
      severity: 'error',
      comment: 'db/ sits under the server: it may import db/, shared/, npm packages and Node built-ins, not server, client, scripts or tests.',
      from: { path: '^db/' },
      to: { pathNot: ['^db/', '^shared/', '^node_modules/'], dependencyTypesNot: ['core'] },
    },
    {
      name: 'client-never-imports-server-or-db',
      severity: 'error',
      comment: 'The client talks to the server over HTTP and WebSocket only; what both need lives in shared/.',
      from: { path: '^client/' },
      to: { path: '^(server|db)/' },
    },
    {
      name: 'route-never-imports-queries',
      severity: 'error',
      comment: 'Route handlers stay thin: they call a feature command or view, and only those touch db/queries.',
      from: { path: ROUTE_FILES },
      to: { path: '^db/queries/' },
    },
    {
      name: 'no-cycles',
      severity: 'error',
      comment: 'An import cycle (type-only imports included): split the shared part out, or let the lower module receive what it needs.',
      from: { path: '^(server|client|shared|db)/' },
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: '^node_modules/' },
    exclude: { path: '^(dist|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    skipAnalysisNotInRules: true,
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
