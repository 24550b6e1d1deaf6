{#-
  Promotions of year N: each employee of the starting workforce below the top level and still
  employed on the promotion date is promoted with probability
    base x level factor x age multiplier x tenure multiplier x promotion_rate_multiplier (lever),
  one level up, dated in the first var('promotion_window_days') days of the year (and always before
  the merit date, so a promotion and a raise compose in that order). New pay: current pay x
  (1 + promotion_raise lever of the current level), clamped into the new level's band, never
  below the current pay.
-#}
{% set year = var('year') %}
{% set seed = subsystem_seed('promotion') %}
{#- The window always ends before the merit date, so a promotion precedes the year's raise. -#}
{% set merit_day = merit_date(year) %}
{% set promotion_days = 'least(' ~ var('promotion_window_days') ~ ', ' ~ merit_day ~ ' - make_date(' ~ year ~ ', 1, 1))' %}
with terminations as (
    select employee_id, effective_date as termination_date from {{ ref('int_termination_events') }}
),
hashed as (
    select b.*, {{ hash_hex('b.employee_id', "'promotion'", seed, year) }} as h_promotion
    from {{ ref('int_baseline_workforce') }} b
),
candidates as (
    select
        b.*,
        {{ hex_uniform('b.h_promotion', 0) }} as u_draw,
        {{ day_of_year(hex_uniform('b.h_promotion', 1), year, promotion_days) }} as promotion_date,
        least(1.0, coalesce(h.promotion_rate, 0) * lv.promotion_rate_multiplier) as probability,
        lv.promotion_raise,
        t.termination_date
    from hashed b
    left join {{ ref('stg_config_promotion_hazard') }} h
        on h.level_id = b.level_id and h.age_band_id = b.age_band_id and h.tenure_band_id = b.tenure_band_id
    join {{ ref('stg_comp_levers') }} lv on lv.level_id = b.level_id
    left join terminations t on t.employee_id = b.employee_id
),
promoted as (
    select c.*, jl.next_level_id, nl.min_compensation as new_min, nl.max_compensation as new_max
    from candidates c
    join {{ ref('stg_config_job_levels') }} jl on jl.level_id = c.level_id
    join {{ ref('stg_config_job_levels') }} nl on nl.level_id = jl.next_level_id
    where c.u_draw < c.probability
      and c.promotion_date > c.hire_date
      and (c.termination_date is null or c.termination_date > c.promotion_date)
)
select
    scenario_id,
    employee_id,
    simulation_year,
    'promotion' as event_type,
    'promotion' as event_category,
    cast(promotion_date as DATE) as effective_date,
    cast(greatest(current_compensation,
                  least(new_max, greatest(new_min, round(current_compensation * (1 + promotion_raise), 2))))
         as DECIMAL(18, 2)) as compensation_amount,
    current_compensation as previous_compensation,
    cast(next_level_id as INTEGER) as level_id,
    employee_age,
    employee_tenure,
    cast(probability as DOUBLE) as event_probability,
    '{"from_level_id": ' || cast(level_id as VARCHAR) || ', "promotion_raise": ' || cast(promotion_raise as VARCHAR) || '}' as event_details,
    {{ no_plan_event_columns() }}
from promoted
