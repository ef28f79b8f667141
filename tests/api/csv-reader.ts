/**
 * Reads exported CSV back in the tests, independently of the exporter: papaparse (the parser the
 * import uses, not the export's writer), rows ending in CRLF as the export writes them, with
 * quotes, doubled quotes and line breaks inside quoted cells. The caller strips the BOM.
 */
import Papa from 'papaparse';

export function parseCsv(text: string): string[][] {
  const read = Papa.parse<string[]>(text, {
    delimiter: ',',
    newline: '\r\n',
    quoteChar: '"',
    skipEmptyLines: true,
  });
  if (read.errors.length > 0) throw new Error(`Not readable CSV: ${JSON.stringify(read.errors.slice(0, 3))}`);
  return read.data;
}
