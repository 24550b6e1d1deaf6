-- Over the current scenario's years up to the one just built, an employee's enrollment history
-- alternates: nobody enrolls twice without an opt-out in between, an opt-out follows an enrollment,
-- and a deferral escalation happens only while enrolled (never after an opt-out).
with history as (
    select
        employee_id, simulation_year, event_sequence, event_type, event_category, effective_date,
        last_value(case when event_type in ('enrollment', 'enrollment_change') then event_type end ignore nulls) over (
            partition by employee_id order by simulation_year, event_sequence
            rows between unbounded preceding and 1 preceding) as previous_state_event
    from {{ ref('fct_yearly_events') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year <= {{ var('year') }}
      and event_type in ('enrollment', 'enrollment_change', 'deferral_escalation')
)
select *
from history
where simulation_year = {{ var('year') }}
  and (
       (event_type = 'enrollment' and previous_state_event = 'enrollment')
    or (event_type = 'enrollment_change' and previous_state_event is distinct from 'enrollment')
    or (event_type = 'deferral_escalation' and previous_state_event is distinct from 'enrollment')
  )
