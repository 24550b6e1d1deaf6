{#-
  The retirement plan's events of year N, in the columns of event_columns(), from
  int_plan_state_accumulator (which carries this year's enrollment decisions): eligibility,
  enrollment (census_participant, auto_enrollment, voluntary_enrollment, year_over_year_enrollment),
  enrollment_change (opt_out), deferral_escalation (auto_escalation) and forfeiture
  (unvested_employer_balance, on the termination date). Ephemeral: inlined into fct_yearly_events.
-#}
{{ config(materialized='ephemeral') }}
{% set year_start = 'make_date(' ~ var('year') ~ ', 1, 1)' %}
with promotions as (
    select employee_id, effective_date as promotion_date, compensation_amount as promotion_compensation, level_id as promotion_level_id
    from {{ ref('int_promotion_events') }}
),
raises as (
    select employee_id, effective_date as raise_date, compensation_amount as raise_compensation
    from {{ ref('int_merit_events') }}
),
starting as (
    select employee_id, current_compensation as starting_compensation, level_id from {{ ref('int_baseline_workforce') }}
    union all
    select employee_id, compensation_amount, level_id from {{ ref('int_hiring_events') }}
),
plan_rows as (
    select a.*, s.starting_compensation, s.level_id, pr.promotion_date, pr.promotion_compensation, pr.promotion_level_id,
           r.raise_date, r.raise_compensation
    from {{ ref('int_plan_state_accumulator') }} a
    join starting s on s.employee_id = a.employee_id
    left join promotions pr on pr.employee_id = a.employee_id
    left join raises r on r.employee_id = a.employee_id
    where a.scenario_id = '{{ var("scenario_id") }}'
      and a.simulation_year = {{ var('year') }}
      and (a.eligibility_event_date is not null or a.enrollment_event_date is not null
           or a.escalation_date is not null or a.forfeiture_amount > 0)
),
plan as (
    -- Pay and level on each event's date.
    select
        *,
        {{ pay_rate_on('eligibility_event_date') }} as pay_at_eligibility,
        {{ level_on('eligibility_event_date') }} as level_at_eligibility,
        {{ pay_rate_on('enrollment_event_date') }} as pay_at_enrollment,
        {{ level_on('enrollment_event_date') }} as level_at_enrollment,
        {{ pay_rate_on('opt_out_date') }} as pay_at_opt_out,
        {{ level_on('opt_out_date') }} as level_at_opt_out,
        {{ pay_rate_on('escalation_date') }} as pay_at_escalation,
        {{ level_on('escalation_date') }} as level_at_escalation,
        {{ pay_rate_on('termination_date') }} as pay_at_termination,
        {{ level_on('termination_date') }} as level_at_termination
    from plan_rows
)
select
    scenario_id, employee_id, simulation_year,
    'eligibility' as event_type,
    case when eligibility_date < {{ year_start }} then 'eligible_at_start' else 'newly_eligible' end as event_category,
    eligibility_event_date as effective_date,
    pay_at_eligibility as compensation_amount,
    cast(null as DECIMAL(18, 2)) as previous_compensation,
    level_at_eligibility as level_id,
    employee_age, employee_tenure,
    cast(1.0 as DOUBLE) as event_probability,
    '{"eligibility_date": "' || strftime(eligibility_date, '%Y-%m-%d') || '"}' as event_details,
    cast(null as DOUBLE) as employee_deferral_rate,
    cast(null as DOUBLE) as previous_deferral_rate,
    cast(null as DECIMAL(18, 2)) as event_amount
from plan
where eligibility_event_date is not null
union all
select
    scenario_id, employee_id, simulation_year,
    'enrollment', enrollment_category, enrollment_event_date,
    pay_at_enrollment, null, level_at_enrollment,
    employee_age, employee_tenure,
    enrollment_probability,
    '{"age_band": "' || {{ plan_band('employee_age', 'plan_age_bands') }} || '", "enrollment_category": "' || enrollment_category || '"}',
    enrollment_rate, 0.0, null
from plan
where enrollment_event_date is not null
union all
select
    scenario_id, employee_id, simulation_year,
    'enrollment_change', 'opt_out', opt_out_date,
    pay_at_opt_out, null, level_at_opt_out,
    employee_age, employee_tenure,
    opt_out_probability,
    '{"enrollment_date": "' || strftime(enrollment_event_date, '%Y-%m-%d') || '"}',
    0.0,
    case when escalation_date < opt_out_date then escalated_rate else enrollment_rate end,
    null
from plan
where opt_out_date is not null
union all
select
    scenario_id, employee_id, simulation_year,
    'deferral_escalation', 'auto_escalation', escalation_date,
    pay_at_escalation, null, level_at_escalation,
    employee_age, employee_tenure,
    1.0,
    '{"increment": {{ var("auto_escalation_increment") }}, "cap": {{ var("auto_escalation_cap") }}}',
    escalated_rate, rate_before_escalation, null
from plan
where escalation_date is not null
union all
select
    scenario_id, employee_id, simulation_year,
    'forfeiture', 'unvested_employer_balance', termination_date,
    pay_at_termination, null, level_at_termination,
    employee_age, employee_tenure,
    1.0,
    '{"vested_percentage": ' || cast(vested_percentage as VARCHAR) || ', "service_years": ' || cast(service_years as VARCHAR) || '}',
    null, null, forfeiture_amount
from plan
where forfeiture_amount > 0
