-- Enrollment events of the year just built only for people eligible on the enrollment date,
-- employed then (on/after hire, before any termination), and in the auto-enrollment scope for
-- auto-enrollments (hired on/after the cutoff).
select e.employee_id, e.event_category, e.effective_date, s.eligibility_date, s.employee_hire_date, s.termination_date
from {{ ref('fct_yearly_events') }} e
left join (
    select * from {{ ref('fct_workforce_snapshot') }}
    where scenario_id = '{{ var("scenario_id") }}' and simulation_year = {{ var('year') }}
) s on s.employee_id = e.employee_id
where e.scenario_id = '{{ var("scenario_id") }}'
  and e.simulation_year = {{ var('year') }}
  and e.event_type = 'enrollment'
  and (
       s.employee_id is null
    or s.eligibility_date is null
    or e.effective_date < s.eligibility_date
    or e.effective_date < s.employee_hire_date
    or e.effective_date > s.termination_date
    -- Census participants were enrolled before the simulation: their event, on its first day, may
    -- share the day of a termination on Jan 1; any other enrollment happens before a termination.
    or (e.effective_date = s.termination_date and e.event_category <> 'census_participant')
    or (e.event_category = 'auto_enrollment' and s.employee_hire_date < {{ auto_enrollment_cutoff() }})
  )
