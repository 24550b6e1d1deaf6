-- Every snapshot row of the year just built is explained: an employee of the census, or hired
-- by a hire event of this scenario in this or an earlier year. Continuing employees were active
-- at the end of the previous year; new hires have their hire event this year. (The census table
-- holds the census of the last simulation started, so only the current scenario is checked.)
with census as (
    select employee_id from {{ ref('stg_census') }}
),
hires as (
    select employee_id, simulation_year as hire_year
    from {{ ref('fct_yearly_events') }}
    where event_type = 'hire'
      and scenario_id = '{{ var("scenario_id") }}'
),
previous as (
    select employee_id
    from {{ ref('fct_workforce_snapshot') }}
    where simulation_year = {{ var('year') }} - 1
      and scenario_id = '{{ var("scenario_id") }}'
      and employment_status = 'active'
),
current as (
    select *
    from {{ ref('fct_workforce_snapshot') }}
    where simulation_year = {{ var('year') }}
      and scenario_id = '{{ var("scenario_id") }}'
)
select s.scenario_id, s.employee_id, s.simulation_year, s.detailed_status_code, h.hire_year
from current s
left join census c on c.employee_id = s.employee_id
left join hires h on h.employee_id = s.employee_id
left join previous p on p.employee_id = s.employee_id
where (c.employee_id is null and h.employee_id is null)
   or (h.hire_year > s.simulation_year)
   or (s.detailed_status_code like 'new_hire%' and coalesce(h.hire_year, -1) <> s.simulation_year)
   or (s.detailed_status_code not like 'new_hire%' and s.simulation_year > {{ var('start_year') }} and p.employee_id is null)
