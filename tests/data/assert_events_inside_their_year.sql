-- Every event is dated inside its simulation year; every termination on or after the hire date,
-- a new-hire termination strictly after it.
with hires as (
    select employee_id, employee_hire_date
    from {{ ref('fct_workforce_snapshot') }}
    where simulation_year = {{ var('year') }}
      and scenario_id = '{{ var("scenario_id") }}'
)
select e.scenario_id, e.employee_id, e.simulation_year, e.event_type, e.event_category, e.effective_date, h.employee_hire_date
from {{ ref('fct_yearly_events') }} e
left join hires h on h.employee_id = e.employee_id
where e.simulation_year = {{ var('year') }}
  and e.scenario_id = '{{ var("scenario_id") }}'
  and (
       year(e.effective_date) <> e.simulation_year
    or (e.event_type = 'termination' and e.effective_date < h.employee_hire_date)
    or (e.event_category = 'new_hire_termination' and e.effective_date <= h.employee_hire_date)
    or h.employee_id is null
  )
