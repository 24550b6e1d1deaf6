import { describe, expect, it } from 'vitest';
import { catalogEffect } from '../../../src/engine/catalog-effect.js';

const key = (database: string, schema: string, name: string) => ({ database, schema, name });

describe('catalogEffect', () => {
  it('reads creates, drops and renames of fully qualified relations', () => {
    expect(catalogEffect('CREATE TABLE "db"."main"."m__plan_tmp" AS (\nselect 1\n)')).toEqual({ type: 'create', key: key('db', 'main', 'm__plan_tmp'), kind: 'table', ifNotExists: false });
    expect(catalogEffect('create or replace view "db"."s"."v" as (select 1) -- trailing\n;')).toEqual({ type: 'create', key: key('db', 's', 'v'), kind: 'view', ifNotExists: false });
    expect(catalogEffect('CREATE TABLE IF NOT EXISTS db.s."We""ird" (a int)')).toEqual({ type: 'create', key: key('db', 's', 'We"ird'), kind: 'table', ifNotExists: true });
    expect(catalogEffect('DROP TABLE IF EXISTS "db"."main"."m"')).toEqual({ type: 'drop', key: key('db', 'main', 'm') });
    expect(catalogEffect('drop view "db"."main"."v";')).toEqual({ type: 'drop', key: key('db', 'main', 'v') });
    expect(catalogEffect('ALTER TABLE "db"."main"."m__plan_tmp" RENAME TO "m"')).toEqual({
      type: 'rename',
      from: key('db', 'main', 'm__plan_tmp'),
      to: key('db', 'main', 'm'),
      kind: 'table',
    });
  });

  it('says none for statements that cannot add, drop or rename a relation', () => {
    for (const sql of [
      'select 1',
      '/* lead */ -- comment\n  WITH x AS (select 1) select * from x',
      'INSERT INTO "db"."s"."t" SELECT * FROM "db"."s"."u"',
      "delete from t where a = ';'",
      'CREATE SCHEMA IF NOT EXISTS "db"."s"',
      'CREATE OR REPLACE TEMP TABLE "m__plan_stage" AS (select 1)',
      'ALTER TABLE "db"."s"."t" ADD COLUMN "c" INTEGER',
      'SET threads = 2',
    ]) {
      expect(catalogEffect(sql), sql).toEqual({ type: 'none' });
    }
  });

  it('says unknown when it cannot be sure: several statements, short names, CASCADE, transactions, anything else', () => {
    for (const sql of [
      'insert into t values (1); drop table "db"."s"."x"',
      'select 1; select 2',
      'CREATE TABLE "main"."plan_partitions" (a int)',
      'create table t as select 1',
      'DROP TABLE "db"."s"."t" CASCADE',
      'ALTER TABLE "db"."s"."t" RENAME COLUMN a TO b',
      'BEGIN TRANSACTION',
      'COMMIT',
      'DROP SCHEMA "db"."s" CASCADE',
      "ATTACH 'x.duckdb' AS x",
      'USE other',
      'CALL my_proc()',
      'select $$a;b$$',
      '',
      '  -- only a comment',
    ]) {
      expect(catalogEffect(sql), sql).toEqual({ type: 'unknown' });
    }
  });

  it('ignores semicolons inside strings, quoted names and comments', () => {
    expect(catalogEffect(`CREATE TABLE "d"."s"."t" AS (\nselect ';' as "a;b" -- x;y\n)`)).toMatchObject({ type: 'create' });
    expect(catalogEffect(`select 'it''s; fine'`)).toEqual({ type: 'none' });
  });
});
