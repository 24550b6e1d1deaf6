{#-
  The retirement plan's accumulator: one row per employee of year N with the year's enrollment
  decisions (int_enrollment_decisions) and the year's money: pay from this year's promotion and raise events, employee
  deferrals capped by 402(g) (with the age-50 and age-60-63 catch-ups), employer match (tier
  formula) and core on pay capped at 401(a)(17) for employees eligible for employer money (hours
  threshold), the 415(c) annual additions limit (core then match reduced, excess reported),
  vesting, the employer balance and the forfeiture of its unvested part at termination, and the
  HCE flag (prior-year pay above this year's threshold).
  Partitioned by (scenario_id, simulation_year). Year N+1 reads its year N partition with prior():
  the enrollment state and deferral rate (int_enrollment_decisions), the employer balance and the
  year's pay (below).
-#}
{{ config(
    materialized='incremental',
    partition_by=['scenario_id', 'simulation_year'],
    partitions=[["'" ~ var('scenario_id') ~ "'", var('year')]]
) }}
{% set year = var('year') %}
{% set first_year = var('start_year') %}
{% set days = days_in_year(year) %}
with enrollment as (
    select * from {{ ref('int_enrollment_decisions') }}
),
promotions as (
    select employee_id, effective_date as promotion_date, compensation_amount as promotion_compensation, level_id as promotion_level_id
    from {{ ref('int_promotion_events') }}
),
raises as (
    select employee_id, effective_date as raise_date, compensation_amount as raise_compensation
    from {{ ref('int_merit_events') }}
),
carried as (
{% if year > first_year %}
    select employee_id, employer_balance as balance_start, plan_compensation as prior_year_compensation
    from {{ prior('int_plan_state_accumulator', scenario_id=var('scenario_id'), simulation_year=year - 1) }}
    where termination_date is null
{% else %}
    select cast(null as VARCHAR) as employee_id, cast(0 as DECIMAL(18, 2)) as balance_start, cast(0 as DECIMAL(18, 2)) as prior_year_compensation
    where false
{% endif %}
),
irs as (
    select * from {{ ref('config_irs_limits') }} where plan_year = {{ year }}
),
pay as (
    select
        -- Pay as DOUBLE for the day arithmetic (rounded to cents at the end).
        e.* replace (cast(e.starting_compensation as DOUBLE) as starting_compensation),
        pr.promotion_date, cast(pr.promotion_compensation as DOUBLE) as promotion_compensation, pr.promotion_level_id,
        r.raise_date, cast(r.raise_compensation as DOUBLE) as raise_compensation,
        coalesce(c.balance_start, 0) as balance_start,
        -- Census employees in the first year: their census pay stands in for last year's.
        coalesce(c.prior_year_compensation, case when {{ year }} = {{ first_year }} and not e.is_new_hire then e.starting_compensation end, 0) as prior_year_compensation,
        irs.employee_deferral_limit, irs.catch_up_limit, irs.super_catch_up_limit,
        irs.compensation_limit, irs.annual_additions_limit, irs.hce_compensation_threshold,
        datesub('year', e.hire_date, e.period_end) as service_years
    from enrollment e
    left join promotions pr on pr.employee_id = e.employee_id
    left join raises r on r.employee_id = e.employee_id
    left join carried c on c.employee_id = e.employee_id
    left join irs on true
),
segments as (
    select
        p.*,
        {{ pay_days_between('p.period_start', 'p.period_end') }} / {{ days }} as plan_compensation,
        -- Enrolled pay before and after the escalation (the rate changes there).
        -- (least/greatest skip NULLs, so the empty cases are spelled out.)
        case when p.enrolled_from is not null
             then {{ pay_days_between('p.enrolled_from', 'least(p.enrolled_until, coalesce(p.escalation_date - 1, p.enrolled_until))') }}
             else 0 end / {{ days }} as pay_at_initial_rate,
        case when p.escalation_date is not null then {{ pay_days_between('p.escalation_date', 'p.enrolled_until') }} else 0 end / {{ days }} as pay_at_escalated_rate,
        case when p.is_eligible then {{ pay_days_between('greatest(p.period_start, p.eligibility_date)', 'p.period_end') }} else 0 end / {{ days }} as eligible_pay,
        p.scheduled_hours * (p.period_end - p.period_start + 1) / {{ days }} as hours_worked,
        {{ deferral_limit('p.employee_age') }} as deferral_limit
    from pay p
),
employee as (
    select
        s.*,
        s.is_eligible and s.hours_worked >= {{ var('employer_hours_threshold') }} as is_employer_eligible,
        coalesce(s.initial_rate, 0) * s.pay_at_initial_rate + coalesce(s.escalated_rate, 0) * s.pay_at_escalated_rate as elected_contributions,
        -- 401(a)(17): the pay taken into account for employer money is at most the limit.
        case when s.plan_compensation > s.compensation_limit then s.compensation_limit / s.plan_compensation else 1.0 end as pay_cap_ratio
    from segments s
),
employer as (
    select
        e.*,
        round(least(e.elected_contributions, e.deferral_limit), 2) as employee_contributions,
        -- Deferrals stopped by 402(g) earn no match: the match sees the rates scaled down.
        case when e.elected_contributions > e.deferral_limit then e.deferral_limit / e.elected_contributions else 1.0 end as deferred_share,
        {{ core_rate('e.service_years') }} as core_rate
    from employee e
),
formula as (
    select
        e.*,
        case when e.is_employer_eligible then round(e.pay_cap_ratio * (
              {{ match_percentage('coalesce(e.initial_rate, 0) * e.deferred_share', 'e.service_years') }} * e.pay_at_initial_rate
            + {{ match_percentage('coalesce(e.escalated_rate, 0) * e.deferred_share', 'e.service_years') }} * e.pay_at_escalated_rate), 2)
             else 0 end as match_before_limit,
        case when e.is_employer_eligible then round(e.pay_cap_ratio * e.core_rate * e.eligible_pay, 2) else 0 end as core_before_limit
    from employer e
),
limited as (
    select
        f.*,
        -- 415(c): employee money (without catch-up) + match + core; over the limit, core then match give way.
        greatest(0, f.employee_contributions - greatest(0, f.employee_contributions - f.employee_deferral_limit)
                    + f.match_before_limit + f.core_before_limit - f.annual_additions_limit) as annual_additions_excess,
        {{ vested_percentage('f.service_years') }} as vested_percentage
    from formula f
),
accounts as (
    select
        l.*,
        l.core_before_limit - least(l.core_before_limit, l.annual_additions_excess) as employer_core,
        l.match_before_limit - least(l.match_before_limit, greatest(0, l.annual_additions_excess - l.core_before_limit)) as employer_match
    from limited l
),
balances as (
    select
        a.*,
        a.balance_start + a.employer_match + a.employer_core as balance_before_forfeiture,
        case when a.termination_date is not null
             then round((a.balance_start + a.employer_match + a.employer_core) * (1 - a.vested_percentage), 2)
             else 0 end as forfeiture_amount
    from accounts a
)
select
    b.scenario_id,
    b.simulation_year,
    b.employee_id,
    b.termination_date,
    b.employee_age,
    b.employee_tenure,
    -- Enrollment state and this year's plan events (int_enrollment_decisions)
    b.eligibility_date,
    b.is_eligible,
    b.eligibility_event_date,
    b.enrollment_event_date,
    b.enrollment_category,
    b.enrollment_rate,
    b.enrollment_probability,
    b.opt_out_date,
    b.opt_out_probability,
    b.escalation_date,
    b.rate_before_escalation,
    b.escalated_rate,
    b.enrollment_status,
    b.participation_detail,
    b.deferral_rate,
    b.enrollment_date,
    b.ever_auto_enrolled,
    -- Money
    cast(round(b.plan_compensation, 2) as DECIMAL(18, 2)) as plan_compensation,
    b.is_employer_eligible,
    cast(b.service_years as INTEGER) as service_years,
    cast(b.employee_contributions as DECIMAL(18, 2)) as employee_contributions,
    cast(b.employer_match as DECIMAL(18, 2)) as employer_match,
    cast(b.employer_core as DECIMAL(18, 2)) as employer_core,
    cast(b.annual_additions_excess as DECIMAL(18, 2)) as annual_additions_excess,
    cast(b.vested_percentage as DOUBLE) as vested_percentage,
    cast(b.forfeiture_amount as DECIMAL(18, 2)) as forfeiture_amount,
    cast(b.balance_before_forfeiture - b.forfeiture_amount as DECIMAL(18, 2)) as employer_balance,
    b.prior_year_compensation > b.hce_compensation_threshold as is_hce
from balances b
