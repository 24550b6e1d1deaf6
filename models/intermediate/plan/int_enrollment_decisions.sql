{#-
  The retirement plan's enrollment decisions of year N, one row per employee of the year (the
  starting workforce plus this year's hires): eligibility, census participation (first year),
  auto-enrollment, opt-out, voluntary enrollment, the deferral escalation, and the resulting
  year-end enrollment state and deferral rate. The state at the start of the year is year N-1's
  year-end state in int_plan_state_accumulator (read with prior()), or the census in the first
  year (census deferral_rate > 0 = a participant, who keeps the rate).
  A table rebuilt each year: it needs no pay event, so it is built while int_promotion_events
  and int_merit_events are (as an ephemeral model inlined into the accumulator it waited for
  them); int_plan_state_accumulator stores the result.
  The rules are documented in docs/flagship.md ("The retirement plan").
-#}
{{ config(materialized='table') }}
{% set year = var('year') %}
{% set first_year = var('start_year') %}
{% set seed = subsystem_seed('enrollment') %}
{% set year_start = 'make_date(' ~ year ~ ', 1, 1)' %}
{% set year_end = 'make_date(' ~ year ~ ', 12, 31)' %}
{% set escalation_day = 'make_date(' ~ year ~ ', ' ~ var('auto_escalation_effective_month') ~ ', ' ~ var('auto_escalation_effective_day') ~ ')' %}
{% set cap = var('auto_escalation_cap') %}
with terminations as (
    select employee_id, effective_date as termination_date from {{ ref('int_termination_events') }}
    union all
    select employee_id, effective_date from {{ ref('int_new_hire_termination_events') }}
),
population as (
    select
        employee_id, birth_date, hire_date, level_id, employee_age, employee_tenure,
        current_compensation as starting_compensation, scheduled_hours, false as is_new_hire
    from {{ ref('int_baseline_workforce') }}
    union all
    select
        employee_id, cast(json_extract_string(event_details, '$.birth_date') as DATE), effective_date,
        level_id, employee_age, employee_tenure, compensation_amount, 2080.0, true
    from {{ ref('int_hiring_events') }}
),
carried as (
{% if year > first_year %}
    -- Year N-1's year-end state of the people still employed.
    select
        employee_id,
        eligibility_date,
        is_eligible as was_eligible,
        enrollment_status as status_start,
        participation_detail as detail_start,
        deferral_rate as rate_start,
        enrollment_date as enrollment_date_start,
        ever_auto_enrolled,
        cast(null as DOUBLE) as census_rate
    from {{ prior('int_plan_state_accumulator', scenario_id=var('scenario_id'), simulation_year=year - 1) }}
    where termination_date is null
{% else %}
    -- The census: a deferral rate above 0 makes a participant who keeps that rate.
    select
        employee_id,
        cast(null as DATE) as eligibility_date,
        false as was_eligible,
        'not_enrolled' as status_start,
        'not_enrolled' as detail_start,
        0.0 as rate_start,
        cast(null as DATE) as enrollment_date_start,
        false as ever_auto_enrolled,
        case when deferral_rate > 0 then round(deferral_rate, 4) end as census_rate
    from {{ ref('stg_census') }}
{% endif %}
),
base as (
    select
        p.*,
        t.termination_date,
        greatest(p.hire_date, {{ year_start }}) as period_start,
        coalesce(t.termination_date, {{ year_end }}) as period_end,
        coalesce(c.was_eligible, false) as was_eligible,
        coalesce(c.status_start, 'not_enrolled') as status_start,
        c.detail_start,
        coalesce(c.rate_start, 0.0) as rate_start,
        c.enrollment_date_start,
        coalesce(c.ever_auto_enrolled, false) as ever_auto_enrolled,
        c.census_rate,
        -- Census participants are eligible (and enrolled) from the start of the simulation.
        coalesce(
            c.eligibility_date,
            least(
                greatest(p.hire_date + {{ var('plan_eligibility_waiting_days') }},
                         cast(p.birth_date + to_years({{ var('plan_eligibility_min_age') }}) as DATE)),
                case when c.census_rate is not null then greatest(p.hire_date, {{ year_start }}) end)
        ) as eligibility_date,
        {{ plan_band('p.employee_age', 'plan_age_bands') }} as age_band,
        {{ plan_band('p.starting_compensation', 'plan_income_bands') }} as income_band
    from population p
    left join terminations t on t.employee_id = p.employee_id
    left join carried c on c.employee_id = p.employee_id
),
timed as (
    select
        b.*,
        b.eligibility_date <= b.period_end as is_eligible,
        -- The auto-enrollment window opens at eligibility (Jan 1 of the first year for people
        -- eligible before the simulation) and enrolls at its end.
        greatest(b.eligibility_date, make_date({{ first_year }}, 1, 1)) + {{ var('auto_enrollment_window_days') }} as auto_enrollment_date,
        {% if var('auto_enrollment_enabled') %}
        b.status_start = 'not_enrolled' and not b.ever_auto_enrolled and b.census_rate is null
            and b.hire_date >= {{ auto_enrollment_cutoff() }}
        {% else %}
        false
        {% endif %} as on_auto_enrollment_track,
        greatest(b.eligibility_date, b.period_start) as voluntary_from,
        b.period_end - case when b.termination_date is null then 0 else 1 end as voluntary_to,
        least(1.0, {{ band_value('b.age_band', 'opt_out_rate_by_age') }} * {{ band_value('b.income_band', 'opt_out_income_multiplier') }}) as opt_out_probability,
        least(1.0, {{ band_value('b.age_band', 'voluntary_enrollment_rate_by_age') }} * {{ band_value('b.income_band', 'voluntary_enrollment_income_multiplier') }}
            * case when b.eligibility_date >= {{ year_start }} then 1.0 else {{ var('year_over_year_enrollment_factor') }} end) as voluntary_probability,
    from base b
),
drawn as (
    -- Draws only where they can matter (md5 is the costly part of this model): the people who
    -- are auto-enrolled this year may opt out; the people not enrolled may enroll voluntarily.
    select
        t.*,
        case when t.on_auto_enrollment_track and year(t.auto_enrollment_date) = {{ year }}
             then {{ hash_hex('t.employee_id', "'plan_opt_out'", seed, year) }} end as h_opt_out,
        case when t.census_rate is null and t.status_start <> 'enrolled'
                  and not (t.on_auto_enrollment_track and year(t.auto_enrollment_date) >= {{ year }})
             then {{ hash_hex('t.employee_id', "'plan_voluntary'", seed, year) }} end as h_voluntary
    from timed t
),
uniforms as (
    select
        d.*,
        {{ hex_uniform('d.h_opt_out', 0) }} as u_opt_out,
        {{ hex_uniform('d.h_opt_out', 1) }} as u_opt_out_day,
        {{ hex_uniform('d.h_voluntary', 0) }} as u_voluntary,
        {{ hex_uniform('d.h_voluntary', 1) }} as u_voluntary_day
    from drawn d
),
enrolled as (
    select
        t.*,
        case when t.census_rate is not null then greatest(t.hire_date, {{ year_start }}) end as census_enrollment_date,
        case when t.on_auto_enrollment_track
                  and year(t.auto_enrollment_date) = {{ year }}
                  and t.auto_enrollment_date >= t.hire_date
                  and (t.termination_date is null or t.termination_date > t.auto_enrollment_date)
             then t.auto_enrollment_date end as auto_enrolled_on,
        -- Voluntary: eligible people not enrolled, not waiting for auto-enrollment this or a later
        -- year (exactly those with a voluntary draw).
        case when t.u_voluntary is not null
                  and t.voluntary_from <= t.voluntary_to
                  and t.u_voluntary < t.voluntary_probability
             then t.voluntary_from + cast(floor(t.u_voluntary_day * (t.voluntary_to - t.voluntary_from + 1)) as INTEGER) end as voluntary_enrolled_on,
        d.deferral_rate as chosen_rate
    from uniforms t
    left join {{ ref('config_deferral_rate_choice') }} d on d.age_band = t.age_band and d.income_band = t.income_band
),
decided as (
    select
        e.*,
        coalesce(e.census_enrollment_date, e.auto_enrolled_on, e.voluntary_enrolled_on) as enrollment_event_date,
        case when e.census_enrollment_date is not null then 'census_participant'
             when e.auto_enrolled_on is not null then 'auto_enrollment'
             when e.voluntary_enrolled_on is not null and e.eligibility_date >= {{ year_start }} then 'voluntary_enrollment'
             when e.voluntary_enrolled_on is not null then 'year_over_year_enrollment' end as enrollment_category,
        case when e.census_enrollment_date is not null then e.census_rate
             when e.auto_enrolled_on is not null then {{ var('auto_enrollment_default_deferral') }}
             when e.voluntary_enrolled_on is not null then round(e.chosen_rate, 4) end as enrollment_rate,
        case when e.census_enrollment_date is not null then 1.0
             when e.auto_enrolled_on is not null then 1.0
             when e.voluntary_enrolled_on is not null then e.voluntary_probability end as enrollment_probability,
        -- Opt-out: some auto-enrollees leave within the opt-out period (never after a termination).
        case when e.auto_enrolled_on is not null and e.u_opt_out < e.opt_out_probability
                  and (e.termination_date is null
                       or least(e.auto_enrolled_on + 1 + cast(floor(e.u_opt_out_day * {{ var('auto_enrollment_opt_out_days') }}) as INTEGER), {{ year_end }}) <= e.termination_date)
             then least(e.auto_enrolled_on + 1 + cast(floor(e.u_opt_out_day * {{ var('auto_enrollment_opt_out_days') }}) as INTEGER), {{ year_end }}) end as opt_out_date
    from enrolled e
),
escalated as (
    select
        d.*,
        -- The rate in force on the escalation date, for people enrolled then.
        case when d.status_start = 'enrolled' then d.rate_start
             when d.enrollment_event_date <= {{ escalation_day }} then d.enrollment_rate end as rate_before_escalation,
        case when d.status_start = 'enrolled' then d.enrollment_date_start else d.enrollment_event_date end as enrolled_since
    from decided d
),
final as (
    select
        e.*,
        case when {{ 'true' if var('auto_escalation_enabled') else 'false' }}
                  and e.rate_before_escalation < {{ cap }}
                  and {{ year }} >= year(e.enrolled_since) + {{ var('auto_escalation_delay_years') }}
                  and e.hire_date <= {{ escalation_day }}
                  and (e.termination_date is null or e.termination_date > {{ escalation_day }})
                  and (e.opt_out_date is null or e.opt_out_date > {{ escalation_day }})
             then {{ escalation_day }} end as escalation_date
    from escalated e
)
select
    cast('{{ var("scenario_id") }}' as VARCHAR) as scenario_id,
    cast({{ year }} as INTEGER) as simulation_year,
    f.employee_id,
    f.birth_date,
    f.hire_date,
    f.termination_date,
    f.is_new_hire,
    cast(f.level_id as INTEGER) as level_id,
    cast(f.employee_age as INTEGER) as employee_age,
    cast(f.employee_tenure as INTEGER) as employee_tenure,
    cast(f.starting_compensation as DECIMAL(18, 2)) as starting_compensation,
    cast(f.scheduled_hours as DOUBLE) as scheduled_hours,
    f.period_start,
    f.period_end,
    f.age_band,
    f.income_band,
    -- Eligibility
    f.eligibility_date,
    f.is_eligible,
    case when not f.was_eligible and f.is_eligible then greatest(f.eligibility_date, f.period_start) end as eligibility_event_date,
    -- This year's enrollment events
    f.enrollment_event_date,
    cast(f.enrollment_category as VARCHAR) as enrollment_category,
    cast(f.enrollment_rate as DOUBLE) as enrollment_rate,
    cast(f.enrollment_probability as DOUBLE) as enrollment_probability,
    f.opt_out_date,
    cast(f.opt_out_probability as DOUBLE) as opt_out_probability,
    f.escalation_date,
    cast(case when f.escalation_date is not null then f.rate_before_escalation end as DOUBLE) as rate_before_escalation,
    cast(case when f.escalation_date is not null
              then round(least(f.rate_before_escalation + {{ var('auto_escalation_increment') }}, {{ cap }}), 4) end as DOUBLE) as escalated_rate,
    -- The enrolled part of the year and its rates (escalation_date splits it), for contributions
    case when f.status_start = 'enrolled' then f.period_start else f.enrollment_event_date end as enrolled_from,
    case when f.status_start = 'enrolled' or f.enrollment_event_date is not null
         then coalesce(f.opt_out_date - 1, f.period_end) end as enrolled_until,
    cast(case when f.status_start = 'enrolled' then f.rate_start else f.enrollment_rate end as DOUBLE) as initial_rate,
    -- Year-end state (read back by year N+1)
    cast(case when f.opt_out_date is not null then 'opted_out'
              when f.status_start = 'enrolled' or f.enrollment_event_date is not null then 'enrolled'
              else f.status_start end as VARCHAR) as enrollment_status,
    cast(case when f.opt_out_date is not null then 'opted_out'
              when f.status_start = 'enrolled' then f.detail_start
              when f.enrollment_category = 'census_participant' then 'census'
              when f.enrollment_category = 'auto_enrollment' then 'auto_enrolled'
              when f.enrollment_category is not null then 'voluntary'
              else f.status_start end as VARCHAR) as participation_detail,
    cast(case when f.opt_out_date is not null then 0.0
              when f.escalation_date is not null then round(least(f.rate_before_escalation + {{ var('auto_escalation_increment') }}, {{ cap }}), 4)
              when f.status_start = 'enrolled' then f.rate_start
              when f.enrollment_event_date is not null then f.enrollment_rate
              else 0.0 end as DOUBLE) as deferral_rate,
    case when f.opt_out_date is null then f.enrolled_since end as enrollment_date,
    f.ever_auto_enrolled or f.auto_enrolled_on is not null as ever_auto_enrolled
from final f
