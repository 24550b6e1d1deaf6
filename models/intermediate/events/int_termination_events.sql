{#-
  Experienced terminations of year N: exactly int_workforce_needs.experienced_terminations
  employees of the starting workforce, drawn without replacement with probability proportional
  to their hazard (base x age x tenure x level), dated uniformly over the year (never before
  the hire date).
-#}
{% set year = var('year') %}
{% set seed = subsystem_seed('termination') %}
with needs as (
    select experienced_terminations from {{ ref('int_workforce_needs') }}
),
hashed as (
    select
        b.*,
        coalesce(h.termination_rate, 0) as hazard,
        {{ hash_hex('b.employee_id', "'termination'", seed, year) }} as h_termination
    from {{ ref('int_baseline_workforce') }} b
    left join {{ ref('stg_config_termination_hazard') }} h
        on h.level_id = b.level_id and h.age_band_id = b.age_band_id and h.tenure_band_id = b.tenure_band_id
),
weighted as (
    select
        *,
        {{ hex_uniform('h_termination', 0) }} as u_draw,
        {{ hex_uniform('h_termination', 1) }} as u_date
    from hashed
),
ranked as (
    select
        *,
        row_number() over (order by {{ weighted_draw_key('u_draw', 'hazard') }} nulls last, employee_id) as draw_rank
    from weighted
)
select
    r.scenario_id,
    r.employee_id,
    r.simulation_year,
    'termination' as event_type,
    'experienced_termination' as event_category,
    cast(greatest({{ day_of_year('r.u_date', year, days_in_year(year)) }}, r.hire_date) as DATE) as effective_date,
    r.current_compensation as compensation_amount,
    cast(null as DECIMAL(18, 2)) as previous_compensation,
    r.level_id,
    r.employee_age,
    r.employee_tenure,
    cast(least(r.hazard, 1.0) as DOUBLE) as event_probability,
    '{"age_band_id": ' || coalesce(cast(r.age_band_id as VARCHAR), 'null')
        || ', "tenure_band_id": ' || coalesce(cast(r.tenure_band_id as VARCHAR), 'null')
        || ', "draw_rank": ' || cast(r.draw_rank as VARCHAR) || '}' as event_details,
    {{ no_plan_event_columns() }}
from ranked r
cross join needs n
where r.draw_rank <= n.experienced_terminations
