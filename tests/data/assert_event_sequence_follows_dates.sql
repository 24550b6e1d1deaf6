-- Within an employee-year, event_sequence runs 1..n without gaps and never goes back in time.
with ordered as (
    select
        scenario_id, employee_id, simulation_year, event_sequence, effective_date,
        lag(effective_date) over w as previous_date,
        row_number() over w as expected_sequence
    from {{ ref('fct_yearly_events') }}
    where simulation_year = {{ var('year') }}
      and scenario_id = '{{ var("scenario_id") }}'
    -- One scenario and year: partitioning on the employee alone is the same and twice as fast.
    window w as (partition by employee_id order by event_sequence)
)
select *
from ordered
where effective_date < previous_date
   or event_sequence <> expected_sequence
