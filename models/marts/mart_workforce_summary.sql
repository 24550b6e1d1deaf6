{#-
  The yearly summary of every scenario and year built so far (rebuilt each year from the facts):
  start and end headcount, hires, experienced and new-hire terminations, promotions, growth,
  average year-end pay of actives and total payroll (prorated pay of everyone employed); and the
  retirement plan: participation rate (enrolled / eligible actives at year end), average deferral
  rate of the enrolled actives, employee and employer contributions, forfeitures.
-#}
with snapshot as (
    select
        scenario_id,
        simulation_year,
        count(*) filter (where detailed_status_code in ('continuous_active', 'experienced_termination')) as starting_headcount,
        count(*) filter (where employment_status = 'active') as ending_headcount,
        count(*) filter (where detailed_status_code in ('new_hire_active', 'new_hire_termination')) as hires,
        count(*) filter (where detailed_status_code = 'experienced_termination') as experienced_terminations,
        count(*) filter (where detailed_status_code = 'new_hire_termination') as new_hire_terminations,
        avg(current_compensation) filter (where employment_status = 'active') as average_compensation,
        sum(prorated_annual_compensation) as total_payroll,
        count(*) filter (where employment_status = 'active' and eligibility_status = 'eligible') as eligible_headcount,
        count(*) filter (where employment_status = 'active' and is_enrolled) as participants,
        avg(deferral_rate) filter (where employment_status = 'active' and is_enrolled) as average_deferral_rate,
        sum(employee_contributions) as employee_contributions,
        sum(employer_match) as employer_match,
        sum(employer_core) as employer_core,
        sum(total_employer_cost) as employer_contributions,
        sum(forfeitures) as forfeitures
    from {{ ref('fct_workforce_snapshot') }}
    group by scenario_id, simulation_year
),
events as (
    select
        scenario_id,
        simulation_year,
        count(*) filter (where event_type = 'promotion') as promotions,
        count(*) filter (where event_type = 'raise') as raises
    from {{ ref('fct_yearly_events') }}
    group by scenario_id, simulation_year
)
select
    s.scenario_id,
    s.simulation_year,
    cast(s.starting_headcount as BIGINT) as starting_headcount,
    cast(s.ending_headcount as BIGINT) as ending_headcount,
    cast(s.hires as BIGINT) as hires,
    cast(s.experienced_terminations as BIGINT) as experienced_terminations,
    cast(s.new_hire_terminations as BIGINT) as new_hire_terminations,
    cast(s.experienced_terminations + s.new_hire_terminations as BIGINT) as total_terminations,
    cast(coalesce(e.promotions, 0) as BIGINT) as promotions,
    cast(coalesce(e.raises, 0) as BIGINT) as raises,
    cast(round(s.ending_headcount / nullif(s.starting_headcount, 0) - 1, 4) as DOUBLE) as growth_rate,
    cast(round(s.average_compensation, 2) as DECIMAL(18, 2)) as average_compensation,
    cast(s.total_payroll as DECIMAL(18, 2)) as total_payroll,
    cast(s.eligible_headcount as BIGINT) as eligible_headcount,
    cast(s.participants as BIGINT) as participants,
    cast(round(s.participants / nullif(s.eligible_headcount, 0), 4) as DOUBLE) as participation_rate,
    cast(round(s.average_deferral_rate, 4) as DOUBLE) as average_deferral_rate,
    cast(s.employee_contributions as DECIMAL(18, 2)) as employee_contributions,
    cast(s.employer_match as DECIMAL(18, 2)) as employer_match,
    cast(s.employer_core as DECIMAL(18, 2)) as employer_core,
    cast(s.employer_contributions as DECIMAL(18, 2)) as employer_contributions,
    cast(s.forfeitures as DECIMAL(18, 2)) as forfeitures
from snapshot s
left join events e on e.scenario_id = s.scenario_id and e.simulation_year = s.simulation_year
order by s.scenario_id, s.simulation_year
