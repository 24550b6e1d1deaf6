-- Every deferral rate and enrollment state of the year just built is explained by the events: the
-- rate of the employee's last enrollment / opt-out / escalation event of the year, else the rate
-- at the end of the year before (0 for people new to the simulation); enrolled at year end exactly
-- when the last enrollment / opt-out event is an enrollment, else as the year before.
-- Escalations raise the rate and never past the cap.
with rate_events as (
    select
        employee_id,
        arg_max(employee_deferral_rate, event_sequence) as last_event_rate,
        arg_max(event_type, event_sequence) filter (where event_type in ('enrollment', 'enrollment_change')) as last_state_event,
        bool_or(event_type = 'deferral_escalation'
                and (employee_deferral_rate <= previous_deferral_rate or employee_deferral_rate > {{ var('auto_escalation_cap') }})) as bad_escalation
    from {{ ref('fct_yearly_events') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ var('year') }}
      and event_type in ('enrollment', 'enrollment_change', 'deferral_escalation')
    group by employee_id
),
previous as (
    select employee_id, deferral_rate, is_enrolled
    from {{ ref('fct_workforce_snapshot') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ var('year') }} - 1
)
select s.employee_id, s.deferral_rate, p.deferral_rate as previous_rate, e.last_event_rate, e.bad_escalation,
       s.is_enrolled, p.is_enrolled as previously_enrolled, e.last_state_event
from {{ ref('fct_workforce_snapshot') }} s
left join rate_events e on e.employee_id = s.employee_id
left join previous p on p.employee_id = s.employee_id
where s.scenario_id = '{{ var("scenario_id") }}'
  and s.simulation_year = {{ var('year') }}
  and (
       abs(s.deferral_rate - coalesce(e.last_event_rate, p.deferral_rate, 0)) > 1e-9
    or coalesce(e.bad_escalation, false)
    or s.is_enrolled <> coalesce(e.last_state_event = 'enrollment', p.is_enrolled, false)
  )
