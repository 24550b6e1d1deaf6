-- Every deferral rate of the year just built is explained: the rate of the employee's last
-- enrollment / opt-out / escalation event of the year, else the rate at the end of the year before
-- (0 for people new to the simulation). Escalations raise the rate and never past the cap.
with rate_events as (
    select
        employee_id,
        arg_max(employee_deferral_rate, event_sequence) as last_event_rate,
        bool_or(event_type = 'deferral_escalation'
                and (employee_deferral_rate <= previous_deferral_rate or employee_deferral_rate > {{ var('auto_escalation_cap') }})) as bad_escalation
    from {{ ref('fct_yearly_events') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ var('year') }}
      and event_type in ('enrollment', 'enrollment_change', 'deferral_escalation')
    group by employee_id
),
previous as (
    select employee_id, deferral_rate
    from {{ ref('fct_workforce_snapshot') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ var('year') }} - 1
)
select s.employee_id, s.deferral_rate, p.deferral_rate as previous_rate, e.last_event_rate, e.bad_escalation
from {{ ref('fct_workforce_snapshot') }} s
left join rate_events e on e.employee_id = s.employee_id
left join previous p on p.employee_id = s.employee_id
where s.scenario_id = '{{ var("scenario_id") }}'
  and s.simulation_year = {{ var('year') }}
  and (
       abs(s.deferral_rate - coalesce(e.last_event_rate, p.deferral_rate, 0)) > 1e-9
    or coalesce(e.bad_escalation, false)
  )
