/**
 * CLI commands that write a shop's data (`import`, `sources`, `marks`) go through the server when
 * one owns the embedded store, since a second process cannot open it; they then need a shop API key.
 */
import { loadConfig, usesDataDir } from '../config.js';
import { BadRequestError } from '../errors.js';
import { DataDirLock } from '../store/data-dir-lock.js';
import { notice } from './output.js';

/**
 * The owning server's URL and the key to call it with, or undefined when the CLI may open the
 * store itself. `what` says what goes through it ("this import", "sources"), for the messages;
 * `scope`, which of a key's scopes allows it.
 */
export function owningServer(what: string, shop: string | undefined, scope = 'ingest'): { url: string; apiKey: string } | undefined {
  const config = loadConfig();
  const server = usesDataDir(config) ? DataDirLock.runningServer(config.dataDir) : undefined;
  if (!server?.url) return undefined;
  const apiKey = process.env.STORELENS_API_KEY;
  if (!apiKey || !shop)
    throw new BadRequestError(
      `The Storelens server at ${server.url} owns ${config.dataDir}, so ${what} goes through it: give --shop and set STORELENS_API_KEY to a key of that shop with the ${scope} scope (or stop the server).`,
    );
  notice(`storelens: the server at ${server.url} owns the store; ${what} goes through it.`);
  return { url: server.url, apiKey };
}
