-- A terminated employee never appears in a later year's snapshot of the same scenario.
with terminated as (
    select scenario_id, employee_id, simulation_year as termination_year
    from {{ ref('fct_workforce_snapshot') }}
    where employment_status = 'terminated'
)
select s.scenario_id, s.employee_id, s.simulation_year, s.employment_status, t.termination_year
from {{ ref('fct_workforce_snapshot') }} s
join terminated t on t.scenario_id = s.scenario_id and t.employee_id = s.employee_id
where s.simulation_year > t.termination_year
