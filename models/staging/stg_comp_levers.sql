{#-
  Compensation levers in effect in year var('year') for scenario var('scenario_id'), one row per
  level. For each (level, parameter) the row of the scenario wins over the 'default' rows; among
  those, the latest year <= the simulation year wins (a lever stays until changed). A parameter
  with no row at all is 0 (1 for promotion_rate_multiplier, 0.5 for new_hire_pay_percentile).
-#}
{% set year = var('year') %}
with candidates as (
    select
        cast(level_id as INTEGER) as level_id,
        cast(parameter_name as VARCHAR) as parameter_name,
        cast(value as DOUBLE) as value,
        row_number() over (
            partition by level_id, parameter_name
            order by (scenario_id = '{{ var("scenario_id") }}') desc, year desc
        ) as priority
    from {{ ref('comp_levers') }}
    where scenario_id in ('{{ var("scenario_id") }}', 'default')
      and year <= {{ year }}
),
effective as (
    select level_id, parameter_name, value from candidates where priority = 1
)
select
    l.level_id,
    coalesce(max(e.value) filter (where e.parameter_name = 'merit_rate'), 0) as merit_rate,
    coalesce(max(e.value) filter (where e.parameter_name = 'cola_rate'), 0) as cola_rate,
    coalesce(max(e.value) filter (where e.parameter_name = 'promotion_raise'), 0) as promotion_raise,
    coalesce(max(e.value) filter (where e.parameter_name = 'promotion_rate_multiplier'), 1) as promotion_rate_multiplier,
    coalesce(max(e.value) filter (where e.parameter_name = 'new_hire_pay_percentile'), 0.5) as new_hire_pay_percentile,
    coalesce(max(e.value) filter (where e.parameter_name = 'market_adjustment'), 0) as market_adjustment
from {{ ref('stg_config_job_levels') }} l
left join effective e on e.level_id = l.level_id
group by l.level_id
order by l.level_id
