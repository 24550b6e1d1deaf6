-- Year-end actives of the year just built equal the growth solver's target exactly.
select n.scenario_id, n.simulation_year, n.target_ending_headcount, count(s.employee_id) as actual_ending_headcount
from {{ ref('int_workforce_needs') }} n
left join {{ ref('fct_workforce_snapshot') }} s
    on s.scenario_id = n.scenario_id
   and s.simulation_year = n.simulation_year
   and s.employment_status = 'active'
group by n.scenario_id, n.simulation_year, n.target_ending_headcount
having count(s.employee_id) <> n.target_ending_headcount
