-- Forfeitures of the year just built: only for employees terminated this year, on their
-- termination date, not fully vested, with a positive amount equal to the snapshot's forfeitures.
select e.employee_id, e.effective_date, e.event_amount, s.employment_status, s.termination_date, s.vested_percentage, s.forfeitures
from {{ ref('fct_yearly_events') }} e
left join (
    select * from {{ ref('fct_workforce_snapshot') }}
    where scenario_id = '{{ var("scenario_id") }}' and simulation_year = {{ var('year') }}
) s on s.employee_id = e.employee_id
where e.scenario_id = '{{ var("scenario_id") }}'
  and e.simulation_year = {{ var('year') }}
  and e.event_type = 'forfeiture'
  and (
       s.employment_status is distinct from 'terminated'
    or e.effective_date is distinct from s.termination_date
    or s.vested_percentage >= 1
    or not (e.event_amount > 0)
    or e.event_amount <> s.forfeitures
  )
