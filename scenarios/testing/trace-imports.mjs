// Preload (`node --import`) for tests: appends the URL of every module the process resolves through the ESM loader
// (its own files and every package entry it imports) to the file named by $TRACE_IMPORTS_FILE, one per line.
// Registered after tsx, so these hooks run first and record the URL the whole chain settled on.
// CommonJS loads that bypass the ESM loader (a `createRequire(import.meta.url)('pg')` made on demand, and every
// require inside a CommonJS package) are appended too, so a package loaded either way shows.
import { appendFileSync } from 'node:fs';
import Module, { register } from 'node:module';
import { pathToFileURL } from 'node:url';

const file = process.env.TRACE_IMPORTS_FILE;
register('./trace-imports-hooks.mjs', import.meta.url, { data: { file } });

const load = Module._load;
Module._load = function (request, parent, isMain) {
  const loaded = load.apply(this, arguments);
  if (!Module.isBuiltin(request)) {
    let path;
    try {
      path = Module._resolveFilename(request, parent, isMain);
    } catch {
      path = request;
    }
    appendFileSync(file, `${pathToFileURL(path).href}\n`);
  }
  return loaded;
};
