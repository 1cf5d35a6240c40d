/**
 * Injected into the Electron main bundle (CommonJS, where import.meta is empty) as the value
 * of import.meta.url, so modules that find their files from their own URL work there too.
 */
import { pathToFileURL } from 'node:url';

export const bundleUrl = pathToFileURL(__filename).href;
