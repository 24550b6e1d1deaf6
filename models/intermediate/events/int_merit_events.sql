{#-
  The yearly raise (merit + COLA) of year N, one 'raise' event per employee of the starting
  workforce employed on the merit date (var merit_effective_month/day) and hired before it.
  Rates come from the levers of the employee's level after any promotion this year; the raise
  applies to the pay after the promotion (they compose). New hires get no raise in their hire
  year. No event when merit + COLA is 0.
-#}
{% set year = var('year') %}
{% set merit_day = merit_date(year) %}
with terminations as (
    select employee_id, effective_date as termination_date from {{ ref('int_termination_events') }}
),
promotions as (
    select employee_id, level_id, compensation_amount from {{ ref('int_promotion_events') }}
),
eligible as (
    select
        b.scenario_id,
        b.employee_id,
        b.simulation_year,
        coalesce(p.level_id, b.level_id) as level_id,
        coalesce(p.compensation_amount, b.current_compensation) as previous_compensation,
        b.employee_age,
        b.employee_tenure
    from {{ ref('int_baseline_workforce') }} b
    left join terminations t on t.employee_id = b.employee_id
    left join promotions p on p.employee_id = b.employee_id
    where (t.termination_date is null or t.termination_date > {{ merit_day }})
      and b.hire_date < {{ merit_day }}
)
select
    e.scenario_id,
    e.employee_id,
    e.simulation_year,
    'raise' as event_type,
    'merit_cola' as event_category,
    cast({{ merit_day }} as DATE) as effective_date,
    cast(round(e.previous_compensation * (1 + lv.merit_rate + lv.cola_rate), 2) as DECIMAL(18, 2)) as compensation_amount,
    e.previous_compensation,
    cast(e.level_id as INTEGER) as level_id,
    e.employee_age,
    e.employee_tenure,
    cast(1.0 as DOUBLE) as event_probability,
    '{"merit_rate": ' || cast(lv.merit_rate as VARCHAR) || ', "cola_rate": ' || cast(lv.cola_rate as VARCHAR) || '}' as event_details,
    {{ no_plan_event_columns() }}
from eligible e
join {{ ref('stg_comp_levers') }} lv on lv.level_id = e.level_id
where lv.merit_rate + lv.cola_rate <> 0
