-- No event of an employee after (or on a later day than) their termination, in any year.
with terminations as (
    select scenario_id, employee_id, simulation_year, effective_date as termination_date, event_sequence
    from {{ ref('fct_yearly_events') }}
    where event_type = 'termination'
)
select e.scenario_id, e.employee_id, e.simulation_year, e.event_type, e.effective_date, t.termination_date
from {{ ref('fct_yearly_events') }} e
join terminations t on t.scenario_id = e.scenario_id and t.employee_id = e.employee_id
where e.effective_date > t.termination_date
   or e.simulation_year > t.simulation_year
   or (e.simulation_year = t.simulation_year and e.event_sequence > t.event_sequence)
