import { describe, expect, it } from 'vitest';
import { snapshotBlocks } from '../../../src/render/parse-snapshots.js';

describe('snapshotBlocks', () => {
  it('finds each block with its line, keeping the body on the file\'s own lines', () => {
    const text = "-- orders\n{% snapshot a %}\nselect 1\n{% endsnapshot %}\n\n{%- snapshot b -%}select 2{%- endsnapshot -%}\n";
    const blocks = snapshotBlocks(text);
    expect(blocks.map((b) => [b.name, b.line])).toEqual([['a', 2], ['b', 6]]);
    // 'select 1' is on line 3 of the file and of the padded body.
    expect(blocks[0].body.split('\n')[2]).toBe('select 1');
    expect(blocks[1].body.split('\n')[5]).toBe('select 2');
  });

  it('finds nothing in a file without blocks', () => {
    expect(snapshotBlocks('select 1')).toEqual([]);
  });
});
