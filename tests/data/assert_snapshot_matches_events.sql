-- The snapshot of the year agrees with the year's events: terminated exactly when a termination
-- event exists (same date), year-end pay and level equal those of the last pay event.
with events as (
    select
        employee_id,
        max(effective_date) filter (where event_type = 'termination') as termination_date,
        arg_max(compensation_amount, event_sequence) filter (where event_type in ('hire', 'promotion', 'raise')) as last_compensation,
        arg_max(level_id, event_sequence) filter (where event_type in ('hire', 'promotion', 'raise')) as last_level_id
    from {{ ref('fct_yearly_events') }}
    where simulation_year = {{ var('year') }}
      and scenario_id = '{{ var("scenario_id") }}'
    group by employee_id
)
select s.employee_id, s.employment_status, s.termination_date, e.termination_date as event_termination_date,
       s.current_compensation, e.last_compensation, s.level_id, e.last_level_id
from {{ ref('fct_workforce_snapshot') }} s
left join events e on e.employee_id = s.employee_id
where s.simulation_year = {{ var('year') }}
  and s.scenario_id = '{{ var("scenario_id") }}'
  and (
       s.termination_date is distinct from e.termination_date
    or (s.employment_status = 'terminated') <> (e.termination_date is not null)
    or (e.last_compensation is not null and s.current_compensation <> e.last_compensation)
    or (e.last_level_id is not null and s.level_id <> e.last_level_id)
  )
