-- No event of an employee after their termination (later date, later year or later in the
-- year's sequence). Checked over the current scenario's years up to the one just built: later
-- years may still hold rows of an earlier run until they are rebuilt.
with events as (
    select *
    from {{ ref('fct_yearly_events') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year <= {{ var('year') }}
),
terminations as (
    select employee_id, simulation_year, effective_date as termination_date, event_sequence
    from events
    where event_type = 'termination'
)
select e.scenario_id, e.employee_id, e.simulation_year, e.event_type, e.effective_date, t.termination_date
from events e
join terminations t on t.employee_id = e.employee_id
where e.effective_date > t.termination_date
   or e.simulation_year > t.simulation_year
   or (e.simulation_year = t.simulation_year and e.event_sequence > t.event_sequence)
