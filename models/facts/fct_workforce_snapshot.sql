{#-
  One row per scenario, employee and year for everyone employed at some point in the year:
  the starting workforce plus this year's hires, including those terminated this year.
  Rebuilt from the starting workforce and this year's rows of fct_yearly_events: status from
  hire/termination events, level and pay from promotion then raise events (in event_sequence
  order). current_compensation is the annual pay rate at year end (or at termination);
  prorated_annual_compensation is the pay earned in the year: each rate times the days it was
  in force while employed, over the days in the year. Partitioned like fct_yearly_events.
-#}
{{ config(materialized='incremental', partition_by=['scenario_id', 'simulation_year']) }}
{% set year = var('year') %}
{% set year_start = 'make_date(' ~ year ~ ', 1, 1)' %}
{% set year_end = 'make_date(' ~ year ~ ', 12, 31)' %}
with events as (
    select *
    from {{ ref('fct_yearly_events') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ year }}
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
pay_changes as (
    -- The pay rate in force from change_date on; step 0 is the rate at the start of the period.
    select employee_id, greatest(hire_date, {{ year_start }}) as change_date, 0 as step,
           starting_compensation as compensation, level_id
    from population
    union all
    select employee_id, effective_date, event_sequence, compensation_amount, level_id
    from events
    where event_type in ('promotion', 'raise')
),
segments as (
    select
        c.*,
        coalesce(lead(c.change_date) over (partition by c.employee_id order by c.step) - 1, {{ year_end }}) as segment_end
    from pay_changes c
),
pay as (
    select
        s.employee_id,
        arg_max(s.compensation, s.step) as current_compensation,
        arg_max(s.level_id, s.step) as level_id,
        sum(s.compensation * greatest(0, least(s.segment_end, coalesce(t.termination_date, {{ year_end }})) - s.change_date + 1))
            as compensation_days
    from segments s
    left join terminations t on t.employee_id = s.employee_id
    group by s.employee_id
),
bands as (
    select * from {{ ref('stg_config_bands') }}
)
select
    cast('{{ var("scenario_id") }}' as VARCHAR) as scenario_id,
    cast({{ year }} as INTEGER) as simulation_year,
    p.employee_id,
    p.birth_date as employee_birth_date,
    p.hire_date as employee_hire_date,
    t.termination_date,
    cast(case when t.termination_date is null then 'active' else 'terminated' end as VARCHAR) as employment_status,
    cast(case
        when not p.is_new_hire and t.termination_date is null then 'continuous_active'
        when not p.is_new_hire then 'experienced_termination'
        when t.termination_date is null then 'new_hire_active'
        else 'new_hire_termination' end as VARCHAR) as detailed_status_code,
    cast(pay.level_id as INTEGER) as level_id,
    cast(p.employee_age as INTEGER) as current_age,
    cast(p.employee_tenure as INTEGER) as current_tenure,
    ab.band_label as age_band,
    tb.band_label as tenure_band,
    cast(p.starting_compensation as DECIMAL(18, 2)) as starting_compensation,
    cast(pay.current_compensation as DECIMAL(18, 2)) as current_compensation,
    cast(round(pay.compensation_days / {{ days_in_year(year) }}, 2) as DECIMAL(18, 2)) as prorated_annual_compensation,
    cast(p.scheduled_hours as DOUBLE) as scheduled_hours
from population p
join pay on pay.employee_id = p.employee_id
left join terminations t on t.employee_id = p.employee_id
left join bands ab on ab.band_type = 'age' and {{ in_band('p.employee_age', 'ab', 'min_value', 'max_value') }}
left join bands tb on tb.band_type = 'tenure' and {{ in_band('p.employee_tenure', 'tb', 'min_value', 'max_value') }}
order by p.employee_id
