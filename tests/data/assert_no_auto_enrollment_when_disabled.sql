-- With auto_enrollment_enabled false (e.g. scenarios/no_auto_enrollment.yml) the year just built
-- has no auto-enrollment (and so no opt-out) events; with it on, opt-outs follow auto-enrollments only.
select employee_id, event_type, event_category, effective_date
from {{ ref('fct_yearly_events') }}
where scenario_id = '{{ var("scenario_id") }}'
  and simulation_year = {{ var('year') }}
{% if var('auto_enrollment_enabled') %}
  and false
{% else %}
  and event_category in ('auto_enrollment', 'opt_out')
{% endif %}
