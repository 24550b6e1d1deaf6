-- A terminated employee never appears in a later year's snapshot of the same scenario
-- (current scenario, years up to the one just built).
with snapshot as (
    select scenario_id, employee_id, simulation_year, employment_status
    from {{ ref('fct_workforce_snapshot') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year <= {{ var('year') }}
),
terminated as (
    select employee_id, simulation_year as termination_year
    from snapshot
    where employment_status = 'terminated'
)
select s.scenario_id, s.employee_id, s.simulation_year, s.employment_status, t.termination_year
from snapshot s
join terminated t on t.employee_id = s.employee_id
where s.simulation_year > t.termination_year
