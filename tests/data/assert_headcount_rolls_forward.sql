-- end(N-1) + hires(N) - terminations(N) = end(N) and start(N) = end(N-1) for the year N just
-- built (hires and terminations counted from the events). Only years N-1 and N are read: the
-- earlier pairs were checked when their year was built, and those partitions have not changed.
with snapshot as (
    select
        simulation_year,
        count(*) filter (where employment_status = 'active') as ending_headcount,
        count(*) filter (where detailed_status_code in ('continuous_active', 'experienced_termination')) as starting_headcount
    from {{ ref('fct_workforce_snapshot') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year in ({{ var('year') }} - 1, {{ var('year') }})
    group by simulation_year
),
events as (
    select
        count(*) filter (where event_type = 'hire') as hires,
        count(*) filter (where event_type = 'termination') as terminations
    from {{ ref('fct_yearly_events') }}
    where scenario_id = '{{ var("scenario_id") }}'
      and simulation_year = {{ var('year') }}
)
select
    cur.simulation_year,
    prev.ending_headcount as previous_ending_headcount,
    cur.starting_headcount,
    e.hires,
    e.terminations,
    cur.ending_headcount
from snapshot cur
join snapshot prev on prev.simulation_year = cur.simulation_year - 1
cross join events e
where cur.simulation_year = {{ var('year') }}
  and (prev.ending_headcount <> cur.starting_headcount
       or prev.ending_headcount + coalesce(e.hires, 0) - coalesce(e.terminations, 0) <> cur.ending_headcount)
