-- Pay is never negative, in events or snapshots, in any year or scenario.
select 'event' as source, scenario_id, employee_id, simulation_year, compensation_amount as amount
from {{ ref('fct_yearly_events') }}
where compensation_amount < 0 or previous_compensation < 0
union all
select 'snapshot', scenario_id, employee_id, simulation_year, least(starting_compensation, current_compensation, prorated_annual_compensation)
from {{ ref('fct_workforce_snapshot') }}
where least(starting_compensation, current_compensation, prorated_annual_compensation) < 0
