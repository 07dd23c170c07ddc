// Preload (`node --import`) for tests: appends the URL of every module the process resolves through the ESM loader
// (its own files and every package entry it imports) to the file named by $TRACE_IMPORTS_FILE, one per line.
// Registered after tsx, so these hooks run first and record the URL the whole chain settled on.
import { register } from 'node:module';

register('./trace-imports-hooks.mjs', import.meta.url, { data: { file: process.env.TRACE_IMPORTS_FILE } });
