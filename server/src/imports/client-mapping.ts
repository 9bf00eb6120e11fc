/** A mapping file's text sent by a client (an upload, a drop folder), checked as a local import checks one. */
import { type Mapping, parseMapping } from '@storelens/etl';
import { BadRequestError } from '../errors.js';

/** Whatever is wrong with the mapping is the client's to fix: a 400 that says what and where. */
export function mappingOf(text: string): Mapping {
  try {
    return parseMapping(text, 'the mapping');
  } catch (error) {
    throw new BadRequestError((error as Error).message, 'mapping');
  }
}
