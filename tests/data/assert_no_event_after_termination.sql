-- No event of an employee after their termination (later date, later year or later in the
-- year's sequence), in the current scenario. Building year N adds the pairs (event, termination)
-- where either is in year N: events of N against terminations of any year up to N, and
-- terminations of N against earlier events. Pairs of earlier years were checked when those years
-- were built; later years may still hold rows of an earlier run until they are rebuilt.
with terminations as (
    select employee_id, simulation_year, effective_date as termination_date, event_sequence
    from {{ ref('fct_yearly_events') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year <= {{ var('year') }}
      and event_type = 'termination'
),
current_events as (
    select scenario_id, employee_id, simulation_year, event_type, effective_date, event_sequence
    from {{ ref('fct_yearly_events') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ var('year') }}
),
terminated_now as (
    select * from terminations where simulation_year = {{ var('year') }}
),
earlier_events as (
    -- An earlier year's event can only fail by its date; the date bound skips most of the store.
    select scenario_id, employee_id, simulation_year, event_type, effective_date, event_sequence
    from {{ ref('fct_yearly_events') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year < {{ var('year') }}
      and effective_date > (select min(termination_date) from terminated_now)
),
pairs as (
    select e.*, t.simulation_year as termination_year, t.termination_date, t.event_sequence as termination_sequence
    from current_events e
    join terminations t on t.employee_id = e.employee_id
    union all
    select e.*, t.simulation_year, t.termination_date, t.event_sequence
    from earlier_events e
    join terminated_now t on t.employee_id = e.employee_id
)
select scenario_id, employee_id, simulation_year, event_type, effective_date, termination_date
from pairs
where effective_date > termination_date
   or simulation_year > termination_year
   or (simulation_year = termination_year and event_sequence > termination_sequence)
