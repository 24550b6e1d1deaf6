import fs from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { queryDb } from './helpers/query-db.js';
import { DB, copyFlagship, describeRun, plan, removeDir, simulate, varsArg } from './flagship-helpers.js';

/**
 * Each invariant data test of the flagship catches the violation it is written for: the flagship
 * is simulated once (2025-2026), then for every case one violation is written into the 2026 data
 * of a fresh copy of that database and `plan test` runs that one test for 2026, which must fail.
 * (That the clean database passes every test is checked by flagship.test.ts.)
 */
interface ViolationCase {
  readonly test: string;
  readonly what: string;
  /** The violation written into the 2026 data; none when `vars` alone make the data wrong. */
  readonly sql?: string;
  /** More vars for `plan test` (e.g. a plan design the simulated data does not follow). */
  readonly vars?: Readonly<Record<string, unknown>>;
}

const Y = 2026;
const raiseEmployee = `(select min(employee_id) from fct_yearly_events where simulation_year = ${Y} and event_type = 'raise')`;
const CASES: readonly ViolationCase[] = [
  {
    test: 'assert_event_sequence_follows_dates',
    what: 'an employee-year whose first event is dated after its later ones',
    sql: `update fct_yearly_events set effective_date = date '${Y}-12-31'
          where simulation_year = ${Y} and event_sequence = 1 and employee_id = (
            select employee_id from fct_yearly_events where simulation_year = ${Y} group by employee_id
            having count(*) >= 2 and max(effective_date) < date '${Y}-12-31' order by employee_id limit 1)`,
  },
  {
    test: 'assert_event_sequence_follows_dates',
    what: 'a gap in an employee-year\'s event_sequence',
    sql: `update fct_yearly_events set event_sequence = event_sequence + 10
          where simulation_year = ${Y} and employee_id = ${raiseEmployee} and event_type = 'raise'`,
  },
  {
    test: 'assert_snapshot_matches_events',
    what: 'year-end pay that differs from the last pay event',
    sql: `update fct_workforce_snapshot set current_compensation = current_compensation + 1
          where simulation_year = ${Y} and employee_id = ${raiseEmployee}`,
  },
  {
    test: 'assert_snapshot_rows_explained',
    what: 'a continuing employee marked as a new hire',
    sql: `update fct_workforce_snapshot set detailed_status_code = 'new_hire_active'
          where simulation_year = ${Y} and employee_id = (
            select min(employee_id) from fct_workforce_snapshot where simulation_year = ${Y} and detailed_status_code = 'continuous_active')`,
  },
  {
    test: 'assert_events_inside_their_year',
    what: 'an event dated in the year before its simulation year',
    sql: `update fct_yearly_events set effective_date = date '${Y - 1}-06-30'
          where simulation_year = ${Y} and event_type = 'raise' and employee_id = ${raiseEmployee}`,
  },
  {
    test: 'assert_enrollment_only_for_eligible_employed',
    what: 'an enrollment before the employee became eligible',
    sql: `update fct_workforce_snapshot set eligibility_date = date '${Y}-12-31'
          where simulation_year = ${Y} and employee_id = (
            select min(employee_id) from fct_yearly_events
            where simulation_year = ${Y} and event_type = 'enrollment' and effective_date < date '${Y}-12-31')`,
  },
  {
    test: 'assert_forfeiture_only_for_terminated_unvested',
    what: 'a forfeiture of an employee who is still active',
    sql: `insert into fct_yearly_events
          select * replace (md5('injected forfeiture') as event_id, 'forfeiture' as event_type,
                            'unvested_employer_balance' as event_category, cast(100 as decimal(18, 2)) as event_amount)
          from fct_yearly_events where simulation_year = ${Y} and event_type = 'raise' and employee_id = ${raiseEmployee}`,
  },
  {
    test: 'assert_year_end_actives_match_growth_target',
    what: 'one active employee too few at year end',
    sql: `update fct_workforce_snapshot set employment_status = 'terminated', termination_date = date '${Y}-12-31'
          where simulation_year = ${Y} and employee_id = ${raiseEmployee}`,
  },
  {
    test: 'assert_headcount_rolls_forward',
    what: 'a hire event that no snapshot row accounts for',
    sql: `update fct_yearly_events set event_type = 'hire'
          where simulation_year = ${Y} and event_type = 'raise' and employee_id = ${raiseEmployee}`,
  },
  {
    test: 'assert_no_event_after_termination',
    what: 'an event dated after the employee\'s termination',
    sql: `update fct_yearly_events set effective_date = date '${Y}-12-31'
          where simulation_year = ${Y} and event_type <> 'termination' and employee_id = (
            select min(employee_id) from fct_yearly_events
            where simulation_year = ${Y} and event_type = 'termination' and effective_date < date '${Y}-12-31')`,
  },
  {
    test: 'assert_no_terminated_employee_active_later',
    what: 'an employee terminated the year before who appears again',
    sql: `insert into fct_workforce_snapshot
          select * replace (${Y} as simulation_year, 'active' as employment_status)
          from fct_workforce_snapshot where simulation_year = ${Y - 1} and employment_status = 'terminated'
          order by employee_id limit 1`,
  },
  {
    test: 'assert_compensation_not_negative',
    what: 'a negative pay in the events',
    sql: `update fct_yearly_events set compensation_amount = -1
          where simulation_year = ${Y} and event_type = 'raise' and employee_id = ${raiseEmployee}`,
  },
  {
    test: 'assert_enrollment_history_consistent',
    what: 'a second enrollment without an opt-out in between',
    sql: `insert into fct_yearly_events
          select * replace (md5('injected enrollment') as event_id, event_sequence + 100 as event_sequence)
          from fct_yearly_events where simulation_year = ${Y} and event_type = 'enrollment'
          order by employee_id limit 1`,
  },
  {
    test: 'assert_deferral_rate_changes_explained',
    what: 'a year-end deferral rate no event explains',
    sql: `update fct_workforce_snapshot set deferral_rate = deferral_rate + 0.01
          where simulation_year = ${Y} and employee_id = (
            select min(employee_id) from fct_workforce_snapshot where simulation_year = ${Y} and is_enrolled)`,
  },
  {
    test: 'assert_contributions_within_limits',
    what: 'deferrals above the 402(g) limit',
    sql: `update fct_workforce_snapshot set employee_contributions = 1000000
          where simulation_year = ${Y} and employee_id = (
            select min(employee_id) from fct_workforce_snapshot where simulation_year = ${Y} and is_enrolled)`,
  },
  {
    test: 'assert_plan_design_complete',
    what: 'no IRS limits for the year',
    sql: `delete from config_irs_limits where plan_year = ${Y}`,
  },
  {
    test: 'assert_no_auto_enrollment_when_disabled',
    what: 'auto-enrollments in a year tested with auto-enrollment switched off',
    vars: { auto_enrollment_enabled: false },
  },
];

