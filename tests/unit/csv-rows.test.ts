/**
 * Reading a CSV file into record data for an import (`engine/form/csv-rows.ts`): columns named
 * by field key or label, cells converted where the text is unambiguous and otherwise left for the
 * form's validation to report, and an export of the form importable again.
 */
import { describe, expect, it } from 'vitest';
import type { FormDef } from '../../engine/definition/types.js';
import { csvRows, csvSyntaxMessage, parseCsv } from '../../engine/form/csv-rows.js';

const form: FormDef = {
  key: 'customers',
  name: { en: 'Customers', zh: '客户' },
  fields: [
    { key: 'name', type: 'text', label: { en: 'Name', zh: '姓名' } },
    {
      key: 'tier',
      type: 'select',
      label: { en: 'Tier', zh: '等级' },
      options: [
        { value: 'vip', label: { en: 'VIP', zh: '贵宾' } },
        { value: 'regular', label: { en: 'Regular', zh: '普通' } },
      ],
    },
    {
      key: 'tags',
      type: 'multiselect',
      label: 'Tags',
      options: [
        { value: 'a', label: 'Alpha' },
        { value: 'b', label: 'Beta' },
      ],
    },
    { key: 'spend', type: 'money', label: { en: 'Spend', zh: '消费' } },
    { key: 'visits', type: 'integer', label: 'Visits' },
    { key: 'active', type: 'boolean', label: { en: 'Active', zh: '有效' } },
    { key: 'address', type: 'address', label: 'Address' },
  ],
} as FormDef;

/** The rows of a file that must read without errors. */
function table(text: string): string[][] {
  const read = parseCsv(text);
  expect(read.errors).toEqual([]);
  return read.rows;
}

describe('parseCsv', () => {
  it('reads quoted cells with commas, doubled quotes and line breaks, CRLF or LF rows and a BOM', () => {
    expect(parseCsv('\uFEFFname,note\r\n"Wang, Xiaoming","said ""hi""\nthen left"\nLi,\n')).toEqual({
      rows: [
        ['name', 'note'],
        ['Wang, Xiaoming', 'said "hi"\nthen left'],
        ['Li', ''],
      ],
      errors: [],
    });
  });

  it('reads any line break (CRLF, LF, CR) as \\n, between rows and inside quoted cells', () => {
    expect(table('a,b\r1,"x\r\ny"\r\n2,3')).toEqual([
      ['a', 'b'],
      ['1', 'x\ny'],
      ['2', '3'],
    ]);
  });

  it('skips blank lines', () => {
    expect(table('a\n\n1\n \n2')).toEqual([['a'], ['1'], ['2']]);
  });

  it('keeps a quote inside an unquoted cell as written', () => {
    expect(table('size,note\n27",a 27" screen\n')).toEqual([
      ['size', 'note'],
      ['27"', 'a 27" screen'],
    ]);
  });

  it('reports a quoted cell that never closes at its row and column', () => {
    const read = parseCsv('name,note,phone\nWang,fine,1\nLi,"broken,2\nZhao,ok,3\n');
    expect(read.errors).toEqual([{ row: 2, column: 1, code: 'csv.unclosed_quote' }]);
  });

  it("says where in people's words: data rows from 1, the column with its header, or the header row", () => {
    const read = parseCsv('name,note\nWang,"open\n');
    expect(csvSyntaxMessage(read.errors[0]!, read.rows[0]![1], 'en')).toBe(
      'Row 1, column 2 (note): a quoted cell has no closing quote, so the rest of the file cannot be read.',
    );
    expect(csvSyntaxMessage(read.errors[0]!, read.rows[0]![1], 'zh')).toBe(
      '第 1 行第 2 列（note）：引号内的单元格没有结束引号，文件其余部分无法读取。',
    );
    const header = parseCsv('name,"no"te\nWang,x\n');
    expect(header.errors).toEqual([{ row: 0, column: 1, code: 'csv.stray_quote' }]);
    expect(csvSyntaxMessage(header.errors[0]!, header.rows[0]![1], 'en')).toMatch(
      /^Header, column 2: a quoted cell/,
    );
  });

  it('reports text after a closing quote at its row and column', () => {
    const read = parseCsv('name,note\n"Wang" Jr,x\n');
    expect(read.errors).toEqual([{ row: 1, column: 0, code: 'csv.stray_quote' }]);
  });
});

describe('csvRows', () => {
  it('names columns by key or by label in either language, case and spaces aside', () => {
    const { rows, unknownColumns } = csvRows(form, table(' NAME ,等级,Spend\nWang,贵宾,12'));
    expect(unknownColumns).toEqual([]);
    expect(rows).toEqual([{ name: 'Wang', tier: 'vip', spend: 12 }]);
  });

  it('converts numbers, yes/no words and options by value or label; leaves the rest for validation', () => {
    const { rows } = csvRows(
      form,
      table(
        'name,tier,tags,spend,visits,active\nA,Regular,"Alpha, b",\"1,234.5\",3,是\nB,gold,Beta；Gamma,lots,2.5,maybe',
      ),
    );
    expect(rows[0]).toEqual({
      name: 'A',
      tier: 'regular',
      tags: ['a', 'b'],
      spend: 1234.5,
      visits: 3,
      active: true,
    });
    // Not converted: the server's form validation reports these at /records/1/<field>.
    expect(rows[1]).toEqual({
      name: 'B',
      tier: 'gold',
      tags: ['b', 'Gamma'],
      spend: 'lots',
      visits: 2.5,
      active: 'maybe',
    });
  });

  it('leaves empty cells out and keeps text as written', () => {
    expect(csvRows(form, table('name,spend,visits\n  王小明 ,,\n')).rows).toEqual([{ name: '  王小明 ' }]);
  });

  it('skips empty columns of fields a cell cannot hold', () => {
    const { rows, unsupportedColumns } = csvRows(form, table('name,Address\nWang,\nLi, '));
    expect(rows).toEqual([{ name: 'Wang' }, { name: 'Li' }]);
    expect(unsupportedColumns).toEqual([]);
  });

  it('reads an instant as the export writes it (local time with the offset) back as the ISO instant', () => {
    const withTime = {
      ...form,
      fields: [...form.fields, { key: 'seen', type: 'datetime', label: { en: 'Seen', zh: '到访时间' } }],
    } as FormDef;
    const { rows } = csvRows(
      withTime,
      table(
        'name,到访时间\nWang,2026-12-06 23:14:14 +08:00\nLi,2026-03-29 01:30 -04:30\nZhao,2026-12-06T15:14:14.094Z\nQian,next Tuesday',
      ),
    );
    expect(rows.map((r) => r.seen)).toEqual([
      '2026-12-06T15:14:14.000Z',
      '2026-03-29T06:00:00.000Z',
      '2026-12-06T15:14:14.094Z',
      'next Tuesday',
    ]);
  });

  it("skips the export's record columns and reports headers that name no field or no cell", () => {
    const { rows, unknownColumns, unsupportedColumns } = csvRows(
      form,
      table('ID,创建时间,Created by,name,nickname,Address\nx,2026-01-01,admin,Wang,W,somewhere'),
    );
    expect(rows).toEqual([{ name: 'Wang' }]);
    expect(unknownColumns).toEqual([{ index: 4, header: 'nickname' }]);
    expect(unsupportedColumns).toEqual([{ index: 5, field: 'address' }]);
  });
});
