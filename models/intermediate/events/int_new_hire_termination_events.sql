{#-
  New-hire terminations of year N: exactly int_workforce_needs.new_hire_terminations of this
  year's hires, drawn without replacement weighted by the days they are exposed (Dec 31 - hire
  date), dated strictly after the hire date and on or before Dec 31.
-#}
{% set year = var('year') %}
{% set seed = subsystem_seed('new_hire_termination') %}
with needs as (
    select new_hire_terminations, new_hire_termination_rate from {{ ref('int_workforce_needs') }}
),
hires as (
    select
        h.*,
        cast(make_date({{ year }}, 12, 31) - h.effective_date as INTEGER) as days_exposed,
        {{ hash_hex('h.employee_id', "'new_hire_termination'", seed, year) }} as h_draw
    from {{ ref('int_hiring_events') }} h
),
weighted as (
    select
        *,
        {{ hex_uniform('h_draw', 0) }} as u_draw,
        {{ hex_uniform('h_draw', 1) }} as u_date
    from hires
),
ranked as (
    select
        *,
        row_number() over (order by {{ weighted_draw_key('u_draw', 'days_exposed') }} nulls last, employee_id) as draw_rank
    from weighted
)
select
    r.scenario_id,
    r.employee_id,
    r.simulation_year,
    'termination' as event_type,
    'new_hire_termination' as event_category,
    cast(r.effective_date + 1 + cast(floor(r.u_date * r.days_exposed) as INTEGER) as DATE) as effective_date,
    r.compensation_amount,
    cast(null as DECIMAL(18, 2)) as previous_compensation,
    r.level_id,
    r.employee_age,
    r.employee_tenure,
    cast(n.new_hire_termination_rate as DOUBLE) as event_probability,
    '{"days_exposed": ' || cast(r.days_exposed as VARCHAR) || ', "draw_rank": ' || cast(r.draw_rank as VARCHAR) || '}' as event_details,
    {{ no_plan_event_columns() }}
from ranked r
cross join needs n
where r.draw_rank <= n.new_hire_terminations
