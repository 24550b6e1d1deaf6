{#-
  New hires of year N: int_workforce_needs.total_hires people with ids NH_<year>_<seq>, a level
  and an age drawn from the new-hire distributions, pay at the lever's percentile of the level's
  band (+/- 10 points of jitter) times (1 + market adjustment), hire dates spread over the year
  (up to Dec 30, so a new-hire termination can still follow). The birth date travels in
  event_details so the snapshot can be rebuilt from events alone.
-#}
{% set year = var('year') %}
{% set seed = subsystem_seed('hiring') %}
with needs as (
    select total_hires from {{ ref('int_workforce_needs') }}
),
seqs as (
    select unnest(range(1, total_hires + 1)) as seq from needs
),
ids as (
    select seq, printf('NH_%d_%06d', {{ year }}, seq) as employee_id from seqs
),
hashes as (
    select
        seq,
        employee_id,
        {{ hash_hex('employee_id', "'hire_level_age'", seed, year) }} as h_level_age,
        {{ hash_hex('employee_id', "'hire_dates'", seed, year) }} as h_dates,
        {{ hash_hex('employee_id', "'hire_pay'", seed, year) }} as h_pay
    from ids
),
draws as (
    select
        seq,
        employee_id,
        {{ hex_uniform('h_level_age', 0) }} as u_level,
        {{ hex_uniform('h_level_age', 1) }} as u_age,
        {{ hex_uniform('h_dates', 0) }} as u_birth_day,
        {{ hex_uniform('h_dates', 1) }} as u_hire_date,
        {{ hex_uniform('h_pay', 0) }} as u_pay
    from hashes
),
dist as (
    select * from {{ ref('stg_config_new_hire_distributions') }}
),
placed as (
    select
        d.*,
        lv.value as level_id,
        ag.value as age
    from draws d
    join dist lv on lv.dimension = 'level' and d.u_level >= lv.cum_lo and d.u_level < lv.cum_hi
    join dist ag on ag.dimension = 'age' and d.u_age >= ag.cum_lo and d.u_age < ag.cum_hi
),
priced as (
    select
        p.*,
        cast(make_date({{ year }} - p.age, 1, 1) + cast(floor(p.u_birth_day * 365) as INTEGER) as DATE) as birth_date,
        cast({{ day_of_year('p.u_hire_date', year, days_in_year(year) ~ ' - 1') }} as DATE) as hire_date,
        cast(round(
            (jl.min_compensation + (jl.max_compensation - jl.min_compensation)
                * least(1.0, greatest(0.0, lv.new_hire_pay_percentile + (p.u_pay - 0.5) * 0.2)))
            * (1 + lv.market_adjustment), 2) as DECIMAL(18, 2)) as compensation
    from placed p
    join {{ ref('stg_config_job_levels') }} jl on jl.level_id = p.level_id
    join {{ ref('stg_comp_levers') }} lv on lv.level_id = p.level_id
)
select
    cast('{{ var("scenario_id") }}' as VARCHAR) as scenario_id,
    employee_id,
    cast({{ year }} as INTEGER) as simulation_year,
    'hire' as event_type,
    'new_hire' as event_category,
    hire_date as effective_date,
    compensation as compensation_amount,
    cast(null as DECIMAL(18, 2)) as previous_compensation,
    cast(level_id as INTEGER) as level_id,
    cast({{ year }} - year(birth_date) as INTEGER) as employee_age,
    0 as employee_tenure,
    cast(null as DOUBLE) as event_probability,
    '{"birth_date": "' || strftime(birth_date, '%Y-%m-%d') || '", "hire_sequence": ' || cast(seq as VARCHAR) || '}' as event_details,
    {{ no_plan_event_columns() }}
from priced
