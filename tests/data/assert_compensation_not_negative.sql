-- Pay is never negative, in the events or the snapshot of the year just built (each year checks
-- its own partition when it is built, so every year of every scenario is covered).
select 'event' as source, scenario_id, employee_id, simulation_year, compensation_amount as amount
from {{ ref('fct_yearly_events') }}
where scenario_id = '{{ var("scenario_id") }}'
  and simulation_year = {{ var('year') }}
  and (compensation_amount < 0 or previous_compensation < 0)
union all
select 'snapshot', scenario_id, employee_id, simulation_year, least(starting_compensation, current_compensation, prorated_annual_compensation)
from {{ ref('fct_workforce_snapshot') }}
where scenario_id = '{{ var("scenario_id") }}'
  and simulation_year = {{ var('year') }}
  and least(starting_compensation, current_compensation, prorated_annual_compensation) < 0
