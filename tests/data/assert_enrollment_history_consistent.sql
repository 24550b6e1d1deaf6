-- The year just built keeps the enrollment history consistent: nobody enrolls twice without an
-- opt-out in between, an opt-out follows an enrollment, and a deferral escalation happens only
-- while enrolled (never after an opt-out). The state before the year's first event is the
-- previous year's snapshot (is_enrolled), which assert_deferral_rate_changes_explained checks
-- against that year's events: year by year, the whole history is covered.
with previous as (
    select employee_id, is_enrolled
    from {{ ref('fct_workforce_snapshot') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ var('year') }} - 1
),
history as (
    select
        employee_id, event_sequence, event_type, event_category, effective_date,
        last_value(case when event_type in ('enrollment', 'enrollment_change') then event_type end ignore nulls) over (
            partition by employee_id order by event_sequence
            rows between unbounded preceding and 1 preceding) as previous_state_event
    from {{ ref('fct_yearly_events') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ var('year') }}
      and event_type in ('enrollment', 'enrollment_change', 'deferral_escalation')
),
checked as (
    select
        h.*,
        coalesce(h.previous_state_event = 'enrollment', p.is_enrolled, false) as enrolled_before
    from history h
    left join previous p on p.employee_id = h.employee_id
)
select *
from checked
where (event_type = 'enrollment' and enrolled_before)
   or (event_type in ('enrollment_change', 'deferral_escalation') and not enrolled_before)
