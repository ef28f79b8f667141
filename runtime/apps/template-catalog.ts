/**
 * The shipped templates: `templates/index.json` lists them, each entry naming its bundle file.
 * Reads go to disk every time, so a template edited during development shows up without restart.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { FlowcaseError, type LocalizedText } from '../../engine/index.js';

/** The folder with `index.json` and the bundles, next to `runtime/`. */
export const DEFAULT_TEMPLATES_DIR = fileURLToPath(new URL('../../templates/', import.meta.url));

export interface TemplateInfo {
  key: string;
  name: LocalizedText;
  description?: LocalizedText;
}

interface IndexEntry extends TemplateInfo {
  file: string;
}

export class TemplateCatalog {
  constructor(private readonly dir: string = DEFAULT_TEMPLATES_DIR) {}

  async list(): Promise<TemplateInfo[]> {
    return (await this.entries()).map(({ key, name, description }) =>
      description === undefined ? { key, name } : { key, name, description },
    );
  }

  /**
   * The raw bundle of a template, by its key (`after_sales`) or its file name with or without
   * `.json` (`after-sales`), as the CLI's `install <template>` accepts both. `FC_NOT_FOUND` otherwise.
   */
  async load(keyOrFile: string): Promise<unknown> {
    const entry = (await this.entries()).find(
      (e) => e.key === keyOrFile || e.file === keyOrFile || e.file === `${keyOrFile}.json`,
    );
    if (!entry)
      throw new FlowcaseError('FC_NOT_FOUND', `There is no template ${keyOrFile}.`, { path: '/template' });
    // The index is ours, but a file name with a path in it must still not leave the folder.
    return JSON.parse(await readFile(path.join(this.dir, path.basename(entry.file)), 'utf8')) as unknown;
  }

  private async entries(): Promise<IndexEntry[]> {
    const index = JSON.parse(await readFile(path.join(this.dir, 'index.json'), 'utf8')) as {
      templates?: IndexEntry[];
    };
    return (index.templates ?? []).filter((e) => typeof e.key === 'string' && typeof e.file === 'string');
  }
}