let dir: string;
let cleanDb: string;

beforeAll(async () => {
  dir = copyFlagship();
  const run = await simulate(dir, '--years', `2025-${Y}`);
  expect(run.code, describeRun(run)).toBe(0);
  cleanDb = path.join(dir, 'clean.duckdb');
  fs.copyFileSync(path.join(dir, DB), cleanDb);
}, 120_000);

afterAll(() => removeDir(dir));

describe('each flagship invariant test fails on the violation it is for', () => {
  it('all of them pass on the database as simulated', async () => {
    fs.copyFileSync(cleanDb, path.join(dir, DB));
    const run = await plan(dir, 'test', '--select', ...new Set(CASES.map((c) => c.test)), ...varsArg({ year: Y }));
    expect(run.code, describeRun(run)).toBe(0);
    for (const test of new Set(CASES.map((c) => c.test))) expect(run.stdout).toMatch(new RegExp(`PASS +test +${test}`));
  }, 60_000);

  for (const c of CASES) {
    it(`${c.test}: ${c.what}`, async () => {
      fs.copyFileSync(cleanDb, path.join(dir, DB));
      if (c.sql !== undefined) {
        const changed = await queryDb(dir, c.sql, DB);
        expect(Number(changed[0]?.Count ?? 0), 'the violation changed no row').toBeGreaterThan(0);
      }
      const run = await plan(dir, 'test', '--select', c.test, ...varsArg({ year: Y, ...c.vars }));
      expect(run.code, describeRun(run)).toBe(1);
      expect(run.stdout).toMatch(new RegExp(`FAIL +test +${c.test}`));
    }, 60_000);
  }
});
