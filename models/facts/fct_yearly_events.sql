{#-
  The event store: every event of every simulated year and scenario, immutable once written.
  Each build produces year var('year') of scenario var('scenario_id') only, which replaces that
  partition (insert_overwrite on scenario_id, simulation_year); other years and scenarios stay.
  Sources: the workforce event models (workforce_event_models(), which the snapshot reads too) and
  the retirement plan's (int_plan_events); each produces the columns of the event_columns() macro.
  event_sequence orders an employee's events in the year by date (ties: event_type_order(): hire,
  promotion, raise, eligibility, enrollment, enrollment_change, deferral_escalation, forfeiture,
  termination); event_id = md5(scenario | employee | year | type | sequence). Rows are stored in
  no particular order (the final sort was about 15% of the build time): query with ORDER BY.
-#}
{{ config(
    materialized='incremental',
    partition_by=['scenario_id', 'simulation_year'],
    partitions=[["'" ~ var('scenario_id') ~ "'", var('year')]]
) }}
with events as (
    {% for model in workforce_event_models() %}
    select {{ event_columns() }} from {{ ref(model) }}
    union all
    {% endfor %}
    select {{ event_columns() }} from {{ ref('int_plan_events') }}
),
keyed as (
    -- (date, type order) is unique within an employee-year, so one integer key orders the
    -- employee's events: days since 1970 x 10 + the type order (1..9).
    select *, (effective_date - DATE '1970-01-01') * 10 + {{ event_type_order('event_type') }} as sort_key
    from events
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ var('year') }}
),
employee_keys as (
    select employee_id, list(sort_key order by sort_key) as sort_keys
    from keyed
    group by employee_id
),
sequenced as (
    -- An event's place among its employee's sorted keys. This is row_number() over (partition by
    -- employee_id order by sort_key), without a window: the window buffered and sorted every
    -- column of every event, ~10-15% more CPU for this model.
    select k.* exclude (sort_key), list_position(ek.sort_keys, k.sort_key) as event_sequence
    from keyed k
    join employee_keys ek on ek.employee_id = k.employee_id
)
select
    md5(concat_ws('|', scenario_id, employee_id, simulation_year, event_type, event_sequence)) as event_id,
    cast(scenario_id as VARCHAR) as scenario_id,
    cast(employee_id as VARCHAR) as employee_id,
    cast(simulation_year as INTEGER) as simulation_year,
    cast(event_type as VARCHAR) as event_type,
    cast(event_category as VARCHAR) as event_category,
    cast(effective_date as DATE) as effective_date,
    cast(compensation_amount as DECIMAL(18, 2)) as compensation_amount,
    cast(previous_compensation as DECIMAL(18, 2)) as previous_compensation,
    cast(level_id as INTEGER) as level_id,
    cast(employee_age as INTEGER) as employee_age,
    cast(employee_tenure as INTEGER) as employee_tenure,
    cast(event_probability as DOUBLE) as event_probability,
    cast(event_sequence as INTEGER) as event_sequence,
    cast(event_details as VARCHAR) as event_details,
    cast(employee_deferral_rate as DOUBLE) as employee_deferral_rate,
    cast(previous_deferral_rate as DOUBLE) as previous_deferral_rate,
    cast(event_amount as DECIMAL(18, 2)) as event_amount
from sequenced
