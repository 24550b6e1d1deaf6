-- A terminated employee never appears in a later year's snapshot of the same scenario: no row of
-- the year just built belongs to someone terminated in an earlier year (the earlier years' rows
-- were checked when those years were built).
with terminated as (
    select employee_id, simulation_year as termination_year
    from {{ ref('fct_workforce_snapshot') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year < {{ var('year') }}
      and employment_status = 'terminated'
)
select s.scenario_id, s.employee_id, s.simulation_year, s.employment_status, t.termination_year
from {{ ref('fct_workforce_snapshot') }} s
join terminated t on t.employee_id = s.employee_id
where s.scenario_id = '{{ var("scenario_id") }}'
  and s.simulation_year = {{ var('year') }}
