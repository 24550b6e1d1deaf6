{#-
  One row per scenario, employee and year for everyone employed at some point in the year:
  the starting workforce plus this year's hires, including those terminated this year.
  Rebuilt from the starting workforce and this year's workforce events (the models of
  workforce_event_models(), whose union is this year's partition of fct_yearly_events, so the
  snapshot is built beside the event store; assert_snapshot_matches_events checks the snapshot
  against the store): status from hire/termination events, level and pay from the promotion then
  the raise event.
  current_compensation is the annual pay rate at year end (or at termination);
  prorated_annual_compensation is the pay earned in the year: each rate times the days it was
  in force while employed, over the days in the year. The retirement plan's columns (eligibility,
  participation, deferral rate, contributions, vesting, forfeitures, HCE) come from
  int_plan_state_accumulator. Partitioned like fct_yearly_events; rows in no particular order.
-#}
{{ config(
    materialized='incremental',
    partition_by=['scenario_id', 'simulation_year'],
    partitions=[["'" ~ var('scenario_id') ~ "'", var('year')]]
) }}
{% set year = var('year') %}
{% set year_start = 'make_date(' ~ year ~ ', 1, 1)' %}
{% set year_end = 'make_date(' ~ year ~ ', 12, 31)' %}
with events as (
    -- This year's workforce events: the models whose union (with the retirement plan's events)
    -- is this year's partition of fct_yearly_events.
    {% for model in workforce_event_models() %}
    {% if not loop.first %}union all{% endif %}
    select employee_id, event_type, effective_date, compensation_amount, level_id, employee_age,
           employee_tenure, event_details
    from {{ ref(model) }}
    {% endfor %}
),
hires as (
    select
        employee_id,
        cast(json_extract_string(event_details, '$.birth_date') as DATE) as birth_date,
        effective_date as hire_date,
        level_id,
        employee_age,
        employee_tenure,
        compensation_amount
    from events
    where event_type = 'hire'
),
population as (
    select
        employee_id, birth_date, hire_date, level_id, employee_age, employee_tenure,
        current_compensation as starting_compensation, scheduled_hours, false as is_new_hire
    from {{ ref('int_baseline_workforce') }}
    union all
    select
        employee_id, birth_date, hire_date, level_id, employee_age, employee_tenure,
        compensation_amount, 2080.0, true
    from hires
),
terminations as (
    select employee_id, effective_date as termination_date
    from events
    where event_type = 'termination'
),
promotions as (
    select employee_id, effective_date as promotion_date, compensation_amount, level_id
    from events
    where event_type = 'promotion'
),
raises as (
    select employee_id, effective_date as raise_date, compensation_amount, level_id
    from events
    where event_type = 'raise'
),
periods as (
    -- At most one promotion and one raise per employee-year, the promotion first (its window
    -- ends before the merit date), so the year splits into at most three pay segments.
    select
        p.*,
        t.termination_date,
        greatest(p.hire_date, {{ year_start }}) as period_start,
        coalesce(t.termination_date, {{ year_end }}) as period_end,
        pr.promotion_date,
        pr.compensation_amount as promotion_compensation,
        pr.level_id as promotion_level_id,
        r.raise_date,
        r.compensation_amount as raise_compensation,
        r.level_id as raise_level_id
    from population p
    left join terminations t on t.employee_id = p.employee_id
    left join promotions pr on pr.employee_id = p.employee_id
    left join raises r on r.employee_id = p.employee_id
),
pay as (
    select
        *,
        coalesce(raise_compensation, promotion_compensation, starting_compensation) as current_compensation,
        coalesce(raise_level_id, promotion_level_id, level_id) as year_end_level_id,
        -- Each rate times the days [from, to] it was in force inside [period_start, period_end].
          starting_compensation * greatest(0, least(coalesce(least(promotion_date, raise_date) - 1, period_end), period_end) - period_start + 1)
        + coalesce(promotion_compensation * greatest(0, least(coalesce(raise_date - 1, period_end), period_end) - promotion_date + 1), 0)
        + coalesce(raise_compensation * greatest(0, period_end - raise_date + 1), 0)
            as compensation_days
    from periods
),
bands as (
    select * from {{ ref('stg_config_bands') }}
),
plan as (
    select *
    from {{ ref('int_plan_state_accumulator') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ year }}
)
select
    cast('{{ var("scenario_id") }}' as VARCHAR) as scenario_id,
    cast({{ year }} as INTEGER) as simulation_year,
    p.employee_id,
    p.birth_date as employee_birth_date,
    p.hire_date as employee_hire_date,
    p.termination_date,
    cast(case when p.termination_date is null then 'active' else 'terminated' end as VARCHAR) as employment_status,
    cast(case
        when not p.is_new_hire and p.termination_date is null then 'continuous_active'
        when not p.is_new_hire then 'experienced_termination'
        when p.termination_date is null then 'new_hire_active'
        else 'new_hire_termination' end as VARCHAR) as detailed_status_code,
    cast(p.year_end_level_id as INTEGER) as level_id,
    cast(p.employee_age as INTEGER) as current_age,
    cast(p.employee_tenure as INTEGER) as current_tenure,
    ab.band_label as age_band,
    tb.band_label as tenure_band,
    cast(p.starting_compensation as DECIMAL(18, 2)) as starting_compensation,
    cast(p.current_compensation as DECIMAL(18, 2)) as current_compensation,
    cast(round(p.compensation_days / {{ days_in_year(year) }}, 2) as DECIMAL(18, 2)) as prorated_annual_compensation,
    cast(p.scheduled_hours as DOUBLE) as scheduled_hours,
    -- The retirement plan (int_plan_state_accumulator)
    pl.eligibility_date,
    cast(case when pl.is_eligible then 'eligible' else 'not_eligible' end as VARCHAR) as eligibility_status,
    coalesce(pl.enrollment_status = 'enrolled', false) as is_enrolled,
    cast(case when pl.enrollment_status = 'enrolled' then 'participating' else 'not_participating' end as VARCHAR) as participation_status,
    cast(coalesce(pl.participation_detail, 'not_enrolled') as VARCHAR) as participation_detail,
    pl.enrollment_date,
    cast(coalesce(pl.deferral_rate, 0) as DOUBLE) as deferral_rate,
    cast(coalesce(pl.employee_contributions, 0) as DECIMAL(18, 2)) as employee_contributions,
    cast(coalesce(pl.employer_match, 0) as DECIMAL(18, 2)) as employer_match,
    cast(coalesce(pl.employer_core, 0) as DECIMAL(18, 2)) as employer_core,
    cast(coalesce(pl.employer_match + pl.employer_core, 0) as DECIMAL(18, 2)) as total_employer_cost,
    cast(coalesce(pl.annual_additions_excess, 0) as DECIMAL(18, 2)) as annual_additions_excess,
    coalesce(pl.is_employer_eligible, false) as is_employer_eligible,
    cast(coalesce(pl.vested_percentage, 0) as DOUBLE) as vested_percentage,
    cast(coalesce(pl.employer_balance, 0) as DECIMAL(18, 2)) as employer_balance,
    cast(coalesce(pl.forfeiture_amount, 0) as DECIMAL(18, 2)) as forfeitures,
    coalesce(pl.is_hce, false) as is_hce
from pay p
left join plan pl on pl.employee_id = p.employee_id
left join bands ab on ab.band_type = 'age' and {{ in_band('p.employee_age', 'ab', 'min_value', 'max_value') }}
left join bands tb on tb.band_type = 'tenure' and {{ in_band('p.employee_tenure', 'tb', 'min_value', 'max_value') }}
