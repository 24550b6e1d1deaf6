-- The year just built: deferrals within the 402(g) limit for the employee's age (catch-up at 50+,
-- the higher catch-up at 60-63) and only from people enrolled at some point of the year; match and
-- core never negative and within the plan's highest rates on pay capped at 401(a)(17); no employer
-- money for people not eligible for it (plan eligibility and hours worked, recomputed here from
-- scheduled hours and the days employed); annual additions within 415(c).
with irs as (
    select * from {{ ref('config_irs_limits') }} where plan_year = {{ var('year') }}
),
rows as (
    select
        s.*,
        s.employee_contributions + s.employer_match + s.employer_core
            - greatest(0, s.employee_contributions - irs.employee_deferral_limit) as annual_additions,
        {{ deferral_limit('s.current_age') }} as deferral_limit,
        irs.annual_additions_limit,
        least(s.prorated_annual_compensation, irs.compensation_limit) as capped_pay,
        s.scheduled_hours
            * (coalesce(s.termination_date, make_date({{ var('year') }}, 12, 31))
               - greatest(s.employee_hire_date, make_date({{ var('year') }}, 1, 1)) + 1)
            / {{ days_in_year(var('year')) }} as hours_worked
    from {{ ref('fct_workforce_snapshot') }} s
    cross join irs
    where s.scenario_id = '{{ var("scenario_id") }}'
      and s.simulation_year = {{ var('year') }}
),
previous as (
    select employee_id, is_enrolled, participation_detail
    from {{ ref('fct_workforce_snapshot') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ var('year') }} - 1
)
select r.employee_id, r.current_age, r.employee_contributions, r.deferral_limit, r.employer_match, r.employer_core,
       r.capped_pay, r.hours_worked, r.eligibility_status, r.annual_additions, r.annual_additions_limit
from rows r
left join previous p on p.employee_id = r.employee_id
where r.employee_contributions > r.deferral_limit
   or least(r.employee_contributions, r.employer_match, r.employer_core) < 0
   or r.employer_match > {{ max_match_percentage() }} * r.capped_pay + 0.01
   or r.employer_core > {{ max_core_rate() }} * r.capped_pay + 0.01
   or (r.employer_match + r.employer_core > 0
       and (r.eligibility_status <> 'eligible' or r.hours_worked < {{ var('employer_hours_threshold') }}))
   or r.annual_additions > r.annual_additions_limit + 0.01
   -- deferrals need an enrollment during the year: enrolled at its start or end, or opted out in it
   or (r.employee_contributions > 0 and not r.is_enrolled and not coalesce(p.is_enrolled, false)
       and not (r.participation_detail = 'opted_out' and p.participation_detail is distinct from 'opted_out'))
