{#-
  The retirement plan's events of year N, in the columns of event_columns(), from
  int_plan_contributions (which carries this year's enrollment decisions): eligibility,
  enrollment (census_participant, auto_enrollment, voluntary_enrollment, year_over_year_enrollment),
  enrollment_change (opt_out), deferral_escalation (auto_escalation) and forfeiture
  (unvested_employer_balance, on the termination date). Ephemeral: inlined into fct_yearly_events.
-#}
{{ config(materialized='ephemeral') }}
with plan as (
    select *
    from {{ ref('int_plan_contributions') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ var('year') }}
)
select
    scenario_id, employee_id, simulation_year,
    'eligibility' as event_type,
    eligibility_category as event_category,
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
    '{"age_band": "' || age_band || '", "income_band": "' || income_band || '"}',
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
    pay_at_year_end, null, level_at_year_end,
    employee_age, employee_tenure,
    1.0,
    '{"vested_percentage": ' || cast(vested_percentage as VARCHAR) || ', "service_years": ' || cast(service_years as VARCHAR) || '}',
    null, null, forfeiture_amount
from plan
where forfeiture_amount > 0
